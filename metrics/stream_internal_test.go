package metrics

import (
	"context"
	"slices"
	"testing"

	"github.com/copnet/copnet/graph"
	"github.com/copnet/copnet/io/csvio"
)

// TestStreamWaitingBound: with the bound on waiting rows at its lowest,
// so that a worker waits before nearly every pair, the streamed rows are
// still those of the held analysis, whatever the number of workers, and
// the work never stalls.
func TestStreamWaitingBound(t *testing.T) {
	defer func(b int) { waitingRows = b }(waitingRows)
	waitingRows = 1
	net, _, err := csvio.Load("../testdata/email-eu-core", csvio.Options{})
	if err != nil {
		t.Fatal(err)
	}
	opt := DefaultOptions()
	opt.Windows = graph.WindowSpec{Unit: graph.Month}
	opt.NullDraws, opt.RewireDraws, opt.BootstrapDraws = 0, 0, 0
	held, err := Analyze(context.Background(), net, opt)
	if err != nil {
		t.Fatal(err)
	}
	want := slices.Collect(held.MemberWindowRows())
	for _, workers := range []int{2, 4, 8} {
		opt.Workers = workers
		var got []MemberWindowRow
		opt.Stream = &Stream{MemberWindows: func(rows []MemberWindowRow) error {
			got = append(got, rows...)
			return nil
		}}
		if _, err := Analyze(context.Background(), net, opt); err != nil {
			t.Fatal(err)
		}
		if len(got) != len(want) {
			t.Fatalf("%d workers: %d rows streamed, want %d", workers, len(got), len(want))
		}
		for i := range got {
			if got[i].Scope != want[i].Scope || got[i].Window != want[i].Window || got[i].Member != want[i].Member ||
				got[i].Newcomer != want[i].Newcomer || got[i].Role != want[i].Role || got[i].Constraint.String() != want[i].Constraint.String() {
				t.Fatalf("%d workers: row %d is %+v, want %+v", workers, i, got[i], want[i])
			}
		}
	}
}
