package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/copnet/copnet/graph"
	"github.com/copnet/copnet/io/csvio"
	"github.com/copnet/copnet/io/report"
	"github.com/copnet/copnet/metrics"
)

// dataFlags are the flags naming and reading a dataset.
type dataFlags struct {
	preset                      string
	flows, members, communities string
	knowledge                   string
	delim                       string
	strict                      bool
	windows                     string
	maxLine, maxField           int
	maxColumns                  int
	maxBytes, maxRows           int64
	undirected                  directionFlag
	// noticed is set once a batch has checked every dataset: a load then
	// keeps its notices among the dataset's warnings without saying them
	// again on standard error.
	noticed bool
	fs      *flag.FlagSet // where the flags were registered
}

// directionFlag is -undirected: unset (or "dataset"), the dataset's
// dataset.json decides; -undirected reads every flow both ways; -undirected=false reads
// source → target even when dataset.json declares the data undirected.
type directionFlag struct {
	set, v bool
}

func (f *directionFlag) String() string {
	if f == nil || !f.set {
		return "dataset"
	}
	return strconv.FormatBool(f.v)
}

func (f *directionFlag) Set(s string) error {
	if s == "dataset" {
		// As String writes the default, so that a recorded run replays.
		f.set, f.v = false, false
		return nil
	}
	v, err := strconv.ParseBool(s)
	if err != nil {
		return fmt.Errorf("want true, false or dataset")
	}
	f.set, f.v = true, v
	return nil
}

// IsBoolFlag lets -undirected stand without a value.
func (f *directionFlag) IsBoolFlag() bool { return true }

// direction is the csvio direction the flag asks for.
func (f *directionFlag) direction() csvio.Direction {
	switch {
	case !f.set:
		return csvio.FromDataset
	case f.v:
		return csvio.Undirected
	}
	return csvio.Directed
}

func (d *dataFlags) register(fs *flag.FlagSet) {
	d.fs = fs
	fs.StringVar(&d.preset, "preset", "canonical", "input layout: canonical or sede (Stack Exchange Data Explorer)")
	fs.StringVar(&d.flows, "flows", "", "flows file (instead of DIR)")
	fs.StringVar(&d.members, "members", "", "members file (with -flows)")
	fs.StringVar(&d.communities, "communities", "", "communities file (with -flows)")
	fs.StringVar(&d.knowledge, "knowledge", "", "knowledge items file (with -flows)")
	fs.StringVar(&d.delim, "delim", ",", `field delimiter ("\t" for tabs)`)
	fs.BoolVar(&d.strict, "strict", false, "flows naming undeclared members or communities are errors")
	fs.IntVar(&d.maxLine, "max-line", csvio.DefaultMaxLineBytes, "longest input line accepted, in bytes")
	fs.IntVar(&d.maxField, "max-field", csvio.DefaultMaxFieldBytes, "longest input field accepted, in bytes")
	fs.IntVar(&d.maxColumns, "max-columns", csvio.DefaultMaxColumns, "most columns accepted in a header")
	fs.Int64Var(&d.maxBytes, "max-bytes", csvio.DefaultMaxBytes, "most bytes read from one input file, after decompression")
	fs.Int64Var(&d.maxRows, "max-rows", csvio.DefaultMaxRows, "most data rows read from one input file")
	fs.Var(&d.undirected, "undirected", "flows have no direction (contacts, co-authorship): count each flow both ways; -undirected=false reads source → target even where the dataset's dataset.json says \"directed\": false (default: as dataset.json says, else directed)")
	fs.StringVar(&d.windows, "windows", "auto", "time windows: auto, all, hour, day, week, month, quarter, year, 30d, parts:N, cumulative:...")
}

// dataset is a loaded network and what the load said.
type dataset struct {
	name   string
	net    *graph.Network
	report *csvio.Report
	spec   graph.WindowSpec
	inputs []string // files and folders read, never to be overwritten
	folder string   // the dataset folder, "" when the files were named one by one
}

func (d *dataFlags) options(ctx context.Context, stderr io.Writer) (csvio.Options, error) {
	opt := csvio.Options{Strict: d.strict, Context: ctx, MaxLineBytes: d.maxLine, MaxFieldBytes: d.maxField, MaxColumns: d.maxColumns, MaxBytes: d.maxBytes, MaxRows: d.maxRows,
		Direction: d.undirected.direction()}
	for _, l := range []struct {
		name string
		v    int64
	}{{"max-line", int64(d.maxLine)}, {"max-field", int64(d.maxField)}, {"max-columns", int64(d.maxColumns)}, {"max-bytes", d.maxBytes}, {"max-rows", d.maxRows}} {
		if l.v < 1 {
			return opt, usagef("-%s %d: want a positive number", l.name, l.v)
		}
	}
	delim := d.delim
	if delim == `\t` || delim == "tab" {
		delim = "\t"
	}
	r, size := utf8.DecodeRuneInString(delim)
	if size != len(delim) || r == utf8.RuneError || r == '"' || r == '\n' || r == '\r' {
		return opt, usagef("-delim %q: want one character other than a quote or line break", d.delim)
	}
	opt.Comma = r
	if bar := newProgressBar(stderr, "loading"); bar.out != nil {
		opt.Progress = bar.load
	}
	return opt, nil
}

