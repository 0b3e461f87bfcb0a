package metrics

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/copnet/copnet/graph"
)

// bruteGroup computes the group indicators from their definitions, pair
// by pair, on the projection's rows.
func bruteGroup(pool *AdvantagePool, g []int32) []float64 {
	p := pool.P
	in := map[int32]bool{}
	for _, u := range g {
		in[u] = true
	}
	arcs, mutual := 0, 0
	clust := 0.0
	for _, u := range g {
		for _, v := range p.Successors(int(u)) {
			if in[v] {
				arcs++
				if slices.Contains(p.Successors(int(v)), u) {
					mutual++
				}
			}
		}
		var nb []int32
		for _, v := range p.Neighbours(int(u)) {
			if in[v] {
				nb = append(nb, v)
			}
		}
		if d := len(nb); d > 1 {
			tri := 0
			for x := range nb {
				for y := x + 1; y < d; y++ {
					if slices.Contains(p.Neighbours(int(nb[x])), nb[y]) {
						tri++
					}
				}
			}
			clust += 2 * float64(tri) / float64(d*(d-1))
		}
	}
	s := float64(len(g))
	out := []float64{math.NaN(), math.NaN(), math.NaN()}
	if len(g) > 1 {
		out[0] = float64(arcs) / (s * (s - 1))
	}
	if arcs > 0 {
		out[1] = float64(mutual) / float64(arcs)
	}
	if len(g) > 0 {
		out[2] = clust / s
	}
	if pool.Items > 0 {
		var ps []Profile
		for _, pr := range pool.Profiles {
			if i, ok := p.Local(pr.Member); ok && in[int32(i)] {
				ps = append(ps, pr)
			}
		}
		out = append(out, MeanCosine(ps, pool.Items))
	}
	for _, v := range pool.Values {
		sum, n := 0.0, 0
		for _, u := range g {
			if !math.IsNaN(v.Values[u]) {
				sum += v.Values[u]
				n++
			}
		}
		out = append(out, sum/float64(n))
	}
	return out
}

// TestCommunityAdvantageNullByBruteForce: draw d's random group is the
// first s of the active nodes shuffled (partial Fisher–Yates) by a
// *rand.Rand over the PCG stream (Seed, d), and its indicators are those
// computed pair by pair; the summaries agree to rounding.
func TestCommunityAdvantageNullByBruteForce(t *testing.T) {
	for seed := range 40 {
		rng := rand.New(rand.NewPCG(uint64(seed), 77))
		n := 4 + rng.IntN(80)
		p := randomDirected(rng, n, 0.02+rng.Float64()*0.3)
		pool := &AdvantagePool{P: p, Values: []MemberValue{{Name: "x", Values: make([]float64, n)}}}
		for i := range n {
			pool.Values[0].Values[i] = rng.Float64()
			if rng.IntN(2) == 0 {
				counts := []int32{int32(1 + rng.IntN(3)), int32(1 + rng.IntN(3))}
				items := []int32{int32(rng.IntN(3)), int32(3 + rng.IntN(3))}
				pool.Profiles = append(pool.Profiles, Profile{Member: int32(i), Items: items, Counts: counts})
			}
		}
		pool.Items = 6
		var active, group []int32
		for i := range n {
			if p.Active[i] {
				active = append(active, int32(i))
				if rng.IntN(3) == 0 {
					group = append(group, int32(i))
				}
			}
		}
		const draws = 30
		opt := AdvantageOptions{Draws: draws, Seed: uint64(seed), Workers: 2}
		rows, err := CommunityAdvantage(pool, group, opt)
		if err != nil {
			t.Fatal(err)
		}
		obs := bruteGroup(pool, group)
		null := bruteNull(pool, active, opt.Seed, draws, len(group))
		if len(rows) != len(obs) {
			t.Fatalf("seed %d: %d rows, want %d", seed, len(rows), len(obs))
		}
		for k, row := range rows {
			want := TestAgainstNull(obs[k], null[k][:drawsIf(len(group), draws)])
			near := func(a, b float64) bool {
				return a == b || math.IsNaN(a) && math.IsNaN(b) || math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(b))
			}
			if !near(row.Observed, want.Observed) || !near(row.NullMean, want.NullMean) || !near(row.NullSD, want.NullSD) || !near(row.P, want.P) || row.Draws != want.Draws {
				t.Errorf("seed %d %s: got %+v, want %+v", seed, row.Indicator, row.NullTest, want)
			}
		}
		// Sequential: each indicator stops at its own h-th exceedance of
		// the same draws, though the costly ones are skipped once stopped.
		const h = 3
		opt.StopAfter = h
		seq, err := CommunityAdvantage(pool, group, opt)
		if err != nil {
			t.Fatal(err)
		}
		for k, row := range seq {
			if math.IsNaN(obs[k]) {
				// Nothing to test: the draws of an undefined observation
				// are skipped once any test is sequential.
				if !math.IsNaN(row.P) {
					t.Errorf("seed %d %s sequential: p %v without an observation", seed, row.Indicator, row.P)
				}
				continue
			}
			used, stopped, tie := sequentialStop(null[k], obs[k], drawsIf(len(group), draws), h)
			if tie {
				continue // a draw equal to the observation up to rounding: either side is right
			}
			want := sequentialTest(obs[k], null[k], used, stopped, h)
			if !(row.P == want.P || math.IsNaN(row.P) && math.IsNaN(want.P)) || row.Draws != want.Draws {
				t.Errorf("seed %d %s sequential: got %+v, want %+v", seed, row.Indicator, row.NullTest, want)
			}
		}
	}
}

