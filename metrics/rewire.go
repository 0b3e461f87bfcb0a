package metrics

import (
	"cmp"
	"math"
	"math/bits"
	"slices"
	"unsafe"

	"github.com/copnet/copnet/graph"
)

// DefaultSwapsPerEdge is the number of double edge swaps attempted per
// edge in each step of the rewiring chain when a caller passes 0: nine in
// ten swaps are accepted on sparse graphs and each moves two edges, so a
// step moves most edges (all but about e^−1.8 ≈ 16% of them), and two
// steps all but about 3%.
const DefaultSwapsPerEdge = 1

// RewireOptions set the degree-preserving null model.
type RewireOptions struct {
	// Draws is the number of rewired graphs (0 means DefaultNullDraws).
	Draws int
	// SwapsPerEdge is the number of double edge swaps attempted per edge
	// in each step of the chain (0 means DefaultSwapsPerEdge).
	SwapsPerEdge int
	// Seed fixes the draws: the position of the observed graph among the
	// chain's states comes from the PCG stream (Seed, 0), the two chains
	// from the streams (Seed, 1) and (Seed, 2), so the result does not
	// depend on Workers.
	Seed uint64
	// Workers is the number of goroutines (0 means GOMAXPROCS); the two
	// chains run on two at most.
	Workers int
	// ExactNodes is DiscreteCore's bound for an exhaustive search (0 means
	// DefaultExactNodes, as for DiscreteCore).
	ExactNodes int
}

// CoreSignificance tests the Borgatti–Everett discrete core/periphery fit
// of a projection against degree-preserving rewirings of its undirected,
// unweighted graph: Observed is DiscreteCore's ρ, the null draws are the
// ρ of the same fit on graphs whose edges were rewired by double edge
// swaps (a–b, c–d → a–d, c–b, refused when it would make a self-loop or a
// multi-edge; Maslov & Sneppen 2002, NetworkX double_edge_swap), keeping
// every node's degree. A small p says the core/periphery structure is not
// explained by the degrees alone (Kojaku & Masuda 2018).
//
// The rewired graphs are the states of a Markov chain of swaps, tested by
// Besag & Clifford's (1989) serial method: the observed graph takes a
// position J drawn uniformly among the Draws+1 states, the chain runs J
// steps from it (the swap chain is reversible, so running it forward is
// running it backward) and Draws−J steps from it again; the Draws+1
// graphs are then exchangeable when the observed graph is a draw of the
// null, so the empirical p-value (1 + #{ρ ≥ observed})/(Draws + 1) is
// exact however little a step mixes. A step attempts SwapsPerEdge·m swaps,
// so a draw costs that many swaps plus one fit, instead of the several
// swaps per edge an independent rewiring from the observed graph needs.
// The draws are dependent, so the test does not stop early.
//
// Since swaps keep every degree, each node's row of the adjacency keeps
// its length: the chain rewrites entries of a copy of one CSR in place (an
// edge is the pair of its two entries), tests a multi-edge by scanning the
// shorter row (a small hash set serves the edges between two high-degree
// nodes), and hands the rows to the fit without rebuilding anything. The
// fit's degree order is the same for every draw, so the nodes are
// renumbered in it once. Each chain allocates its buffers once; a draw
// allocates nothing.
func CoreSignificance(p *graph.Projection, opt RewireOptions) NullTest {
	if opt.ExactNodes <= 0 {
		opt.ExactNodes = DefaultExactNodes
	}
	return coreSignificanceOf(p, discreteCore(p, opt.ExactNodes).Rho, opt)
}

// coreSignificanceOf is CoreSignificance given the observed fit's ρ,
// which the analysis has already computed, with opt.ExactNodes taken as
// it is: 0 never searches exhaustively, as Options.ExactNodes.
func coreSignificanceOf(p *graph.Projection, observed float64, opt RewireOptions) NullTest {
	draws := opt.Draws
	if draws <= 0 {
		draws = DefaultNullDraws
	}
	swaps := opt.SwapsPerEdge
	if swaps <= 0 {
		swaps = DefaultSwapsPerEdge
	}
	base := newRewireBase(p)
	if len(base.e0) < 2 {
		return TestAgainstNull(observed, nil)
	}
	pick := pcg{opt.Seed, 0}
	at := int(pick.intN(uint64(draws + 1)))
	// Chain 0 makes the J states before the observed graph, chain 1 the
	// Draws−J after it.
	lo, steps := [2]int{0, at}, [2]int{at, draws - at}
	null := make([]float64, draws)
	parallel(2, min(max(opt.Workers, 0), 2), func() struct{} { return struct{}{} }, func(_ struct{}, c int) {
		if steps[c] == 0 {
			return
		}
		w := base.worker(opt.ExactNodes)
		src := pcg{opt.Seed, uint64(c + 1)}
		w.reset()
		for k := range steps[c] {
			w.rewire(&src, swaps*len(base.e0))
			null[lo[c]+k] = w.fit()
		}
	})
	return TestAgainstNull(observed, null)
}

