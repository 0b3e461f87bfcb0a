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
	"strconv"
	"strings"
	"text/tabwriter"
	"unicode"

	"github.com/copnet/copnet/io/csvio"
	"github.com/copnet/copnet/io/report"
	"github.com/copnet/copnet/metrics"
)

// datasetsFile is the comparison table a batch writes into OUT.
const datasetsFile = "datasets.csv"

// batchEntry is one dataset of a batch: its folder and its name in OUT.
type batchEntry struct {
	path, name string
}

// batchDatasets tells whether the positional arguments name a batch: more
// than one dataset folder, or one folder that is not a dataset but holds
// dataset folders. It returns the datasets, named.
func batchDatasets(args []string, d *dataFlags, stderr io.Writer) ([]batchEntry, bool, error) {
	var paths []string
	switch {
	case len(args) > 1:
		if d.flows != "" {
			return nil, true, usagef("give either dataset folders or -flows, not both")
		}
		for _, a := range args {
			if a == "-" {
				return nil, true, usagef("a batch cannot read standard input: name each dataset's folder")
			}
		}
		paths = args
	case len(args) == 1 && args[0] != "-" && d.flows == "":
		st, err := os.Stat(args[0])
		if err != nil || !st.IsDir() || isDataset(args[0], d.preset) {
			return nil, false, nil // the single-dataset path reports any problem
		}
		entries, err := os.ReadDir(args[0])
		if err != nil {
			return nil, false, nil
		}
		for _, e := range entries { // sorted by name
			sub := filepath.Join(args[0], e.Name())
			if strings.HasPrefix(e.Name(), ".") || !isDir(sub) {
				continue
			}
			if !isDataset(sub, d.preset) {
				// One batch reads one layout: a folder of the other is
				// named as such.
				why := "not a dataset folder"
				switch canonical := d.preset == "" || d.preset == string(csvio.PresetCanonical); {
				case canonical && isDataset(sub, string(csvio.PresetSEDE)):
					why += " (it holds a Stack Exchange Data Explorer export: analyze it with -preset sede)"
				case !canonical && isDataset(sub, string(csvio.PresetCanonical)):
					why = "not a " + d.preset + " export (a canonical dataset: analyze it without -preset)"
				}
				fmt.Fprintf(stderr, "netmetrics: analyze: skipping %s: %s\n", sub, why)
				continue
			}
			paths = append(paths, sub)
		}
		if len(paths) == 0 {
			return nil, false, nil
		}
	default:
		return nil, false, nil
	}
	return nameDatasets(paths), true, nil
}

func isDir(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.IsDir()
}

// isDataset reports whether dir holds a dataset as the preset's loader
// looks for it: flows.csv(.gz) for the canonical layout, Posts.csv(.gz)
// for the sede preset.
func isDataset(dir, preset string) bool {
	switch csvio.Preset(preset) {
	case "", csvio.PresetCanonical:
		_, err := csvio.DatasetFiles(dir)
		return err == nil
	case csvio.PresetSEDE:
		for _, n := range []string{"Posts.csv", "Posts.csv.gz"} {
			if st, err := os.Stat(filepath.Join(dir, n)); err == nil && st.Mode().IsRegular() {
				return true
			}
		}
	}
	return false
}

// nameDatasets names each dataset by its folder's base name; a name
// already taken (by an earlier dataset, or datasets.csv) gets the first
// free suffix -2, -3 … in argument order, so the names depend only on the
// arguments.
func nameDatasets(paths []string) []batchEntry {
	taken := map[string]bool{datasetsFile: true}
	out := make([]batchEntry, 0, len(paths))
	for _, p := range paths {
		base := filepath.Base(p)
		if abs, err := filepath.Abs(p); err == nil {
			base = filepath.Base(abs)
		}
		if base == "" || base == "." || base == string(filepath.Separator) {
			base = "dataset"
		}
		name := base
		for k := 2; taken[name]; k++ {
			name = base + "-" + strconv.Itoa(k)
		}
		taken[name] = true
		out = append(out, batchEntry{path: p, name: name})
	}
	return out
}

// batchRun holds what runBatch needs from runAnalyze.
type batchRun struct {
	fs      *flag.FlagSet
	data    *dataFlags
	opt     metrics.Options
	out     string
	format  string
	safe    bool
	entries []batchEntry
}

// runBatch analyses every dataset of a batch. Every dataset is loaded once
// first, so that bad input in any of them stops the batch before anything
// is written (exit 2). Then each is loaded again and analysed, and with
// -out its tables are written into OUT/<name>/ whole or not at all
// (report.WriteFiles), one dataset in memory at a time; OUT/datasets.csv,
// one row per dataset, is written last, also whole or not at all. An
// interrupt or a failure while writing leaves the folders already written
// complete and the previous datasets.csv in place. Without -out the
// comparison table is printed in -format.
func runBatch(ctx context.Context, b batchRun, stdin io.Reader, stdout, stderr io.Writer) error {
	// Check every input before writing anything.
	var protect []string
	for _, e := range b.entries {
		ds, err := b.data.load(ctx, []string{e.path}, stdin, stderr)
		if err != nil {
			return inDataset(e.path, err)
		}
		protect = append(protect, ds.inputs...)
	}
	b.data.noticed = true
	rows := make([]report.DatasetRow, 0, len(b.entries))
	for _, e := range b.entries {
		row, err := b.one(ctx, e, protect, stdin, stderr)
		if err != nil {
			return err
		}
		rows = append(rows, row)
	}
	if b.out == "" {
		return writeDatasets(stdout, rows, b.format, b.opt.Horizon)
	}
	files := []report.File{{Name: datasetsFile, Write: func(w io.Writer) error {
		return report.WriteRows(w, slices.Values(rows), report.CSVOptions{Safe: b.safe})
	}}}
	return written(report.WriteFiles(ctx, b.out, files, protect...), stderr, "the tables of "+metrics.Counted(len(rows), "dataset")+" and "+datasetsFile, b.out)
}

