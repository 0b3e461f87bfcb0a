package metrics

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/copnet/copnet/graph"
)

// Modularity is Newman's modularity of a partition of the undirected,
// weighted projection (NetworkX's modularity with resolution γ):
//
//	Q = Σ_c [ L_c/m − γ (d_c / 2m)² ]
//
// with m the total edge weight, L_c the weight inside community c and d_c
// the total strength of its nodes. labels[i] is node i's community (any
// non-negative integers). NaN without edges.
func Modularity(p *graph.Projection, labels []int32, resolution float64) float64 {
	// Strengths by label in a slice when the labels are few enough, as
	// Louvain's and the declared communities' are; in a map otherwise.
	maxLabel := int32(-1)
	for _, l := range labels {
		maxLabel = max(maxLabel, l)
	}
	var dense []float64
	var sparse map[int32]float64
	if int(maxLabel) < 4*len(labels)+1024 {
		dense = make([]float64, maxLabel+1)
	} else {
		sparse = map[int32]float64{}
	}
	m2 := 0.0
	inside := 0.0
	for i := range p.Nodes {
		li := labels[i]
		for k := p.UOff[i]; k < p.UOff[i+1]; k++ {
			w := p.UW[k]
			m2 += w
			if dense != nil {
				dense[li] += w
			} else {
				sparse[li] += w
			}
			if labels[p.U[k]] == li {
				inside += w
			}
		}
	}
	if m2 == 0 {
		return math.NaN()
	}
	// Sum the strengths in label order for a reproducible result; a label
	// without strength subtracts nothing.
	q := inside / m2
	if dense == nil {
		for _, c := range sortedKeys(sparse) {
			d := sparse[c] / m2
			q -= resolution * d * d
		}
		return q
	}
	for _, t := range dense {
		if t != 0 {
			d := t / m2
			q -= resolution * d * d
		}
	}
	return q
}

