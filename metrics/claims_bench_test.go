package metrics_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/copnet/copnet/graph"
	"github.com/copnet/copnet/metrics"
)

// windowLike is a projection the size of one window of the 1M-flow
// synthetic set: 10,000 members and about 20,000 arcs from a heavy-tailed
// sender and receiver choice, with 10 communities of 1,000.
func windowLike(b *testing.B) (*graph.Projection, [][]int32) {
	b.Helper()
	net, groups := copNet(b, 1, 10000, 10, 20000, 0.85, -1)
	return net.Project(net.All(), graph.Organization, graph.ProjectOptions{}), groups
}

func BenchmarkCommunityAdvantage_10k_20k_K999(b *testing.B) {
	p, groups := windowLike(b)
	b.Logf("%d active members, %d arcs, %d edges, group of %d", p.NActive, p.Arcs(), p.Edges(), len(groups[0]))
	b.ResetTimer()
	metrics.CPULoop(b, func() {
		if _, err := metrics.CommunityAdvantage(&metrics.AdvantagePool{P: p}, groups[0], metrics.AdvantageOptions{Draws: 999, Seed: 1}); err != nil {
			b.Fatal(err)
		}
	})
}

func BenchmarkCoreSignificance_10k_20k_K999(b *testing.B) {
	p, _ := windowLike(b)
	b.ResetTimer()
	metrics.CPULoop(b, func() { metrics.CoreSignificance(p, metrics.RewireOptions{Draws: 999, Seed: 1}) })
}

func BenchmarkDiscreteCore_10k_20k(b *testing.B) {
	p, _ := windowLike(b)
	b.ResetTimer()
	for b.Loop() {
		metrics.DiscreteCore(p, 0)
	}
}

func BenchmarkBootstrapRatio_10k_K1999(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 1))
	x, y := make([]float64, 10000), make([]float64, 10000)
	for i := range x {
		x[i], y[i] = rng.ExpFloat64(), rng.ExpFloat64()
	}
	b.ResetTimer()
	for b.Loop() {
		metrics.BootstrapRatioOfMedians(x, y, 1999, 0.95, 1, 0)
	}
}

// The two stages of a CoreSignificance draw, one draw per op.
func BenchmarkCoreSignificanceSwaps_10k_20k(b *testing.B) {
	p, _ := windowLike(b)
	run := metrics.RewireStage(p, false)
	b.ResetTimer()
	metrics.CPULoop(b, func() { run() })
}

func BenchmarkCoreSignificanceFit_10k_20k(b *testing.B) {
	p, _ := windowLike(b)
	run := metrics.RewireStage(p, true)
	b.ResetTimer()
	metrics.CPULoop(b, func() { run() })
}

// BenchmarkCommunitiesAdvantageWhole_1M is the whole-period
// community-advantage test of the 1M-flow set's declared communities (the
// largest pool of the analysis): 199 draws on one worker, every draw made.
func BenchmarkCommunitiesAdvantageWhole_1M(b *testing.B) {
	net := bench1M(b)
	benchAdvantage(b, net, net.All())
}

// BenchmarkCommunitiesAdvantageWindow_1M is the same test in the 30-day
// window 20 of the 1M-flow set, one of its largest windows.
func BenchmarkCommunitiesAdvantageWindow_1M(b *testing.B) {
	net := bench1M(b)
	benchAdvantage(b, net, window20(b, net))
}

func benchAdvantage(b *testing.B, net *graph.Network, w graph.Window) {
	p := net.Project(w, graph.Organization, graph.ProjectOptions{})
	pool := &metrics.AdvantagePool{P: p, Profiles: metrics.Profiles(net, w, graph.Organization), Items: len(net.Items)}
	vals := make([]float64, p.N())
	for i := range vals {
		vals[i] = float64(i % 3)
		if i%5 == 0 {
			vals[i] = math.NaN()
		}
	}
	pool.Values = []metrics.MemberValue{{Name: "a", Values: vals}, {Name: "b", Values: vals}}
	groups := make([][]int32, len(net.Communities))
	for m, mem := range net.Members {
		if i, ok := p.Local(int32(m)); ok && len(mem.Communities) > 0 {
			c := mem.Communities[0]
			groups[c] = append(groups[c], int32(i))
		}
	}
	b.Logf("%d active members, %d edges, %d groups", p.NActive, p.Edges(), len(groups))
	b.ResetTimer()
	metrics.CPULoop(b, func() {
		if _, err := metrics.CommunitiesAdvantage(pool, groups, metrics.AdvantageOptions{Draws: 199, Seed: 1, Workers: 1}); err != nil {
			b.Fatal(err)
		}
	})
}

// BenchmarkCoreSignificanceWindow_1M is the core/periphery test of the
// 30-day window 20 of the 1M-flow set, with the analysis' 99 draws.
func BenchmarkCoreSignificanceWindow_1M(b *testing.B) {
	net := bench1M(b)
	p := net.Project(window20(b, net), graph.Organization, graph.ProjectOptions{})
	b.Logf("%d active members, %d edges", p.NActive, p.Edges())
	b.ResetTimer()
	metrics.CPULoop(b, func() { metrics.CoreSignificance(p, metrics.RewireOptions{Draws: 99, Seed: 1}) })
}

// BenchmarkContinuousCorenessWindow_1M is the continuous core/periphery
// fit of the 30-day window 20 of the 1M-flow set.
func BenchmarkContinuousCorenessWindow_1M(b *testing.B) {
	net := bench1M(b)
	p := net.Project(window20(b, net), graph.Organization, graph.ProjectOptions{})
	b.ResetTimer()
	for b.Loop() {
		metrics.ContinuousCoreness(p, 0)
	}
}

// window20 is the 30-day window 20 (epoch-aligned) of the 1M-flow set, one
// of its largest.
func window20(b *testing.B, net *graph.Network) graph.Window {
	b.Helper()
	ws := windows30d(b, net)
	if len(ws) <= 20 {
		b.Skipf("%d windows: not the 1M-flow set", len(ws))
	}
	return ws[20]
}