// bigDegree is the degree above which a node's row is too long to scan
// for a multi-edge test: edges between two such nodes are also kept in a
// hash set.
const bigDegree = 32

// rewireBase is what every draw of one projection starts from, shared
// read-only by the workers. Nodes are renumbered by DiscreteCore's degree
// order (descending, stable): node r is the r-th of that order, so the
// fit's prefix scan and passes read the arrays in sequence, and the rows
// of the high-degree nodes, where most swaps land, lie together at the
// start of the rows.
type rewireBase struct {
	n    int
	off  []int32 // rows of the edge list's graph: U[off[i]:off[i+1]]
	deg  []int32
	u0   []int32
	node []row
	// e0[x] is edge x. Edges are listed as the swap procedure has always
	// drawn them: (i, j), i < j in the projection's numbering, in its row
	// order; v holds their new numbers.
	e0       []edgeRec
	bigEdges int // bound on the edges between two big nodes
}

func newRewireBase(p *graph.Projection) *rewireBase {
	n := p.N()
	pdeg := make([]int32, n)
	m := 0
	for i := range n {
		for _, j := range p.Neighbours(i) {
			if int32(i) < j {
				pdeg[i]++
				pdeg[j]++
				m++
			}
		}
	}
	order := make([]int32, n)
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortStableFunc(order, func(x, y int32) int { return cmp.Compare(pdeg[y], pdeg[x]) })
	rank := make([]int32, n)
	for r, v := range order {
		rank[v] = int32(r)
	}
	b := &rewireBase{n: n, off: make([]int32, n+1), deg: make([]int32, n)}
	b.node = make([]row, n)
	for r, v := range order {
		b.deg[r] = pdeg[v]
		b.off[r+1] = b.off[r] + b.deg[r]
		b.node[r] = row{b.off[r], b.deg[r]}
	}
	b.u0 = make([]int32, 2*m)
	b.e0 = make([]edgeRec, 0, m)
	fill := slices.Clone(b.off[:n])
	for i := range n {
		for _, j := range p.Neighbours(i) {
			if int32(i) < j {
				ri, rj := rank[i], rank[j]
				x, y := fill[ri], fill[rj]
				b.u0[x], b.u0[y] = rj, ri
				fill[ri]++
				fill[rj]++
				b.e0 = append(b.e0, edgeRec{v: [2]int32{ri, rj}, at: [2]int32{x, y}, r: [2]row{b.node[ri], b.node[rj]}})
			}
		}
	}
	bigEnds := 0
	for _, d := range b.deg {
		if d > bigDegree {
			bigEnds += int(d)
		}
	}
	b.bigEdges = bigEnds / 2
	return b
}

// row is where a node's neighbours are in the rows being rewired.
type row struct{ off, deg int32 }

// edgeRec is an edge v[0]–v[1] being rewired: entry at[0] of v[0]'s row
// holds v[1], entry at[1] of v[1]'s row holds v[0], and r[s] is v[s]'s
// row, so that a swap reaches the rows without another random load. The
// ends are arrays so that the coin picks one by index, not by a branch
// that it would mispredict half the time.
type edgeRec struct {
	v, at [2]int32
	r     [2]row
}

// rewirer is one worker's state: the rows being rewired and the fit's
// scratch space.
type rewirer struct {
	b     *rewireBase
	u     []int32
	e     []edgeRec
	big   edgeSet
	todo  []uint64         // a batch of drawn swaps
	g     graph.Projection // rows u, for the fit
	st    *split
	exact int
	// price caches the fit's refused moves by (in core, degree, ties to
	// the core) for the current split, generation gen.
	price []priced
	gen   uint64
}

