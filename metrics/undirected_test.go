package metrics_test

import (
	"math"
	"testing"

	"github.com/copnet/copnet/graph"
	"github.com/copnet/copnet/metrics"
)

// undirectedNet builds an undirected network from "a b" pairs; members
// are declared with their group (community), in order.
func undirectedNet(t *testing.T, groups map[string]string, order []string, pairs [][2]string) *graph.Network {
	t.Helper()
	b := graph.NewBuilder()
	b.SetUndirected(true)
	for _, m := range order {
		c, _, err := b.Community(groups[m])
		if err != nil {
			t.Fatal(err)
		}
		if _, err := b.AddMember(graph.Member{ID: m, Communities: []int32{c}}); err != nil {
			t.Fatal(err)
		}
	}
	for _, p := range pairs {
		s, _, _ := b.Member(p[0])
		d, _, _ := b.Member(p[1])
		if err := b.AddFlow(graph.Flow{Source: s, Target: d, Weight: 1, Community: graph.None, Kind: graph.None}, nil); err != nil {
			t.Fatal(err)
		}
	}
	return b.Network()
}

// TestUndirectedBrokerage checks the undirected two-path convention by
// hand. v (group X) is tied to a (X), b (Y), c (Y) and d (Z); b and c are
// tied. The unordered pairs of v's neighbours that are not tied: {a,b},
// {a,c}, {a,d} (one end in v's group: representative), {b,d}, {c,d}
// (three groups: liaison). {b,c} is closed.
func TestUndirectedBrokerage(t *testing.T) {
	groups := map[string]string{"v": "X", "a": "X", "b": "Y", "c": "Y", "d": "Z"}
	net := undirectedNet(t, groups, []string{"v", "a", "b", "c", "d"},
		[][2]string{{"v", "a"}, {"b", "v"}, {"v", "c"}, {"d", "v"}, {"b", "c"}})
	sc, err := metrics.SocialCapitalOf(net, metrics.SocialCapitalOptions{})
	if err != nil {
		t.Fatal(err)
	}
	got := sc.Members[0].Brokerage
	want := metrics.Brokerage{Representative: 3, Gatekeeper: -1, Liaison: 2, Total: 5}
	if got != want {
		t.Errorf("v: brokerage %+v, want %+v", got, want)
	}
	// b's neighbours v and c are tied: nothing brokered.
	if got := sc.Members[2].Brokerage; got != (metrics.Brokerage{Gatekeeper: -1}) {
		t.Errorf("b: brokerage %+v, want none", got)
	}
	for _, mc := range sc.Members {
		if !math.IsNaN(mc.ReciprocatedShare) {
			t.Errorf("member %d: reciprocated share %v, want NaN", mc.Member, mc.ReciprocatedShare)
		}
	}
	// Mean tie strength: each tie carries one flow of weight 1, counted
	// once; no tie is repeated.
	if v := sc.Members[0]; v.MeanTieStrength != 1 || v.RepeatedTieShare != 0 || v.Strength != 4 {
		t.Errorf("v: mean tie strength %v, repeated %v, strength %v; want 1, 0, 4", v.MeanTieStrength, v.RepeatedTieShare, v.Strength)
	}
}

// TestUndirectedExchange: density is the undirected density, intensity
// counts each flow once, reciprocity and ρ are undefined.
func TestUndirectedExchange(t *testing.T) {
	groups := map[string]string{"a": "X", "b": "X", "c": "X"}
	// a–b twice (once each way), b–c once: 2 edges among 3, weight 3.
	net := undirectedNet(t, groups, []string{"a", "b", "c"}, [][2]string{{"a", "b"}, {"b", "a"}, {"b", "c"}})
	p := net.Project(net.All(), graph.Organization, graph.ProjectOptions{})
	e := metrics.ExchangeOf(p)
	if e.Density != 2.0/3 || e.Weight != 3 || e.Intensity != 1 || e.Edges != 2 || e.Arcs != 4 {
		t.Errorf("density %v, weight %v, intensity %v, edges %d, arcs %d; want 2/3, 3, 1, 2, 4", e.Density, e.Weight, e.Intensity, e.Edges, e.Arcs)
	}
	if !math.IsNaN(e.Reciprocity) || !math.IsNaN(e.GLRho) {
		t.Errorf("reciprocity %v, ρ %v; want NaN", e.Reciprocity, e.GLRho)
	}
	sc, err := metrics.SocialCapitalOf(net, metrics.SocialCapitalOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// a's one tie carries two flows: repeated.
	if a := sc.Members[0]; a.RepeatedTieShare != 1 || a.MeanTieStrength != 2 {
		t.Errorf("a: repeated %v, mean tie strength %v; want 1, 2", a.RepeatedTieShare, a.MeanTieStrength)
	}
}
