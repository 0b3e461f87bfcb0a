package graph_test

import (
	"slices"
	"testing"

	"github.com/copnet/copnet/graph"
)

// TestUndirectedProjection checks the rows of an undirected network by
// hand: flows a→b (2), b→a (3), b→c (1), c→c (self) and d→a (1).
func TestUndirectedProjection(t *testing.T) {
	b := graph.NewBuilder()
	b.SetUndirected(true)
	for _, f := range []struct {
		s, t string
		w    float64
	}{{"a", "b", 2}, {"b", "a", 3}, {"b", "c", 1}, {"c", "c", 1}, {"d", "a", 1}} {
		s, _, _ := b.Member(f.s)
		d, _, _ := b.Member(f.t)
		if err := b.AddFlow(graph.Flow{Source: s, Target: d, Weight: f.w, Community: graph.None, Kind: graph.None}, nil); err != nil {
			t.Fatal(err)
		}
	}
	net := b.Network()
	if !net.Undirected {
		t.Fatal("Undirected not recorded")
	}
	p := net.Project(net.All(), graph.Organization, graph.ProjectOptions{})
	if !p.Symmetric {
		t.Fatal("projection not marked Symmetric")
	}
	// Nodes a=0, b=1, c=2, d=3; edges {a,b} 5, {b,c} 1, {a,d} 1.
	if got, want := p.Arcs(), 6; got != want {
		t.Errorf("arcs = %d, want %d (two per edge)", got, want)
	}
	if got, want := p.Edges(), 3; got != want {
		t.Errorf("edges = %d, want %d", got, want)
	}
	for _, c := range []struct {
		i, j  int
		w     float64
		flows int
	}{{0, 1, 5, 2}, {1, 0, 5, 2}, {1, 2, 1, 1}, {2, 1, 1, 1}, {0, 3, 1, 1}, {3, 0, 1, 1}} {
		if w, ok := p.ArcWeight(c.i, c.j); !ok || w != c.w {
			t.Errorf("w(%d→%d) = %v, %v; want %v", c.i, c.j, w, ok, c.w)
		}
		if w, ok := p.EdgeWeight(c.i, c.j); !ok || w != c.w {
			t.Errorf("edge weight {%d,%d} = %v, %v; want %v (the pair's flows, once)", c.i, c.j, w, ok, c.w)
		}
		if got := p.ArcFlows(c.i, c.j); got != c.flows {
			t.Errorf("flows on %d→%d = %d, want %d", c.i, c.j, got, c.flows)
		}
	}
	for i := range p.Nodes {
		if !slices.Equal(p.Successors(i), p.Predecessors(i)) || !slices.Equal(p.Successors(i), p.Neighbours(i)) {
			t.Errorf("node %d: successors %v, predecessors %v, neighbours %v; want equal rows", i, p.Successors(i), p.Predecessors(i), p.Neighbours(i))
		}
	}
	sent, received := p.FlowCounts()
	if want := []int{3, 3, 1, 1}; !slices.Equal(sent, want) || !slices.Equal(received, want) {
		t.Errorf("flow counts %v, %v; want %v both (every flow a member took part in)", sent, received, want)
	}
	if p.Flows != 5 || p.SelfFlows != 1 || p.Weight != 8 {
		t.Errorf("flows %d, self %d, weight %v; want 5, 1, 8", p.Flows, p.SelfFlows, p.Weight)
	}
}

// TestDirectedUnchanged: the same flows read as directed keep one arc per
// ordered pair and w(u→v)+w(v→u) on edges.
func TestDirectedUnchanged(t *testing.T) {
	b := graph.NewBuilder()
	a, _, _ := b.Member("a")
	c, _, _ := b.Member("b")
	for _, f := range [][3]float64{{0, 1, 2}, {1, 0, 3}} {
		s, d := a, c
		if f[0] == 1 {
			s, d = c, a
		}
		if err := b.AddFlow(graph.Flow{Source: s, Target: d, Weight: f[2], Community: graph.None, Kind: graph.None}, nil); err != nil {
			t.Fatal(err)
		}
	}
	net := b.Network()
	p := net.Project(net.All(), graph.Organization, graph.ProjectOptions{})
	if w, _ := p.EdgeWeight(0, 1); p.Symmetric || p.Arcs() != 2 || w != 5 {
		t.Errorf("directed: symmetric %v, arcs %d, edge weight %v; want false, 2, 5", p.Symmetric, p.Arcs(), w)
	}
}