// priceDeg bounds the degrees whose moves the fit caches.
const priceDeg = 64

type priced struct {
	gen uint64
	rho float64
}

func (b *rewireBase) worker(exactNodes int) *rewirer {
	w := &rewirer{b: b, u: make([]int32, len(b.u0)+3), e: make([]edgeRec, len(b.e0)), todo: make([]uint64, 0, swapBatch), big: newEdgeSet(b.bigEdges), exact: exactNodes}
	w.u[len(b.u0)], w.u[len(b.u0)+1], w.u[len(b.u0)+2] = -1, -1, -1
	w.g = graph.Projection{Nodes: make([]int32, b.n), UOff: b.off, U: w.u[:len(b.u0)]}
	w.st = newSplit(&w.g)
	w.price = make([]priced, 2*priceDeg*priceDeg)
	return w
}

// reset puts back the projection's edges.
func (w *rewirer) reset() {
	copy(w.u, w.b.u0)
	copy(w.e, w.b.e0)
	w.big.reset()
	deg := w.b.deg
	for _, x := range w.e {
		if deg[x.v[0]] > bigDegree && deg[x.v[1]] > bigDegree {
			w.big.add(x.v[0], x.v[1])
		}
	}
}

// has reports whether edge a–c exists; ra and rc are the rows of a and
// c.
func (w *rewirer) has(ra, rc row, a, c int32) bool {
	if ra.deg > bigDegree && rc.deg > bigDegree {
		return w.big.has(a, c)
	}
	return hasIn(w.u, ra, rc, a, c)
}

// swapBatch is the number of swaps drawn ahead of making them.
const swapBatch = 512

// rewire attempts tries double edge swaps, drawing from src exactly what
// (*rand.Rand).IntN did when it was first written: edges x and y, then,
// unless x = y, a coin for which end of y is c. Draws do not depend on
// the graph, so they are made a batch ahead: the loop that swaps then
// knows which edges come next and asks for them a few swaps early.
func (w *rewirer) rewire(src *pcg, tries int) {
	m := uint64(len(w.e))
	for tries > 0 {
		k := min(tries, swapBatch)
		tries -= k
		todo := w.todo[:0]
		for range k {
			x, y := src.intN(m), src.intN(m)
			if x == y {
				continue
			}
			todo = append(todo, x|y<<32|(src.Uint64()&1)<<63)
		}
		w.swaps(todo)
	}
}

// lookahead is how many swaps ahead swaps asks for the edges.
const lookahead = 8

// swaps makes the drawn swaps that keep the graph simple.
func (w *rewirer) swaps(todo []uint64) {
	u, e := w.u, w.e
	for _, t := range todo[:min(lookahead, len(todo))] {
		x, y := swapEdges(t)
		prefetch(unsafe.Pointer(&e[x]))
		prefetch(unsafe.Pointer(&e[y]))
	}
	for i, t := range todo {
		if j := i + lookahead; j < len(todo) {
			x, y := swapEdges(todo[j])
			prefetch(unsafe.Pointer(&e[x]))
			prefetch(unsafe.Pointer(&e[y]))
		}
		x, y := swapEdges(t)
		ex, ey := &e[x], &e[y]
		// A coin of 0 makes c the second end of y.
		ci := (t>>63 ^ 1) & 1
		di := ci ^ 1
		a, b := ex.v[0], ex.v[1]
		c, d := ey.v[ci], ey.v[di]
		// a–b, c–d → a–d, c–b.
		if a == d || c == b {
			continue
		}
		ra, rb, rc, rd := ex.r[0], ex.r[1], ey.r[ci], ey.r[di]
		hub := max(ra.deg, rb.deg, rc.deg, rd.deg) > bigDegree
		if hub {
			if w.has(ra, rd, a, d) || w.has(rc, rb, c, b) {
				continue
			}
			w.bigSwap(a, b, c, d, ra.deg, rb.deg, rc.deg, rd.deg)
		} else if hasIn(u, ra, rd, a, d) || hasIn(u, rc, rb, c, b) {
			continue
		}
		// The entry of a that held b now holds d, the one of d that held
		// c holds a, and so on.
		ia, ib, ic, id := ex.at[0], ex.at[1], ey.at[ci], ey.at[di]
		u[ia], u[id] = d, a
		u[ic], u[ib] = b, c
		*ex = edgeRec{v: [2]int32{a, d}, at: [2]int32{ia, id}, r: [2]row{ra, rd}}
		*ey = edgeRec{v: [2]int32{c, b}, at: [2]int32{ic, ib}, r: [2]row{rc, rb}}
	}
}

