package metrics

import (
	"fmt"
	"math"
	"slices"
	"unsafe"

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
	// StopAfter, when positive, stops each indicator's draws once
	// StopAfter random groups reach the observed value (Besag & Clifford's
	// sequential p-value, h/L after L draws); 0 makes every draw.
	StopAfter int
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
	rows, err := CommunitiesAdvantage(pool, [][]int32{group}, opt)
	if err != nil {
		return nil, err
	}
	return rows[0], nil
}

// CommunitiesAdvantage is CommunityAdvantage for several groups of one
// pool at once, with rows per group in the order of groups. The groups
// share their draws: draw d orders the pool's active members at random
// (the first steps of a Fisher–Yates shuffle on the PCG stream (Seed,
// d)), and the random group of a group of s active members is the first s
// members of that order, which is a uniform s-subset. The indicators of
// every size are read along the one order as members are added, so a draw
// costs what the largest group's costs, not the sum over the groups. Each
// group's test is exactly CommunityAdvantage's (one group gets the same
// random groups either way); the tests of different groups of a draw are
// dependent, which the Benjamini–Hochberg procedure allows (it holds under
// positive dependence). Sequential tests stop group by group, and draws
// stop when every group's tests have stopped.
func CommunitiesAdvantage(pool *AdvantagePool, groups [][]int32, opt AdvantageOptions) ([][]AdvantageRow, error) {
	t, err := newAdvantageTester(pool)
	if err != nil {
		return nil, err
	}
	return t.test(groups, opt), nil
}

// advantageTester tests groups against one pool: what every test of the
// pool shares (the ties scanned, the profiles' norms, the active nodes) is
// built once.
type advantageTester struct {
	shared *advantageBase
	active []int32
}

func newAdvantageTester(pool *AdvantagePool) (*advantageTester, error) {
	p := pool.P
	if p == nil {
		return nil, fmt.Errorf("metrics: community advantage: no projection")
	}
	for _, v := range pool.Values {
		if len(v.Values) != p.N() {
			return nil, fmt.Errorf("metrics: community advantage: %s has %d values for %d nodes", v.Name, len(v.Values), p.N())
		}
	}
	t := &advantageTester{shared: newAdvantageBase(pool)}
	for i, a := range p.Active {
		if a {
			t.active = append(t.active, int32(i))
		}
	}
	return t, nil
}

// test is CommunitiesAdvantage of the groups on the tester's pool.
func (t *advantageTester) test(groups [][]int32, opt AdvantageOptions) [][]AdvantageRow {
	p, shared, active := t.shared.pool.P, t.shared, t.active
	draws := opt.Draws
	if draws <= 0 {
		draws = DefaultNullDraws
	}
	names := shared.names()
	ni := len(names)
	obs := shared.prefix(nil)
	// Indicator k of group g is test g*ni+k of the draws.
	sizes := make([]int, len(groups))
	observed := make([]float64, 0, len(groups)*ni)
	for g, group := range groups {
		seen := make(map[int]bool, len(group))
		var nodes []int32
		for _, m := range group {
			if i, ok := p.Local(m); ok && p.Active[i] && !seen[i] {
				seen[i] = true
				nodes = append(nodes, int32(i))
			}
		}
		sizes[g] = len(nodes)
		// Without members, nothing to draw: NaN, no test.
		observed = append(observed, obs.observe(nodes, ni)...)
	}
	null := make([][]float64, len(observed))
	for k := range null {
		null[k] = make([]float64, draws)
	}
	// checkpoints lists the groups by size, for the walk along an order.
	checkpoints := make([]int, 0, len(groups))
	for g, s := range sizes {
		if s > 0 {
			checkpoints = append(checkpoints, g)
		}
	}
	slices.SortStableFunc(checkpoints, func(a, b int) int { return sizes[a] - sizes[b] })
	used, stopped := make([]int, len(observed)), make([]bool, len(observed))
	if len(checkpoints) > 0 {
		open := make([]bool, len(observed))
		used, stopped = drawNull(observed, null, draws, opt.StopAfter, opt.Workers, open, func() *prefixEval {
			return shared.prefix(active)
		}, func(e *prefixEval, d int) {
			e.draw(pcg{opt.Seed, uint64(d)}, d, sizes, checkpoints, ni, open, null)
		})
	}
	out := make([][]AdvantageRow, len(groups))
	for g := range groups {
		rows := make([]AdvantageRow, ni)
		// An indicator without an observed value has nothing to stop on:
		// it keeps the draws of its group's other tests.
		last := 0
		for k := range ni {
			if i := g*ni + k; !math.IsNaN(observed[i]) {
				last = max(last, used[i])
			}
		}
		for k, name := range names {
			i := g*ni + k
			u := used[i]
			if sizes[g] == 0 {
				u = 0
			} else if math.IsNaN(observed[i]) && last > 0 {
				u = min(u, last)
			}
			rows[k] = AdvantageRow{Indicator: name, Size: sizes[g], NullTest: sequentialTest(observed[i], null[i], u, stopped[i], opt.StopAfter)}
		}
		out[g] = rows
	}
	return out
}

