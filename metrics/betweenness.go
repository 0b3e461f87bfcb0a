package metrics

import (
	"math/rand/v2"
	"slices"

	"github.com/copnet/copnet/graph"
)

// BetweennessResult holds betweenness centrality and how it was computed.
type BetweennessResult struct {
	// Values are indexed by local node.
	Values []float64
	// Exact is true when every node was a source; otherwise Sources lists
	// the sampled source nodes (local indices, ascending).
	Exact   bool
	Sources []int32
}

// Betweenness computes the betweenness centrality of the directed,
// unweighted projection (shortest paths by hops) with Brandes' algorithm,
// normalized as NetworkX does for directed graphs: 1/((n−1)(n−2)).
//
// With pivots ≤ 0 or pivots ≥ n it is exact. Otherwise pivots sources are
// drawn without replacement from a PCG source seeded with seed and the sums
// are scaled by n/pivots, as NetworkX's betweenness_centrality(k=…) does
// (its sources come from Python's generator, so individual values differ;
// the estimator is the same).
//
// Sources are processed by workers in fixed blocks whose partial sums are
// added in block order, so the result does not depend on the number of
// workers.
func Betweenness(p *graph.Projection, pivots int, seed uint64, workers int) BetweennessResult {
	n := p.N()
	res := BetweennessResult{Values: make([]float64, n), Exact: pivots <= 0 || pivots >= n}
	sources := make([]int32, n)
	for i := range sources {
		sources[i] = int32(i)
	}
	if !res.Exact {
		rng := rand.New(rand.NewPCG(seed, 0x6265747765656e))
		for i := range pivots {
			j := i + rng.IntN(n-i)
			sources[i], sources[j] = sources[j], sources[i]
		}
		sources = sources[:pivots]
		slices.Sort(sources)
		res.Sources = sources
	}
	const block = 32
	nb := (len(sources) + block - 1) / block
	partial := make([][]float64, nb)
	parallel(nb, workers, func() *brandes { return newBrandes(n) }, func(b *brandes, j int) {
		acc := make([]float64, n)
		for _, s := range sources[j*block : min((j+1)*block, len(sources))] {
			b.single(p, int(s), acc)
		}
		partial[j] = acc
	})
	for _, acc := range partial {
		for i, x := range acc {
			res.Values[i] += x
		}
	}
	if n > 2 {
		scale := 1 / (float64(n-1) * float64(n-2))
		if !res.Exact {
			scale *= float64(n) / float64(len(sources))
		}
		for i := range res.Values {
			res.Values[i] *= scale
		}
	}
	return res
}

// brandes is the scratch space of one worker.
type brandes struct {
	sigma, delta []float64
	dist         []int32
	order        []int32
}

func newBrandes(n int) *brandes {
	b := &brandes{sigma: make([]float64, n), delta: make([]float64, n), dist: make([]int32, n), order: make([]int32, 0, n)}
	for i := range b.dist {
		b.dist[i] = -1
	}
	return b
}

// single adds the dependencies of source s to acc. The breadth-first
// order doubles as the queue. Dependencies are accumulated over
// successors rather than predecessors: with c_w = (1 + δ_w)/σ_w, final
// once w is done,
//
//	δ_v = σ_v Σ_{w ∈ succ(v), d(w) = d(v)+1} c_w
//
// which reads the same CSR rows as the forward pass and divides once per
// node instead of once per arc.
func (b *brandes) single(p *graph.Projection, s int, acc []float64) {
	sigma, delta, dist := b.sigma, b.delta, b.dist
	order := append(b.order[:0], int32(s))
	sigma[s], dist[s] = 1, 0
	off, out := p.OutOff, p.Out
	for h := 0; h < len(order); h++ {
		v := order[h]
		dv, sv := dist[v]+1, sigma[v]
		for _, w := range out[off[v]:off[v+1]] {
			dw := dist[w]
			if dw < 0 {
				dist[w] = dv
				order = append(order, w)
				sigma[w] = sv
			} else if dw == dv {
				sigma[w] += sv
			}
		}
	}
	// delta holds c_w once w is done.
	for k := len(order) - 1; k >= 0; k-- {
		v := order[k]
		dn := dist[v] + 1
		sum := 0.0
		for _, w := range out[off[v]:off[v+1]] {
			if dist[w] == dn {
				sum += delta[w]
			}
		}
		dep := sigma[v] * sum
		if int(v) != s {
			acc[v] += dep
		}
		delta[v] = (1 + dep) / sigma[v]
	}
	for _, v := range order {
		sigma[v], delta[v], dist[v] = 0, 0, -1
	}
	b.order = order
}
