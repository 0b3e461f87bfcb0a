package metrics

import (
	"math"
	"slices"

	"github.com/copnet/copnet/graph"
)

// Holes holds Burt's structural-hole measures of every node of a
// projection (indexed by local node); NaN for nodes without ties.
type Holes struct {
	Constraint, EffectiveSize, Efficiency, Hierarchy []float64
}

// StructuralHoles computes Burt's (1992) constraint, effective size,
// efficiency and hierarchy with NetworkX's conventions for directed
// weighted graphs: the neighbours of i are its predecessors and successors,
// and ties count by their mutual weight w_ij + w_ji, which is the
// undirected projection's edge weight. With p_ij the mutual weight over
// i's total and m_jq the mutual weight over j's largest:
//
//	constraint(i)     = Σ_j (p_ij + Σ_q p_iq p_qj)²
//	effective size(i) = Σ_j (1 − Σ_q p_iq m_jq)
//	efficiency(i)     = effective size(i) / |N(i)|
//	hierarchy(i)      = Σ_j r_j ln r_j / (N ln N), r_j = c_ij / (C/N)
//
// where c_ij is j's term of the constraint, C the constraint and N the
// number of neighbours (hierarchy is NaN for N = 1). These equal NetworkX's
// constraint and effective_size on the directed graph, except that
// NetworkX gives NaN to a member with only incoming ties, whose measures
// are well defined with mutual weights: they equal NetworkX's on the
// undirected projection. NetworkX has no hierarchy; the formula is
// Burt's, as in UCINET.
//
// The sums over q run over the two-paths i–q–j, so the cost is the number
// of two-paths, not n²; where q is a hub, i's neighbours are looked up in
// q's row rather than the row scanned, so a hub costs its neighbours
// O(deg log deg) rather than O(deg²).
func StructuralHoles(p *graph.Projection) Holes { return StructuralHolesParallel(p, 1) }

// StructuralHolesParallel is StructuralHoles with the nodes split over
// workers (GOMAXPROCS when workers ≤ 0). Each node's measures are computed
// by one worker alone, in the same order, so the result is the same for
// every number of workers.
func StructuralHolesParallel(p *graph.Projection, workers int) Holes {
	n := p.N()
	h := Holes{Constraint: nanSlice(n), EffectiveSize: nanSlice(n), Efficiency: nanSlice(n), Hierarchy: nanSlice(n)}
	// invTotal and invMax are 1/Σ_q w_jq and 1/max_q w_jq, so that the
	// two-path loop multiplies instead of dividing.
	invTotal := make([]float64, n)
	invMax := make([]float64, n)
	for i := range n {
		t, m := 0.0, 0.0
		for _, w := range p.NeighbourWeights(i) {
			t += w
			m = max(m, w)
		}
		if t > 0 {
			invTotal[i], invMax[i] = 1/t, 1/m
		}
	}
	parallelNodes(n, workers, func() *holesScratch { return newHolesScratch(n) }, func(s *holesScratch, i int) {
		s.node(p, i, invTotal, invMax, &h)
	})
	return h
}

// holesScratch is the scratch space of one worker: acc by node, and tie,
// one bit per node, set for the neighbours j of the current node with
// p_ij > 0. Most two-paths i–q–j do not close a triangle; the bit set is
// small enough to stay in cache and tells them apart without reading acc.
type holesScratch struct {
	acc []holesAcc
	tie []uint64
}

func newHolesScratch(n int) *holesScratch {
	return &holesScratch{acc: make([]holesAcc, n), tie: make([]uint64, (n+63)/64)}
}

// holesAcc is the scratch of one neighbour j of the current node i, kept
// together so that a two-path touches one cache line: pi is p_ij (0 when j
// is not a neighbour), indirect accumulates Σ_q p_iq p_qj and redundant
// Σ_q p_iq w_qj, scaled by 1/max_q w_jq at the end.
type holesAcc struct {
	pi, indirect, redundant float64
}

// node computes node i's measures into h; the scratch is clear on entry
// and on return.
func (s *holesScratch) node(p *graph.Projection, i int, invTotal, invMax []float64, h *Holes) {
	acc, tie := s.acc, s.tie
	nb := p.Neighbours(i)
	if len(nb) == 0 || invTotal[i] == 0 {
		return
	}
	w := p.NeighbourWeights(i)
	ti := invTotal[i]
	for k, j := range nb {
		acc[j].pi = w[k] * ti
		if acc[j].pi != 0 && int(j) != i {
			tie[j>>6] |= 1 << (j & 63)
		}
	}
	for k, q := range nb {
		piq := w[k] * ti
		a := piq * invTotal[q]
		qw, qn := p.NeighbourWeights(int(q)), p.Neighbours(int(q))
		if len(qn) > hubRatio*len(nb) {
			// q is a hub next to i: look i's few neighbours up in q's
			// long row instead of scanning it. Each j still gets one
			// term per q, so the sums are the same.
			lo := 0
			for _, j := range nb {
				if int(j) == i {
					continue
				}
				kk, ok := gallop(qn, j, lo)
				lo = kk
				if ok {
					x := qw[kk]
					acc[j].indirect += a * x
					acc[j].redundant += piq * x
				}
			}
			continue
		}
		for kk, j := range qn {
			if tie[j>>6]&(1<<(j&63)) == 0 {
				continue // j is not a neighbour of i
			}
			x := qw[kk]
			acc[j].indirect += a * x
			acc[j].redundant += piq * x
		}
	}
	c, es := 0.0, 0.0
	for _, j := range nb {
		aj := &acc[j]
		t := aj.pi + aj.indirect
		c += t * t
		es += 1 - aj.redundant*invMax[j]
	}
	deg := float64(len(nb))
	h.Constraint[i], h.EffectiveSize[i], h.Efficiency[i] = c, es, es/deg
	if len(nb) > 1 && c > 0 {
		hier := 0.0
		for _, j := range nb {
			t := acc[j].pi + acc[j].indirect
			r := t * t / (c / deg)
			if r > 0 {
				hier += r * math.Log(r)
			}
		}
		h.Hierarchy[i] = hier / (deg * math.Log(deg))
	}
	for _, j := range nb {
		acc[j] = holesAcc{}
		tie[j>>6] = 0
	}
}

// gallop finds x in the ascending row from index lo on, where every
// entry before lo is below x: it doubles a step from lo until it passes x,
// then bisects the last step, so that looking up ascending keys one after
// the other costs about log₂ of the gaps between them rather than of the
// row. It returns the index of x, or where x would be, and whether x is
// there.
func gallop(row []int32, x int32, lo int) (int, bool) {
	hi, step := lo, 1
	for hi < len(row) && row[hi] < x {
		lo = hi + 1
		hi += step
		step <<= 1
	}
	// row[hi] ≥ x when hi is in the row: x is in row[lo:hi+1] or nowhere.
	k, ok := slices.BinarySearch(row[lo:min(hi+1, len(row))], x)
	return lo + k, ok
}

// hubRatio is how much longer than a node's row a neighbour's row must be
// for StructuralHoles (and Brokerages) to look the node's neighbours up in
// it by galloping rather than scan it: a look-up costs about log₂ of the
// gap to the next key, a scan the whole row.
const hubRatio = 16

func nanSlice(n int) []float64 {
	s := make([]float64, n)
	for i := range s {
		s[i] = math.NaN()
	}
	return s
}
