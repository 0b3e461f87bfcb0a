package report

import (
	"context"
	"io"
	"os"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/copnet/copnet/graph"
	"github.com/copnet/copnet/io/csvio"
	"github.com/copnet/copnet/metrics"
)

// bench1M analyses the dataset in $COPNET_BENCH_1M (a gen_cop.py folder)
// once per test binary: every family but the claims' random draws, 30-day
// windows.
var bench1M = sync.OnceValues(func() (*metrics.Analysis, error) {
	net, _, err := csvio.Load(os.Getenv("COPNET_BENCH_1M"), csvio.Options{})
	if err != nil {
		return nil, err
	}
	opt := metrics.DefaultOptions()
	opt.NullDraws, opt.RewireDraws, opt.BootstrapDraws = 0, 0, 0
	opt.Windows = graph.WindowSpec{Unit: graph.Fixed, Duration: 30 * 24 * time.Hour}
	return metrics.Analyze(context.Background(), net, opt)
})

// countWriter counts the bytes written to it.
type countWriter struct{ n int64 }

func (w *countWriter) Write(p []byte) (int, error) { w.n += int64(len(p)); return len(p), nil }

var _ io.Writer = (*countWriter)(nil)

// BenchmarkWriteMemberWindows_1M writes member_windows.csv of the 1M
// analysis to a counting writer, with the reference encoder ("old") and
// WriteRows ("new").
func BenchmarkWriteMemberWindows_1M(b *testing.B) {
	if os.Getenv("COPNET_BENCH_1M") == "" {
		b.Skip("no $COPNET_BENCH_1M")
	}
	a, err := bench1M()
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		name  string
		write func(io.Writer) error
	}{
		{"old", func(w io.Writer) error { return refWriteRows(w, a.MemberWindowRows(), CSVOptions{}) }},
		{"new", func(w io.Writer) error { return WriteRows(w, a.MemberWindowRows(), CSVOptions{}) }},
	} {
		b.Run(c.name, func(b *testing.B) {
			var w countWriter
			runtime.GC() // the analysis' garbage
			for b.Loop() {
				w.n = 0
				if err := c.write(&w); err != nil {
					b.Fatal(err)
				}
			}
			b.SetBytes(w.n)
		})
	}
}

// BenchmarkWriteTables_1M writes every table of the 1M analysis to a
// counting writer, with the reference encoder ("old") and Files ("new").
func BenchmarkWriteTables_1M(b *testing.B) {
	if os.Getenv("COPNET_BENCH_1M") == "" {
		b.Skip("no $COPNET_BENCH_1M")
	}
	m, err := bench1M()
	if err != nil {
		b.Fatal(err)
	}
	a := &Analysis{Analysis: m}
	ref := refTables(a)
	var old, cur []File
	for _, f := range a.Files() {
		if r, ok := ref[f.Name]; ok {
			old, cur = append(old, File{Name: f.Name, Write: r}), append(cur, f)
		}
	}
	for _, c := range []struct {
		name  string
		files []File
	}{{"old", old}, {"new", cur}} {
		b.Run(c.name, func(b *testing.B) {
			var w countWriter
			runtime.GC() // the analysis' garbage
			for b.Loop() {
				w.n = 0
				for _, f := range c.files {
					if err := f.Write(&w); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.SetBytes(w.n)
		})
	}
}