// one loads and analyses one dataset of the batch, with the provenance
// of a single run on its folder (so that netmetrics verify OUT/<name>
// reruns just that dataset), and with -out writes its tables; protect
// holds every dataset's inputs, this one's included. The heap guard
// follows it from the end of the load to the end of the write, as in
// analyze.
func (b batchRun) one(ctx context.Context, e batchEntry, protect []string, stdin io.Reader, stderr io.Writer) (report.DatasetRow, error) {
	ds, err := b.data.load(ctx, []string{e.path}, stdin, stderr)
	if err != nil {
		return report.DatasetRow{}, inDataset(e.path, err)
	}
	defer guardHeap()()
	a, err := analyseDataset(ctx, ds, b.data, b.opt, stderr, "analysing "+e.name)
	if err != nil {
		return report.DatasetRow{}, err
	}
	a.Summary.Provenance = provenance("analyze", b.fs, ds, []string{e.path})
	a.CSV.Safe = b.safe
	if b.out != "" {
		if err := report.WriteFiles(ctx, filepath.Join(b.out, e.name), a.Files(), protect...); err != nil {
			return report.DatasetRow{}, outputError(fmt.Errorf("%s: %w", quotedPath(e.path), err))
		}
	}
	return a.Headline(e.name, e.path), nil
}

// writeDatasets prints the comparison table; horizon is H, in the
// headings of the text table, whose shares are percentages as on the
// first screen.
func writeDatasets(w io.Writer, rows []report.DatasetRow, format string, horizon int) error {
	switch format {
	case "markdown":
		return report.WriteMarkdown(w, rows)
	case "html":
		return report.WriteHTML(w, rows)
	case "json":
		return report.WriteJSON(w, rows)
	}
	// Two tables of a screen's width each: the networks, then the
	// moments and the communities.
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "dataset\tmembers\tactive\tflows\twindows\tcommunities\tdensity\trecip.\tclust.\t")
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", r.Dataset, metrics.Count(r.Members), metrics.Count(r.ActiveMembers), metrics.Count(r.Flows),
			metrics.Count(r.Windows), metrics.Count(r.Communities), fmtFloat(r.MeanDensity, 4), fmtPercent(r.MeanReciprocity), fmtFloat(r.MeanClustering, 3))
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("netmetrics: %w", err)
	}
	fmt.Fprintln(w)
	tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "dataset\tcore≤%d\tkept@%d\tcosine\tobjectified\tQ declared\tQ Louvain\tNMI\t\n", horizon, horizon)
	for _, r := range rows {
		obj := "–"
		if r.ObjectifiedItems != nil {
			obj = metrics.Count(*r.ObjectifiedItems)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", r.Dataset, fmtPercent(r.NewcomersCoreShare), fmtPercent(r.Retention),
			fmtFloat(r.MeanCosine, 3), obj, fmtFloat(r.DeclaredModularity, 4), fmtFloat(r.LouvainModularity, 4), fmtFloat(r.NMI, 3))
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("netmetrics: %w", err)
	}
	_, err := fmt.Fprintf(w, "\ndensity, recip(rocity), clust(ering): means over the organization's windows; core≤%d: share of\nnewcomers reaching the core within %d windows; kept@%d: share active %d windows later.\n", horizon, horizon, horizon, horizon)
	return err
}

// fmtPercent writes a share as the summaries do (29%); "–" when
// undefined.
func fmtPercent(f metrics.Float) string { return report.Percent(float64(f)) }

func fmtFloat(f metrics.Float, digits int) string {
	if !f.Valid() {
		return "–"
	}
	return strconv.FormatFloat(float64(f), 'f', digits, 64)
}

// inDataset names the dataset folder of a problem in one of its files
// ("bad/flows.csv:4:3: …" rather than "flows.csv:4:3: …"), since every
// dataset of a batch has a flows.csv.
func inDataset(path string, err error) error {
	if ie, ok := err.(inputError); ok {
		return inputError{inDataset(path, ie.err)}
	}
	if h, ok := err.(withHint); ok {
		return withHint{inDataset(path, h.err), h.hint}
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		// Faults joined (dataset.json's): each names the folder.
		faults := j.Unwrap()
		named := make([]error, len(faults))
		for i, f := range faults {
			named[i] = inDataset(path, f)
		}
		return errors.Join(named...)
	}
	var pe *csvio.ParseError
	if errors.As(err, &pe) && !strings.HasPrefix(err.Error(), quotedPath(path)+": ") {
		return namedError{quotedPath(path), err}
	}
	return err
}

// quotedPath returns path as is when it reads unambiguously, quoted (%q)
// when it holds anything unprintable, a quote, a backslash or a colon, as
// csvio names files: a line break or an escape sequence in a folder's
// name cannot forge a message.
func quotedPath(path string) string {
	if strings.ContainsFunc(path, func(r rune) bool { return !unicode.IsPrint(r) || strings.ContainsRune("\"\\:", r) }) {
		return strconv.Quote(path)
	}
	return path
}
