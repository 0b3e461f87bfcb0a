package metrics_test

import (
	"math"
	"strconv"
	"testing"

	"github.com/copnet/copnet/graph"
	"github.com/copnet/copnet/metrics"
)

// named builds a network from weighted arcs between named members.
func named(t *testing.T, arcs []struct {
	s, t string
	w    float64
}) *graph.Network {
	t.Helper()
	b := graph.NewBuilder()
	for _, a := range arcs {
		s, _, _ := b.Member(a.s)
		d, _, _ := b.Member(a.t)
		if err := b.AddFlow(graph.Flow{Source: s, Target: d, Weight: a.w, Community: graph.None, Kind: graph.None}, nil); err != nil {
			t.Fatal(err)
		}
	}
	return b.Network()
}

type arcT = struct {
	s, t string
	w    float64
}

// TestHolesPublished checks Borgatti's structural-holes example (the graph
// of his "Structural holes: unpacking Burt's redundancy measures", also
// NetworkX's test) and the directed example of NetworkX's documentation.
func TestHolesPublished(t *testing.T) {
	edges := []string{"AB", "AF", "AG", "AE", "EG", "FG", "BG", "BD", "DG", "GC"}
	weights := map[string]float64{"AB": 2, "AF": 3, "AG": 5, "AE": 2, "EG": 8, "FG": 3, "BG": 4, "BD": 1, "DG": 3, "GC": 10}
	var plain, weighted []arcT
	for _, e := range edges {
		plain = append(plain, arcT{e[:1], e[1:], 1})
		weighted = append(weighted, arcT{e[:1], e[1:], weights[e]})
	}
	check := func(name string, net *graph.Network, want map[string][2]float64, tol float64) {
		p := net.Project(net.All(), graph.Organization, graph.ProjectOptions{})
		h := metrics.StructuralHoles(p)
		for id, w := range want {
			m, _ := net.MemberIndex(id)
			i, _ := p.Local(m)
			if math.Abs(h.Constraint[i]-w[0]) > tol || (!math.IsNaN(w[1]) && math.Abs(h.EffectiveSize[i]-w[1]) > tol) {
				t.Errorf("%s %s: constraint %.4f effective size %.4f, want %.3f %.2f", name, id, h.Constraint[i], h.EffectiveSize[i], w[0], w[1])
			}
		}
	}
	check("plain", named(t, plain), map[string][2]float64{"G": {0.400, 4.67}, "A": {0.595, 2.50}, "C": {1, 1}}, 5e-3)
	check("weighted", named(t, weighted), map[string][2]float64{"G": {0.299, math.NaN()}, "A": {0.795, math.NaN()}}, 5e-4)
	check("directed", named(t, []arcT{{"0", "1", 1}, {"0", "2", 1}, {"1", "0", 1}, {"2", "1", 1}}),
		map[string][2]float64{"0": {1.003, math.NaN()}, "1": {1.003, math.NaN()}, "2": {1.389, math.NaN()}}, 5e-4)
}

// TestHierarchyByHand: a star has equal constraint terms (hierarchy 0); two
// contacts with unequal terms give the closed form.
func TestHierarchyByHand(t *testing.T) {
	star := named(t, []arcT{{"c", "a", 1}, {"c", "b", 1}, {"c", "d", 1}})
	p := star.Project(star.All(), graph.Organization, graph.ProjectOptions{})
	h := metrics.StructuralHoles(p)
	if h.Hierarchy[0] != 0 || !math.IsNaN(h.Hierarchy[1]) {
		t.Errorf("star: hierarchy of the centre %v (want 0), of a leaf %v (want NaN)", h.Hierarchy[0], h.Hierarchy[1])
	}
	// c tied to a (weight 3) and b (weight 1), a and b not tied: terms
	// (3/4)² and (1/4)², C = 10/16; r = (9/16)/(5/16) = 1.8 and 0.2.
	two := named(t, []arcT{{"c", "a", 3}, {"c", "b", 1}})
	p = two.Project(two.All(), graph.Organization, graph.ProjectOptions{})
	h = metrics.StructuralHoles(p)
	want := (1.8*math.Log(1.8) + 0.2*math.Log(0.2)) / (2 * math.Log(2))
	if math.Abs(h.Hierarchy[0]-want) > 1e-12 || math.Abs(h.Constraint[0]-10.0/16) > 1e-12 {
		t.Errorf("hierarchy %v constraint %v, want %v %v", h.Hierarchy[0], h.Constraint[0], want, 10.0/16)
	}
}

// TestHolesMatchNetworkX compares constraint and effective size with
// NetworkX on the undirected projection with summed weights, member by
// member, on karate and email-eu-core (testdata/reference/holes_*.csv.gz,
// made by socialcapital.py).
func TestHolesMatchNetworkX(t *testing.T) {
	for _, name := range []string{"karate", "email-eu-core"} {
		net := load(t, "../testdata/"+name)
		p := net.Project(net.All(), graph.Organization, graph.ProjectOptions{AllMembers: true})
		h := metrics.StructuralHoles(p)
		for _, rec := range readTable(t, "../testdata/reference/holes_"+name+".csv.gz") {
			m, _ := net.MemberIndex(rec[0])
			i, _ := p.Local(m)
			for col, got := range []float64{h.Constraint[i], h.EffectiveSize[i]} {
				want := math.NaN()
				if rec[1+col] != "" {
					want, _ = strconv.ParseFloat(rec[1+col], 64)
				}
				if !(math.IsNaN(got) && math.IsNaN(want)) && !(math.Abs(got-want) <= 1e-9) {
					t.Errorf("%s member %s %s: %v, NetworkX %v", name, rec[0], []string{"constraint", "effective size"}[col], got, want)
				}
			}
		}
	}
}

// TestParallelHolesAndBrokerage: splitting the nodes over workers gives
// the serial figures exactly, for any number of workers (email-eu-core has
// several blocks of nodes).
func TestParallelHolesAndBrokerage(t *testing.T) {
	net := load(t, "../testdata/email-eu-core")
	p := net.Project(net.All(), graph.Organization, graph.ProjectOptions{AllMembers: true})
	serial := metrics.StructuralHoles(p)
	groups := metrics.Groups(net, p)
	brok := metrics.Brokerages(p, groups)
	same := func(a, b float64) bool { return a == b || (math.IsNaN(a) && math.IsNaN(b)) }
	for _, workers := range []int{0, 2, 3, 8} {
		h := metrics.StructuralHolesParallel(p, workers)
		for i := range serial.Constraint {
			if !same(h.Constraint[i], serial.Constraint[i]) || !same(h.EffectiveSize[i], serial.EffectiveSize[i]) ||
				!same(h.Efficiency[i], serial.Efficiency[i]) || !same(h.Hierarchy[i], serial.Hierarchy[i]) {
				t.Fatalf("%d workers, node %d: holes %v %v %v %v, serial %v %v %v %v", workers, i,
					h.Constraint[i], h.EffectiveSize[i], h.Efficiency[i], h.Hierarchy[i],
					serial.Constraint[i], serial.EffectiveSize[i], serial.Efficiency[i], serial.Hierarchy[i])
			}
		}
		b := metrics.BrokeragesParallel(p, groups, workers)
		for i := range brok {
			if b[i] != brok[i] {
				t.Fatalf("%d workers, node %d: brokerage %+v, serial %+v", workers, i, b[i], brok[i])
			}
		}
	}
}
