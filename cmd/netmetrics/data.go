package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"
	"unicode/utf8"

	"golang.org/x/term"

	"github.com/copnet/copnet/graph"
	"github.com/copnet/copnet/io/csvio"
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
}

func (d *dataFlags) register(fs *flag.FlagSet) {
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
	fs.StringVar(&d.windows, "windows", "auto", "time windows: auto, all, hour, day, week, month, quarter, year, 30d, parts:N, cumulative:...")
}

// dataset is a loaded network and what the load said.
type dataset struct {
	name   string
	net    *graph.Network
	report *csvio.Report
	spec   graph.WindowSpec
	inputs []string // files read, never to be overwritten
}

func (d *dataFlags) options(ctx context.Context, stderr io.Writer) (csvio.Options, error) {
	opt := csvio.Options{Strict: d.strict, Context: ctx, MaxLineBytes: d.maxLine, MaxFieldBytes: d.maxField, MaxColumns: d.maxColumns}
	delim := d.delim
	if delim == `\t` || delim == "tab" {
		delim = "\t"
	}
	r, size := utf8.DecodeRuneInString(delim)
	if size != len(delim) || r == utf8.RuneError || r == '"' || r == '\n' || r == '\r' {
		return opt, usagef("-delim %q: want one character other than a quote or line break", d.delim)
	}
	opt.Comma = r
	opt.Progress = progress(stderr)
	return opt, nil
}

// load reads the dataset named by the flags and the positional arguments
// (none: the embedded demo).
func (d *dataFlags) load(ctx context.Context, args []string, stdin io.Reader, stderr io.Writer) (*dataset, error) {
	spec, err := graph.ParseWindowSpec(d.windows)
	if err != nil {
		return nil, inputError{err}
	}
	opt, err := d.options(ctx, stderr)
	if err != nil {
		return nil, err
	}
	ds := &dataset{spec: spec}
	switch {
	case len(args) > 1:
		return nil, usagef("want one dataset folder, got %d arguments: %q", len(args), args)
	case d.flows != "":
		if len(args) > 0 {
			return nil, usagef("give either DIR or -flows, not both")
		}
		ds.name = d.flows
		f := d.files()
		ds.inputs = []string{f.Flows, f.Members, f.Communities, f.Knowledge}
		ds.net, ds.report, err = csvio.LoadFiles(f, opt)
	case d.members != "" || d.communities != "" || d.knowledge != "":
		return nil, usagef("-members, -communities and -knowledge go with -flows")
	case len(args) == 0:
		ds.name = csvio.DemoName
		ds.net, ds.report, err = csvio.Demo()
	case args[0] == "-":
		ds.name = "standard input"
		ds.net, ds.report, err = csvio.LoadReaders(csvio.Readers{Flows: csvio.Input{Name: "stdin", R: stdin}}, opt)
	default:
		ds.name = args[0]
		ds.inputs = []string{args[0]}
		if f, ferr := csvio.DatasetFiles(args[0]); ferr == nil && (d.preset == "" || d.preset == string(csvio.PresetCanonical)) {
			ds.inputs = []string{f.Flows, f.Members, f.Communities, f.Knowledge}
		}
		ds.net, ds.report, err = csvio.LoadPreset(csvio.Preset(d.preset), args[0], opt)
	}
	if err != nil {
		return nil, classify(err)
	}
	return ds, nil
}

// files returns the files named one by one.
func (d *dataFlags) files() csvio.Files {
	return csvio.Files{Flows: d.flows, Members: d.members, Communities: d.communities, Knowledge: d.knowledge}
}

// classify marks errors caused by the input.
func classify(err error) error {
	var pe *csvio.ParseError
	if errors.As(err, &pe) || errors.Is(err, csvio.ErrUnknownPreset) || errors.Is(err, graph.ErrWindowSpec) || errors.Is(err, graph.ErrTooManyWindows) {
		return inputError{err}
	}
	return err
}

// progress returns a progress callback drawing a bar on stderr when it is
// a terminal and loading has taken more than a second; nil otherwise.
func progress(stderr io.Writer) func(string, int64, int64) {
	f, ok := stderr.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	start := time.Now()
	var last time.Time
	shown := false
	return func(name string, done, total int64) {
		now := time.Now()
		if now.Sub(start) < time.Second || now.Sub(last) < 100*time.Millisecond {
			if shown && total > 0 && done >= total {
				fmt.Fprintf(f, "\r\033[K")
				shown = false
			}
			return
		}
		last, shown = now, true
		if total <= 0 {
			fmt.Fprintf(f, "\r\033[Knetmetrics: loading %s: %.1f MB", name, float64(done)/1e6)
			return
		}
		frac := min(float64(done)/float64(total), 1)
		const width = 30
		bar := make([]rune, width)
		for i := range bar {
			bar[i] = '·'
			if float64(i) < frac*width {
				bar[i] = '█'
			}
		}
		fmt.Fprintf(f, "\r\033[Knetmetrics: loading %s [%s] %3.0f%% %.1f/%.1f MB", name, string(bar), frac*100, float64(done)/1e6, float64(total)/1e6)
		if done >= total {
			fmt.Fprintf(f, "\r\033[K")
			shown = false
		}
	}
}
