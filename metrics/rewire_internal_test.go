package metrics

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/copnet/copnet/graph"
)

// randomProjection is an undirected projection of n nodes with about m
// random edges, a few of its nodes hubs (degree above bigDegree) when hubs
// is true.
func randomProjection(rng *rand.Rand, n, m int, hubs bool) *graph.Projection {
	adj := make([]map[int32]bool, n)
	for i := range adj {
		adj[i] = map[int32]bool{}
	}
	for range m {
		a := int32(rng.IntN(n))
		if hubs && rng.IntN(2) == 0 {
			a = int32(rng.IntN(max(1, n/20)))
		}
		b := int32(rng.IntN(n))
		if a != b {
			adj[a][b], adj[b][a] = true, true
		}
	}
	p := &graph.Projection{Nodes: make([]int32, n), UOff: make([]int32, n+1)}
	for i := range n {
		for j := range int32(n) {
			if adj[i][j] {
				p.U = append(p.U, j)
			}
		}
		p.UOff[i+1] = int32(len(p.U))
	}
	return p
}

// referenceNull is CoreSignificance's null written plainly: the edge list
// (i, j), i < j, in row order, swapped with a Go map as the edge set and
// *rand.Rand over PCG streams, a CSR rebuilt for DiscreteCore after each
// step. The observed graph's position J is drawn from stream (seed, 0);
// the chain runs J steps from the observed graph on stream (seed, 1) and
// draws−J steps from it on stream (seed, 2), each step swaps·m attempts.
func referenceNull(p *graph.Projection, draws, swaps int, seed uint64, exact int) []float64 {
	var edges [][2]int32
	for i := range p.N() {
		for _, j := range p.Neighbours(i) {
			if int32(i) < j {
				edges = append(edges, [2]int32{int32(i), j})
			}
		}
	}
	key := func(a, b int32) [2]int32 { return [2]int32{min(a, b), max(a, b)} }
	at := rand.New(rand.NewPCG(seed, 0)).IntN(draws + 1)
	var null []float64
	for c, steps := range []int{at, draws - at} {
		rng := rand.New(rand.NewPCG(seed, uint64(c+1)))
		e := append([][2]int32(nil), edges...)
		set := map[[2]int32]bool{}
		for _, x := range e {
			set[key(x[0], x[1])] = true
		}
		m := len(e)
		for range steps {
			for range swaps * m {
				x, y := rng.IntN(m), rng.IntN(m)
				if x == y {
					continue
				}
				a, b := e[x][0], e[x][1]
				c, d := e[y][0], e[y][1]
				if rng.IntN(2) == 0 {
					c, d = d, c
				}
				if a == d || c == b || set[key(a, d)] || set[key(c, b)] {
					continue
				}
				delete(set, key(a, b))
				delete(set, key(c, d))
				set[key(a, d)], set[key(c, b)] = true, true
				e[x], e[y] = [2]int32{a, d}, [2]int32{c, b}
			}
			g := &graph.Projection{Nodes: make([]int32, p.N()), UOff: make([]int32, p.N()+1)}
			rows := make([][]int32, p.N())
			for _, x := range e {
				rows[x[0]] = append(rows[x[0]], x[1])
				rows[x[1]] = append(rows[x[1]], x[0])
			}
			for i, r := range rows {
				g.U = append(g.U, r...)
				g.UOff[i+1] = int32(len(g.U))
			}
			null = append(null, DiscreteCore(g, exact).Rho)
		}
	}
	return null
}

