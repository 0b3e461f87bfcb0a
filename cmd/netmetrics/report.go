package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/copnet/copnet/graph"
	"github.com/copnet/copnet/io/csvio"
	"github.com/copnet/copnet/io/dotio"
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
	seed := fs.Uint64("seed", def.Seed, "seed of every random choice: Louvain's node order, betweenness pivots, Jaccard pairs, the claims' random groups, rewirings and bootstrap resamples")
	resolution := fs.Float64("resolution", def.Resolution, "resolution of modularity and Louvain")
	bcExact := fs.Int("bc-exact", def.BetweennessExact, "betweenness is exact up to this many active members, sampled above")
	pivots := fs.Int("pivots", def.Pivots, "sampled betweenness sources above -bc-exact")
	cycle := fs.String("cycle", "", "flow kinds of the knowledge-sharing cycle: kind=gathering|exchange|objectifying,… (default per preset: answer=gathering,comment=exchange,accepted=objectifying, and reply=exchange for canonical data)")
	draws := fs.Int("draws", def.NullDraws, "K: random groups per community-advantage test (0: none)")
	rewire := fs.Int("rewire-draws", def.RewireDraws, "degree-preserving rewirings per core/periphery test (0: none)")
	boot := fs.Int("bootstrap", def.BootstrapDraws, "bootstrap resamples of the pace ratio's interval (0: none)")
	alpha := fs.Float64("alpha", def.Alpha, "false-discovery rate at which a test counts as evidence in the findings")
	stop := fs.Int("stop-after", def.StopAfter, "h: a community-advantage test stops once h draws reach the observed value (Besag-Clifford p = h/L); 0: every draw")
	maxCells := fs.Int("max-cells", def.MaxCells, "memory budget: most scopes × windows (each a row of scope_windows.csv, about 1 KB while running); 0: no bound")
	maxMemberCells := fs.Int("max-member-cells", def.MaxMemberCells, "memory budget: most member-window cells (active members of each scope × the windows from their first one); 0: no bound")
	return func() (metrics.Options, error) {
		method, err := metrics.ParseRoleMethod(*roles)
		if err != nil {
			return def, inputError{err}
		}
		opt := def
		opt.Roles, opt.Horizon, opt.ExactNodes, opt.Theta, opt.Persist = method, *horizon, *exact, *theta, *persist
		opt.Seed, opt.Resolution, opt.BetweennessExact, opt.Pivots = *seed, *resolution, *bcExact, *pivots
		opt.NullDraws, opt.RewireDraws, opt.BootstrapDraws, opt.Alpha = *draws, *rewire, *boot, *alpha
		opt.MaxCells, opt.MaxMemberCells, opt.StopAfter = *maxCells, *maxMemberCells, *stop
		opt.Cycle = metrics.DefaultCycle(d.preset)
		if *cycle != "" {
			if opt.Cycle, err = metrics.ParseCycle(*cycle); err != nil {
				return opt, usagef("-cycle: %w", err)
			}
		}
		if err := opt.Validate(); err != nil {
			return opt, usagef("%w", err)
		}
		return opt, nil
	}
}

// pictureLabels is the number of members named by default in the
// pictures of the network (the report's and dot's): the most active.
const pictureLabels = 15

// networkPicture draws the report's picture of the network: the whole
// period's organization projection, members outlined by their role in it
// (the analysis's role method), the most active named, laid out by
// Graphviz's sfdp when installed, else in process. A network beyond
// dotio's bounds of the in-process layout gets no picture, even with
// Graphviz (the page would weigh megabytes): the note says how to draw
// one. Only a cancelled context is an error; a failing layout leaves the
// note.
func networkPicture(ctx context.Context, net *graph.Network, opt metrics.Options, eng dotio.Engine) (svg, note string, err error) {
	p := net.Project(net.All(), graph.Organization, graph.ProjectOptions{})
	how := "draw a community or a window (netmetrics dot -svg -scope ID -window N -o network.svg DIR), " +
		"or the whole network with Graphviz (apt-get install graphviz; netmetrics dot -svg -engine graphviz -o network.svg DIR), " +
		"and pass the picture with -network network.svg"
	if p.N() > dotio.DefaultMaxNodes || p.Edges() > dotio.DefaultMaxEdges {
		return "", fmt.Sprintf("No network picture: %s members and %s ties are more than a report draws (%s members, %s ties). To see it, %s.",
			metrics.Count(p.N()), metrics.Count(p.Edges()), metrics.Count(dotio.DefaultMaxNodes), metrics.Count(dotio.DefaultMaxEdges), how), nil
	}
	wr := metrics.AssignRoles(p, opt.Roles, opt.ExactNodes)
	o := dotio.Options{Labels: pictureLabels, Engine: eng, Roles: make([]dotio.Role, len(wr.Roles))}
	for i, r := range wr.Roles {
		o.Roles[i] = dotio.Role(r)
	}
	pic, err := dotio.NewPicture(ctx, net, p, o)
	switch {
	case errors.Is(err, context.Canceled) || ctx.Err() != nil:
		return "", "", ctx.Err()
	case err != nil && eng != dotio.EngineAuto:
		// An engine asked for by name that cannot draw is the user's to
		// know, as for dot.
		return "", "", inputError{fmt.Errorf("-engine %s: %s", eng, message(err))}
	case errors.Is(err, dotio.ErrTooLarge):
		return "", fmt.Sprintf("No network picture: %s. To see it, %s.", message(err), how), nil
	case err != nil:
		return "", fmt.Sprintf("No network picture: %s. To draw one, %s.", message(err), how), nil
	}
	roles := "the core (Borgatti–Everett fit)"
	if opt.Roles.Kind != metrics.BERoles {
		roles = "core members (roles " + opt.Roles.String() + ")"
	}
	coloured := ""
	if len(net.Communities) > 0 {
		coloured = "; members are coloured by community (the legend names the largest)"
	}
	sized := "the flows they sent and received"
	if net.Undirected {
		sized = "the flows they took part in"
	}
	note = fmt.Sprintf("The whole organization over the whole period: %s active members sized by %s, "+
		"%s outlined thick, the semi-periphery (tied to the core) thin, the periphery not at all; the %d most active are named%s. "+
		"netmetrics dot -svg draws it alone, or one community or window.", metrics.Count(p.N()), sized, roles, pictureLabels, coloured)
	return pic.SVG(), note, nil
}

