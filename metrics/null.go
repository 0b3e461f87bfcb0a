package metrics

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/copnet/copnet/graph"
)

// DefaultNullDraws is the number of random draws of a null model when a
// caller passes 0: 999 draws make the smallest empirical p-value 0.001.
const DefaultNullDraws = 999

// Names of the group indicators of the community-advantage test, as they
// appear in the indicator column of community_advantage.csv.
const (
	// IndicatorDensity is the density of the group's induced subgraph of
	// the window's organization projection: arcs / (s(s−1)).
	IndicatorDensity = "density"
	// IndicatorReciprocity is the share of the induced subgraph's arcs
	// whose reverse arc exists (NetworkX overall_reciprocity); undefined
	// for an undirected network.
	IndicatorReciprocity = "reciprocity"
	// IndicatorClustering is the average local clustering of the induced
	// undirected subgraph over the group's s members (NetworkX
	// average_clustering of the subgraph; 0 below two neighbours).
	IndicatorClustering = "average_clustering"
	// IndicatorCosine is the mean pairwise cosine similarity of the group
	// members' knowledge profiles (MeanCosine).
	IndicatorCosine = "mean_cosine"
)

// MemberValue is a per-member indicator given by the caller, such as
// reaching the core within H windows (1 or 0 for newcomers, NaN for the
// others), retention, or objectified items per member. A group's value is
// the mean of its members' values that are not NaN.
type MemberValue struct {
	Name string
	// Values is aligned with the projection's nodes (local indices).
	Values []float64
}

// AdvantagePool is what the community-advantage test draws from: one
// window's organization projection and what is known of its members.
type AdvantagePool struct {
	// P is the window's organization projection; random groups are drawn
	// among its active nodes.
	P *graph.Projection
	// Profiles are the window's knowledge profiles (Profiles over the
	// organization scope), and Items the number of items of the network;
	// with Items 0 the cosine indicator is left out.
	Profiles []Profile
	Items    int
	// Values are extra per-member indicators.
	Values []MemberValue
}

// AdvantageOptions set the null model's draws.
type AdvantageOptions struct {
	// Draws is the number of random groups (0 means DefaultNullDraws).
	Draws int
	// Seed fixes the draws: draw d uses the PCG stream (Seed, d), so the
	// result does not depend on Workers. Give each (scope, window) its own
	// seed (DeriveSeed) so that tests of a table draw different groups.
	Seed uint64
	// Workers is the number of goroutines (0 means GOMAXPROCS).
	Workers int
}

// AdvantageRow is one indicator of one group against its null.
type AdvantageRow struct {
	Indicator string
	// Size is the number of the group's members active in the window, the
	// size of every random group.
	Size int
	NullTest
}

// CommunityAdvantage compares a group of members (a declared or detected
// community) with random groups of the same size drawn uniformly, without
// replacement, from the active members of the same window: for each
// indicator, the observed value, the null mean and standard deviation, z
// and the one-sided empirical p-value (TestAgainstNull). Group members
// that are not active nodes of pool.P are left out; so are duplicates.
//
// Rows come in a fixed order: density, reciprocity, average clustering,
// mean cosine (when pool.Items > 0), then pool.Values in order.
// Each draw costs O(s + Σ degrees of its members + the induced subgraph's
// wedges), so the whole test is near-linear in draws × (members + arcs).
func CommunityAdvantage(pool *AdvantagePool, group []int32, opt AdvantageOptions) ([]AdvantageRow, error) {
	p := pool.P
	if p == nil {
		return nil, fmt.Errorf("metrics: community advantage: no projection")
	}
	for _, v := range pool.Values {
		if len(v.Values) != p.N() {
			return nil, fmt.Errorf("metrics: community advantage: %s has %d values for %d nodes", v.Name, len(v.Values), p.N())
		}
	}
	draws := opt.Draws
	if draws <= 0 {
		draws = DefaultNullDraws
	}
	var active []int32
	for i, a := range p.Active {
		if a {
			active = append(active, int32(i))
		}
	}
	seen := make(map[int]bool, len(group))
	var nodes []int32
	for _, m := range group {
		if i, ok := p.Local(m); ok && p.Active[i] && !seen[i] {
			seen[i] = true
			nodes = append(nodes, int32(i))
		}
	}
	ev := newGroupEval(pool)
	names := ev.names()
	observed := ev.eval(nodes)
	s := len(nodes)
	null := make([][]float64, len(names))
	for k := range null {
		null[k] = make([]float64, draws)
	}
	if s > 0 {
		parallel(draws, opt.Workers, func() *groupEval {
			e := newGroupEval(pool)
			e.perm = append([]int32(nil), active...)
			return e
		}, func(e *groupEval, d int) {
			rng := rand.New(rand.NewPCG(opt.Seed, uint64(d)))
			g := e.sample(rng, s)
			vals := e.eval(g)
			e.unsample(s)
			for k := range names {
				null[k][d] = vals[k]
			}
		})
	}
	rows := make([]AdvantageRow, len(names))
	for k, name := range names {
		rows[k] = AdvantageRow{Indicator: name, Size: s, NullTest: TestAgainstNull(observed[k], null[k][:drawsIf(s, draws)])}
	}
	return rows, nil
}