// load reads the dataset named by the flags and the positional arguments
// (none: the embedded demo).
func (d *dataFlags) load(ctx context.Context, args []string, stdin io.Reader, stderr io.Writer) (*dataset, error) {
	spec, err := graph.ParseWindowSpec(d.windows)
	if err != nil {
		return nil, inputError{namedError{"-window", err}}
	}
	opt, err := d.options(ctx, stderr)
	if err != nil {
		return nil, err
	}
	ds := &dataset{spec: spec}
	if err := d.checkStdin(args); err != nil {
		return nil, err
	}
	switch {
	case len(args) > 1:
		return nil, usagef("want one dataset folder, got %d arguments: %q", len(args), args)
	case d.flows != "":
		if len(args) > 0 {
			return nil, usagef("give either DIR or -flows, not both")
		}
		ds.name = d.flows
		f := d.files()
		ds.inputs = fileInputs(f)
		if f.Flows == "-" {
			ds.name = "standard input"
			ds.net, ds.report, err = csvio.LoadReaders(d.readers(stdin), opt)
		} else {
			ds.net, ds.report, err = csvio.LoadFiles(f, opt)
		}
	case d.members != "" || d.communities != "" || d.knowledge != "":
		return nil, usagef("-members, -communities and -knowledge go with -flows")
	case len(args) == 0:
		ds.name = csvio.DemoName
		ds.net, ds.report, err = csvio.DemoWith(opt)
	case args[0] == "-":
		ds.name = "standard input"
		ds.net, ds.report, err = csvio.LoadReaders(d.readers(stdin), opt) // -members … were refused above
	default:
		ds.name, ds.folder = args[0], args[0]
		ds.inputs = folderInputs(args[0])
		ds.net, ds.report, err = csvio.LoadPreset(csvio.Preset(d.preset), args[0], opt)
		err = d.presetHint(args[0], err)
	}
	if err != nil {
		err = classify(err)
		var pe *csvio.ParseError
		if ds.folder != "" && errors.As(err, &pe) && pe.Line > 0 {
			// The load stops at the first fault in a file's content;
			// validate, given the flags that shape the load, lists them all.
			err = inputError{withHint{err, "every problem of the input: netmetrics validate " + d.loadArgs() + shellPath(ds.folder)}}
		}
		return nil, err
	}
	if !ds.net.HasTime && spec.Unit != graph.Auto && spec.Unit != graph.Static {
		// Said at once, and kept among the dataset's warnings (the
		// summaries and summary.json list them).
		msg := fmt.Sprintf("%s has no times: windows %q cut nothing; one window holds every flow", ds.name, d.windows)
		if !d.noticed {
			fmt.Fprintf(stderr, "netmetrics: %s\n", msg)
		}
		ds.report.Warnings = append(ds.report.Warnings, csvio.Problem{Severity: csvio.Warning, Err: errors.New(msg)})
	}
	return ds, nil
}

// checkStdin refuses the uses of "-" (standard input) that cannot work:
// only a canonical flows file can come from standard input.
func (d *dataFlags) checkStdin(args []string) error {
	if d.members == "-" || d.communities == "-" || d.knowledge == "-" {
		return usagef("only the flows can come from standard input (-flows - or DIR -)")
	}
	stdin := d.flows == "-" || (len(args) == 1 && args[0] == "-")
	if stdin && d.preset != "" && d.preset != string(csvio.PresetCanonical) {
		return usagef("-preset %s reads a folder of files; standard input holds one canonical flows.csv (drop -preset, or give the folder)", d.preset)
	}
	return nil
}

// readers opens the files named one by one, the flows being standard
// input.
func (d *dataFlags) readers(stdin io.Reader) csvio.Readers {
	in := csvio.Readers{Flows: csvio.Input{Name: "stdin", R: stdin}}
	open := func(path string) *csvio.Input {
		if path == "" {
			return nil
		}
		return &csvio.Input{Name: path, Path: path}
	}
	in.Members, in.Communities, in.Knowledge = open(d.members), open(d.communities), open(d.knowledge)
	return in
}