// randomDirected is a projection of n nodes with each arc drawn with
// probability q (no self-arc), its undirected rows the union.
func randomDirected(rng *rand.Rand, n int, q float64) *graph.Projection {
	p := &graph.Projection{Nodes: make([]int32, n), Active: make([]bool, n), OutOff: make([]int32, n+1), InOff: make([]int32, n+1), UOff: make([]int32, n+1)}
	arc := make([][]bool, n)
	for i := range arc {
		p.Nodes[i] = int32(i)
		arc[i] = make([]bool, n)
		for j := range arc[i] {
			arc[i][j] = i != j && rng.Float64() < q
		}
	}
	for i := range n {
		for j := range n {
			if arc[i][j] {
				p.Out = append(p.Out, int32(j))
			}
			if arc[j][i] {
				p.In = append(p.In, int32(j))
			}
			if arc[i][j] || arc[j][i] {
				p.U = append(p.U, int32(j))
				p.Active[i] = true
			}
		}
		p.OutOff[i+1], p.InOff[i+1], p.UOff[i+1] = int32(len(p.Out)), int32(len(p.In)), int32(len(p.U))
		if p.Active[i] {
			p.NActive++
		}
	}
	return p
}

// drawsIf is the number of draws a group of s active members gets: none
// for an empty group.
func drawsIf(s, draws int) int {
	if s == 0 {
		return 0
	}
	return draws
}