// advantageBase is what the evaluations of groups of one projection
// share, read-only.
type advantageBase struct {
	pool    *AdvantagePool
	profile []int32 // profile index of a node, -1 without
	// entries holds the profiles' items and counts divided by their
	// norms; items are renumbered 0 … dense−1 by descending use among the
	// pool's profiles, so that the sums of the cosine read a short, mostly
	// cached array.
	entries []profEntry
	dense   int
	// vals holds the member values node by node: vals[v*len(Values)+x].
	vals []float64
	// What a node brings to a walk is read from two places: info[v], its
	// rows' bounds, and nbt[info[v].lo:info[v].hi], its neighbours with
	// their tie flags in the top bits (tieShift): whether arc v→u
	// (tieOut) and arc u→v (tieIn) exist, so that one scan of the row
	// gives the arcs and mutual arcs a member closes.
	info []nodeInfo
	nbt  []uint32
}

// nodeInfo bounds a node's neighbours in nbt and its profile in entries
// (elo = −1 without a profile; a profile may have no entries).
type nodeInfo struct{ lo, hi, elo, ehi int32 }

// tieShift places a neighbour's tie flags above its index in nbt.
const tieShift = 30

// profEntry is one item of a profile and its count over the norm.
type profEntry struct {
	item int32
	w    float64
}

const (
	tieOut = 1 << iota
	tieIn
)

func newAdvantageBase(pool *AdvantagePool) *advantageBase {
	p := pool.P
	n := p.N()
	b := &advantageBase{pool: pool}
	b.nbt = make([]uint32, len(p.U))
	for i := range n {
		row, succ, pred := p.Neighbours(i), p.Successors(i), p.Predecessors(i)
		x, y := 0, 0
		for j, v := range row {
			for x < len(succ) && succ[x] < v {
				x++
			}
			for y < len(pred) && pred[y] < v {
				y++
			}
			t := uint8(0)
			if x < len(succ) && succ[x] == v {
				t |= tieOut
			}
			if y < len(pred) && pred[y] == v {
				t |= tieIn
			}
			b.nbt[int(p.UOff[i])+j] = uint32(v) | uint32(t)<<tieShift
		}
	}
	var entryOff []int32 // profile k's entries start at entryOff[k]
	if pool.Items > 0 {
		b.profile = make([]int32, n)
		for i := range b.profile {
			b.profile[i] = -1
		}
		freq := map[int32]int{}
		for _, pr := range pool.Profiles {
			for _, it := range pr.Items {
				freq[it]++
			}
		}
		byUse := make([]int32, 0, len(freq))
		for it := range freq {
			byUse = append(byUse, it)
		}
		slices.SortFunc(byUse, func(x, y int32) int {
			if c := freq[y] - freq[x]; c != 0 {
				return c
			}
			return int(x - y)
		})
		id := make(map[int32]int32, len(byUse))
		for k, it := range byUse {
			id[it] = int32(k)
		}
		b.dense = len(byUse)
		entryOff = make([]int32, len(pool.Profiles)+1)
		for k, pr := range pool.Profiles {
			if i, ok := p.Local(pr.Member); ok {
				b.profile[i] = int32(k)
			}
			norm := 0.0
			for _, c := range pr.Counts {
				norm += float64(c) * float64(c)
			}
			norm = math.Sqrt(norm)
			for j, c := range pr.Counts {
				b.entries = append(b.entries, profEntry{id[pr.Items[j]], float64(c) / norm})
			}
			entryOff[k+1] = int32(len(b.entries))
		}
	}
	b.info = make([]nodeInfo, n)
	for i := range n {
		b.info[i] = nodeInfo{lo: p.UOff[i], hi: p.UOff[i+1], elo: -1, ehi: -1}
		if b.profile != nil {
			if k := b.profile[i]; k >= 0 {
				b.info[i].elo, b.info[i].ehi = entryOff[k], entryOff[k+1]
			}
		}
	}
	if nv := len(pool.Values); nv > 0 {
		b.vals = make([]float64, n*nv)
		for x, v := range pool.Values {
			for i, val := range v.Values {
				b.vals[i*nv+x] = val
			}
		}
	}
	return b
}

