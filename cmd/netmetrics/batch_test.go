package main

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/copnet/copnet/io/report"
)

const (
	karateDir = "../../testdata/karate"
	emailDir  = "../../testdata/email-eu-core"
)

// TestBatchOut runs a batch over karate and email-eu-core: each dataset's
// folder must be byte-identical to a single run on it, and datasets.csv
// must hold the headline figures, checked against values computed by hand
// (karate) and recomputed from the dataset's own scope_windows.csv.
func TestBatchOut(t *testing.T) {
	tmp := t.TempDir()
	out := filepath.Join(tmp, "out")
	if _, errs, code := runCLI(t, "", "analyze", "-window", "quarter", "-out", out, karateDir, emailDir); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	names := dirNames(t, out)
	if want := []string{"datasets.csv", "email-eu-core", "karate"}; !slices.Equal(names, want) {
		t.Fatalf("OUT holds %v, want %v", names, want)
	}
	for _, ds := range []struct{ name, dir string }{{"karate", karateDir}, {"email-eu-core", emailDir}} {
		single := filepath.Join(tmp, "single-"+ds.name)
		if _, errs, code := runCLI(t, "", "analyze", "-window", "quarter", "-out", single, ds.dir); code != 0 {
			t.Fatalf("single %s: exit %d: %s", ds.name, code, errs)
		}
		files := dirNames(t, single)
		if got := dirNames(t, filepath.Join(out, ds.name)); !slices.Equal(got, files) {
			t.Fatalf("%s: batch wrote %v, a single run %v", ds.name, got, files)
		}
		for _, f := range files {
			a, _ := os.ReadFile(filepath.Join(single, f))
			b, _ := os.ReadFile(filepath.Join(out, ds.name, f))
			if !bytes.Equal(a, b) {
				t.Errorf("%s/%s differs from a single run's", ds.name, f)
			}
		}
	}

	// verify takes the batch's folder: each dataset's folder in turn.
	if stdout, errs, _, code := verify(t, out); code != 0 || strings.Count(stdout, "byte-identical to a rerun") != 2 ||
		!strings.Contains(stdout, "verify: "+filepath.Join(out, "email-eu-core")+": 3 inputs unchanged") ||
		!strings.Contains(stdout, "verify: "+filepath.Join(out, "karate")+": 4 inputs unchanged") {
		t.Errorf("verify of the batch's folder: exit %d, stdout %q, stderr %q", code, stdout, errs)
	}
	// A dataset of datasets.csv without its folder's summary is not
	// passed over.
	moved := filepath.Join(tmp, "summary.json")
	if err := os.Rename(filepath.Join(out, "karate", "summary.json"), moved); err != nil {
		t.Fatal(err)
	}
	if _, errs, _, code := verify(t, out); code != 2 || !strings.Contains(errs, `names dataset "karate", whose folder`) {
		t.Errorf("verify with karate's summary gone: exit %d, stderr %q", code, errs)
	}
	if err := os.Rename(moved, filepath.Join(out, "karate", "summary.json")); err != nil {
		t.Fatal(err)
	}

	recs := readCSV(t, filepath.Join(out, "datasets.csv"))
	if !slices.Equal(recs[0], report.ColumnNames[report.DatasetRow]()) {
		t.Fatalf("header %v", recs[0])
	}
	if len(recs) != 3 {
		t.Fatalf("%d rows, want 2", len(recs)-1)
	}
	row := func(i int) map[string]string {
		m := map[string]string{}
		for j, c := range recs[0] {
			m[c] = recs[i][j]
		}
		return m
	}
	num := func(s string) float64 {
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			t.Fatalf("cell %q: %v", s, err)
		}
		return f
	}
	k := row(1)
	// Karate: 34 members, 78 ties, declared undirected, no time (one
	// window), two factions; density 78/(34·33/2); reciprocity undefined
	// without a direction; the factions' modularity as NetworkX gives it
	// (0.3582); Louvain with seed 1 finds 0.4198, the best partition known
	// (Brandes et al. 2008).
	for col, want := range map[string]string{"dataset": "karate", "path": karateDir, "members": "34", "active_members": "34", "flows": "78", "windows": "1",
		"communities": "2", "mean_reciprocity": "", "newcomers_core_share": "", "retention": "", "mean_cosine": "", "objectified_items": ""} {
		if k[col] != want {
			t.Errorf("karate %s = %q, want %q", col, k[col], want)
		}
	}
	for col, want := range map[string]float64{"mean_density": 78.0 / (34 * 33 / 2), "declared_modularity": 0.3582, "louvain_modularity": 0.4198, "mean_clustering": 0.5706} {
		if got := num(k[col]); math.Abs(got-want) > 1e-4 {
			t.Errorf("karate %s = %v, want %v", col, got, want)
		}
	}

	// email-eu-core: recompute from its scope_windows.csv.
	e := row(2)
	sw := readCSV(t, filepath.Join(out, "email-eu-core", "scope_windows.csv"))
	col := func(name string) int { return slices.Index(sw[0], name) }
	var dens, recip []float64
	var toCore, newH, kept, newR float64
	windows := 0
	for _, r := range sw[1:] {
		if r[col("scope")] != "*" {
			continue
		}
		windows++
		if s := r[col("density")]; s != "" {
			dens = append(dens, num(s))
		}
		if s := r[col("reciprocity")]; s != "" {
			recip = append(recip, num(s))
		}
		n := num(r[col("newcomers")])
		if r[col("window")] == "0" {
			continue // the first window's members were there when the data begin: not newcomers
		}
		if s := r[col("newcomers_core_within_h")]; s != "" {
			toCore += math.Round(num(s) * n)
			newH += n
		}
		if s := r[col("retention_h")]; s != "" {
			kept += math.Round(num(s) * n)
			newR += n
		}
	}
	mean := func(v []float64) float64 {
		s := 0.0
		for _, x := range v {
			s += x
		}
		return s / float64(len(v))
	}
	if e["windows"] != strconv.Itoa(windows) || e["members"] != "986" || e["flows"] != "332334" || e["communities"] != "42" {
		t.Errorf("email-eu-core: windows %s (want %d), members %s, flows %s, communities %s", e["windows"], windows, e["members"], e["flows"], e["communities"])
	}
	for c, want := range map[string]float64{"mean_density": mean(dens), "mean_reciprocity": mean(recip), "newcomers_core_share": toCore / newH, "retention": kept / newR} {
		if got := num(e[c]); math.Abs(got-want) > 1e-12 {
			t.Errorf("email-eu-core %s = %v, want %v", c, got, want)
		}
	}
	var summary struct {
		Structure struct {
			NMI float64 `json:"nmi_declared_detected"`
		} `json:"community_structure"`
	}
	b, _ := os.ReadFile(filepath.Join(out, "email-eu-core", "summary.json"))
	if err := json.Unmarshal(b, &summary); err != nil {
		t.Fatal(err)
	}
	if got := num(e["nmi"]); got != summary.Structure.NMI {
		t.Errorf("email-eu-core nmi %v, summary.json %v", got, summary.Structure.NMI)
	}

	// Each dataset's folder is an analysis of its own: verify reruns it.
	if outs, errs, code := runCLI(t, "", "verify", filepath.Join(out, "karate")); code != 0 {
		t.Errorf("verify OUT/karate: exit %d: %s%s", code, outs, errs)
	}
}