// TestCommunitiesAdvantageShareDraws: several groups tested at once read
// draw d's random groups as prefixes of one order, so group g's random
// group is the first s_g of the active nodes shuffled by the PCG stream
// (Seed, d), as when g is tested alone; its rows equal those of g alone
// and those computed pair by pair on the prefixes, with and without
// sequential stopping (each group stops on its own draws).
func TestCommunitiesAdvantageShareDraws(t *testing.T) {
	for seed := range 30 {
		rng := rand.New(rand.NewPCG(uint64(seed), 91))
		n := 6 + rng.IntN(90)
		p := randomDirected(rng, n, 0.03+rng.Float64()*0.3)
		pool := &AdvantagePool{P: p, Items: 5, Values: []MemberValue{{Name: "x", Values: make([]float64, n)}}}
		for i := range n {
			pool.Values[0].Values[i] = math.NaN()
			if rng.IntN(3) > 0 {
				pool.Values[0].Values[i] = float64(rng.IntN(2))
			}
			switch rng.IntN(6) {
			case 0, 1, 2, 3:
				pool.Profiles = append(pool.Profiles, Profile{Member: int32(i), Items: []int32{int32(rng.IntN(2)), int32(2 + rng.IntN(3))},
					Counts: []int32{int32(1 + rng.IntN(4)), int32(1 + rng.IntN(2))}})
			case 4:
				// A profile without items counts as a profile, as in
				// MeanCosine.
				pool.Profiles = append(pool.Profiles, Profile{Member: int32(i)})
			}
		}
		var active []int32
		for i := range n {
			if p.Active[i] {
				active = append(active, int32(i))
			}
		}
		// Groups of assorted sizes, two of the same size, one with a
		// duplicate member and one with no active member.
		var groups [][]int32
		for range 2 + rng.IntN(4) {
			var g []int32
			for _, u := range active {
				if rng.IntN(4) == 0 {
					g = append(g, u)
				}
			}
			groups = append(groups, g)
		}
		groups = append(groups, slices.Clone(groups[0]), nil)
		if len(groups[1]) > 0 {
			groups[1] = append(groups[1], groups[1][0])
		}
		const draws = 40
		for _, h := range []int{0, 3} {
			opt := AdvantageOptions{Draws: draws, Seed: uint64(seed) + 5, Workers: 2, StopAfter: h}
			all, err := CommunitiesAdvantage(pool, groups, opt)
			if err != nil {
				t.Fatal(err)
			}
			for g, group := range groups {
				alone, _ := CommunityAdvantage(pool, group, opt)
				s := all[g][0].Size
				obs := bruteGroup(pool, dedupe(group))
				null := bruteNull(pool, active, opt.Seed, draws, s)
				for k, row := range all[g] {
					if math.IsNaN(obs[k]) {
						if !math.IsNaN(row.P) {
							t.Errorf("seed %d h %d group %d %s: p %v without an observation", seed, h, g, row.Indicator, row.P)
						}
						continue
					}
					a := alone[k]
					if row.P != a.P || row.Draws != a.Draws || row.Size != a.Size || !closeTo(row.NullMean, a.NullMean) {
						t.Errorf("seed %d h %d group %d %s: with the others %+v, alone %+v", seed, h, g, row.Indicator, row.NullTest, a.NullTest)
					}
					used, stopped, tie := sequentialStop(null[k], obs[k], drawsIf(s, draws), h)
					if tie {
						continue // a draw equal to the observation up to rounding: either side is right
					}
					want := sequentialTest(obs[k], null[k], used, stopped, h)
					if !closeTo(row.Observed, obs[k]) || !closeTo(row.NullMean, want.NullMean) || !closeTo(row.NullSD, want.NullSD) || row.P != want.P || row.Draws != want.Draws {
						t.Errorf("seed %d h %d group %d %s: got %+v, want %+v", seed, h, g, row.Indicator, row.NullTest, want)
					}
				}
			}
		}
	}
}

// bruteNull is draw d's indicators, computed pair by pair, of the first
// s of the active nodes shuffled (partial Fisher–Yates) by a *rand.Rand
// over the PCG stream (seed, d), for every draw: null[k][d].
func bruteNull(pool *AdvantagePool, active []int32, seed uint64, draws, s int) [][]float64 {
	var null [][]float64
	for d := range draws {
		r := rand.New(rand.NewPCG(seed, uint64(d)))
		perm := slices.Clone(active)
		for i := range s {
			j := i + r.IntN(len(perm)-i)
			perm[i], perm[j] = perm[j], perm[i]
		}
		vals := bruteGroup(pool, perm[:s])
		if null == nil {
			null = make([][]float64, len(vals))
		}
		for k, x := range vals {
			null[k] = append(null[k], x)
		}
	}
	return null
}

// sequentialStop is where a sequential test with h exceedances stops
// among the first draws of null (never with h = 0), and whether a draw
// ties the observation up to rounding, where either side is right.
func sequentialStop(null []float64, obs float64, draws, h int) (used int, stopped, tie bool) {
	used = draws
	for d, seen := 0, 0; h > 0 && d < used; d++ {
		x := null[d]
		tie = tie || math.Abs(x-obs) <= 1e-9
		if !math.IsNaN(x) && x >= obs {
			if seen++; seen == h {
				used, stopped = d+1, true
			}
		}
	}
	return used, stopped, tie
}

func dedupe(g []int32) []int32 {
	var out []int32
	for _, u := range g {
		if !slices.Contains(out, u) {
			out = append(out, u)
		}
	}
	return out
}

func closeTo(a, b float64) bool {
	return a == b || math.IsNaN(a) && math.IsNaN(b) || math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(b))
}