// swapEdges are the edges x and y of a drawn swap t = x | y<<32 |
// coin<<63.
func swapEdges(t uint64) (x, y uint32) { return uint32(t), uint32(t>>32) & 0x7fffffff }

// hasIn reports whether edge a–c exists, scanning the shorter of their
// rows ra and rc; a row of up to 4 entries is compared at once, without a
// loop whose end the processor would mispredict (u has 3 entries of
// padding, never a node).
func hasIn(u []int32, ra, rc row, a, c int32) bool {
	if rc.deg < ra.deg {
		ra, c = rc, a
	}
	if n := ra.deg; n <= 4 {
		q := u[ra.off : ra.off+4 : ra.off+4]
		f := b2i(q[0] == c) | b2i(q[1] == c)&b2i(n > 1) | b2i(q[2] == c)&b2i(n > 2) | b2i(q[3] == c)&b2i(n > 3)
		return f != 0
	}
	for _, x := range u[ra.off : ra.off+ra.deg] {
		if x == c {
			return true
		}
	}
	return false
}

func b2i(b bool) int32 {
	if b {
		return 1
	}
	return 0
}

// bigSwap keeps the set of edges between big nodes in step with a swap
// a–b, c–d → a–d, c–b; da … dd are the nodes' degrees, which the swap
// already holds.
func (w *rewirer) bigSwap(a, b, c, d, da, db, dc, dd int32) {
	ba, bb, bc, bd := da > bigDegree, db > bigDegree, dc > bigDegree, dd > bigDegree
	if ba && bb {
		w.big.remove(a, b)
	}
	if bc && bd {
		w.big.remove(c, d)
	}
	if ba && bd {
		w.big.add(a, d)
	}
	if bc && bb {
		w.big.add(c, b)
	}
}

// pcg is math/rand/v2's PCG (128-bit LCG, DXSM output; O'Neill's
// pcg64_dxsm as NumPy has it), written out so that a swap's draws inline:
// seeded with (s1, s2) it yields what rand.NewPCG(s1, s2) does.
type pcg struct{ hi, lo uint64 }

func (p *pcg) Uint64() uint64 {
	const (
		mulHi = 2549297995355413924
		mulLo = 4865540595714422341
		incHi = 6364136223846793005
		incLo = 1442695040888963407
	)
	hi, lo := bits.Mul64(p.lo, mulLo)
	hi += p.hi*mulLo + p.lo*mulHi
	lo, c := bits.Add64(lo, incLo, 0)
	hi, _ = bits.Add64(hi, incHi, c)
	p.lo, p.hi = lo, hi
	const cheapMul = 0xda942042e4dd58b5
	hi ^= hi >> 32
	hi *= cheapMul
	hi ^= hi >> 48
	hi *= lo | 1
	return hi
}

// intN is (*rand.Rand).IntN(n): Lemire's multiply-and-reject, as
// math/rand/v2 does on 64-bit machines (32-bit ones reproduce the
// sequence).
func (p *pcg) intN(n uint64) uint64 {
	if n&(n-1) == 0 {
		return p.Uint64() & (n - 1)
	}
	hi, lo := bits.Mul64(p.Uint64(), n)
	if lo < n {
		thresh := -n % n
		for lo < thresh {
			hi, lo = bits.Mul64(p.Uint64(), n)
		}
	}
	return hi
}

