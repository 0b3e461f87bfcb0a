package metrics_test

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/copnet/copnet/graph"
	"github.com/copnet/copnet/io/csvio"
	"github.com/copnet/copnet/metrics"
)

// The scope-window table of the karate club in two calls: load, analyze.
func ExampleAnalyze() {
	net, _, err := csvio.Load("../testdata/karate", csvio.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	a, err := metrics.Analyze(context.Background(), net, metrics.DefaultOptions())
	if err != nil {
		fmt.Println(err)
		return
	}
	for r := range a.ScopeWindowRows() {
		fmt.Printf("%-7s active %2d core %2d density %.3f clustering %.3f\n",
			r.Scope, r.ActiveMembers, r.CoreSize, r.Density, r.AverageClustering)
	}
	// Output:
	// *       active 34 core  9 density 0.139 clustering 0.571
	// mr-hi   active 17 core  6 density 0.257 clustering 0.722
	// officer active 17 core  5 density 0.235 clustering 0.631
}

// TestOneWindowSpec: the families cannot be cut into different windows,
// because the only way in takes one window spec. Options has exactly one
// WindowSpec, the family results carry the analysis' own windows, and the
// tables are built from one Analysis.
func TestOneWindowSpec(t *testing.T) {
	specs := 0
	typ := reflect.TypeFor[metrics.Options]()
	for i := range typ.NumField() {
		if typ.Field(i).Type == reflect.TypeFor[graph.WindowSpec]() {
			specs++
		}
	}
	if specs != 1 {
		t.Fatalf("Options has %d window specs, want 1", specs)
	}
	net := load(t, "../testdata/email-eu-core")
	opt := metrics.DefaultOptions()
	opt.Windows = graph.WindowSpec{Unit: graph.Quarter}
	a, err := metrics.Analyze(context.Background(), net, opt)
	if err != nil {
		t.Fatal(err)
	}
	nw, ns := len(a.Windows), len(a.Scopes)
	for name, ws := range map[string][]graph.Window{"internalizing": a.Internalizing.Windows, "externalizing": a.Externalizing.Windows, "capital": a.Capital.Windows} {
		if !slices.Equal(ws, a.Windows) {
			t.Errorf("%s windows differ from the analysis'", name)
		}
	}
	if got := len(slices.Collect(a.ScopeWindowRows())); got != nw*ns {
		t.Errorf("%d scope-window rows, want %d × %d", got, ns, nw)
	}
	for i, mw := range a.Internalizing.MemberWindows {
		h := a.Capital.Holes[i]
		if h.Scope != mw.Scope || h.Window != mw.Window || h.Member != mw.Member {
			t.Fatalf("row %d: holes of %v/%d/%d beside member row %v/%d/%d", i, h.Scope, h.Window, h.Member, mw.Scope, mw.Window, mw.Member)
		}
	}
}

// TestFamiliesEqualAnalyze: each family called alone gives exactly the
// figures Analyze gives with the same options.
func TestFamiliesEqualAnalyze(t *testing.T) {
	demo, _, err := csvio.Demo()
	if err != nil {
		t.Fatal(err)
	}
	spec := graph.WindowSpec{Unit: graph.Quarter}
	opt := metrics.DefaultOptions()
	opt.Windows = spec
	a, err := metrics.Analyze(context.Background(), demo, opt)
	if err != nil {
		t.Fatal(err)
	}
	in, err := metrics.Internalize(demo, metrics.InternalizingOptions{Windows: spec})
	if err != nil {
		t.Fatal(err)
	}
	ex, err := metrics.Externalize(demo, metrics.ExternalizingOptions{Windows: spec})
	if err != nil {
		t.Fatal(err)
	}
	sc, err := metrics.SocialCapitalOf(demo, metrics.SocialCapitalOptions{Windows: spec})
	if err != nil {
		t.Fatal(err)
	}
	in.Options, ex.Options, sc.Options = a.Internalizing.Options, a.Externalizing.Options, a.Capital.Options
	for name, pair := range map[string][2]any{"internalizing": {*in, *a.Internalizing}, "externalizing": {*ex, *a.Externalizing}, "capital": {*sc, *a.Capital}} {
		if got, want := fmt.Sprintf("%+v", pair[0]), fmt.Sprintf("%+v", pair[1]); got != want {
			t.Errorf("%s alone differs from Analyze", name)
		}
	}
}

// TestOptionsValidate: every problem is reported at once, and the zero
// value is refused rather than filled with defaults.
func TestOptionsValidate(t *testing.T) {
	if err := metrics.DefaultOptions().Validate(); err != nil {
		t.Fatalf("defaults: %v", err)
	}
	err := metrics.Options{}.Validate()
	if err == nil || !errors.Is(err, metrics.ErrOptions) {
		t.Fatalf("zero options: %v, want ErrOptions", err)
	}
	for _, want := range []string{"horizon 0", "theta 0", "persist 0", "jaccard sample 0", "resolution 0", "pivots 0"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("zero options: %q lacks %q", err, want)
		}
	}
	for _, c := range []struct {
		name string
		set  func(*metrics.Options)
		want string
	}{
		{"theta above 1", func(o *metrics.Options) { o.Theta = 1.5 }, "theta 1.5"},
		{"negative resolution", func(o *metrics.Options) { o.Resolution = -1 }, "resolution -1"},
		{"exact nodes too large", func(o *metrics.Options) { o.ExactNodes = 31 }, "exact nodes 31"},
		{"k-core threshold", func(o *metrics.Options) { o.Roles = metrics.RoleMethod{Kind: metrics.KCoreRoles} }, "threshold 0"},
		{"negative workers", func(o *metrics.Options) { o.Workers = -1 }, "workers -1"},
	} {
		t.Run(c.name, func(t *testing.T) {
			o := metrics.DefaultOptions()
			c.set(&o)
			err := o.Validate()
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("got %v, want an error naming %q", err, c.want)
			}
			if _, aerr := metrics.Analyze(context.Background(), load(t, "../testdata/karate"), o); aerr == nil {
				t.Errorf("Analyze accepted options Validate refuses")
			}
		})
	}
	// Seed 0 is a seed like any other, not "the default".
	o := metrics.DefaultOptions()
	o.Seed = 0
	if err := o.Validate(); err != nil {
		t.Errorf("seed 0: %v", err)
	}
}