// TestCoreSignificanceMatchesReference: the in-place chain draws the same
// swaps as the map-based procedure and the fit finds the same ρ, so
// the test is the same to the last bit, with and without hubs, in the
// heuristic and the exhaustive regime.
func TestCoreSignificanceMatchesReference(t *testing.T) {
	cases := []struct {
		name        string
		n, m, exact int
		hubs        bool
	}{
		{"sparse", 200, 400, 0, false},
		{"hubs", 300, 2500, 0, true},
		{"dense", 60, 900, 0, false},
		{"exhaustive", 12, 25, 0, false},
		{"exact-bound", 18, 36, 18, false},
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := randomProjection(rand.New(rand.NewPCG(uint64(i), 5)), c.n, c.m, c.hubs)
			const draws, swaps = 12, 3
			opt := RewireOptions{Draws: draws, SwapsPerEdge: swaps, Seed: uint64(40 + i), ExactNodes: c.exact, Workers: 2}
			got := CoreSignificance(p, opt)
			want := TestAgainstNull(DiscreteCore(p, c.exact).Rho, referenceNull(p, draws, swaps, opt.Seed, c.exact))
			if !sameTest(got, want) {
				t.Errorf("got %+v, want %+v", got, want)
			}
		})
	}
}

func sameTest(a, b NullTest) bool {
	eq := func(x, y float64) bool { return x == y || math.IsNaN(x) && math.IsNaN(y) }
	return eq(a.Observed, b.Observed) && eq(a.NullMean, b.NullMean) && eq(a.NullSD, b.NullSD) && eq(a.Z, b.Z) && eq(a.P, b.P) && a.Draws == b.Draws
}

// TestRewireKeepsDegrees: swaps keep every row's length, make no
// self-loop or multi-edge, keep the hub set in step with the rows, keep
// each edge's two entries pointing at each other, and do change edges.
func TestRewireKeepsDegrees(t *testing.T) {
	for _, hubs := range []bool{false, true} {
		rng := rand.New(rand.NewPCG(1, 2))
		p := randomProjection(rng, 120, 1500, hubs)
		b := newRewireBase(p)
		w := b.worker(0)
		w.reset()
		src := pcg{7, 8}
		w.rewire(&src, 50*len(b.e0))
		// The edges before the swaps, in the base's numbering.
		before := map[uint64]bool{}
		for _, x := range b.e0 {
			before[edgeKey(x.v[0], x.v[1])] = true
		}
		seen := map[uint64]bool{}
		changed := 0
		bigEdges := 0
		for _, x := range w.e {
			a, c := x.v[0], x.v[1]
			if w.u[x.at[0]] != c || w.u[x.at[1]] != a || x.at[0] < b.off[a] || x.at[0] >= b.off[a+1] || x.at[1] < b.off[c] || x.at[1] >= b.off[c+1] || x.r != [2]row{b.node[a], b.node[c]} {
				t.Fatalf("edge %d–%d: record %+v does not hold it", a, c, x)
			}
			k := edgeKey(a, c)
			if a == c || seen[k] {
				t.Fatalf("self-loop or multi-edge %d–%d", a, c)
			}
			seen[k] = true
			if !w.has(b.node[a], b.node[c], a, c) || !w.has(b.node[c], b.node[a], c, a) {
				t.Fatalf("edge %d–%d not found", a, c)
			}
			if b.deg[a] > bigDegree && b.deg[c] > bigDegree {
				bigEdges++
				if !w.big.has(a, c) {
					t.Fatalf("hub edge %d–%d missing from the set", a, c)
				}
			}
			if !before[k] {
				changed++
			}
		}
		live := 0
		for _, k := range w.big.keys {
			if k != 0 {
				live++
			}
		}
		if live != bigEdges {
			t.Errorf("hubs %v: %d keys in the set, %d hub edges", hubs, live, bigEdges)
		}
		if hubs && bigEdges == 0 {
			t.Errorf("no hub edges: the hub path is not exercised")
		}
		if changed < len(w.e)/2 {
			t.Errorf("hubs %v: only %d of %d edges changed", hubs, changed, len(w.e))
		}
	}
}

