package metrics_test

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"testing"

	"github.com/copnet/copnet/graph"
	"github.com/copnet/copnet/io/csvio"
	"github.com/copnet/copnet/metrics"
)

// TestStreamSameRows: a streamed analysis hands on the very rows of the
// held one, in the same order, whatever the number of workers, and holds
// none of them; every other table is the same.
func TestStreamSameRows(t *testing.T) {
	demo, _, err := csvio.Demo()
	if err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{"demo", "../testdata/email-eu-core"} {
		net := demo
		if dir != "demo" {
			net = load(t, dir)
		}
		opt := metrics.DefaultOptions()
		opt.Windows = graph.WindowSpec{Unit: graph.Quarter}
		opt.NullDraws, opt.RewireDraws, opt.BootstrapDraws = 19, 9, 99
		held, err := metrics.Analyze(context.Background(), net, opt)
		if err != nil {
			t.Fatal(err)
		}
		wantMW, wantAd := slices.Collect(held.MemberWindowRows()), slices.Collect(held.AdoptionRows())
		if len(wantMW) == 0 {
			t.Fatalf("%s: no member rows to compare", dir)
		}
		if dir == "demo" && len(wantAd) == 0 {
			t.Fatalf("%s: no adoption rows to compare", dir)
		}
		for _, workers := range []int{1, 2, 3} {
			var gotMW []metrics.MemberWindowRow
			var gotAd []metrics.AdoptionRow
			batches := 0
			opt.Workers = workers
			opt.Stream = &metrics.Stream{
				MemberWindows: func(rows []metrics.MemberWindowRow) error {
					batches++
					gotMW = append(gotMW, rows...)
					return nil
				},
				Adoption: func(rows []metrics.AdoptionRow) error {
					gotAd = append(gotAd, rows...)
					return nil
				},
			}
			s, err := metrics.Analyze(context.Background(), net, opt)
			if err != nil {
				t.Fatal(err)
			}
			if printed(gotMW) != printed(wantMW) {
				t.Errorf("%s, %d workers: streamed member rows differ from the held ones (%d against %d rows)", dir, workers, len(gotMW), len(wantMW))
			}
			if batches < 2 {
				t.Errorf("%s: member rows came in %d batches, want one per (scope, window) pair with members", dir, batches)
			}
			if printed(gotAd) != printed(wantAd) {
				t.Errorf("%s, %d workers: streamed adoption rows differ from the held ones (%d against %d rows)", dir, workers, len(gotAd), len(wantAd))
			}
			if s.Internalizing.MemberWindows != nil || s.Capital.Holes != nil || s.Externalizing.Adoption != nil {
				t.Errorf("%s: a streamed analysis still holds its member rows, holes or adoption rows", dir)
			}
			if n := len(slices.Collect(s.MemberWindowRows())) + len(slices.Collect(s.AdoptionRows())); n != 0 {
				t.Errorf("%s: the iterators of a streamed analysis yield %d rows, want none", dir, n)
			}
			// Every table the analysis holds is the same.
			for name, pair := range map[string][2]any{
				"scope_windows": {slices.Collect(held.ScopeWindowRows()), slices.Collect(s.ScopeWindowRows())},
				"trajectories":  {slices.Collect(held.TrajectoryRows()), slices.Collect(s.TrajectoryRows())},
				"transitions":   {slices.Collect(held.TransitionRows()), slices.Collect(s.TransitionRows())},
				"members":       {slices.Collect(held.MemberRows()), slices.Collect(s.MemberRows())},
				"items":         {slices.Collect(held.KnowledgeItemRows()), slices.Collect(s.KnowledgeItemRows())},
				"advantage":     {slices.Collect(held.AdvantageRows()), slices.Collect(s.AdvantageRows())},
			} {
				if printed(pair[0]) != printed(pair[1]) {
					t.Errorf("%s, %d workers: %s differs between the held and the streamed analysis", dir, workers, name)
				}
			}
		}
	}
}

// TestStreamError: a stream that fails stops the analysis, which returns
// the stream's error, for either table.
func TestStreamError(t *testing.T) {
	net, _, err := csvio.Demo()
	if err != nil {
		t.Fatal(err)
	}
	full := errors.New("disk full")
	for _, table := range []string{"member_windows", "adoption"} {
		opt := metrics.DefaultOptions()
		opt.NullDraws = 0
		calls := 0
		fail := func() error {
			calls++
			return full
		}
		opt.Stream = &metrics.Stream{
			MemberWindows: func([]metrics.MemberWindowRow) error {
				if table == "member_windows" {
					return fail()
				}
				return nil
			},
			Adoption: func([]metrics.AdoptionRow) error {
				if table == "adoption" {
					return fail()
				}
				return nil
			},
		}
		a, err := metrics.Analyze(context.Background(), net, opt)
		if !errors.Is(err, full) || a != nil {
			t.Errorf("%s: a failing stream gave %v, %v; want its error and no analysis", table, a, err)
		}
		if calls != 1 {
			t.Errorf("%s: the failing stream was called %d times, want once", table, calls)
		}
	}
}

// printed is v as JSON, so that rows with NaN cells (null) and pointers
// compare by value.
func printed(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return "unprintable: " + err.Error()
	}
	return string(b)
}

// TestAnalyzeCancelCause: a caller's interrupt comes back as its ctx.Err(),
// not as the cause the caller gave, as before streams could stop the
// analysis.
func TestAnalyzeCancelCause(t *testing.T) {
	net := load(t, "../testdata/email-eu-core")
	ctx, cancel := context.WithCancelCause(context.Background())
	cancel(errors.New("the caller's own reason"))
	opt := metrics.DefaultOptions()
	opt.Stream = &metrics.Stream{MemberWindows: func([]metrics.MemberWindowRow) error { return nil }}
	if _, err := metrics.Analyze(ctx, net, opt); err != context.Canceled {
		t.Errorf("Analyze with a cancelled context: %v, want context.Canceled", err)
	}
}
