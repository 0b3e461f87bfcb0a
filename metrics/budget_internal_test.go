package metrics

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/copnet/copnet/graph"
	"github.com/copnet/copnet/io/csvio"
)

// TestBudgetCountsTheAnalysis: BudgetOf's counts are those of the
// analysis it guards (trajectories and member-window rows of every scope),
// with its per-member state in a slice and, past maxDenseBudget, in a map.
func TestBudgetCountsTheAnalysis(t *testing.T) {
	net, _, err := csvio.Load(filepath.Join("..", "testdata", "email-eu-core"), csvio.Options{})
	if err != nil {
		t.Fatal(err)
	}
	opt := DefaultOptions()
	opt.NullDraws, opt.RewireDraws, opt.BootstrapDraws = 0, 0, 0
	opt.Windows = graph.WindowSpec{Unit: graph.Fixed, Duration: 30 * 24 * 3600e9}
	a, err := Analyze(context.Background(), net, opt)
	if err != nil {
		t.Fatal(err)
	}
	for _, bound := range []int64{1 << 24, 0} {
		old := maxDenseBudget
		maxDenseBudget = bound
		b := BudgetOf(net, a.Windows)
		maxDenseBudget = old
		if b.Trajectories != int64(len(a.Internalizing.Trajectories)) || b.MemberWindows != int64(len(a.Internalizing.MemberWindows)) {
			t.Errorf("bound %d: budget counts %d trajectories and %d member-windows, the analysis %d and %d",
				bound, b.Trajectories, b.MemberWindows, len(a.Internalizing.Trajectories), len(a.Internalizing.MemberWindows))
		}
	}
}