// names are the indicators of the pool's tests, in the order of their
// values: density, reciprocity, clustering, the cosine where members
// have profiles, then the member values.
func (b *advantageBase) names() []string {
	names := []string{IndicatorDensity, IndicatorReciprocity, IndicatorClustering}
	if b.profile != nil {
		names = append(names, IndicatorCosine)
	}
	for _, v := range b.pool.Values {
		names = append(names, v.Name)
	}
	return names
}

// observe returns the indicators of a group of distinct local nodes, in
// the order of names (NaN for an empty group): the walk the draws make,
// along the group itself, so that observed and null values come from one
// computation.
func (e *prefixEval) observe(g []int32, ni int) []float64 {
	out := make([]float64, ni)
	if len(g) == 0 {
		for k := range out {
			out[k] = math.NaN()
		}
		return out
	}
	col := make([][]float64, ni)
	for k := range col {
		col[k] = out[k : k+1]
	}
	cosTo := 0
	if e.profile != nil {
		cosTo = len(g)
	}
	e.walk(g, len(g), cosTo, 0, []int{len(g)}, []int{0}, ni, col)
	return out
}

func resize[T any](x []T, n int) []T {
	if cap(x) < n {
		return make([]T, n)
	}
	return x[:n]
}

// prefixEval reads the indicators of every prefix of one random order of
// the active members, adding members one at a time: the arcs and mutual
// arcs they close with the members before them, the triangles of the
// induced subgraph, the sum of the unit profiles (for the cosine) and the
// sums of the member values. Scratch space is reused between draws.
type prefixEval struct {
	*advantageBase
	perm  []int32  // active nodes; the order is its prefix
	swaps []int32  // partial Fisher–Yates swaps, to undo
	pos   []int32  // position of a node in the order, -1 outside
	in    []uint64 // the nodes in the order so far, as a bit set
	// Per position: induced degree, triangles, a mark for the triangle
	// search, the rank key (pool degree, node) and the induced neighbours
	// of higher rank (positions).
	ideg, tri, mark []int32
	key             []uint64
	hadj            [][]int32
	cur             []int32 // the new member's induced neighbours
	wedge           []int32 // positions of induced degree 2 or more
	sum             []float64
	touched         []int32
	vsum            []float64
	vn              []int
}

// How many members ahead prefixEval.walk loads a member's info, and the
// starts of its rows.
const (
	aheadInfo = 8
	aheadRows = 4
)

