package metrics_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/copnet/copnet/graph"
	"github.com/copnet/copnet/io/csvio"
	"github.com/copnet/copnet/metrics"
)

// bench1M loads the 1,000,000-flow gen_cop.py dataset ($COPNET_BENCH_1M,
// or generated once into the temporary folder); the benchmark is skipped
// without it.
func bench1M(b *testing.B) *graph.Network {
	b.Helper()
	dir := os.Getenv("COPNET_BENCH_1M")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "copnet-bench-gen_cop-1M")
		if _, err := os.Stat(filepath.Join(dir, "flows.csv")); err != nil {
			script := filepath.Join("..", "..", "shared", "tools", "gen_cop.py")
			cmd := exec.Command("/usr/bin/python3", script, "--members", "40000", "--flows", "1000000", "--seed", "1", "--out", dir)
			if out, err := cmd.CombinedOutput(); err != nil {
				b.Skipf("no $COPNET_BENCH_1M and gen_cop.py failed: %v\n%s", err, out)
			}
		}
	}
	net, _, err := csvio.Load(dir, csvio.Options{})
	if err != nil {
		b.Fatal(err)
	}
	return net
}

// days30 are the benchmarks' windows: 30 days, epoch-aligned, as
// ref_metrics.py --window-days 30 cuts them.
var days30 = graph.WindowSpec{Unit: graph.Fixed, Duration: 30 * 24 * 3600e9}

// windows30d are net's windows of days30.
func windows30d(b *testing.B, net *graph.Network) []graph.Window {
	b.Helper()
	ws, err := net.Windows(days30)
	if err != nil {
		b.Fatal(err)
	}
	return ws
}

// BenchmarkCoreWindows_1M computes the organization's core numbers in every
// 30-day window (epoch-aligned), the work ref_metrics.py's core_windows
// stage does with NetworkX and igraph.
func BenchmarkCoreWindows_1M(b *testing.B) {
	eachWindow30d(b, func(_ *graph.Network, pr *graph.Projector, w graph.Window) {
		metrics.CoreNumbers(pr.Project(w, graph.Organization, graph.ProjectOptions{}))
	})
}

// eachWindow30d times fn on every 30-day window of the 1M-flow set, with
// one projector for them all, and reports the number of windows.
func eachWindow30d(b *testing.B, fn func(net *graph.Network, pr *graph.Projector, w graph.Window)) {
	net := bench1M(b)
	ws := windows30d(b, net)
	pr := graph.NewProjector(net)
	b.ResetTimer()
	for b.Loop() {
		for _, w := range ws {
			fn(net, pr, w)
		}
	}
	b.ReportMetric(float64(len(ws)), "windows")
}

