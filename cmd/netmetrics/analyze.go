package main

import (
	"context"
	"errors"
	"io"
	"slices"

	"github.com/copnet/copnet/io/report"
	"github.com/copnet/copnet/metrics"
)

func runAnalyze(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("analyze", stderr)
	var d dataFlags
	d.register(fs)
	def := metrics.DefaultOptions()
	fs.StringVar(&d.windows, "window", "auto", "time windows (same as -windows)")
	roles := fs.String("roles", "be", "role method: be (Borgatti-Everett discrete fit), onion (activity 80/15/5), kcore:X (normalized coreness >= X)")
	horizon := fs.Int("horizon", def.Horizon, "H: windows within which newcomers reach the core, and after which retention is measured")
	exact := fs.Int("exact", def.ExactNodes, "windows with at most this many active members get the exact discrete core/periphery fit (0: never)")
	out := fs.String("out", "", "write the tables into folder DIR (created if needed; written whole or not at all); for several datasets, DIR/<dataset>/ each and DIR/datasets.csv")
	theta := fs.Float64("theta", def.Theta, "θ: share of a window's active members using an item for it to count as shared")
	persist := fs.Int("persist", def.Persist, "w: consecutive shared windows after which an item is objectified")
	seed := fs.Uint64("seed", def.Seed, "seed of every random choice: Louvain's node order, betweenness pivots, Jaccard pairs")
	resolution := fs.Float64("resolution", def.Resolution, "resolution of modularity and Louvain")
	bcExact := fs.Int("bc-exact", def.BetweennessExact, "betweenness is exact up to this many active members, sampled above")
	pivots := fs.Int("pivots", def.Pivots, "sampled betweenness sources above -bc-exact")
	cycle := fs.String("cycle", "", "flow kinds of the knowledge-sharing cycle: kind=gathering|exchange|objectifying,… (default per preset: answer=gathering,comment=exchange,accepted=objectifying, and reply=exchange for canonical data)")
	draws := fs.Int("draws", def.NullDraws, "K: random groups per community-advantage test (0: none)")
	rewire := fs.Int("rewire-draws", def.RewireDraws, "degree-preserving rewirings per core/periphery test (0: none)")
	boot := fs.Int("bootstrap", def.BootstrapDraws, "bootstrap resamples of the pace ratio's interval (0: none)")
	alpha := fs.Float64("alpha", def.Alpha, "false-discovery rate at which a test counts as evidence in the findings")
	format := fs.String("format", "text", "summary on standard output without -out: text, markdown, html or json")
	maxCells := fs.Int("max-cells", def.MaxCells, "memory budget: most scopes × windows (each a row of scope_windows.csv, about 1 KB while running); 0: no bound")
	maxMemberCells := fs.Int("max-member-cells", def.MaxMemberCells, "memory budget: most member-window cells (active members of each scope × the windows from their first one); 0: no bound")
	safe := fs.Bool("safe-csv", false, "prefix cells that spreadsheets would run as formulas (=, +, -, @) with a quote")
	if err := parse(fs, args); err != nil {
		return err
	}
	if !slices.Contains([]string{"text", "markdown", "html", "json"}, *format) {
		return usagef("-format %q: want text, markdown, html or json", *format)
	}
	method, err := metrics.ParseRoleMethod(*roles)
	if err != nil {
		return inputError{err}
	}
	opt := def
	opt.Roles, opt.Horizon, opt.ExactNodes, opt.Theta, opt.Persist = method, *horizon, *exact, *theta, *persist
	opt.Seed, opt.Resolution, opt.BetweennessExact, opt.Pivots = *seed, *resolution, *bcExact, *pivots
	opt.NullDraws, opt.RewireDraws, opt.BootstrapDraws, opt.Alpha = *draws, *rewire, *boot, *alpha
	opt.MaxCells, opt.MaxMemberCells = *maxCells, *maxMemberCells
	opt.Cycle = metrics.DefaultCycle(d.preset)
	if *cycle != "" {
		if opt.Cycle, err = metrics.ParseCycle(*cycle); err != nil {
			return usagef("-cycle: %w", err)
		}
	}
	if err := opt.Validate(); err != nil {
		return usagef("%w", err)
	}
	// Several dataset folders, or a folder of them: a batch (batch.go).
	if entries, ok, err := batchDatasets(fs.Args(), &d, stderr); err != nil {
		return err
	} else if ok {
		return runBatch(ctx, batchRun{fs: fs, data: &d, opt: opt, out: *out, format: *format, safe: *safe, entries: entries}, stdin, stdout, stderr)
	}
	ds, err := d.load(ctx, fs.Args(), stdin, stderr)
	if err != nil {
		return err
	}
	opt.Windows = ds.spec
	bar := newProgressBar(stderr, "analysing")
	opt.Progress = bar.update
	res, err := metrics.Analyze(ctx, ds.net, opt)
	bar.finish()
	if err != nil {
		if errors.Is(err, context.Canceled) {
			return err
		}
		return classify(err)
	}
	s, err := ds.summary()
	if err != nil {
		return err
	}
	a := report.NewAnalysis(res, s, map[string]any{"preset": d.preset, "strict": d.strict})
	a.Summary.Provenance = provenance("analyze", fs, ds)
	a.CSV.Safe = *safe
	if *out == "" {
		return a.WriteSummary(stdout, *format)
	}
	if err := report.WriteFiles(ctx, *out, a.Files(), ds.inputs...); err != nil {
		return outputError(err)
	}
	return nil
}
