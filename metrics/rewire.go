package metrics

import (
	"math/rand/v2"

	"github.com/copnet/copnet/graph"
)

// DefaultSwapsPerEdge is the number of double edge swaps attempted per
// edge in each rewiring when a caller passes 0: each edge is then moved
// about ten times (nine in ten swaps are accepted on sparse graphs).
const DefaultSwapsPerEdge = 5

// RewireOptions set the degree-preserving null model.
type RewireOptions struct {
	// Draws is the number of rewired graphs (0 means DefaultNullDraws).
	Draws int
	// SwapsPerEdge is the number of double edge swaps attempted per edge
	// (0 means DefaultSwapsPerEdge).
	SwapsPerEdge int
	// Seed fixes the draws: draw d uses the PCG stream (Seed, d), so the
	// result does not depend on Workers.
	Seed uint64
	// Workers is the number of goroutines (0 means GOMAXPROCS).
	Workers int
	// ExactNodes is DiscreteCore's bound for an exhaustive search.
	ExactNodes int
}

// CoreSignificance tests the Borgatti–Everett discrete core/periphery fit
// of a projection against degree-preserving rewirings of its undirected,
// unweighted graph: Observed is DiscreteCore's ρ, the null draws are the
// ρ of the same fit on graphs whose edges were rewired by double edge
// swaps (a–b, c–d → a–d, c–b, refused when it would make a self-loop or a
// multi-edge; Maslov & Sneppen 2002, NetworkX double_edge_swap), keeping
// every node's degree. A small p says the core/periphery structure is not
// explained by the degrees alone (Kojaku & Masuda 2018). Each draw costs
// O(SwapsPerEdge·m) swaps plus one fit.
func CoreSignificance(p *graph.Projection, opt RewireOptions) NullTest {
	draws := opt.Draws
	if draws <= 0 {
		draws = DefaultNullDraws
	}
	swaps := opt.SwapsPerEdge
	if swaps <= 0 {
		swaps = DefaultSwapsPerEdge
	}
	observed := DiscreteCore(p, opt.ExactNodes).Rho
	n := p.N()
	var edges [][2]int32
	for i := range n {
		for _, j := range p.Neighbours(i) {
			if int32(i) < j {
				edges = append(edges, [2]int32{int32(i), j})
			}
		}
	}
	null := make([]float64, draws)
	if len(edges) < 2 {
		return TestAgainstNull(observed, nil)
	}
	type scratch struct {
		e   [][2]int32
		set edgeSet
		g   *graph.Projection
	}
	parallel(draws, opt.Workers, func() *scratch {
		return &scratch{e: make([][2]int32, len(edges)), set: newEdgeSet(len(edges)),
			g: &graph.Projection{Nodes: make([]int32, n), UOff: make([]int32, n+1), U: make([]int32, 2*len(edges))}}
	}, func(s *scratch, d int) {
		rng := rand.New(rand.NewPCG(opt.Seed, uint64(d)))
		copy(s.e, edges)
		s.set.reset()
		for _, e := range s.e {
			s.set.add(e[0], e[1])
		}
		rewire(s.e, &s.set, swaps*len(edges), rng)
		undirectedCSR(s.g, s.e)
		null[d] = DiscreteCore(s.g, opt.ExactNodes).Rho
	})
	return TestAgainstNull(observed, null)
}

// rewire attempts tries double edge swaps on e, in place.
func rewire(e [][2]int32, set *edgeSet, tries int, rng *rand.Rand) {
	m := len(e)
	for range tries {
		x, y := rng.IntN(m), rng.IntN(m)
		if x == y {
			continue
		}
		a, b := e[x][0], e[x][1]
		c, d := e[y][0], e[y][1]
		if rng.IntN(2) == 0 {
			c, d = d, c
		}
		// a–b, c–d → a–d, c–b.
		if a == d || c == b || set.has(a, d) || set.has(c, b) {
			continue
		}
		set.remove(a, b)
		set.remove(c, d)
		set.add(a, d)
		set.add(c, b)
		e[x] = [2]int32{a, d}
		e[y] = [2]int32{c, b}
	}
}

// undirectedCSR fills g's undirected rows (all DiscreteCore reads) from an
// edge list; g.Nodes must have the node count.
func undirectedCSR(g *graph.Projection, e [][2]int32) {
	off := g.UOff
	clear(off)
	for _, x := range e {
		off[x[0]+1]++
		off[x[1]+1]++
	}
	for i := 1; i < len(off); i++ {
		off[i] += off[i-1]
	}
	// Fill from the back of each row, then rows are complete.
	next := make([]int32, len(off)-1)
	copy(next, off[:len(off)-1])
	for _, x := range e {
		g.U[next[x[0]]] = x[1]
		next[x[0]]++
		g.U[next[x[1]]] = x[0]
		next[x[1]]++
	}
}

// edgeSet is an open-addressing hash set of undirected edges, much faster
// than a Go map for the swap loop.
type edgeSet struct {
	keys []uint64 // 0 is empty, tomb is deleted
	mask uint64
	used int // slots not empty (live or deleted)
	live []uint64
}

const tomb = ^uint64(0)

func newEdgeSet(m int) edgeSet {
	size := 16
	for size < 4*m {
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

func (s *edgeSet) reset() { clear(s.keys); s.used = 0 }

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

func (s *edgeSet) add(a, b int32) {
	k := edgeKey(a, b)
	for i := s.slot(k); ; i = (i + 1) & s.mask {
		if s.keys[i] == tomb {
			s.keys[i] = k
			return
		}
		if s.keys[i] == 0 {
			s.keys[i] = k
			if s.used++; 4*s.used > 3*len(s.keys) {
				s.rehash()
			}
			return
		}
	}
}

func (s *edgeSet) remove(a, b int32) {
	k := edgeKey(a, b)
	for i := s.slot(k); ; i = (i + 1) & s.mask {
		switch s.keys[i] {
		case k:
			s.keys[i] = tomb
			return
		case 0:
			return
		}
	}
}

// rehash drops the deleted slots, so that probes keep ending on an empty
// one.
func (s *edgeSet) rehash() {
	s.live = s.live[:0]
	for _, k := range s.keys {
		if k != 0 && k != tomb {
			s.live = append(s.live, k)
		}
	}
	s.reset()
	for _, k := range s.live {
		i := s.slot(k)
		for s.keys[i] != 0 {
			i = (i + 1) & s.mask
		}
		s.keys[i] = k
		s.used++
	}
}
