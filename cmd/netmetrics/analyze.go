package main

import (
	"context"
	"errors"
	"flag"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"golang.org/x/term"

	"github.com/copnet/copnet/io/report"
	"github.com/copnet/copnet/metrics"
)

func runAnalyze(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("analyze", stderr)
	var d dataFlags
	d.register(fs)
	options := analysisFlags(fs, &d)
	out := fs.String("out", "", "write the tables into folder DIR (created if needed; written whole or not at all); for several datasets, DIR/<dataset>/ each and DIR/datasets.csv")
	format := fs.String("format", "text", "summary on standard output without -out: text, markdown, html or json")
	timings := fs.String("timings", "", "with -out, write the seconds spent in each stage (load, the kernels summed over workers, write) to FILE as JSON, for benchmarks")
	safe := fs.Bool("safe-csv", false, "prefix cells that spreadsheets would run as formulas (=, +, -, @) with a quote")
	detail := fs.Bool("detail", false, "with the text summary, the detail after the first screen (the dataset, parameters, every window, role transitions, findings in full, provenance); default: on unless standard output is a terminal, where the first screen stays in view")
	if err := parse(fs, args); err != nil {
		return err
	}
	if !slices.Contains([]string{"text", "markdown", "html", "json"}, *format) {
		return usagef("-format %q: want text, markdown, html or json", *format)
	}
	if !flagGiven(fs, "detail") {
		*detail = !isTerminal(stdout)
	} else if *detail && (*out != "" || *format != "text") {
		return usagef("-detail goes with the text summary on standard output, not with -out or -format %s", *format)
	}
	opt, err := options()
	if err != nil {
		return err
	}
	// A file where the output folder should be is refused before the
	// analysis, which can be long, rather than after it.
	if *out != "" {
		if err := report.CheckFolder(*out); err != nil {
			return inputError{err}
		}
	}
	// Several dataset folders, or a folder of them: a batch (batch.go).
	if entries, ok, err := batchDatasets(fs.Args(), &d, stderr); err != nil {
		return err
	} else if ok {
		if *detail && flagGiven(fs, "detail") {
			return usagef("-detail goes with the summary of one dataset; a batch prints the comparison table")
		}
		return runBatch(ctx, batchRun{fs: fs, data: &d, opt: opt, out: *out, format: *format, safe: *safe, entries: entries}, stdin, stdout, stderr)
	}
	start := time.Now()
	ds, err := d.load(ctx, fs.Args(), stdin, stderr)
	if err != nil {
		return err
	}
	loaded := time.Since(start)
	// Loading's peak is its own (the network as it grows); the analysis'
	// comes later, where the guard follows it.
	defer guardHeap()()
	var tables *streamedOutput
	if *out != "" {
		// The largest tables are written as the analysis makes them.
		tables, err = stageOutput(ctx, *out, ds, report.CSVOptions{Safe: *safe})
		if err != nil {
			return outputError(err)
		}
		defer tables.abort()
		opt.Stream = tables.stream
	}
	start = time.Now()
	a, err := analyseDataset(ctx, ds, &d, opt, stderr, "analysing")
	analysed := time.Since(start)
	if err != nil {
		if errors.Is(err, report.ErrOutput) {
			return outputError(err)
		}
		return err
	}
	a.Summary.Provenance = provenance("analyze", fs, ds, fs.Args())
	a.Given = givenArgs(fs)
	a.CSV.Safe = *safe
	if *out == "" {
		if *format == "text" && !*detail {
			return a.WriteFirstScreenAlone(stdout)
		}
		return a.WriteSummary(stdout, *format)
	}
	start = time.Now()
	n, err := tables.commit(a.Files())
	if err := written(err, stderr, metrics.Counted(n, "file"), *out); err != nil {
		return err
	}
	if *timings != "" {
		t := a.Timings
		t["load"], t["analyze"], t["write"] = loaded.Seconds(), analysed.Seconds(), time.Since(start).Seconds()
		err := report.WriteFile(ctx, *timings, func(w io.Writer) error { return report.WriteJSON(w, t) }, ds.inputs...)
		if err != nil {
			return outputError(err)
		}
	}
	return nil
}

