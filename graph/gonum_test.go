package graph_test

import (
	"strconv"
	"testing"

	gonumgraph "gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/simple"
	"gonum.org/v1/gonum/graph/testgraph"

	"github.com/copnet/copnet/graph"
)

// projectionBuilder builds a projection holding the test's nodes and
// edges. Node IDs are member indices, which cannot be negative: such cases
// are skipped, as testgraph allows.
func projectionBuilder(directed bool) testgraph.Builder {
	return func(nodes []gonumgraph.Node, edges []testgraph.WeightedLine, self, absent float64) (gonumgraph.Graph, []gonumgraph.Node, []testgraph.Edge, float64, float64, bool) {
		maxID := int64(-1)
		for _, n := range nodes {
			maxID = max(maxID, n.ID())
		}
		for _, e := range edges {
			maxID = max(maxID, e.From().ID(), e.To().ID())
			if e.From().ID() < 0 || e.To().ID() < 0 {
				return nil, nil, nil, 0, 0, false
			}
		}
		for _, n := range nodes {
			if n.ID() < 0 {
				return nil, nil, nil, 0, 0, false
			}
		}
		// Keep the last weight of repeated edges, as gonum's simple graphs
		// do, by giving the projection one flow per distinct pair.
		type pair struct{ u, v int64 }
		last := map[pair]float64{}
		var order []pair
		for _, e := range edges {
			u, v := e.From().ID(), e.To().ID()
			if u == v {
				continue
			}
			if !directed && u > v {
				u, v = v, u
			}
			k := pair{u, v}
			if _, ok := last[k]; !ok {
				order = append(order, k)
			}
			last[k] = e.Weight()
		}
		seen := map[int64]bool{}
		var ns []gonumgraph.Node
		add := func(n gonumgraph.Node) {
			if !seen[n.ID()] {
				seen[n.ID()] = true
				ns = append(ns, n)
			}
		}
		for _, n := range nodes {
			add(simple.Node(n.ID()))
		}
		for _, k := range order {
			add(simple.Node(k.u))
			add(simple.Node(k.v))
		}
		// The test's nodes are the members of community 0; the members
		// filling the gaps between IDs are outside it, so projecting the
		// community with AllMembers yields exactly the test's nodes.
		b := graph.NewBuilder()
		if _, err := b.AddCommunity(graph.Community{ID: "test"}); err != nil {
			panic(err)
		}
		for i := int64(0); i <= maxID; i++ {
			m := graph.Member{ID: strconv.FormatInt(i, 10)}
			if seen[i] {
				m.Communities = []int32{0}
			}
			if _, err := b.AddMember(m); err != nil {
				panic(err)
			}
		}
		var out []testgraph.Edge
		for _, k := range order {
			w := last[k]
			if !(w > 0) {
				// Flows carry positive weights only.
				return nil, nil, nil, 0, 0, false
			}
			if err := b.AddFlow(graph.Flow{Source: int32(k.u), Target: int32(k.v), Weight: w, Community: graph.None, Kind: graph.None}, nil); err != nil {
				panic(err)
			}
			out = append(out, simple.WeightedEdge{F: simple.Node(k.u), T: simple.Node(k.v), W: w})
		}
		net := b.Network()
		p := net.Project(net.All(), 0, graph.ProjectOptions{AllMembers: true})
		if directed {
			d := p.Directed()
			d.Self, d.Absent = self, absent
			return d, ns, out, self, absent, true
		}
		u := p.Undirected()
		u.Self, u.Absent = self, absent
		return u, ns, out, self, absent, true
	}
}

func TestDirectedContract(t *testing.T) {
	b := projectionBuilder(true)
	t.Run("EdgeExistence", func(t *testing.T) { testgraph.EdgeExistence(t, b, true) })
	t.Run("NodeExistence", func(t *testing.T) { testgraph.NodeExistence(t, b) })
	t.Run("ReturnAdjacentNodes", func(t *testing.T) { testgraph.ReturnAdjacentNodes(t, b, true, true) })
	t.Run("ReturnAllEdges", func(t *testing.T) { testgraph.ReturnAllEdges(t, b, true) })
	t.Run("ReturnAllNodes", func(t *testing.T) { testgraph.ReturnAllNodes(t, b, true) })
	t.Run("ReturnAllWeightedEdges", func(t *testing.T) { testgraph.ReturnAllWeightedEdges(t, b, true) })
	t.Run("ReturnEdgeSlice", func(t *testing.T) { testgraph.ReturnEdgeSlice(t, b, true) })
	t.Run("ReturnWeightedEdgeSlice", func(t *testing.T) { testgraph.ReturnWeightedEdgeSlice(t, b, true) })
	t.Run("ReturnNodeSlice", func(t *testing.T) { testgraph.ReturnNodeSlice(t, b, true) })
	t.Run("Weight", func(t *testing.T) { testgraph.Weight(t, b) })
}

func TestUndirectedContract(t *testing.T) {
	b := projectionBuilder(false)
	t.Run("EdgeExistence", func(t *testing.T) { testgraph.EdgeExistence(t, b, false) })
	t.Run("NodeExistence", func(t *testing.T) { testgraph.NodeExistence(t, b) })
	t.Run("ReturnAdjacentNodes", func(t *testing.T) { testgraph.ReturnAdjacentNodes(t, b, true, false) })
	t.Run("ReturnAllEdges", func(t *testing.T) { testgraph.ReturnAllEdges(t, b, true) })
	t.Run("ReturnAllNodes", func(t *testing.T) { testgraph.ReturnAllNodes(t, b, true) })
	t.Run("ReturnAllWeightedEdges", func(t *testing.T) { testgraph.ReturnAllWeightedEdges(t, b, true) })
	t.Run("ReturnEdgeSlice", func(t *testing.T) { testgraph.ReturnEdgeSlice(t, b, true) })
	t.Run("ReturnWeightedEdgeSlice", func(t *testing.T) { testgraph.ReturnWeightedEdgeSlice(t, b, true) })
	t.Run("ReturnNodeSlice", func(t *testing.T) { testgraph.ReturnNodeSlice(t, b, true) })
	t.Run("Weight", func(t *testing.T) { testgraph.Weight(t, b) })
}
