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
	return betweenness(p, nil, pivots, seed, workers)
}

// betweenness is Betweenness on the subgraph of p induced by nodes (local
// indices, ascending; nil: every node): n is len(nodes), sources are drawn
// among them, and Values and Sources are indexed by position in nodes.
// Given the active nodes of the projection of every member, it computes
// exactly what Betweenness computes on the projection of the active
// members, whose nodes and rows are the same, in the same order.
func betweenness(p *graph.Projection, nodes []int32, pivots int, seed uint64, workers int) BetweennessResult {
	if nodes == nil {
		nodes = make([]int32, p.N())
		for i := range nodes {
			nodes[i] = int32(i)
		}
	}
	n := len(nodes)
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
	// The workers run on a copy of the graph whose nodes are numbered by
	// decreasing in-degree, so that the entries read most (one read per
	// arc into the node) share cache lines. Each row keeps its order, so
	// the searches meet nodes, and add terms, exactly as on the original.
	g := byInDegree(p, nodes)
	const block = 32
	nb := (len(sources) + block - 1) / block
	partial := make([][]float64, nb)
	parallel(nb, workers, func() *brandes { return newBrandes(n) }, func(b *brandes, j int) {
		acc := make([]float64, n)
		for _, s := range sources[j*block : min((j+1)*block, len(sources))] {
			b.single(g, int(g.id[s]), acc)
		}
		partial[j] = acc
	})
	for _, acc := range partial {
		for i := range res.Values {
			res.Values[i] += acc[g.id[i]]
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

// csr is a directed graph by rows of successors; id maps a position in
// the nodes it was built from to its number here.
type csr struct {
	off, out, id []int32
}

// byInDegree renumbers nodes, the k-th being p's node nodes[k], by
// decreasing in-degree (ties by position); id maps a position in nodes to
// its number.
func byInDegree(p *graph.Projection, nodes []int32) csr {
	n := len(nodes)
	perm := make([]int32, n) // positions in nodes
	for i := range perm {
		perm[i] = int32(i)
	}
	slices.SortStableFunc(perm, func(a, b int32) int { return p.InDegree(int(nodes[b])) - p.InDegree(int(nodes[a])) })
	g := csr{off: make([]int32, n+1), out: make([]int32, 0, len(p.Out)), id: make([]int32, n)}
	for k, v := range perm {
		g.id[v] = int32(k)
	}
	// at maps p's node to its number (-1: not among nodes).
	at := make([]int32, p.N())
	for i := range at {
		at[i] = -1
	}
	for k, v := range nodes {
		at[v] = g.id[k]
	}
	for k, v := range perm {
		for _, w := range p.Successors(int(nodes[v])) {
			if at[w] >= 0 { // an induced subgraph: arcs leaving it go
				g.out = append(g.out, at[w])
			}
		}
		g.off[k+1] = int32(len(g.out))
	}
	return g
}

// brandes is the scratch space of one worker. Distances (-1: not met)
// lie apart from path counts: most arcs lead to a node met earlier, and
// their test reads the distances alone, a quarter of the bytes of both.
type brandes struct {
	dist []int32
	// val is σ_v in the forward pass and c_v = (1 + δ_v)/σ_v once v is
	// done in the backward pass (σ_v is then no longer needed).
	val   []float64
	order []int32
	// dag[dagOff[k]:dagOff[k+1]] are the successors w of order[k] with
	// d(w) = d(v)+1, in the order of v's row: the backward pass reads
	// only the arcs of shortest paths.
	dag, dagOff []int32
}

func newBrandes(n int) *brandes {
	b := &brandes{dist: make([]int32, n), val: make([]float64, n), order: make([]int32, 0, n), dagOff: make([]int32, 0, n+1)}
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
// which divides once per node instead of once per arc; the forward pass
// lists those successors as it meets them.
func (b *brandes) single(g csr, s int, acc []float64) {
	dist, val := b.dist, b.val
	order := append(b.order[:0], int32(s))
	dag, dagOff := b.dag[:0], append(b.dagOff[:0], 0)
	dist[s], val[s] = 0, 1
	off, out := g.off, g.out
	for h := 0; h < len(order); h++ {
		v := order[h]
		dv, sv := dist[v]+1, val[v]
		for _, w := range out[off[v]:off[v+1]] {
			if d := dist[w]; d < 0 {
				dist[w], val[w] = dv, sv
				order = append(order, w)
				dag = append(dag, w)
			} else if d == dv {
				val[w] += sv
				dag = append(dag, w)
			}
		}
		dagOff = append(dagOff, int32(len(dag)))
	}
	// The successors w at distance d(v)+1 are done before v: they come
	// later in the order.
	for k := len(order) - 1; k >= 0; k-- {
		v := order[k]
		sum := 0.0
		for _, w := range dag[dagOff[k]:dagOff[k+1]] {
			sum += val[w]
		}
		sigma := val[v]
		dep := sigma * sum
		if int(v) != s {
			acc[v] += dep
		}
		val[v] = (1 + dep) / sigma
	}
	for _, v := range order {
		dist[v] = -1
	}
	b.order, b.dag, b.dagOff = order, dag, dagOff
}