func (b *advantageBase) prefix(active []int32) *prefixEval {
	n := b.pool.P.N()
	e := &prefixEval{advantageBase: b, perm: slices.Clone(active), pos: make([]int32, n), in: make([]uint64, (n+63)/64),
		vsum: make([]float64, len(b.pool.Values)), vn: make([]int, len(b.pool.Values))}
	for i := range e.pos {
		e.pos[i] = -1
	}
	if b.profile != nil {
		e.sum = make([]float64, b.dense)
	}
	return e
}

// draw makes draw d of every open test: the groups' sizes are read in
// the order of checkpoints (ascending size), and the value of indicator k
// of group g at its size is written to null[g*ni+k][d]. The walk stops at
// the largest size with an open test; clustering and cosine are followed
// only as far as a group needs them.
func (e *prefixEval) draw(src pcg, d int, sizes, checkpoints []int, ni int, open []bool, null [][]float64) {
	upTo, clustTo, cosTo := 0, 0, 0
	for _, g := range checkpoints {
		for k := range ni {
			if open[g*ni+k] {
				upTo = max(upTo, sizes[g])
				switch k {
				case 2:
					clustTo = max(clustTo, sizes[g])
				case 3:
					if e.profile != nil {
						cosTo = max(cosTo, sizes[g])
					}
				}
			}
		}
	}
	if upTo == 0 {
		return
	}
	// The first upTo steps of a Fisher–Yates shuffle, drawing what
	// (*rand.Rand).IntN draws from the same stream; undone at the end, so
	// that every draw starts from the same perm whichever worker runs it.
	n := len(e.perm)
	e.swaps = e.swaps[:0]
	for i := range upTo {
		j := i + int(src.intN(uint64(n-i)))
		e.perm[i], e.perm[j] = e.perm[j], e.perm[i]
		e.swaps = append(e.swaps, int32(j))
	}
	e.walk(e.perm[:upTo], clustTo, cosTo, d, sizes, checkpoints, ni, null)
	for i := upTo - 1; i >= 0; i-- {
		j := e.swaps[i]
		e.perm[i], e.perm[j] = e.perm[j], e.perm[i]
	}
}

