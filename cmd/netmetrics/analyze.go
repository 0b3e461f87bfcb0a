package main

import (
	"context"
	"io"
	"slices"

	"github.com/copnet/copnet/io/report"
	"github.com/copnet/copnet/metrics"
)

func runAnalyze(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("analyze", stderr)
	var d dataFlags
	d.register(fs)
	fs.StringVar(&d.windows, "window", "auto", "time windows (same as -windows)")
	roles := fs.String("roles", "be", "role method: be (Borgatti-Everett discrete fit), onion (activity 80/15/5), kcore:X (normalized coreness >= X)")
	horizon := fs.Int("horizon", metrics.DefaultHorizon, "H: windows within which newcomers reach the core, and after which retention is measured")
	exact := fs.Int("exact", metrics.DefaultExactNodes, "windows with at most this many active members get the exact discrete core/periphery fit")
	out := fs.String("out", "", "write the tables into folder DIR (created if needed; written whole or not at all)")
	theta := fs.Float64("theta", metrics.DefaultTheta, "θ: share of a window's active members using an item for it to count as shared")
	persist := fs.Int("persist", metrics.DefaultPersist, "w: consecutive shared windows after which an item is objectified")
	seed := fs.Uint64("seed", 1, "seed of every random choice: Louvain's node order, betweenness pivots, Jaccard pairs")
	resolution := fs.Float64("resolution", 1, "resolution of modularity and Louvain")
	bcExact := fs.Int("bc-exact", metrics.DefaultBetweennessExact, "betweenness is exact up to this many members, sampled above")
	pivots := fs.Int("pivots", metrics.DefaultPivots, "sampled betweenness sources above -bc-exact")
	format := fs.String("format", "text", "summary on standard output without -out: text, markdown, html or json")
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
	if *horizon < 1 {
		return usagef("-horizon %d: want at least 1", *horizon)
	}
	if !(*theta > 0 && *theta <= 1) {
		return usagef("-theta %v: want 0 < θ ≤ 1", *theta)
	}
	if *persist < 1 {
		return usagef("-persist %d: want at least 1", *persist)
	}
	if *seed == 0 {
		return usagef("-seed 0: want a positive seed")
	}
	if !(*resolution > 0) {
		return usagef("-resolution %v: want a positive number", *resolution)
	}
	if *bcExact < 1 || *pivots < 1 {
		return usagef("-bc-exact and -pivots want at least 1")
	}
	ds, err := d.load(ctx, fs.Args(), stdin, stderr)
	if err != nil {
		return err
	}
	opt := metrics.InternalizingOptions{Windows: ds.spec, Roles: method, Horizon: *horizon, ExactNodes: *exact}
	res, err := metrics.Internalize(ds.net, opt)
	if err != nil {
		return classify(err)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	ext, err := metrics.Externalize(ds.net, metrics.ExternalizingOptions{Windows: ds.spec, Theta: *theta, Persist: *persist, Seed: *seed})
	if err != nil {
		return classify(err)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	capital, err := metrics.SocialCapitalOf(ds.net, metrics.SocialCapitalOptions{Windows: ds.spec, Resolution: *resolution, Seed: *seed, BetweennessExact: *bcExact, Pivots: *pivots})
	if err != nil {
		return classify(err)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	s, err := ds.summary()
	if err != nil {
		return err
	}
	a := report.NewAnalysis(ds.net, res.Windows, s, map[string]any{
		"windows": ds.spec.String(), "roles": method.String(), "horizon": *horizon, "exact_nodes": *exact,
		"preset": d.preset, "strict": d.strict, "theta": *theta, "persist": *persist, "seed": *seed,
		"jaccard_exact_members": metrics.DefaultJaccardExact, "jaccard_sample_pairs": metrics.DefaultJaccardSample,
		"resolution": *resolution, "betweenness_exact_members": *bcExact, "betweenness_pivots": *pivots,
	})
	a.Summary.Provenance = provenance("analyze", fs, ds)
	a.CSV.Safe = *safe
	a.AddInternalizing(res)
	a.AddExternalizing(ext)
	if err := a.AddCapital(capital); err != nil {
		return err
	}
	if *out == "" {
		return a.WriteSummary(stdout, *format)
	}
	if err := report.WriteFiles(ctx, *out, a.Files(), ds.inputs...); err != nil {
		return inputError{err}
	}
	return nil
}