// TestAnalyzeProgressAndCancel: progress reaches its total once per unit,
// and a cancelled context stops the analysis with its error.
func TestAnalyzeProgressAndCancel(t *testing.T) {
	net := load(t, "../testdata/email-eu-core")
	opt := metrics.DefaultOptions()
	opt.Windows = graph.WindowSpec{Unit: graph.Quarter}
	opt.RewireDraws = 0
	// Without random groups the claims' units (the cycle tables) still
	// count; with them, each window's and the whole period's tests too.
	for _, draws := range []int{0, 19} {
		opt.NullDraws = draws
		var got []metrics.Progress
		opt.Progress = func(p metrics.Progress) { got = append(got, p) }
		a, err := metrics.Analyze(context.Background(), net, opt)
		if err != nil {
			t.Fatal(err)
		}
		total := 2*len(a.Scopes)*len(a.Windows) + 1
		if draws > 0 {
			total += len(a.Windows) + 1
		}
		if len(got) != total {
			t.Fatalf("draws %d: %d progress calls, want %d", draws, len(got), total)
		}
		for i, p := range got {
			if p.Done != i+1 || p.Total != total {
				t.Fatalf("draws %d: call %d: %+v, want done %d of %d", draws, i, p, i+1, total)
			}
		}
		if last := got[len(got)-1]; last.Stage != "claims" {
			t.Errorf("last stage %q", last.Stage)
		}
	}
	// Two pairs: no declared community, and the detected ones are too
	// small to test; the advantage pools still count, done at once.
	pairs := fromEdges(t, 4, [][2]int{{0, 1}, {1, 0}, {2, 3}, {3, 2}})
	opt.NullDraws = 19
	var got []metrics.Progress
	opt.Progress = func(p metrics.Progress) { got = append(got, p) }
	a, err := metrics.Analyze(context.Background(), pairs, opt)
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Claims.Advantage) != 0 {
		t.Fatalf("%d advantage rows for groups too small to test", len(a.Claims.Advantage))
	}
	total := 2*len(a.Scopes)*len(a.Windows) + 1 + len(a.Windows) + 1
	if len(got) != total || got[len(got)-1].Done != total || got[len(got)-1].Total != total {
		t.Errorf("two pairs: %d progress calls, last %+v; want %d", len(got), got[len(got)-1], total)
	}
	ctx, cancel := context.WithCancel(context.Background())
	opt.Progress = func(metrics.Progress) { cancel() }
	if _, err := metrics.Analyze(ctx, net, opt); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v, want context.Canceled", err)
	}
}
