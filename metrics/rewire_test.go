package metrics_test

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/copnet/copnet/graph"
	"github.com/copnet/copnet/metrics"
)

// TestCoreSignificanceByHand: a star cannot be rewired (every swap makes
// a self-loop or a multi-edge), so every draw has the observed ρ and p is
// 1; without two edges there is nothing to draw.
func TestCoreSignificanceByHand(t *testing.T) {
	net := fromEdges(t, 6, [][2]int{{0, 1}, {0, 2}, {0, 3}, {0, 4}, {0, 5}})
	p := net.Project(net.All(), graph.Organization, graph.ProjectOptions{})
	got := metrics.CoreSignificance(p, metrics.RewireOptions{Draws: 19, Seed: 1})
	if got.P != 1 || got.Draws != 19 || got.NullSD != 0 || got.NullMean != got.Observed {
		t.Errorf("star: got %+v", got)
	}
	net = fromEdges(t, 2, [][2]int{{0, 1}})
	if got := metrics.CoreSignificance(net.Project(net.All(), graph.Organization, graph.ProjectOptions{}), metrics.RewireOptions{Draws: 5}); got.Draws != 0 || !math.IsNaN(got.P) {
		t.Errorf("one edge: got %+v", got)
	}
}

func gnp(rng *rand.Rand, n int, prob func(i, j int) float64) [][2]int {
	var edges [][2]int
	for i := range n {
		for j := i + 1; j < n; j++ {
			if rng.Float64() < prob(i, j) {
				edges = append(edges, [2]int{i, j})
			}
		}
	}
	return edges
}

// TestCoreSignificanceCalibration: an Erdős–Rényi graph is not
// significant at 0.05 in at least 90 of 100 seeds; a planted core (20 of
// 200 nodes tied with probability 0.9, to the periphery with 0.05,
// periphery among itself with 0.01) is significant in every seed.
//
// The core is planted denser than the degrees imply: with a core of 10 of
// 40 nodes (0.9, 0.2, 0.02) the degrees alone explain the fit, ρ ≈ 0.88
// against 0.88 ± 0.004 for rewired graphs, which is what Kojaku & Masuda
// (2018) warn of.
func TestCoreSignificanceCalibration(t *testing.T) {
	const n = 40
	significant := 0
	for seed := range 100 {
		rng := rand.New(rand.NewPCG(uint64(seed), 31))
		net := fromEdges(t, n, gnp(rng, n, func(int, int) float64 { return 0.12 }))
		res := metrics.CoreSignificance(net.Project(net.All(), graph.Organization, graph.ProjectOptions{}), metrics.RewireOptions{Draws: 99, Seed: uint64(seed)})
		if res.P < 0.05 {
			significant++
		}
	}
	t.Logf("Erdős–Rényi: %d of 100 significant at 0.05", significant)
	if significant > 10 {
		t.Errorf("Erdős–Rényi: %d of 100 significant at 0.05, want at most 10", significant)
	}
	for seed := range 20 {
		rng := rand.New(rand.NewPCG(uint64(seed), 37))
		edges := gnp(rng, 200, func(i, j int) float64 {
			switch {
			case i < 20 && j < 20:
				return 0.9
			case i < 20 || j < 20:
				return 0.05
			}
			return 0.01
		})
		net := fromEdges(t, 200, edges)
		res := metrics.CoreSignificance(net.Project(net.All(), graph.Organization, graph.ProjectOptions{}), metrics.RewireOptions{Draws: 99, Seed: uint64(seed)})
		if seed == 0 {
			t.Logf("planted core: ρ %.4f, null %.4f±%.4f, z %.1f, p %v", res.Observed, res.NullMean, res.NullSD, res.Z, res.P)
		}
		if !(res.P < 0.05) {
			t.Errorf("planted core, seed %d: ρ %v, null %v±%v, p %v", seed, res.Observed, res.NullMean, res.NullSD, res.P)
		}
	}
}

func TestCoreSignificanceWorkers(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	net := fromEdges(t, 50, gnp(rng, 50, func(int, int) float64 { return 0.1 }))
	p := net.Project(net.All(), graph.Organization, graph.ProjectOptions{})
	a := metrics.CoreSignificance(p, metrics.RewireOptions{Draws: 40, Seed: 9, Workers: 1})
	b := metrics.CoreSignificance(p, metrics.RewireOptions{Draws: 40, Seed: 9, Workers: 2})
	if a != b {
		t.Errorf("depends on workers: %+v vs %+v", a, b)
	}
}

// TestAnalyzeCoreSignificance: the analysis tests each scope-window's
// core/periphery fit with the ρ its roles were found with; the result is
// CoreSignificance of the window's projection with the analysis' seed.
func TestAnalyzeCoreSignificance(t *testing.T) {
	net := load(t, "../testdata/email-eu-core")
	opt := metrics.DefaultOptions()
	opt.Windows = graph.WindowSpec{Unit: graph.Quarter}
	opt.NullDraws, opt.RewireDraws, opt.BootstrapDraws = 0, 19, 0
	a, err := metrics.Analyze(context.Background(), net, opt)
	if err != nil {
		t.Fatal(err)
	}
	nw, tested := len(a.Windows), 0
	for si, s := range a.Scopes {
		for wi, w := range a.Windows {
			got := a.Claims.Core[si*nw+wi]
			p := net.Project(w, s, graph.ProjectOptions{})
			if p.NActive < 4 {
				if !math.IsNaN(got.P) {
					t.Errorf("scope %d window %d: %d active members tested: %+v", si, wi, p.NActive, got)
				}
				continue
			}
			want := metrics.CoreSignificance(p, metrics.RewireOptions{Draws: 19, Workers: 1, ExactNodes: opt.ExactNodes,
				Seed: metrics.DeriveSeed(opt.Seed, 1, uint64(si), uint64(wi))})
			if !sameTest(got, want) {
				t.Errorf("scope %d window %d: got %+v, want %+v", si, wi, got, want)
			}
			tested++
		}
	}
	if tested < 10 {
		t.Fatalf("only %d scope-windows tested", tested)
	}
}

func sameTest(x, y metrics.NullTest) bool {
	eq := func(a, b float64) bool { return a == b || math.IsNaN(a) && math.IsNaN(b) }
	return eq(x.Observed, y.Observed) && eq(x.NullMean, y.NullMean) && eq(x.NullSD, y.NullSD) && eq(x.Z, y.Z) && eq(x.P, y.P) && x.Draws == y.Draws
}
