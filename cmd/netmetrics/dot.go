package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/copnet/copnet/graph"
	"github.com/copnet/copnet/io/dotio"
	"github.com/copnet/copnet/io/report"
	"github.com/copnet/copnet/metrics"
)

func runDot(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("dot", stderr)
	var d dataFlags
	d.register(fs)
	window := new(windowIndex)
	*window = -1
	fs.Var(window, "window", "the window to draw, by its index `N` (from 0, in time order; -1: the whole period); -windows cuts the windows")
	scope := fs.String("scope", "*", `community id, or "*" for the whole organization`)
	labels := fs.Int("labels", pictureLabels, "label the N most active members with their name or id (-1: all; 0: none)")
	roles := fs.String("roles", "be", "role method for the outlines: be, onion, kcore:X (as analyze)")
	layout := fs.String("layout", "", "Graphviz layout program (sfdp, neato, dot, fdp ...); pictures default to sfdp")
	svg := fs.Bool("svg", false, "draw an SVG picture instead of writing DOT")
	engine := fs.String("engine", "auto", "who lays pictures out: graphviz (its program on PATH), go (in-process), auto (graphviz when installed)")
	seed := fs.Uint64("seed", 1, "seed of the in-process layout")
	maxNodes := fs.Int("max-nodes", dotio.DefaultMaxNodes, "largest network (members) the in-process layout draws; beyond, it refuses")
	perWindow := fs.String("per-window", "", "write one picture (or DOT) per window into `DIR`, members in the same place in each")
	out := fs.String("o", "", "write to FILE instead of standard output")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *labels < -1 {
		return usagef("-labels %d: want a count of members, -1 for all or 0 for none", *labels)
	}
	eng, err := dotio.ParseEngine(*engine)
	if err != nil {
		return usagef("-engine: %s", message(err))
	}
	method, err := metrics.ParseRoleMethod(*roles)
	if err != nil {
		return usagef("-roles: %v", err)
	}
	if *perWindow != "" && (*out != "" || *window >= 0) {
		return usagef("-per-window writes one file per window: it takes neither -o nor -window")
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
	// Undirected data (-undirected, or dataset.json) is drawn with edges.
	opt := dotio.Options{Undirected: net.Undirected, Labels: *labels, Layout: *layout, Engine: eng, Seed: *seed, MaxNodes: *maxNodes}
	titled := func(w *graph.Window) string {
		t := ds.name
		if w != nil {
			t = fmt.Sprintf("%s, window %s", t, w.Label())
		}
		if s != graph.Organization {
			t = fmt.Sprintf("%s, community %s", t, net.Communities[s].Label())
		}
		return t
	}
	// draw renders projection p (with layout l for pictures).
	draw := func(p *graph.Projection, l *dotio.Layout, title string) ([]byte, error) {
		o := opt
		o.Title = title
		wr := metrics.AssignRoles(p, method, metrics.DefaultExactNodes)
		o.Roles = make([]dotio.Role, len(wr.Roles))
		for i, r := range wr.Roles {
			o.Roles[i] = dotio.Role(r)
		}
		var buf bytes.Buffer
		var err error
		if *svg {
			err = dotio.WriteSVG(&buf, net, p, l, o)
		} else {
			err = dotio.Write(&buf, net, p, o)
		}
		return buf.Bytes(), err
	}
	newLayout := func(p *graph.Projection) (*dotio.Layout, error) {
		if !*svg {
			return nil, nil
		}
		l, err := dotio.NewLayout(ctx, net, p, opt)
		switch {
		case errors.Is(err, dotio.ErrTooLarge):
			return nil, inputError{fmt.Errorf("%w; draw a community (-scope ID) or a window (-window N), or install Graphviz (its sfdp lays out millions of ties; apt-get install graphviz) and use -engine auto or graphviz", err)}
		case errors.Is(err, dotio.ErrNoGraphviz):
			return nil, inputError{fmt.Errorf("%w; install it (apt-get install graphviz) or use -engine go", err)}
		case errors.Is(err, dotio.ErrNoLayoutProgram):
			return nil, inputError{namedError{"-layout", err}}
		}
		return l, err
	}

	if *perWindow != "" {
		ws, err := net.Windows(ds.spec)
		if err != nil {
			return classify(err)
		}
		// One layout for the whole period: each window's members keep
		// their place.
		l, err := newLayout(net.Project(net.All(), s, graph.ProjectOptions{}))
		if err != nil {
			return err
		}
		ext := ".dot"
		if *svg {
			ext = ".svg"
		}
		files := make([]report.File, len(ws))
		for k := range ws {
			data, err := draw(net.Project(ws[k], s, graph.ProjectOptions{}), l, titled(&ws[k]))
			if err != nil {
				return err
			}
			files[k] = report.File{Name: fmt.Sprintf("window-%03d-%s%s", k, fileSafe(ws[k].Label()), ext),
				Write: func(w io.Writer) error { _, err := w.Write(data); return err }}
		}
		return written(report.WriteFiles(ctx, *perWindow, files, ds.inputs...), stderr, metrics.Counted(len(files), dotOutput(*svg)), *perWindow)
	}

	w := net.All()
	var title string
	if *window >= 0 {
		ws, err := net.Windows(ds.spec)
		if err != nil {
			return classify(err)
		}
		if int(*window) >= len(ws) {
			return usagef("-window %d: the dataset has %s (0 to %d) with -windows %s", *window, metrics.Counted(len(ws), "window"), len(ws)-1, ds.spec)
		}
		w = ws[int(*window)]
		title = titled(&w)
	} else {
		title = titled(nil)
	}
	p := net.Project(w, s, graph.ProjectOptions{})
	l, err := newLayout(p)
	if err != nil {
		return err
	}
	data, err := draw(p, l, title)
	if err != nil {
		return err
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
	return written(report.WriteFile(ctx, *out, write, files...), stderr, dotOutput(*svg), *out)
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

// fileSafe keeps letters, digits, '-' and '_' of a window label for a
// file name ("2021-07-14T09:00:00Z" becomes "2021-07-14T090000Z").
func fileSafe(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' {
			return r
		}
		return -1
	}, s)
}

// windowIndex is dot's -window: a window's index. analyze's -window is
// the spec that cuts the windows, which dot calls -windows, so a spec
// given here is answered with the flag that takes it.
type windowIndex int

func (w *windowIndex) String() string { return strconv.Itoa(int(*w)) }

func (w *windowIndex) Set(s string) error {
	i, err := strconv.Atoi(s)
	if err != nil {
		if _, spec := graph.ParseWindowSpec(s); spec == nil {
			return fmt.Errorf("a window's index (0, 1 … in time order; -1 the whole period); to cut the windows by %q, give -windows %s", s, s)
		}
		return errors.New("a window's index (0, 1 … in time order; -1 the whole period)")
	}
	*w = windowIndex(i)
	return nil
}

// dotOutput names what dot writes: a picture with -svg, else a DOT graph.
func dotOutput(svg bool) string {
	if svg {
		return "picture"
	}
	return "DOT graph"
}