// TestPCGMatchesRand: pcg yields what rand.PCG does, and intN draws what
// (*rand.Rand).IntN draws from the same stream, for powers of two and
// not, and bounds where rejections are frequent.
func TestPCGMatchesRand(t *testing.T) {
	for _, seed := range [][2]uint64{{0, 0}, {1, 2}, {^uint64(0), 12345}} {
		ref := rand.NewPCG(seed[0], seed[1])
		src := pcg{seed[0], seed[1]}
		for i := range 10000 {
			if got, want := src.Uint64(), ref.Uint64(); got != want {
				t.Fatalf("seed %v, draw %d: got %#x, want %#x", seed, i, got, want)
			}
		}
	}
	for _, n := range []uint64{1, 2, 3, 7, 64, 1000, 17373, 1 << 20, 1<<62 + 1, 3 << 62} {
		rng := rand.New(rand.NewPCG(n, 9))
		src := pcg{n, 9}
		for i := range 10000 {
			want := rng.Uint64N(n)
			if got := src.intN(n); got != want {
				t.Fatalf("n %d, draw %d: got %d, want %d", n, i, got, want)
			}
		}
	}
}

// TestEdgeSetAgainstMap: random adds and removes in a small table, where
// probe clusters wrap around, agree with a Go map.
func TestEdgeSetAgainstMap(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 3))
	s := newEdgeSet(12)
	ref := map[uint64]bool{}
	for i := range 200000 {
		a, b := int32(rng.IntN(9)), int32(rng.IntN(9))
		k := edgeKey(a, b)
		switch {
		case ref[k] && rng.IntN(2) == 0:
			s.remove(a, b)
			delete(ref, k)
		case !ref[k] && len(ref) < 12:
			s.add(a, b)
			ref[k] = true
		}
		if s.has(a, b) != ref[k] {
			t.Fatalf("step %d: has(%d, %d) = %v, want %v", i, a, b, !ref[k], ref[k])
		}
		if i%1000 == 0 {
			for x := range int32(9) {
				for y := range int32(9) {
					if s.has(x, y) != ref[edgeKey(x, y)] {
						t.Fatalf("step %d: has(%d, %d) wrong", i, x, y)
					}
				}
			}
		}
	}
}

// RewireStage prepares CoreSignificance's draws of p, for the
// benchmarks: it returns a function running one stage of a draw, the
// rewiring (from the projection) or, with fit, the fit of one rewiring.
func RewireStage(p *graph.Projection, fit bool) func() float64 {
	b := newRewireBase(p)
	w := b.worker(0)
	rewire := func() float64 {
		src := pcg{1, 2}
		w.reset()
		w.rewire(&src, DefaultSwapsPerEdge*len(b.e0))
		return 0
	}
	if !fit {
		return rewire
	}
	rewire()
	return w.fit
}

// TestCoreSignificanceExactUnderNull: when the observed graph is itself a
// draw of the null (a graph with a core of hubs, rewired at length), the
// serial test's p-value is uniform on {1/20, …, 1} with 19 draws, though
// each step makes only one swap attempt per edge: p ≤ 0.05 in about 5%
// of 300 seeds (binomial sd 1.3%), ties among the ρ only lowering it.
func TestCoreSignificanceExactUnderNull(t *testing.T) {
	const seeds = 300
	low := 0
	for seed := range seeds {
		rng := rand.New(rand.NewPCG(uint64(seed), 61))
		b := newRewireBase(randomProjection(rng, 80, 240, true))
		w := b.worker(0)
		w.reset()
		src := pcg{uint64(seed), 99}
		w.rewire(&src, 40*len(b.e0))
		g := &graph.Projection{Nodes: make([]int32, b.n), UOff: slices.Clone(b.off), U: slices.Clone(w.u[:len(b.u0)])}
		n := b.n
		g.Active = make([]bool, n)
		for i := range n {
			g.Nodes[i] = int32(i)
			g.Active[i] = g.UOff[i+1] > g.UOff[i]
			slices.Sort(g.U[g.UOff[i]:g.UOff[i+1]])
		}
		res := CoreSignificance(g, RewireOptions{Draws: 19, Seed: uint64(seed) + 1000})
		if res.P <= 0.05 {
			low++
		}
	}
	share := float64(low) / seeds
	t.Logf("p ≤ 0.05 in %.1f%% of %d seeds", 100*share, seeds)
	if share < 0.015 || share > 0.09 {
		t.Errorf("p ≤ 0.05 in %.1f%% of %d seeds, want about 5%%", 100*share, seeds)
	}
}
