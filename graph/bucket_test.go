package graph_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/copnet/copnet/graph"
	"github.com/copnet/copnet/io/csvio"
)

// TestProjectOnceMatchesReused: the rows that Network.Project builds from
// buckets of the flows are those a reused Projector builds by sorting its
// arcs, to the bit, for every scope of monthly and whole-period windows,
// with and without the inactive members, on directed and undirected real
// data.
func TestProjectOnceMatchesReused(t *testing.T) {
	email, _, err := csvio.Load("../testdata/email-eu-core", csvio.Options{})
	if err != nil {
		t.Fatal(err)
	}
	karate, _, err := csvio.Load("../testdata/karate", csvio.Options{})
	if err != nil {
		t.Fatal(err)
	}
	demo, _, err := csvio.Demo()
	if err != nil {
		t.Fatal(err)
	}
	if !karate.Undirected || email.Undirected {
		t.Fatalf("want karate undirected and email-eu-core directed")
	}
	// The real datasets weigh every flow 1, which any order sums alike;
	// the generated ones weigh them over twenty orders of magnitude.
	nets := map[string]*graph.Network{"email-eu-core": email, "karate": karate, "demo": demo,
		"weighted": weightedNet(t, 1, false), "weighted-undirected": weightedNet(t, 2, true)}
	for name, net := range nets {
		ws := []graph.Window{net.All()}
		if net.HasTime {
			monthly, err := net.Windows(graph.WindowSpec{Unit: graph.Month})
			if err != nil {
				t.Fatal(err)
			}
			ws = append(ws, monthly...)
		}
		pr := graph.NewProjector(net)
		compared := 0
		for _, w := range ws {
			for _, s := range net.Scopes() {
				for _, all := range []bool{false, true} {
					opt := graph.ProjectOptions{AllMembers: all}
					once, reused := net.Project(w, s, opt), pr.Project(w, s, opt)
					if msg := sameProjection(once, reused); msg != "" {
						t.Fatalf("%s window %d scope %v all %v: %s", name, w.Index, s, all, msg)
					}
					compared += len(once.Out)
				}
			}
		}
		if compared == 0 {
			t.Fatalf("%s: no arcs compared", name)
		}
	}
}

// weightedNet builds 120 members in 4 communities and 6,000 flows over six
// months, many repeated, 5% self-flows, a third without a community, with
// lognormal weights whose sums depend on their order.
func weightedNet(t *testing.T, seed uint64, undirected bool) *graph.Network {
	t.Helper()
	rng := rand.New(rand.NewPCG(seed, 77))
	b := graph.NewBuilder()
	b.SetHasTime(true)
	b.SetUndirected(undirected)
	const members, comms = 120, 4
	for c := range comms {
		if _, err := b.AddCommunity(graph.Community{ID: fmt.Sprint("c", c)}); err != nil {
			t.Fatal(err)
		}
	}
	for m := range members {
		if _, err := b.AddMember(graph.Member{ID: fmt.Sprint("m", m), Communities: []int32{int32(m % comms)}}); err != nil {
			t.Fatal(err)
		}
	}
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).UnixNano()
	for k := range 6000 {
		s := int32(rng.IntN(members / 2)) // half the members send, so pairs repeat
		d := int32(rng.IntN(members))
		if rng.IntN(20) == 0 {
			d = s
		}
		comm := int32(graph.None)
		if rng.IntN(3) > 0 {
			comm = s % comms
		}
		f := graph.Flow{Source: s, Target: d, Time: start + int64(k)*int64(45*time.Minute),
			Weight: math.Exp(rng.NormFloat64() * 8), Community: comm, Kind: graph.None}
		if err := b.AddFlow(f, nil); err != nil {
			t.Fatal(err)
		}
	}
	return b.Network()
}

func sameProjection(a, b *graph.Projection) string {
	bits := func(x []float64) []uint64 {
		out := make([]uint64, len(x))
		for i, v := range x {
			out[i] = math.Float64bits(v)
		}
		return out
	}
	for _, c := range []struct {
		name string
		x, y []int32
	}{{"Nodes", a.Nodes, b.Nodes}, {"OutOff", a.OutOff, b.OutOff}, {"Out", a.Out, b.Out}, {"OutFlows", a.OutFlows, b.OutFlows},
		{"InOff", a.InOff, b.InOff}, {"In", a.In, b.In}, {"UOff", a.UOff, b.UOff}, {"U", a.U, b.U}} {
		if !slices.Equal(c.x, c.y) {
			return c.name + " differ"
		}
	}
	for _, c := range []struct {
		name string
		x, y []float64
	}{{"OutW", a.OutW, b.OutW}, {"InW", a.InW, b.InW}, {"UW", a.UW, b.UW}} {
		if !slices.Equal(bits(c.x), bits(c.y)) {
			return c.name + " differ"
		}
	}
	if !slices.Equal(a.Active, b.Active) {
		return "Active differ"
	}
	if fmt.Sprint(a.Flows, a.SelfFlows, a.Weight, a.NActive) != fmt.Sprint(b.Flows, b.SelfFlows, b.Weight, b.NActive) {
		return "counts differ"
	}
	return ""
}
