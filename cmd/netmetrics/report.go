package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/copnet/copnet/io/report"
	"github.com/copnet/copnet/metrics"
)

// analysisFlags registers the flags of the analysis options (those of
// analyze) on fs and returns a function giving the options once fs is
// parsed.
func analysisFlags(fs *flag.FlagSet, d *dataFlags) func() (metrics.Options, error) {
	def := metrics.DefaultOptions()
	fs.StringVar(&d.windows, "window", "auto", "time windows (same as -windows)")
	roles := fs.String("roles", "be", "role method: be (Borgatti-Everett discrete fit), onion (activity 80/15/5), kcore:X (normalized coreness >= X)")
	horizon := fs.Int("horizon", def.Horizon, "H: windows within which newcomers reach the core, and after which retention is measured")
	exact := fs.Int("exact", def.ExactNodes, "windows with at most this many active members get the exact discrete core/periphery fit (0: never)")
	theta := fs.Float64("theta", def.Theta, "θ: share of a window's active members using an item for it to count as shared")
	persist := fs.Int("persist", def.Persist, "w: consecutive shared windows after which an item is objectified")
	seed := fs.Uint64("seed", def.Seed, "seed of every random choice: Louvain's node order, betweenness pivots, Jaccard pairs")
	resolution := fs.Float64("resolution", def.Resolution, "resolution of modularity and Louvain")
	bcExact := fs.Int("bc-exact", def.BetweennessExact, "betweenness is exact up to this many active members, sampled above")
	pivots := fs.Int("pivots", def.Pivots, "sampled betweenness sources above -bc-exact")
	return func() (metrics.Options, error) {
		method, err := metrics.ParseRoleMethod(*roles)
		if err != nil {
			return def, inputError{err}
		}
		opt := def
		opt.Roles, opt.Horizon, opt.ExactNodes, opt.Theta, opt.Persist = method, *horizon, *exact, *theta, *persist
		opt.Seed, opt.Resolution, opt.BetweennessExact, opt.Pivots = *seed, *resolution, *bcExact, *pivots
		if err := opt.Validate(); err != nil {
			return opt, usagef("%w", err)
		}
		return opt, nil
	}
}

// reportResultFlags say where the report goes and what picture it shows,
// not what the figures are: provenance leaves them out.
var reportResultFlags = []string{"-o=", "-network="}

func runReport(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("report", stderr)
	var d dataFlags
	d.register(fs)
	options := analysisFlags(fs, &d)
	out := fs.String("o", "report.html", `write the report to FILE ("-" for standard output); written whole or not at all`)
	network := fs.String("network", "", "SVG picture of the network to show in the report (from netmetrics dot -svg or Graphviz), embedded as an image")
	if err := parse(fs, args); err != nil {
		return err
	}
	opt, err := options()
	if err != nil {
		return err
	}
	var ropt report.ReportOptions
	if *network != "" {
		svg, err := os.ReadFile(*network)
		if err != nil {
			return inputError{fmt.Errorf("report: network picture: %w", err)}
		}
		if !strings.Contains(string(svg[:min(len(svg), 4096)]), "<svg") {
			return usagef("-network %s: not an SVG file", *network)
		}
		ropt.NetworkImage, ropt.NetworkNote = svg, "The network as drawn in "+filepath.Base(*network)+"."
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
	p := provenance("report", fs, ds)
	p.Arguments = slices.DeleteFunc(p.Arguments, func(arg string) bool {
		return slices.ContainsFunc(reportResultFlags, func(f string) bool { return strings.HasPrefix(arg, f) })
	})
	a.Summary.Provenance = p
	if *out == "-" {
		return a.WriteReport(stdout, ropt)
	}
	dir, name := filepath.Split(*out)
	if dir == "" {
		dir = "."
	}
	if err := report.WriteFiles(ctx, dir, []report.File{a.ReportFile(name, ropt)}, ds.inputs...); err != nil {
		return inputError{err}
	}
	return nil
}