func drawsIf(s, draws int) int {
	if s == 0 {
		return 0
	}
	return draws
}

// groupEval computes the indicators of groups of one projection, with
// scratch space reused between groups.
type groupEval struct {
	pool    *AdvantagePool
	pos     []int32 // position of a node in the current group, -1 outside
	profile []int32 // profile index of a node, -1 without
	perm    []int32 // active nodes; the sample is its prefix
	swaps   []int32 // partial Fisher–Yates swaps, to undo
	// per group member
	ideg, tri, fwdOff, fwd, mark []int32
	sum                          []float64
	touched                      []int32
}

func newGroupEval(pool *AdvantagePool) *groupEval {
	n := pool.P.N()
	e := &groupEval{pool: pool, pos: make([]int32, n)}
	for i := range e.pos {
		e.pos[i] = -1
	}
	if pool.Items > 0 {
		e.profile = make([]int32, n)
		for i := range e.profile {
			e.profile[i] = -1
		}
		for k, pr := range pool.Profiles {
			if i, ok := pool.P.Local(pr.Member); ok {
				e.profile[i] = int32(k)
			}
		}
		e.sum = make([]float64, pool.Items)
	}
	return e
}

func (e *groupEval) names() []string {
	names := []string{IndicatorDensity, IndicatorReciprocity, IndicatorClustering}
	if e.profile != nil {
		names = append(names, IndicatorCosine)
	}
	for _, v := range e.pool.Values {
		names = append(names, v.Name)
	}
	return names
}

// sample draws s of the active nodes by a partial Fisher–Yates shuffle of
// perm; unsample undoes it, so that every draw starts from the same perm
// whichever worker runs it.
func (e *groupEval) sample(rng *rand.Rand, s int) []int32 {
	n := len(e.perm)
	e.swaps = e.swaps[:0]
	for i := range s {
		j := i + rng.IntN(n-i)
		e.perm[i], e.perm[j] = e.perm[j], e.perm[i]
		e.swaps = append(e.swaps, int32(j))
	}
	return e.perm[:s]
}

func (e *groupEval) unsample(s int) {
	for i := s - 1; i >= 0; i-- {
		j := e.swaps[i]
		e.perm[i], e.perm[j] = e.perm[j], e.perm[i]
	}
}