func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), ".") { // the output commit's own .netmetrics folder
			names = append(names, e.Name())
		}
	}
	return names
}

func TestBatchNames(t *testing.T) {
	got := nameDatasets([]string{"a/x", "b/x/", "c/x-2", "d/x", "e/datasets.csv"})
	want := []string{"x", "x-2", "x-2-2", "x-3", "datasets.csv-2"}
	for i, e := range got {
		if e.name != want[i] {
			t.Errorf("dataset %d (%s) named %q, want %q", i, e.path, e.name, want[i])
		}
	}
}

// copyDatasetTo copies a dataset folder's files into the new folder dst.
func copyDatasetTo(t *testing.T, src, dst string) {
	t.Helper()
	if err := os.CopyFS(dst, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
}

// TestBatchFolderOfDatasets: one folder holding dataset folders is a
// batch over them, by name; other folders are skipped with a message.
func TestBatchFolderOfDatasets(t *testing.T) {
	tmp := t.TempDir()
	sets := filepath.Join(tmp, "sets")
	copyDatasetTo(t, karateDir, filepath.Join(sets, "zachary"))
	copyDatasetTo(t, karateDir, filepath.Join(sets, "club"))
	os.MkdirAll(filepath.Join(sets, "notes"), 0o755)
	os.MkdirAll(filepath.Join(sets, ".hidden"), 0o755)
	out := filepath.Join(tmp, "out")
	_, errs, code := runCLI(t, "", "analyze", "-out", out, sets)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(errs, "skipping "+filepath.Join(sets, "notes")) || strings.Contains(errs, ".hidden") {
		t.Errorf("stderr: %q", errs)
	}
	if names := dirNames(t, out); !slices.Equal(names, []string{"club", "datasets.csv", "zachary"}) {
		t.Fatalf("OUT holds %v", names)
	}
	recs := readCSV(t, filepath.Join(out, "datasets.csv"))
	if len(recs) != 3 || recs[1][0] != "club" || recs[2][0] != "zachary" {
		t.Fatalf("datasets.csv %v", recs)
	}
	if !slices.Equal(recs[1][2:], recs[2][2:]) {
		t.Errorf("the same data gave different figures: %v vs %v", recs[1], recs[2])
	}

	// A Stack Exchange export among them is skipped with the preset to
	// use; with that preset, it is the one analyzed and the canonical
	// folders are skipped.
	copyDatasetTo(t, "../../testdata/sede-history-meta", filepath.Join(sets, "sede"))
	_, errs, code = runCLI(t, "", "analyze", "-out", filepath.Join(tmp, "out2"), sets)
	if code != 0 || !strings.Contains(errs, "skipping "+filepath.Join(sets, "sede")+": not a dataset folder (it holds a Stack Exchange Data Explorer export: analyze it with -preset sede)") {
		t.Errorf("canonical batch beside an export: exit %d, stderr %q", code, errs)
	}
	_, errs, code = runCLI(t, "", "analyze", "-preset", "sede", "-out", filepath.Join(tmp, "out3"), sets)
	if code != 0 || !strings.Contains(errs, "skipping "+filepath.Join(sets, "club")+": not a sede export (a canonical dataset: analyze it without -preset)\n") {
		t.Errorf("sede batch beside canonical folders: exit %d, stderr %q", code, errs)
	}
	if names := dirNames(t, filepath.Join(tmp, "out3")); !slices.Equal(names, []string{"datasets.csv", "sede"}) {
		t.Errorf("sede batch wrote %v", names)
	}
}

// TestBatchAllOrNone: bad input in any dataset writes nothing, names the
// dataset's folder, and a previous datasets.csv survives.
func TestBatchAllOrNone(t *testing.T) {
	tmp := t.TempDir()
	bad := filepath.Join(tmp, "bad")
	os.MkdirAll(bad, 0o755)
	os.WriteFile(filepath.Join(bad, "flows.csv"), []byte("source,target,weight\na,b,1\nb,c,NaN\n"), 0o644)
	out := filepath.Join(tmp, "out")
	os.MkdirAll(out, 0o755)
	os.WriteFile(filepath.Join(out, "datasets.csv"), []byte("previous\n"), 0o644)
	_, errs, code := runCLI(t, "", "analyze", "-out", out, karateDir, bad)
	// Every dataset has a flows.csv: the message names the folder.
	if code != 2 || !strings.Contains(errs, bad+": flows.csv:3:3") {
		t.Fatalf("exit %d, stderr %q; want 2 naming %s: flows.csv:3:3", code, errs, bad)
	}
	if names := dirNames(t, out); !slices.Equal(names, []string{"datasets.csv"}) {
		t.Errorf("OUT holds %v after a failed batch", names)
	}
	if b, _ := os.ReadFile(filepath.Join(out, "datasets.csv")); string(b) != "previous\n" {
		t.Errorf("datasets.csv replaced: %q", b)
	}
	if _, errs, code := runCLI(t, "a,b\n", "analyze", karateDir, "-"); code != 2 || !strings.Contains(errs, "standard input") {
		t.Errorf("batch with stdin: exit %d, %q", code, errs)
	}
}

// TestBatchNamesEveryFault: in a batch, each fault of a dataset's
// dataset.json names the dataset's folder, on a line of its own; options
// at fault are said a line each, without their package's name.
func TestBatchNamesEveryFault(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "bad")
	if err := os.MkdirAll(bad, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, content := range map[string]string{"flows.csv": "source,target\na,b\n", "dataset.json": `{"directed": 1, "x": 2}`} {
		if err := os.WriteFile(filepath.Join(bad, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, errs, code := runCLI(t, "", "analyze", karateDir, bad)
	lines := strings.Split(strings.TrimSpace(errs), "\n")
	if code != 2 || len(lines) != 3 || lines[2] != "netmetrics: every problem of the input: netmetrics validate "+bad {
		t.Fatalf("exit %d, stderr %q; want 2, two faults and what lists them all", code, errs)
	}
	for _, l := range lines[:2] {
		if !strings.HasPrefix(l, "netmetrics: "+bad+": dataset.json:1:") {
			t.Errorf("line %q does not name the folder and the position", l)
		}
	}
	_, errs, code = runCLI(t, "", "analyze", "-theta", "5", "-horizon", "-1", karateDir)
	lines = strings.Split(strings.TrimSpace(errs), "\n")
	if code != 2 || len(lines) < 2 {
		t.Fatalf("two bad options: exit %d, stderr %q", code, errs)
	}
	for _, l := range lines {
		if !strings.HasPrefix(l, "netmetrics: ") || strings.Contains(l, "metrics: invalid") && !strings.HasPrefix(l, "netmetrics: invalid") {
			t.Errorf("line %q: want the prefix netmetrics: and no package name", l)
		}
	}
}

// TestBatchPrintShares: the text table prints shares as percentages, as
// the first screen does, and H in its headings.
func TestBatchPrintShares(t *testing.T) {
	row := report.DatasetRow{Dataset: "d", MeanDensity: 0.01234, MeanReciprocity: 0.611, MeanClustering: 0.3256,
		NewcomersCoreShare: 0.2857, Retention: 0.125, MeanCosine: report.Float(math.NaN()), DeclaredModularity: 0.5, LouvainModularity: 0.6, NMI: 0.7}
	var b strings.Builder
	if err := writeDatasets(&b, []report.DatasetRow{row}, "text", 6); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"61%", "0.0123", "0.326", "core≤6", "kept@6", "29%", "13%", "within 6 windows"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, b.String())
		}
	}
}

// TestBatchPrint: without -out a batch prints the comparison table, in two
// parts that each fit 100 columns.
func TestBatchPrint(t *testing.T) {
	outs, errs, code := runCLI(t, "", "analyze", karateDir, karateDir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(outs), "\n")
	if len(lines) != 10 || !strings.Contains(lines[0], "clust.") || !strings.Contains(lines[4], "core≤4") || !strings.HasPrefix(lines[8], "density, recip(rocity)") || !strings.Contains(lines[1], "karate") || !strings.Contains(lines[2], "karate-2") ||
		lines[3] != "" || !strings.Contains(lines[4], "Q Louvain") || !strings.Contains(lines[5], "0.3582") || !strings.Contains(lines[6], "karate-2") {
		t.Errorf("table:\n%s", outs)
	}
	for _, l := range lines {
		if n := utf8.RuneCountInString(l); n > 100 {
			t.Errorf("line of %d columns: %q", n, l)
		}
	}
	// A dataset's notice is said once, when the datasets are checked, not
	// again when each is analysed.
	_, errs, code = runCLI(t, "", "analyze", "-windows", "quarter", "-draws", "0", "-rewire-draws", "0", "-bootstrap", "0", karateDir)
	if n := strings.Count(errs, "has no times"); code != 0 || n != 1 {
		t.Errorf("one dataset: exit %d, the notice said %d times: %q", code, n, errs)
	}
	_, errs, code = runCLI(t, "", "analyze", "-windows", "quarter", "-draws", "0", "-rewire-draws", "0", "-bootstrap", "0", karateDir, karateDir)
	if n := strings.Count(errs, "has no times"); code != 0 || n != 2 {
		t.Errorf("a batch of two: exit %d, the notice said %d times, want once per dataset: %q", code, n, errs)
	}
	outs, errs, code = runCLI(t, "", "analyze", "-format", "json", karateDir, karateDir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var rows []map[string]any
	if err := json.Unmarshal([]byte(outs), &rows); err != nil || len(rows) != 2 || rows[1]["dataset"] != "karate-2" || rows[0]["retention"] != nil {
		t.Errorf("json %v (%v):\n%s", rows, err, outs)
	}
}
