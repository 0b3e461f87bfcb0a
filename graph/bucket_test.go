package graph_test

import (
	"fmt"
	"math"
	"slices"
	"testing"

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
	for name, net := range map[string]*graph.Network{"email-eu-core": email, "karate": karate, "demo": demo} {
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
