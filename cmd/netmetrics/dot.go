package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/copnet/copnet/graph"
	"github.com/copnet/copnet/io/dotio"
	"github.com/copnet/copnet/io/report"
)

func runDot(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("dot", stderr)
	var d dataFlags
	d.register(fs)
	window := fs.Int("window", -1, "window index (from 0, in time order); -1 for the whole period")
	scope := fs.String("scope", "*", `community id, or "*" for the whole organization`)
	undirected := fs.Bool("undirected", false, "draw the undirected projection")
	labels := fs.Int("labels", 0, "label only the N most active members (0: all)")
	layout := fs.String("layout", "", "Graphviz layout engine (dot, neato, sfdp, ...)")
	svg := fs.Bool("svg", false, "render SVG (in-process; no Graphviz needed)")
	out := fs.String("o", "", "write to FILE instead of standard output")
	if err := parse(fs, args); err != nil {
		return err
	}
	ds, err := d.load(ctx, fs.Args(), stdin, stderr)
	if err != nil {
		return err
	}
	net := ds.net
	s := graph.Organization
	if *scope != "*" {
		c, ok := net.CommunityIndex(*scope)
		if !ok {
			return usagef("-scope %q: no such community", *scope)
		}
		s = graph.Scope(c)
	}
	w := net.All()
	title := ds.name
	if *window >= 0 {
		ws, err := net.Windows(ds.spec)
		if err != nil {
			return classify(err)
		}
		if *window >= len(ws) {
			return usagef("-window %d: the dataset has %d windows (0 to %d) with -windows %s", *window, len(ws), len(ws)-1, ds.spec)
		}
		w = ws[*window]
		title = fmt.Sprintf("%s, window %s", title, w.Label())
	}
	if s != graph.Organization {
		title = fmt.Sprintf("%s, community %s", title, net.Communities[s].Label())
	}
	p := net.Project(w, s, graph.ProjectOptions{})
	var buf bytes.Buffer
	if err := dotio.Write(&buf, net, p, dotio.Options{Title: title, Undirected: *undirected, LabelTop: *labels, Layout: *layout}); err != nil {
		return err
	}
	data := buf.Bytes()
	if *svg {
		var img bytes.Buffer
		if err := dotio.RenderSVG(ctx, data, *layout, &img); err != nil {
			return err
		}
		data = img.Bytes()
	}
	if *out == "" {
		if _, err := stdout.Write(data); err != nil {
			return fmt.Errorf("write standard output: %w", err)
		}
		return nil
	}
	if err := refuseDatasetName(*out, ds.folder); err != nil {
		return err
	}
	var files []string
	for _, p := range ds.inputs {
		if p != ds.folder {
			files = append(files, p)
		}
	}
	write := func(w io.Writer) error { _, err := w.Write(data); return err }
	return outputError(report.WriteFile(ctx, *out, write, files...))
}

// refuseDatasetName refuses an output file that the next load of the
// dataset folder would read (flows.csv into the folder holding only
// members.csv, say); other files may be written beside the dataset.
func refuseDatasetName(out, folder string) error {
	if folder == "" || !isDatasetName(filepath.Base(out)) || fileExists(out) {
		// An existing file of the folder is an input: report.WriteFile
		// refuses it by identity.
		return nil
	}
	dir := filepath.Dir(out)
	if real, err := filepath.EvalSymlinks(out); err == nil {
		dir = filepath.Dir(real)
	}
	a, err1 := os.Stat(dir)
	b, err2 := os.Stat(folder)
	if err1 == nil && err2 == nil && os.SameFile(a, b) {
		return usagef("-o %q: refusing to write a file named like a dataset file into the input dataset folder %q", out, folder)
	}
	return nil
}