func runReport(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("report", stderr)
	var d dataFlags
	d.register(fs)
	options := analysisFlags(fs, &d)
	out := fs.String("o", "report.html", `write the report to FILE ("-" for standard output); written whole or not at all`)
	network := fs.String("network", "", "SVG picture of the network to show in the report (from netmetrics dot -svg or Graphviz), embedded as an image")
	engine := fs.String("engine", "auto", "who lays the network picture out: graphviz (its program on PATH), go (in-process), auto (graphviz when installed)")
	datasets := fs.String("datasets", "", "a batch's datasets.csv (netmetrics analyze -out OUT DIR1 DIR2 …): alone, a page comparing its datasets; with DIR, a comparison section in DIR's report")
	picture := fs.Bool("picture", true, "draw the whole network into the report (as -engine says; up to 10,000 members and 100,000 ties); false leaves a placeholder")
	if err := parse(fs, args); err != nil {
		return err
	}
	opt, err := options()
	if err != nil {
		return err
	}
	eng, err := dotio.ParseEngine(*engine)
	if err != nil {
		return usagef("-engine: %s", message(err))
	}
	// A batch's output folder (datasets.csv, no flows.csv) or -datasets
	// alone: the comparison page.
	source := *datasets
	if args := fs.Args(); source == "" && len(args) == 1 && isBatchOutput(args[0]) {
		source = filepath.Join(args[0], datasetsFile)
	}
	var ropt report.ReportOptions
	if source != "" {
		rows, err := readDatasets(source)
		if err != nil {
			return err
		}
		rerunFlags(fs, filepath.Dir(source), rows)
		if *datasets == "" || fs.NArg() == 0 {
			return writeReport(ctx, *out, stdout, stderr, report.ComparisonFile, rows, source)
		}
		ropt.Datasets, ropt.DatasetsSource = rows, source
	}
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
	defer guardHeap()() // as analyze does
	a, err := analyseDataset(ctx, ds, &d, opt, stderr, "analysing")
	if err != nil {
		return err
	}
	if *network == "" && *picture {
		if ropt.NetworkSVG, ropt.NetworkNote, err = networkPicture(ctx, ds.net, opt, eng); err != nil {
			return err
		}
	}
	a.Summary.Provenance = provenance("report", fs, ds, fs.Args())
	if *out == "-" {
		return a.WriteReport(stdout, ropt)
	}
	// One file, replaced whole: a folder's set commit (WriteFiles) would
	// take the other reports of the folder for stale tables.
	return written(report.WriteFile(ctx, *out, a.ReportFile(filepath.Base(*out), ropt).Write, ds.inputs...), stderr, "report", *out)
}

// isBatchOutput reports whether dir is the output folder of a batch:
// datasets.csv, and no dataset of its own.
func isBatchOutput(dir string) bool {
	if !fileExists(filepath.Join(dir, datasetsFile)) {
		return false
	}
	_, err := csvio.DatasetFiles(dir)
	return err != nil
}

// readDatasets reads a batch's datasets.csv.
func readDatasets(path string) ([]report.DatasetRow, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, inputError{fmt.Errorf("report: -datasets: %w", err)}
	}
	defer f.Close()
	rows, err := report.ReadDatasets(f, path)
	if err != nil {
		return nil, inputError{err}
	}
	if len(rows) == 0 {
		return nil, usagef("report: %s: no dataset", path)
	}
	return rows, nil
}

// writeReport writes the comparison page to out ("-": stdout), whole or
// not at all, never over the datasets.csv it was read from.
func writeReport(ctx context.Context, out string, stdout, stderr io.Writer, file func(string, []report.DatasetRow, string) report.File,
	rows []report.DatasetRow, source string) error {
	if out == "-" {
		return file("-", rows, source).Write(stdout)
	}
	return written(report.WriteFile(ctx, out, file(filepath.Base(out), rows, source).Write, source), stderr, "comparison page", out)
}

// rerunFlags sets each row's Flags to the settings of the run recorded in
// dir/<dataset>/summary.json that differ from fs's defaults, so that the
// comparison page's report commands redo the batch's analysis. A dataset
// whose summary.json is missing or unreadable keeps no flags.
func rerunFlags(fs *flag.FlagSet, dir string, rows []report.DatasetRow) {
	for i, r := range rows {
		p, err := readProvenance(filepath.Join(dir, r.Dataset))
		if err != nil {
			continue
		}
		for _, arg := range p.Arguments {
			if arg == "--" {
				break
			}
			name, value, ok := strings.Cut(strings.TrimPrefix(arg, "-"), "=")
			if !ok || name == "window" { // -windows carries the same setting
				continue
			}
			if f := fs.Lookup(name); f != nil && f.DefValue != value {
				rows[i].Flags = append(rows[i].Flags, "-"+name+"="+value)
			}
		}
	}
}