// BenchmarkInternalize_1M runs the whole internalizing analysis (every
// scope, 30-day windows: core numbers, continuous and discrete
// core/periphery fits, roles, trajectories, transitions).
func BenchmarkInternalize_1M(b *testing.B) {
	net := bench1M(b)
	opt := metrics.InternalizingOptions{Windows: days30}
	b.ResetTimer()
	for b.Loop() {
		if _, err := metrics.Internalize(net, opt); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCoreNumbersEmail is the k-core of email-eu-core's whole period.
func BenchmarkCoreNumbersEmail(b *testing.B) {
	net := load(b, "../testdata/email-eu-core")
	p := net.Project(net.All(), graph.Organization, graph.ProjectOptions{})
	for b.Loop() {
		metrics.CoreNumbers(p)
	}
}

// BenchmarkDensityReciprocity_1M does what ref_metrics.py's
// density_reciprocity stage does: density and reciprocity of the whole
// period, of every community (flows in it), and of every 30-day window.
func BenchmarkDensityReciprocity_1M(b *testing.B) {
	net := bench1M(b)
	ws := windows30d(b, net)
	pr := graph.NewProjector(net)
	b.ResetTimer()
	for b.Loop() {
		for _, s := range net.Scopes() {
			p := pr.Project(net.All(), s, graph.ProjectOptions{})
			_ = metrics.Reciprocity(p)
		}
		for _, w := range ws {
			p := pr.Project(w, graph.Organization, graph.ProjectOptions{})
			_ = metrics.Reciprocity(p)
		}
	}
}

// BenchmarkClustering_1M is the clustering stage: local clustering,
// average clustering and transitivity of the whole undirected projection.
func BenchmarkClustering_1M(b *testing.B) {
	net := bench1M(b)
	p := net.Project(net.All(), graph.Organization, graph.ProjectOptions{AllMembers: true})
	b.ResetTimer()
	for b.Loop() {
		metrics.Clustering(p, metrics.Triangles(p))
	}
}

// BenchmarkExternalize_1M runs the whole externalizing and objectifying
// analysis on 30-day windows (every scope: exchange figures, profiles,
// convergence, adoption curves).
func BenchmarkExternalize_1M(b *testing.B) {
	net := bench1M(b)
	opt := metrics.ExternalizingOptions{Windows: days30}
	b.ResetTimer()
	for b.Loop() {
		if _, err := metrics.Externalize(net, opt); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkConstraint_1M: Burt's constraint and effective size of every
// member over the whole period on GOMAXPROCS workers, as the whole-period
// social capital computes them (ref_metrics.py's constraint stage).
func BenchmarkConstraint_1M(b *testing.B) {
	net := bench1M(b)
	p := net.Project(net.All(), graph.Organization, graph.ProjectOptions{AllMembers: true})
	b.ResetTimer()
	metrics.CPULoop(b, func() { metrics.StructuralHolesParallel(p, 0) })
}

// BenchmarkBrokerage_1M: Gould–Fernandez brokerage of every member over
// the whole period by declared community, on GOMAXPROCS workers, as the
// whole-period social capital computes it.
func BenchmarkBrokerage_1M(b *testing.B) {
	net := bench1M(b)
	p := net.Project(net.All(), graph.Organization, graph.ProjectOptions{AllMembers: true})
	g := metrics.Groups(net, p)
	b.ResetTimer()
	metrics.CPULoop(b, func() { metrics.BrokeragesParallel(p, g, 0) })
}

// BenchmarkBetweenness500_1M: betweenness from 500 sampled sources
// (ref_metrics.py's betweenness stage with --bc-k 500).
func BenchmarkBetweenness500_1M(b *testing.B) {
	net := bench1M(b)
	p := net.Project(net.All(), graph.Organization, graph.ProjectOptions{AllMembers: true})
	b.ResetTimer()
	metrics.CPULoop(b, func() { metrics.Betweenness(p, 500, 42, 0) })
}

// BenchmarkLouvain_1M: Louvain on the undirected weighted projection
// (ref_metrics.py's louvain stage).
func BenchmarkLouvain_1M(b *testing.B) {
	net := bench1M(b)
	p := net.Project(net.All(), graph.Organization, graph.ProjectOptions{AllMembers: true})
	b.ResetTimer()
	var q float64
	metrics.CPULoop(b, func() { _, q = metrics.Louvain(p, 1, 42) })
	b.ReportMetric(q, "modularity")
}

// BenchmarkSocialCapital_1M: the whole social-capital analysis (30-day
// windows for the per-window structural holes of every scope).
func BenchmarkSocialCapital_1M(b *testing.B) {
	net := bench1M(b)
	opt := metrics.SocialCapitalOptions{Windows: days30}
	b.ResetTimer()
	metrics.CPULoop(b, func() {
		if _, err := metrics.SocialCapitalOf(net, opt); err != nil {
			b.Fatal(err)
		}
	})
}

// BenchmarkAnalyze_1M is the analysis the reference tools compare with:
// every family but the claims' random draws.
func BenchmarkAnalyze_1M(b *testing.B) {
	opt := metrics.DefaultOptions()
	opt.NullDraws, opt.RewireDraws, opt.BootstrapDraws = 0, 0, 0
	benchAnalyze(b, opt)
}

// BenchmarkAnalyzeStreamed_1M is BenchmarkAnalyze_1M with the member
// rows and adoption rows streamed (Options.Stream, here to a sink that
// drops them), as netmetrics analyze -out runs it.
func BenchmarkAnalyzeStreamed_1M(b *testing.B) {
	opt := metrics.DefaultOptions()
	opt.NullDraws, opt.RewireDraws, opt.BootstrapDraws = 0, 0, 0
	opt.Stream = &metrics.Stream{
		MemberWindows: func([]metrics.MemberWindowRow) error { return nil },
		Adoption:      func([]metrics.AdoptionRow) error { return nil },
	}
	benchAnalyze(b, opt)
}

// BenchmarkAnalyzeClaims_1M is the whole analysis with the claims' draws
// (K = 999 random groups, 99 rewirings, 1,999 bootstrap resamples).
func BenchmarkAnalyzeClaims_1M(b *testing.B) { benchAnalyze(b, metrics.DefaultOptions()) }

func benchAnalyze(b *testing.B, opt metrics.Options) {
	net := bench1M(b)
	opt.Windows = graph.WindowSpec{Unit: graph.Fixed, Duration: 30 * 24 * time.Hour}
	ws, err := net.Windows(opt.Windows)
	if err != nil {
		b.Fatal(err)
	}
	rows := metrics.BudgetOf(net, ws).MemberWindows
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	b.ResetTimer()
	var a *metrics.Analysis
	for range b.N {
		var err error
		if a, err = metrics.Analyze(context.Background(), net, opt); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	// What an Analysis holds once built: its tables stay compact until a
	// writer streams them, and a streamed analysis does not hold its member
	// and adoption rows at all.
	runtime.GC()
	runtime.ReadMemStats(&after)
	held := float64(after.HeapAlloc) - float64(before.HeapAlloc)
	b.ReportMetric(held/float64(rows), "held-B/member-window")
	b.ReportMetric(float64(before.HeapAlloc)/float64(len(net.Flows)), "network-B/flow")
	runtime.KeepAlive(a)
}

// BenchmarkProjectWhole_1M projects the whole period of the 1M-flow set
// (the organization, every member), once, as the whole-period figures do;
// B/op is what building it takes, rows included.
func BenchmarkProjectWhole_1M(b *testing.B) {
	net := bench1M(b)
	b.ResetTimer()
	for b.Loop() {
		net.Project(net.All(), graph.Organization, graph.ProjectOptions{AllMembers: true})
	}
}

// BenchmarkProjectWindows_1M projects every 30-day window of the 1M-flow
// set in every scope (the organization and each community), as the
// windows' pass does.
func BenchmarkProjectWindows_1M(b *testing.B) {
	eachWindow30d(b, func(net *graph.Network, pr *graph.Projector, w graph.Window) {
		for _, s := range net.Scopes() {
			pr.Project(w, s, graph.ProjectOptions{})
		}
	})
}