// fileInputs lists the files named one by one and their folders: an
// output folder may not be one of them.
func fileInputs(f csvio.Files) []string {
	var in []string
	for _, p := range []string{f.Flows, f.Members, f.Communities, f.Knowledge} {
		if p != "" && p != "-" {
			in = append(in, withFolders(p)...)
		}
	}
	return in
}

// withFolders returns an input file with the folder holding it, and, when
// it is a link, the folder holding the file it resolves to.
func withFolders(p string) []string {
	in := []string{p, filepath.Dir(p)}
	if real, err := filepath.EvalSymlinks(p); err == nil && real != p {
		in = append(in, filepath.Dir(real))
	}
	return in
}

// folderInputs lists a dataset folder and every file in it that a load
// reads.
func folderInputs(dir string) []string {
	in := []string{dir}
	if p := filepath.Join(dir, csvio.DatasetFileName); fileExists(p) {
		in = append(in, withFolders(p)...)
	}
	for _, n := range csvio.InputNames {
		for _, ext := range []string{".csv", ".csv.gz"} {
			if p := filepath.Join(dir, n+ext); fileExists(p) {
				in = append(in, withFolders(p)...)
			}
		}
	}
	return in
}

// isDatasetName reports whether a load of a folder would read a file of
// that name (compared without case, for file systems that ignore it).
func isDatasetName(name string) bool {
	if strings.EqualFold(name, csvio.DatasetFileName) {
		return true
	}
	for _, n := range csvio.InputNames {
		if strings.EqualFold(name, n+".csv") || strings.EqualFold(name, n+".csv.gz") {
			return true
		}
	}
	return false
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// presetHint adds to a "no flows.csv" error the preset that reads the
// folder, when its files are those of a known export.
func (d *dataFlags) presetHint(dir string, err error) error {
	if !errors.Is(err, csvio.ErrNoFlows) || (d.preset != "" && d.preset != string(csvio.PresetCanonical)) {
		return err
	}
	for _, p := range []string{"Posts.csv", "Posts.csv.gz"} {
		if fileExists(filepath.Join(dir, p)) {
			return fmt.Errorf("%w; the folder holds %s, a Stack Exchange Data Explorer export: add -preset sede", err, p)
		}
	}
	return err
}

// files returns the files named one by one.
func (d *dataFlags) files() csvio.Files {
	return csvio.Files{Flows: d.flows, Members: d.members, Communities: d.communities, Knowledge: d.knowledge}
}

// classify marks errors caused by the input.
func classify(err error) error {
	var pe *csvio.ParseError
	if errors.Is(err, csvio.ErrTooManyRows) {
		err = fmt.Errorf("%w (raise -max-rows to read more)", err)
	} else if errors.Is(err, csvio.ErrTooLarge) && !(errors.As(err, &pe) && pe.File == csvio.DatasetFileName) {
		// dataset.json's bound is its own, not -max-bytes.
		err = fmt.Errorf("%w (raise -max-bytes to read more)", err)
	}
	if errors.Is(err, metrics.ErrBudget) {
		return inputError{err}
	}
	if errors.As(err, &pe) || errors.Is(err, csvio.ErrUnknownPreset) || errors.Is(err, graph.ErrWindowSpec) || errors.Is(err, graph.ErrTooManyWindows) {
		return inputError{err}
	}
	return err
}

// withHint is an error followed by a line saying what to run about it.
type withHint struct {
	err  error
	hint string
}

func (e withHint) Error() string { return e.err.Error() + "\n" + e.hint }
func (e withHint) Unwrap() error { return e.err }

// loadFlags are the dataset flags that shape a load of a folder.
var loadFlags = map[string]bool{"preset": true, "delim": true, "strict": true, "undirected": true,
	"max-line": true, "max-field": true, "max-columns": true, "max-bytes": true, "max-rows": true}

// loadArgs are the load flags given on the command line (givenFlags),
// each quoted for a shell and followed by a space.
func (d *dataFlags) loadArgs() string {
	if d.fs == nil {
		return ""
	}
	var b strings.Builder
	for _, a := range givenFlags(d.fs, func(name string) bool { return loadFlags[name] }) {
		b.WriteString(report.ShellQuote(a) + " ")
	}
	return b.String()
}

// shellPath is a folder's path as a word to paste into a POSIX shell
// (report.ShellQuote; ./ before a leading dash), or quoted as quotedPath
// does when it holds a character that could forge a message.
func shellPath(path string) string {
	if strings.ContainsFunc(path, func(r rune) bool { return !unicode.IsPrint(r) }) {
		return quotedPath(path)
	}
	if strings.HasPrefix(path, "-") {
		path = "./" + path
	}
	return report.ShellQuote(path)
}