// eval returns the indicators of a group of distinct local nodes.
func (e *groupEval) eval(g []int32) []float64 {
	p := e.pool.P
	s := len(g)
	out := make([]float64, 0, 4+len(e.pool.Values))
	for k, u := range g {
		e.pos[u] = int32(k)
	}
	defer func() {
		for _, u := range g {
			e.pos[u] = -1
		}
	}()
	// Directed: arcs inside and mutual arcs inside (merge of the sorted
	// successor and predecessor rows).
	arcs, mutual := 0, 0
	for _, u := range g {
		succ, pred := p.Successors(int(u)), p.Predecessors(int(u))
		for _, v := range succ {
			if e.pos[v] >= 0 {
				arcs++
			}
		}
		for x, y := 0, 0; x < len(succ) && y < len(pred); {
			switch {
			case succ[x] < pred[y]:
				x++
			case succ[x] > pred[y]:
				y++
			default:
				if e.pos[succ[x]] >= 0 {
					mutual++
				}
				x++
				y++
			}
		}
	}
	density, reciprocity := math.NaN(), math.NaN()
	if s > 1 {
		density = float64(arcs) / (float64(s) * float64(s-1))
	}
	if arcs > 0 && !p.Symmetric { // undirected networks: every tie is mutual
		reciprocity = float64(mutual) / float64(arcs)
	}
	out = append(out, density, reciprocity, e.clustering(g))
	if e.profile != nil {
		out = append(out, e.cosine(g))
	}
	for _, v := range e.pool.Values {
		sum, n := 0.0, 0
		for _, u := range g {
			if x := v.Values[u]; !math.IsNaN(x) {
				sum += x
				n++
			}
		}
		m := math.NaN()
		if n > 0 {
			m = sum / float64(n)
		}
		out = append(out, m)
	}
	return out
}

// clustering is the average local clustering of the induced undirected
// subgraph; triangles are counted as Triangles does, on edges oriented
// from lower to higher (induced degree, position).
func (e *groupEval) clustering(g []int32) float64 {
	s := len(g)
	if s == 0 {
		return math.NaN()
	}
	p := e.pool.P
	e.ideg = resize(e.ideg, s)
	e.tri = resize(e.tri, s)
	e.mark = resize(e.mark, s)
	e.fwdOff = resize(e.fwdOff, s+1)
	for k, u := range g {
		d := int32(0)
		for _, v := range p.Neighbours(int(u)) {
			if e.pos[v] >= 0 {
				d++
			}
		}
		e.ideg[k], e.tri[k], e.mark[k] = d, 0, -1
	}
	before := func(a, b int32) bool {
		return e.ideg[a] < e.ideg[b] || (e.ideg[a] == e.ideg[b] && a < b)
	}
	e.fwd = e.fwd[:0]
	for k, u := range g {
		e.fwdOff[k] = int32(len(e.fwd))
		for _, v := range p.Neighbours(int(u)) {
			if j := e.pos[v]; j >= 0 && before(int32(k), j) {
				e.fwd = append(e.fwd, j)
			}
		}
	}
	e.fwdOff[s] = int32(len(e.fwd))
	for a := range s {
		fa := e.fwd[e.fwdOff[a]:e.fwdOff[a+1]]
		for _, b := range fa {
			e.mark[b] = int32(a)
		}
		for _, b := range fa {
			for _, c := range e.fwd[e.fwdOff[b]:e.fwdOff[b+1]] {
				if e.mark[c] == int32(a) {
					e.tri[a]++
					e.tri[b]++
					e.tri[c]++
				}
			}
		}
	}
	sum := 0.0
	for k := range s {
		if d := float64(e.ideg[k]); d > 1 {
			sum += 2 * float64(e.tri[k]) / (d * (d - 1))
		}
	}
	return sum / float64(s)
}

// cosine is MeanCosine over the profiles of the group's members that have
// one.
func (e *groupEval) cosine(g []int32) float64 {
	n := 0
	for _, u := range g {
		k := e.profile[u]
		if k < 0 {
			continue
		}
		n++
		pr := &e.pool.Profiles[k]
		norm := 0.0
		for _, c := range pr.Counts {
			norm += float64(c) * float64(c)
		}
		norm = math.Sqrt(norm)
		for j, it := range pr.Items {
			if e.sum[it] == 0 {
				e.touched = append(e.touched, it)
			}
			e.sum[it] += float64(pr.Counts[j]) / norm
		}
	}
	s2 := 0.0
	for _, it := range e.touched {
		s2 += e.sum[it] * e.sum[it]
		e.sum[it] = 0
	}
	e.touched = e.touched[:0]
	if n < 2 {
		return math.NaN()
	}
	return (s2 - float64(n)) / (float64(n) * float64(n-1))
}

func resize(x []int32, n int) []int32 {
	if cap(x) < n {
		return make([]int32, n)
	}
	return x[:n]
}