func sortedKeys(m map[int32]float64) []int32 {
	keys := make([]int32, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// Louvain detects communities of the undirected, weighted projection by
// the Louvain method (Blondel et al. 2008) with resolution γ: nodes move
// to the neighbouring community with the best modularity gain, first
// visited in an order shuffled by a PCG source seeded with seed, then as
// their neighbours move (fast local moving), until no move improves;
// communities then become nodes and the process repeats. It
// returns each node's community, numbered from 0 in order of the lowest
// node index, and the partition's modularity.
func Louvain(p *graph.Projection, resolution float64, seed uint64) ([]int32, float64) {
	n := p.N()
	rng := rand.New(rand.NewPCG(seed, 0x6c6f757661696e))
	// The level graph: CSR with weights; self-loop weights stay in the
	// node strength only. The first level reads the projection's own
	// rows: no level writes its graph.
	lg := levelGraph{off: p.UOff, adj: p.U, w: p.UW}
	lg.strength = make([]float64, n)
	for i := range n {
		for k := lg.off[i]; k < lg.off[i+1]; k++ {
			lg.strength[i] += lg.w[k]
		}
	}
	member := make([]int32, n) // original node → current level node
	for i := range member {
		member[i] = int32(i)
	}
	for {
		comm, moved := lg.moveNodes(resolution, rng)
		if !moved {
			break
		}
		next, relabel := lg.aggregate(comm)
		for i := range member {
			member[i] = relabel[comm[member[i]]]
		}
		lg = next
	}
	labels := canonical(member)
	return labels, Modularity(p, labels, resolution)
}

type levelGraph struct {
	off      []int32
	adj      []int32
	w        []float64
	strength []float64
}

// moveNodes moves nodes to the neighbouring community of best modularity
// gain until none improves, by fast local moving (Ozaki, Tezuka & Inaba
// 2016; Traag, Waltman & van Eck 2019): the nodes wait in a queue, first
// in an order shuffled by rng; a node that moves puts back in the queue
// its neighbours outside its new community that are not already waiting,
// since only their gains changed. Nodes whose neighbourhood is settled are
// not visited again, where a full pass would visit every node until a pass
// moves none. It reports whether any node changed community.
func (g *levelGraph) moveNodes(resolution float64, rng *rand.Rand) ([]int32, bool) {
	n := len(g.strength)
	comm := make([]int32, n)
	tot := make([]float64, n)
	m2 := 0.0
	for i := range n {
		comm[i] = int32(i)
		tot[i] = g.strength[i]
		m2 += g.strength[i]
	}
	if m2 == 0 {
		return comm, false
	}
	// queue is a ring of the waiting nodes: each waits at most once, so n
	// slots hold them all.
	queue := make([]int32, n)
	for k, i := range rng.Perm(n) {
		queue[k] = int32(i)
	}
	waiting := make([]bool, n)
	for i := range waiting {
		waiting[i] = true
	}
	head, size := 0, n
	weightTo := make([]float64, n)
	var touched []int32
	movedAny := false
	// Each move gains more than 1e-12, so the queue empties; visits are
	// bounded all the same (by the 1,000 full passes of the plain method),
	// since with large weights rounding can exceed that margin.
	for visits := 0; size > 0 && visits < 1000*n; visits++ {
		i := queue[head]
		head++
		if head == n {
			head = 0
		}
		size--
		waiting[i] = false
		ci := comm[i]
		ki := g.strength[i]
		touched = touched[:0]
		for k := g.off[i]; k < g.off[i+1]; k++ {
			j := g.adj[k]
			if j == i {
				continue
			}
			c := comm[j]
			if weightTo[c] == 0 {
				touched = append(touched, c)
			}
			weightTo[c] += g.w[k]
		}
		tot[ci] -= ki
		best, bestGain := ci, weightTo[ci]-resolution*tot[ci]*ki/m2
		// Ties keep the node where it is (or the first better community
		// met), so the result depends only on the order.
		for _, c := range touched {
			if gain := weightTo[c] - resolution*tot[c]*ki/m2; gain > bestGain+1e-12 {
				best, bestGain = c, gain
			}
		}
		tot[best] += ki
		for _, c := range touched {
			weightTo[c] = 0
		}
		weightTo[ci] = 0
		if best == ci {
			continue
		}
		comm[i] = best
		movedAny = true
		for k := g.off[i]; k < g.off[i+1]; k++ {
			j := g.adj[k]
			if comm[j] != best && !waiting[j] {
				waiting[j] = true
				t := head + size
				if t >= n {
					t -= n
				}
				queue[t] = j
				size++
			}
		}
	}
	return comm, movedAny
}

// aggregate builds the graph of communities; relabel maps a community id
// to its new node.
func (g *levelGraph) aggregate(comm []int32) (levelGraph, []int32) {
	n := len(g.strength)
	relabel := make([]int32, n)
	for i := range relabel {
		relabel[i] = -1
	}
	k := int32(0)
	for i := range n {
		if relabel[comm[i]] < 0 {
			relabel[comm[i]] = k
			k++
		}
	}
	next := levelGraph{strength: make([]float64, k), off: make([]int32, k+1)}
	// The nodes of each community, ascending (a counting sort), so that a
	// community's row sums its members' arcs in node order.
	start := make([]int32, k+1)
	for i := range n {
		start[relabel[comm[i]]+1]++
	}
	for a := range k {
		start[a+1] += start[a]
	}
	byComm := make([]int32, n)
	fill := append([]int32(nil), start[:k]...)
	for i := range n {
		a := relabel[comm[i]]
		byComm[fill[a]] = int32(i)
		fill[a]++
	}
	weight := make([]float64, k)
	seen := make([]int32, k) // seen[b] = a+1 once b is in row a
	var touched []int32
	for a := range k {
		touched = touched[:0]
		for _, i := range byComm[start[a]:start[a+1]] {
			next.strength[a] += g.strength[i]
			for e := g.off[i]; e < g.off[i+1]; e++ {
				b := relabel[comm[g.adj[e]]]
				if a == b {
					continue
				}
				if seen[b] != a+1 {
					seen[b] = a + 1
					touched = append(touched, b)
				}
				weight[b] += g.w[e]
			}
		}
		slices.Sort(touched)
		for _, b := range touched {
			next.adj = append(next.adj, b)
			next.w = append(next.w, weight[b])
			weight[b] = 0
		}
		next.off[a+1] = int32(len(next.adj))
	}
	return next, relabel
}

// canonical renumbers labels from 0 in order of first appearance.
func canonical(labels []int32) []int32 {
	seen := map[int32]int32{}
	out := make([]int32, len(labels))
	for i, l := range labels {
		c, ok := seen[l]
		if !ok {
			c = int32(len(seen))
			seen[l] = c
		}
		out[i] = c
	}
	return out
}

// NMI is the normalized mutual information 2·I(X;Y)/(H(X)+H(Y)) of two
// labelings of the same items (arithmetic normalization, as
// scikit-learn's default); 1 when both are single blocks, NaN without
// items.
func NMI(x, y []int32) float64 {
	n := float64(len(x))
	if len(x) == 0 {
		return math.NaN()
	}
	type pair struct{ a, b int32 }
	joint := map[pair]float64{}
	px, py := map[int32]float64{}, map[int32]float64{}
	for i := range x {
		joint[pair{x[i], y[i]}]++
		px[x[i]]++
		py[y[i]]++
	}
	entropy := func(m map[int32]float64) float64 {
		h := 0.0
		for _, k := range sortedKeys(m) {
			p := m[k] / n
			h -= p * math.Log(p)
		}
		return h
	}
	hx, hy := entropy(px), entropy(py)
	if hx+hy == 0 {
		return 1
	}
	keys := make([]pair, 0, len(joint))
	for k := range joint {
		keys = append(keys, k)
	}
	// Order the terms for a reproducible sum.
	slices.SortFunc(keys, func(p, q pair) int {
		if c := cmp.Compare(p.a, q.a); c != 0 {
			return c
		}
		return cmp.Compare(p.b, q.b)
	})
	mi := 0.0
	for _, k := range keys {
		pxy := joint[k] / n
		mi += pxy * math.Log(pxy/(px[k.a]/n*py[k.b]/n))
	}
	return 2 * mi / (hx + hy)
}