// fit is DiscreteCore(g, exact).Rho for the rewired rows. Above the
// exhaustive bound it runs the same degree-ordered search on nodes
// numbered in that order (newRewireBase), the prefix scan counting each
// node's ties to lower numbers (no writes), and each single move of the refinement priced from the
// node's counts before it is made, so that refused moves cost O(1), and
// priced once for all nodes alike until a move is taken.
func (w *rewirer) fit() float64 {
	b, st := w.b, w.st
	n := b.n
	exact := w.exact
	if n <= exact && n <= 30 {
		return discreteCore(&w.g, exact).Rho
	}
	clear(st.inCore)
	clear(st.tieCore)
	m := len(b.e0)
	st.k, st.ecc, st.epp = 0, 0, m
	best, bestK := math.Inf(-1), -1
	// Node k is the k-th of the degree order: its ties to earlier nodes
	// are those to lower numbers.
	for k := range n {
		tc := 0
		for _, u := range w.u[b.off[k]:b.off[k+1]] {
			tc += int(b2i(int(u) < k))
		}
		st.ecc += tc
		st.epp -= int(b.deg[k]) - tc
		st.k++
		if r := st.rho(); r > best {
			best, bestK = r, k+1
		}
	}
	if bestK < 0 {
		return math.NaN()
	}
	st.k, st.ecc, st.epp = 0, 0, m
	for v := range bestK {
		st.flip(v)
	}
	cur := st.rho()
	// The correlation after moving v depends on v only through (in core,
	// ties to the core, degree), and the split changes only when a move
	// is taken: between two taken moves, nodes alike share one price.
	w.gen++
	for pass := 0; pass < 100; pass++ {
		improved := false
		for v := range n {
			tc := int(st.tieCore[v])
			deg := int(b.deg[v])
			in := st.inCore[v]
			var slot *priced
			if deg < priceDeg {
				key := deg*priceDeg + tc
				if in {
					key += priceDeg * priceDeg
				}
				if slot = &w.price[key]; slot.gen == w.gen {
					continue // refused already
				}
			}
			k, ecc, epp := st.k, st.ecc, st.epp
			if in {
				st.k, st.ecc, st.epp = k-1, ecc-tc, epp+deg-tc
			} else {
				st.k, st.ecc, st.epp = k+1, ecc+tc, epp-deg+tc
			}
			after := st.rho()
			st.k, st.ecc, st.epp = k, ecc, epp
			if after > cur+1e-12 {
				st.flip(v)
				cur = after
				improved = true
				w.gen++
			} else if slot != nil {
				*slot = priced{w.gen, after}
			}
		}
		if !improved {
			break
		}
	}
	if math.IsInf(cur, -1) {
		return math.NaN()
	}
	return cur
}

// edgeSet is an open-addressing (linear probing) hash set of undirected
// edges with backward-shift deletion, so that it never fills with
// tombstones; it is sized for at most a given number of edges at a time.
type edgeSet struct {
	keys []uint64 // 0 is empty
	mask uint64
}

func newEdgeSet(m int) edgeSet {
	size := 16
	for size < 2*m {
		size <<= 1
	}
	return edgeSet{keys: make([]uint64, size), mask: uint64(size - 1)}
}

func edgeKey(a, b int32) uint64 {
	if a > b {
		a, b = b, a
	}
	// +1 keeps 0 free for "empty".
	return (uint64(uint32(a))<<32 | uint64(uint32(b))) + 1
}

func (s *edgeSet) slot(k uint64) uint64 {
	h := k * 0x9e3779b97f4a7c15
	return (h ^ h>>29) & s.mask
}

func (s *edgeSet) reset() { clear(s.keys) }

func (s *edgeSet) has(a, b int32) bool {
	k := edgeKey(a, b)
	for i := s.slot(k); ; i = (i + 1) & s.mask {
		switch s.keys[i] {
		case k:
			return true
		case 0:
			return false
		}
	}
}

// add inserts edge a–b, absent from the set.
func (s *edgeSet) add(a, b int32) {
	k := edgeKey(a, b)
	i := s.slot(k)
	for s.keys[i] != 0 {
		i = (i + 1) & s.mask
	}
	s.keys[i] = k
}

func (s *edgeSet) remove(a, b int32) {
	k := edgeKey(a, b)
	i := s.slot(k)
	for s.keys[i] != k {
		if s.keys[i] == 0 {
			return
		}
		i = (i + 1) & s.mask
	}
	// Shift back the keys of the cluster that i's slot no longer lets
	// their probe reach.
	for j := (i + 1) & s.mask; s.keys[j] != 0; j = (j + 1) & s.mask {
		h := s.slot(s.keys[j])
		// Keep j's key where it is when its home h lies cyclically in
		// (i, j].
		if (j-h)&s.mask < (j-i)&s.mask {
			continue
		}
		s.keys[i] = s.keys[j]
		i = j
	}
	s.keys[i] = 0
}