// walk adds the members of order one at a time and, at each size of
// checkpoints, writes the indicators of the members so far to
// null[g*ni+k][d], as draw describes; clustering is followed for the
// first clustTo members, the cosine for the first cosTo.
func (e *prefixEval) walk(order []int32, clustTo, cosTo, d int, sizes, checkpoints []int, ni int, null [][]float64) {
	p := e.pool.P
	upTo := len(order)
	e.ideg = resize(e.ideg, clustTo)
	e.tri = resize(e.tri, clustTo)
	e.mark = resize(e.mark, clustTo)
	e.key = resize(e.key, clustTo)
	for len(e.hadj) < clustTo {
		e.hadj = append(e.hadj, nil)
	}
	e.wedge = e.wedge[:0]
	clear(e.vsum)
	clear(e.vn)
	arcs, mutual, s2, nprof := 0, 0, 0.0, 0
	next := 0 // the next checkpoint
	// The order is known ahead, so the walk asks for what members bring
	// a few steps early: a member's info aheadInfo steps before its
	// turn, the starts of its rows aheadRows steps before.
	nv := len(e.vsum)
	for k := range upTo {
		if j := k + aheadInfo; j < upTo {
			prefetch(unsafe.Pointer(&e.info[order[j]]))
		}
		if j := k + aheadRows; j < upTo {
			nx := e.info[order[j]]
			if nx.hi > nx.lo {
				prefetch(unsafe.Pointer(&e.nbt[nx.lo]))
			}
			if nx.elo >= 0 && nx.ehi > nx.elo {
				prefetch(unsafe.Pointer(&e.entries[nx.elo]))
			}
			if nv > 0 {
				prefetch(unsafe.Pointer(&e.vals[int(order[j])*nv]))
			}
		}
		v := order[k]
		e.pos[v] = int32(k)
		info := e.info[v]
		clust := k < clustTo
		if clust {
			e.cur = e.cur[:0]
			e.ideg[k], e.tri[k], e.mark[k] = 0, 0, -1
			e.key[k] = uint64(info.hi-info.lo)<<32 | uint64(uint32(v))
			e.hadj[k] = e.hadj[k][:0]
		}
		for _, x := range e.nbt[info.lo:info.hi] {
			u := x & (1<<tieShift - 1)
			if e.in[u>>6]&(1<<(u&63)) == 0 {
				continue
			}
			t := uint8(x >> tieShift)
			arcs += int(t&tieOut + t>>1)
			if t == tieOut|tieIn {
				mutual += 2
			}
			if clust {
				e.cur = append(e.cur, e.pos[u])
			}
		}
		// v joins the order after its row is read, so that a self-tie,
		// if any, is not an arc of the group.
		e.in[v>>6] |= 1 << (v & 63)
		if clust && len(e.cur) > 0 {
			// Triangles v–a–b among v's earlier neighbours: each edge
			// a–b of the order so far is listed once, at its end of lower
			// rank (pool degree, then node), so the search from a
			// well-connected member, a neighbour of many, stays short.
			for _, a := range e.cur {
				e.mark[a] = int32(k)
			}
			for _, a := range e.cur {
				for _, b := range e.hadj[a] {
					if e.mark[b] == int32(k) {
						e.tri[k]++
						e.tri[a]++
						e.tri[b]++
					}
				}
			}
			kk := e.key[k]
			for _, a := range e.cur {
				if e.key[a] < kk {
					e.hadj[a] = append(e.hadj[a], int32(k))
				} else {
					e.hadj[k] = append(e.hadj[k], a)
				}
				e.ideg[a]++
				if e.ideg[a] == 2 {
					e.wedge = append(e.wedge, a)
				}
			}
			e.ideg[k] = int32(len(e.cur))
			if e.ideg[k] >= 2 {
				e.wedge = append(e.wedge, int32(k))
			}
		}
		if k < cosTo {
			if info.elo >= 0 {
				nprof++
				for _, y := range e.entries[info.elo:info.ehi] {
					x := e.sum[y.item]
					if x == 0 {
						e.touched = append(e.touched, y.item)
					}
					s2 += y.w * (2*x + y.w)
					e.sum[y.item] = x + y.w
				}
			}
		}
		if nv > 0 {
			for vi, x := range e.vals[int(v)*nv : int(v+1)*nv] {
				if !math.IsNaN(x) {
					e.vsum[vi] += x
					e.vn[vi]++
				}
			}
		}
		s := k + 1
		for next < len(checkpoints) && sizes[checkpoints[next]] == s {
			g := checkpoints[next]
			next++
			base := g * ni
			density, reciprocity := math.NaN(), math.NaN()
			if s > 1 {
				density = float64(arcs) / (float64(s) * float64(s-1))
			}
			if arcs > 0 && !p.Symmetric {
				reciprocity = float64(mutual) / float64(arcs)
			}
			null[base][d], null[base+1][d] = density, reciprocity
			clustering := math.NaN()
			if s <= clustTo {
				sum := 0.0
				for _, x := range e.wedge {
					dx := float64(e.ideg[x])
					sum += 2 * float64(e.tri[x]) / (dx * (dx - 1))
				}
				clustering = sum / float64(s)
			}
			null[base+2][d] = clustering
			vi := 3
			if e.profile != nil {
				cos := math.NaN()
				if s <= cosTo && nprof >= 2 {
					cos = (s2 - float64(nprof)) / (float64(nprof) * float64(nprof-1))
				}
				null[base+3][d] = cos
				vi = 4
			}
			for x := range e.pool.Values {
				m := math.NaN()
				if e.vn[x] > 0 {
					m = e.vsum[x] / float64(e.vn[x])
				}
				null[base+vi+x][d] = m
			}
		}
	}
	for k := range upTo {
		v := order[k]
		e.pos[v] = -1
		e.in[v>>6] = 0
	}
	for _, it := range e.touched {
		e.sum[it] = 0
	}
	e.touched = e.touched[:0]
}
