package metrics

import (
	"cmp"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"unsafe"

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
		lo, hi := p.UOff[i], p.UOff[i+1]
		ws := p.UW[lo:hi]
		if dense == nil {
			for k, j := range p.U[lo:hi] {
				w := ws[k]
				m2 += w
				sparse[li] += w
				if labels[j] == li {
					inside += w
				}
			}
			continue
		}
		// The label's strength is summed in a register, arc after arc
		// as in the slice: the same additions in the same order.
		d := dense[li]
		for k, j := range p.U[lo:hi] {
			w := ws[k]
			m2 += w
			d += w
			// Adding +0 leaves the (non-negative) sum as it is.
			in := 0.0
			if labels[j] == li {
				in = w
			}
			inside += in
		}
		dense[li] = d
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
//
// The moves are sequential; the node strengths and a large level's graph
// of communities are built on up to GOMAXPROCS goroutines, each node and
// each row by one of them, so the result does not depend on their number.
func Louvain(p *graph.Projection, resolution float64, seed uint64) ([]int32, float64) {
	return louvain(p, resolution, seed, 0)
}

// louvain is Louvain on up to workers goroutines (GOMAXPROCS when
// workers ≤ 0).
func louvain(p *graph.Projection, resolution float64, seed uint64, workers int) ([]int32, float64) {
	n := p.N()
	rng := rand.New(rand.NewPCG(seed, 0x6c6f757661696e))
	// The level graph: CSR with weights; self-loop weights stay in the
	// node strength only. The first level reads the projection's own
	// rows: no level writes its graph.
	lg := levelGraph{off: p.UOff, adj: p.U, w: p.UW}
	lg.strength = make([]float64, n)
	parallelNodes(n, workers, func() struct{} { return struct{}{} }, func(_ struct{}, i int) {
		s := 0.0
		for _, w := range lg.w[lg.off[i]:lg.off[i+1]] {
			s += w
		}
		lg.strength[i] = s
	})
	member := make([]int32, n) // original node → current level node
	for i := range member {
		member[i] = int32(i)
	}
	for {
		comm, moved := lg.moveNodes(resolution, rng)
		if !moved {
			break
		}
		next, relabel := lg.aggregate(comm, workers)
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
//
// The queue visits nodes in no memory order, so each visit starts with
// cache misses (the node's offsets, row, strength and community); the
// next nodes are known, and their lines are asked for one to three
// visits ahead.
func (g *levelGraph) moveNodes(resolution float64, rng *rand.Rand) ([]int32, bool) {
	n := len(g.strength)
	comm := make([]int32, n)
	// acc[c] keeps together what a visit reads of a community c: its
	// total strength and the weight of the visited node's arcs to it.
	acc := make([]commAcc, n)
	m2 := 0.0
	maxDeg := int32(0)
	for i := range n {
		comm[i] = int32(i)
		acc[i].tot = g.strength[i]
		m2 += g.strength[i]
		maxDeg = max(maxDeg, g.off[i+1]-g.off[i])
	}
	if m2 == 0 {
		return comm, false
	}
	// queue is a ring of the waiting nodes, first in the order of
	// rng.Perm(n) (shuffled in place): each waits at most once, so n
	// slots hold them all; waiting has a bit per node.
	queue := make([]int32, n)
	for i := range queue {
		queue[i] = int32(i)
	}
	rng.Shuffle(n, func(i, j int) { queue[i], queue[j] = queue[j], queue[i] })
	waiting := make([]uint64, (n+63)/64)
	for i := range waiting {
		waiting[i] = ^uint64(0)
	}
	head, size := 0, n
	// touched lists the communities of the node's neighbours in the order
	// first met: a community's weight is 0 until met (as weights are
	// positive; one whose sum comes back to 0 is listed again).
	touched := make([]int32, maxDeg)
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
		g.prefetchNext(queue, head, size, comm, acc)
		waiting[i>>6] &^= 1 << (uint(i) & 63)
		ci := comm[i]
		ki := g.strength[i]
		lo, hi := g.off[i], g.off[i+1]
		adj, w := g.adj[lo:hi], g.w[lo:hi]
		w = w[:len(adj)]
		nt := 0
		for k, j := range adj {
			if j == i {
				continue
			}
			c := comm[j]
			a := &acc[c]
			x := a.w
			// Written always, kept when first met: no branch to miss.
			touched[nt] = c
			if x == 0 {
				nt++
			}
			a.w = x + w[k]
		}
		ai := &acc[ci]
		ai.tot -= ki
		best, bestGain := ci, ai.w-resolution*ai.tot*ki/m2
		// Ties keep the node where it is (or the first better community
		// met), so the result depends only on the order.
		for _, c := range touched[:nt] {
			a := &acc[c]
			if gain := a.w - resolution*a.tot*ki/m2; gain > bestGain+1e-12 {
				best, bestGain = c, gain
			}
		}
		// Reset once every gain is known: a community listed twice (its
		// weight came back to 0 on the way) is scored twice alike.
		for _, c := range touched[:nt] {
			acc[c].w = 0
		}
		ai.w = 0
		acc[best].tot += ki
		if best == ci {
			continue
		}
		comm[i] = best
		movedAny = true
		for _, j := range adj {
			if comm[j] != best && waiting[j>>6]&(1<<(uint(j)&63)) == 0 {
				waiting[j>>6] |= 1 << (uint(j) & 63)
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

// commAcc is what a visit of moveNodes reads of a community, in one
// cache line.
type commAcc struct {
	w   float64 // weight of the visited node's arcs to the community
	tot float64 // total strength of the community's nodes
}

// prefetchNext asks for the offsets of the node three places ahead in the
// queue, for the row, strength and community of the node two places
// ahead, and for the community line of the next node: each is known
// once the one before it has arrived.
func (g *levelGraph) prefetchNext(queue []int32, head, size int, comm []int32, acc []commAcc) {
	if size == 0 {
		return
	}
	at := func(d int) int32 {
		h := head + d
		if h >= len(queue) {
			h -= len(queue)
		}
		return queue[h]
	}
	if size > 2 {
		prefetch(unsafe.Pointer(&g.off[at(2)]))
	}
	if size > 1 {
		n2 := at(1)
		if o, e := g.off[n2], g.off[n2+1]; o < e {
			prefetch(unsafe.Pointer(&g.adj[o]))
			prefetch(unsafe.Pointer(&g.w[o]))
			if e-o > 8 {
				prefetch(unsafe.Pointer(&g.w[o+8]))
			}
			if e-o > 16 {
				prefetch(unsafe.Pointer(&g.adj[o+16]))
				prefetch(unsafe.Pointer(&g.w[o+16]))
			}
		}
		prefetch(unsafe.Pointer(&g.strength[n2]))
		prefetch(unsafe.Pointer(&comm[n2]))
	}
	prefetch(unsafe.Pointer(&acc[comm[queue[head]]]))
}

// aggregate builds the graph of communities on up to workers goroutines;
// relabel maps a community id to its new node.
func (g *levelGraph) aggregate(comm []int32, workers int) (levelGraph, []int32) {
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
	// node[i] is node i's new node; the counting sort below lists the
	// nodes of each new node ascending, so that its row sums its
	// members' arcs in node order.
	node := make([]int32, n)
	start := make([]int32, k+1)
	for i := range n {
		node[i] = relabel[comm[i]]
		start[node[i]+1]++
	}
	for a := range k {
		start[a+1] += start[a]
	}
	byComm := make([]int32, n)
	fill := append([]int32(nil), start[:k]...)
	for i, a := range node {
		byComm[fill[a]] = int32(i)
		fill[a]++
	}
	next := levelGraph{strength: make([]float64, k), off: make([]int32, k+1)}
	// The new rows are built in parts of contiguous new nodes with about
	// as many arcs to read each, then laid end to end.
	parts := communityParts(g, byComm, start, workers)
	rows := make([]rowPart, len(parts)-1)
	build := func(x int) {
		rows[x] = g.aggregateRows(node, byComm, start, parts[x], parts[x+1], next.strength)
	}
	if len(rows) == 1 {
		build(0)
	} else {
		parallel(len(rows), workers, func() struct{} { return struct{}{} }, func(_ struct{}, x int) { build(x) })
	}
	total := 0
	for _, r := range rows {
		total += len(r.adj)
	}
	next.adj = make([]int32, 0, total)
	next.w = make([]float64, 0, total)
	for x, r := range rows {
		base := int32(len(next.adj))
		for a := parts[x]; a < parts[x+1]; a++ {
			next.off[a+1] = base + r.off[a-parts[x]+1]
		}
		next.adj = append(next.adj, r.adj...)
		next.w = append(next.w, r.w...)
	}
	return next, relabel
}

// shareArcs is the size, in arcs, from which a level's graph of
// communities is built in parts.
const shareArcs = 1 << 18

// communityParts splits the new nodes [0, k) into at most workers parts
// of contiguous new nodes with about as many arcs to read each, as
// bounds: part x is [parts[x], parts[x+1]). Small graphs make one part.
func communityParts(g *levelGraph, byComm, start []int32, workers int) []int32 {
	k := int32(len(start) - 1)
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	arcs := len(g.adj)
	if workers == 1 || arcs < shareArcs {
		return []int32{0, k}
	}
	parts := []int32{0}
	share := arcs/workers + 1
	read := 0
	for a := range k {
		for _, i := range byComm[start[a]:start[a+1]] {
			read += int(g.off[i+1] - g.off[i])
		}
		if read >= share*len(parts) && len(parts) < workers {
			parts = append(parts, a+1)
		}
	}
	if parts[len(parts)-1] != k {
		parts = append(parts, k)
	}
	return parts
}

// rowPart holds the rows of a part of the new nodes, off from 0.
type rowPart struct {
	off []int32
	adj []int32
	w   []float64
}

// aggregateRows builds the rows of the new nodes [from, to) and their
// strengths (in strength, which the parts share without overlap).
func (g *levelGraph) aggregateRows(node, byComm, start []int32, from, to int32, strength []float64) rowPart {
	k := len(start) - 1
	r := rowPart{off: make([]int32, to-from+1)}
	weight := make([]float64, k)
	seen := make([]int32, k) // seen[b] = a+1 once b is in row a
	var touched []int32
	for a := from; a < to; a++ {
		touched = touched[:0]
		members := byComm[start[a]:start[a+1]]
		for x, i := range members {
			// The members' rows lie anywhere: ask for the next one's.
			if x+1 < len(members) {
				if o := g.off[members[x+1]]; int(o) < len(g.adj) {
					prefetch(unsafe.Pointer(&g.adj[o]))
					prefetch(unsafe.Pointer(&g.w[o]))
				}
			}
			strength[a] += g.strength[i]
			lo, hi := g.off[i], g.off[i+1]
			w := g.w[lo:hi]
			for e, j := range g.adj[lo:hi] {
				b := node[j]
				if a == b {
					continue
				}
				if seen[b] != a+1 {
					seen[b] = a + 1
					touched = append(touched, b)
				}
				weight[b] += w[e]
			}
		}
		slices.Sort(touched)
		for _, b := range touched {
			r.adj = append(r.adj, b)
			r.w = append(r.w, weight[b])
			weight[b] = 0
		}
		r.off[a-from+1] = int32(len(r.adj))
	}
	return r
}

// canonical renumbers labels from 0 in order of first appearance; the
// labels are node indices, below len(labels).
func canonical(labels []int32) []int32 {
	seen := make([]int32, len(labels)) // label+1, 0 when not yet met
	out := make([]int32, len(labels))
	k := int32(0)
	for i, l := range labels {
		if seen[l] == 0 {
			k++
			seen[l] = k
		}
		out[i] = seen[l] - 1
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
