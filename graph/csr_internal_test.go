package graph

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestBuildCSRMatchesStableSort: the rows that buildCSR makes by two
// counting sorts are those of a stable comparison sort of the arcs by
// (source, target): the same targets, the same flow counts, and weights
// summed in input order to the same bits, directed and symmetric, with
// many duplicate arcs, self-free, and with its buffers reused from one
// call to the next.
func TestBuildCSRMatchesStableSort(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 7))
	var arcsBuf, scratch []arc
	for trial := range 200 {
		nn := 1 + rng.IntN(40)
		m := rng.IntN(300)
		arcs := arcsBuf[:0]
		for range m {
			s, u := int32(rng.IntN(nn)), int32(rng.IntN(nn))
			if s == u {
				continue
			}
			// Weights whose sums depend on their order.
			arcs = append(arcs, arc{s, u, math.Ldexp(1+rng.Float64(), rng.IntN(60)-30)})
		}
		want := slices.Clone(arcs)
		slices.SortStableFunc(want, func(a, b arc) int {
			if c := cmp.Compare(a.s, b.s); c != 0 {
				return c
			}
			return cmp.Compare(a.t, b.t)
		})
		symmetric := trial%2 == 1
		p := &Projection{Nodes: make([]int32, nn), Symmetric: symmetric}
		arcsBuf, scratch = buildCSR(p, arcs, scratch)
		k := 0
		for i := range nn {
			for x := p.OutOff[i]; x < p.OutOff[i+1]; x++ {
				if k >= len(want) || want[k].s != int32(i) || want[k].t != p.Out[x] {
					t.Fatalf("trial %d: row %d entry %d: target %d, want arc %v", trial, i, x, p.Out[x], want[min(k, len(want)-1)])
				}
				sum, n := 0.0, 0
				for ; k < len(want) && want[k].s == int32(i) && want[k].t == p.Out[x]; k++ {
					sum += want[k].w
					n++
				}
				if math.Float64bits(sum) != math.Float64bits(p.OutW[x]) || int32(n) != p.OutFlows[x] {
					t.Fatalf("trial %d: arc %d→%d: weight %v over %d flows, want %v over %d", trial, i, p.Out[x], p.OutW[x], p.OutFlows[x], sum, n)
				}
			}
		}
		if k != len(want) {
			t.Fatalf("trial %d: %d of %d arcs in the rows", trial, k, len(want))
		}
	}
}
