package metrics_test

import (
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
	w := net.All()
	p := net.Project(w, graph.Organization, graph.ProjectOptions{})
	pool := &metrics.AdvantagePool{P: p, Profiles: metrics.Profiles(net, w, graph.Organization), Items: len(net.Items)}
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