// analyseDataset analyses a loaded dataset in the windows of the dataset
// flags, with a progress bar labelled desc on a terminal, and prepares it
// for writing: the dataset's summary and the parameters the flags add.
func analyseDataset(ctx context.Context, ds *dataset, d *dataFlags, opt metrics.Options, stderr io.Writer, desc string) (*report.Analysis, error) {
	opt.Windows = ds.spec
	bar := newProgressBar(stderr, desc)
	opt.Progress = bar.update
	res, err := metrics.Analyze(ctx, ds.net, opt)
	bar.finish()
	if err != nil {
		if errors.Is(err, context.Canceled) {
			return nil, err
		}
		return nil, classify(err)
	}
	s, err := ds.summary()
	if err != nil {
		return nil, err
	}
	return report.NewAnalysis(res, s, map[string]any{"preset": d.preset, "strict": d.strict}), nil
}

// flagGiven reports whether the command line set flag name.
func flagGiven(fs *flag.FlagSet, name string) bool {
	given := false
	fs.Visit(func(f *flag.Flag) { given = given || f.Name == name })
	return given
}

// isTerminal reports whether w is a terminal; a variable, so that the
// tests can play one.
var isTerminal = func(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// givenArgs are the arguments of the command line that the commands to
// run next repeat: the flags given that bear on the results, as
// -name=value (-name for a true bool) in name order, then the dataset
// (a path that starts with a dash gets ./ so that it is not read as a
// flag).
func givenArgs(fs *flag.FlagSet) []string {
	out := givenFlags(fs, func(name string) bool { return !resultFlags[name] && name != "safe-csv" })
	for _, a := range fs.Args() {
		if strings.HasPrefix(a, "-") && a != "-" {
			a = "./" + a
		}
		out = append(out, a)
	}
	return out
}

// givenFlags are the flags of fs given on the command line that keep
// accepts, as -name=value (-name for a true bool), in name order.
func givenFlags(fs *flag.FlagSet, keep func(name string) bool) []string {
	out := []string{}
	fs.Visit(func(f *flag.Flag) {
		if !keep(f.Name) {
			return
		}
		if v := f.Value.String(); v == "true" && isBoolFlag(f) {
			out = append(out, "-"+f.Name)
		} else {
			out = append(out, "-"+f.Name+"="+v)
		}
	})
	return out
}

// isBoolFlag reports whether f takes no value (-name alone sets it).
func isBoolFlag(f *flag.Flag) bool {
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

// streamedOutput is an output folder staged before the analysis, with the
// tables the analysis streams into it as it makes them
// (member_windows.csv and, with knowledge items, adoption.csv).
type streamedOutput struct {
	st     *report.Staging
	mw     *report.RowStream[metrics.MemberWindowRow]
	ad     *report.RowStream[metrics.AdoptionRow]
	stream *metrics.Stream
}

// stageOutput stages the output folder dir for the analysis of ds and
// opens its streamed tables.
func stageOutput(ctx context.Context, dir string, ds *dataset, csv report.CSVOptions) (*streamedOutput, error) {
	st, err := report.Stage(ctx, dir, ds.inputs...)
	if err != nil {
		return nil, err
	}
	// The tables every analysis writes are checked now, not after it.
	if err := st.Check(report.AnalysisFileNames(len(ds.net.Items) > 0)...); err != nil {
		st.Abort()
		return nil, err
	}
	o := &streamedOutput{st: st, stream: &metrics.Stream{}}
	if o.mw, err = report.StreamRows[metrics.MemberWindowRow](st, "member_windows.csv", csv); err != nil {
		o.abort()
		return nil, err
	}
	o.stream.MemberWindows = o.mw.Push
	if len(ds.net.Items) > 0 {
		if o.ad, err = report.StreamRows[metrics.AdoptionRow](st, "adoption.csv", csv); err != nil {
			o.abort()
			return nil, err
		}
		o.stream.Adoption = o.ad.Push
	}
	return o, nil
}

// close ends the streamed tables and returns the first error of their
// writers.
func (o *streamedOutput) close() error {
	var err error
	if o.mw != nil {
		err = o.mw.Close()
	}
	if o.ad != nil {
		if aerr := o.ad.Close(); err == nil {
			err = aerr
		}
	}
	return err
}

// abort drops the staged set, leaving the folder as it was; after commit
// it does nothing.
func (o *streamedOutput) abort() {
	o.close()
	o.st.Abort()
}

// commit ends the streamed tables, writes the other files and commits the
// set; it returns the number of files written.
func (o *streamedOutput) commit(files []report.File) (int, error) {
	if err := o.close(); err != nil {
		return 0, err
	}
	for _, f := range files {
		if err := o.st.Write(f); err != nil {
			return 0, err
		}
	}
	if err := o.st.Commit(); err != nil {
		return 0, err
	}
	n := len(files) + 1
	if o.ad != nil {
		n++
	}
	return n, nil
}
