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
	order, queue []int32
}

func newBrandes(n int) *brandes {
	b := &brandes{sigma: make([]float64, n), delta: make([]float64, n), dist: make([]int32, n)}
	for i := range b.dist {
		b.dist[i] = -1
	}
	return b
}

// single adds the dependencies of source s to acc.
func (b *brandes) single(p *graph.Projection, s int, acc []float64) {
	b.order, b.queue = b.order[:0], append(b.queue[:0], int32(s))
	b.sigma[s], b.dist[s] = 1, 0
	for h := 0; h < len(b.queue); h++ {
		v := b.queue[h]
		b.order = append(b.order, v)
		for _, w := range p.Successors(int(v)) {
			if b.dist[w] < 0 {
				b.dist[w] = b.dist[v] + 1
				b.queue = append(b.queue, w)
			}
			if b.dist[w] == b.dist[v]+1 {
				b.sigma[w] += b.sigma[v]
			}
		}
	}
	for k := len(b.order) - 1; k >= 0; k-- {
		w := b.order[k]
		for _, v := range p.Predecessors(int(w)) {
			if b.dist[v] >= 0 && b.dist[v] == b.dist[w]-1 {
				b.delta[v] += b.sigma[v] / b.sigma[w] * (1 + b.delta[w])
			}
		}
		if int(w) != s {
			acc[w] += b.delta[w]
		}
	}
	for _, v := range b.order {
		b.sigma[v], b.delta[v], b.dist[v] = 0, 0, -1
	}
}
