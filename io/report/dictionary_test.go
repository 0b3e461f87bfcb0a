package report

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/copnet/copnet/io/csvio"
	"github.com/copnet/copnet/metrics"
)

var update = flag.Bool("update", false, "rewrite the golden files: the README's data dictionary, testdata/ and the Go notebook's outputs")

const (
	readmePath  = "../../README.md"
	markerBegin = "<!-- tables:begin -->"
	markerEnd   = "<!-- tables:end -->"
)

// TestDictionaryComplete checks that every column the writers write, and
// every key of summary.json, has a description, and that no description
// names a column that no longer exists.
func TestDictionaryComplete(t *testing.T) {
	for _, tab := range Dictionary() {
		if tab.Row == "" || tab.Order == "" {
			t.Errorf("%s: no row or order description", tab.File)
		}
		if len(tab.Columns) == 0 {
			t.Errorf("%s: no columns", tab.File)
		}
		for _, c := range tab.Columns {
			if c.Meaning == "" || c.Unit == "" {
				t.Errorf("%s: column %s lacks a description (meaning %q, unit %q): add it to metrics/dictionary.go (tables) or io/report/dictionary.go (summary.json)", tab.File, c.Name, c.Meaning, c.Unit)
			}
		}
	}
	stale := func(file string, doc map[string]metrics.ColumnDoc, names []string) {
		for name := range doc {
			if !slices.Contains(names, name) {
				t.Errorf("%s: description of %q, which is not a column", file, name)
			}
		}
	}
	stale("scope_windows.csv", mustDoc[metrics.ScopeWindowRow](t), ColumnNames[metrics.ScopeWindowRow]())
	stale("member_windows.csv", mustDoc[metrics.MemberWindowRow](t), ColumnNames[metrics.MemberWindowRow]())
	stale("trajectories.csv", mustDoc[metrics.TrajectoryRow](t), ColumnNames[metrics.TrajectoryRow]())
	stale("transitions.csv", mustDoc[metrics.TransitionRow](t), ColumnNames[metrics.TransitionRow]())
	stale("knowledge_items.csv", mustDoc[metrics.KnowledgeItemRow](t), ColumnNames[metrics.KnowledgeItemRow]())
	stale("adoption.csv", mustDoc[metrics.AdoptionRow](t), ColumnNames[metrics.AdoptionRow]())
	stale("members.csv", mustDoc[metrics.MemberRow](t), ColumnNames[metrics.MemberRow]())
	stale("communities.csv", mustDoc[metrics.CommunityRow](t), ColumnNames[metrics.CommunityRow]())
	stale("summary.json", summaryDocs, SummaryKeys())
	stale("datasets.csv", datasetDocs, ColumnNames[DatasetRow]())
	if n := len(ColumnNames[metrics.ScopeWindowRow]()); n < 44 {
		t.Errorf("scope_windows.csv has %d columns, want at least 44", n)
	}
}

func mustDoc[T any](t *testing.T) map[string]metrics.ColumnDoc {
	t.Helper()
	d, ok := metrics.DocOf[T]()
	if !ok {
		t.Fatalf("no dictionary for %s", reflect.TypeFor[T]())
	}
	return d.Columns
}

// demoAnalysis analyses the embedded demo with the default options.
func demoAnalysis(t *testing.T) *Analysis {
	t.Helper()
	net, _, err := csvio.Demo()
	if err != nil {
		t.Fatal(err)
	}
	res, err := metrics.Analyze(context.Background(), net, metrics.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	ds, err := Describe(net, metrics.DefaultOptions().Windows)
	if err != nil {
		t.Fatal(err)
	}
	return NewAnalysis(res, ds, map[string]any{"preset": "canonical", "strict": false})
}

// TestDictionaryMatchesFiles checks the dictionary against what an
// analysis writes: the same files in the same order, each table's header
// the dictionary's columns, and summary.json's keys the dictionary's
// paths.
func TestDictionaryMatchesFiles(t *testing.T) {
	a := demoAnalysis(t)
	a.Summary.Provenance = &Provenance{Tool: CurrentBuild(), Command: "analyze", Arguments: []string{}, Inputs: []InputFile{{Name: "flows.csv", Path: "x/flows.csv", SHA256: "00"}}}
	dict := Dictionary()
	if last := dict[len(dict)-1]; last.File != "datasets.csv" {
		t.Fatalf("the dictionary ends with %s, want datasets.csv (a batch's table)", last.File)
	}
	dict = dict[:len(dict)-1]
	files := a.Files()
	var got, want []string
	for _, f := range files {
		got = append(got, f.Name)
	}
	for _, d := range dict {
		want = append(want, d.File)
	}
	if !slices.Equal(got, want) {
		t.Fatalf("Files() writes %v; the dictionary lists %v", got, want)
	}
	// The names a writer checks ahead are those the demo's analysis
	// writes, but the table that depends on the claims' outcome.
	ahead := slices.DeleteFunc(slices.Clone(got), func(n string) bool { return n == "community_advantage.csv" })
	if names := AnalysisFileNames(true); !slices.Equal(names, ahead) {
		t.Fatalf("AnalysisFileNames(true) = %v; the demo's analysis writes %v", names, ahead)
	}
	if names := AnalysisFileNames(false); slices.Contains(names, "adoption.csv") || slices.Contains(names, "knowledge_items.csv") || len(names) != len(ahead)-2 {
		t.Fatalf("AnalysisFileNames(false) = %v", names)
	}
	for i, f := range files {
		var buf bytes.Buffer
		if err := f.Write(&buf); err != nil {
			t.Fatal(err)
		}
		var cols []string
		if f.Name == "summary.json" {
			var v any
			if err := json.Unmarshal(buf.Bytes(), &v); err != nil {
				t.Fatal(err)
			}
			cols = jsonPaths(v, "")
			// The dictionary names per-scope keys generically.
			for j, c := range cols {
				if scope, ok := strings.CutPrefix(c, "convergence_trend."); ok && scope != "" {
					cols[j] = "convergence_trend.<scope>"
				}
			}
			cols = slices.Compact(cols)
			var keys []string
			for _, c := range dict[i].Columns {
				keys = append(keys, c.Name)
			}
			sort.Strings(cols)
			sort.Strings(keys)
			if !slices.Equal(cols, keys) {
				t.Errorf("summary.json keys:\n got %v\nwant %v", cols, keys)
			}
			continue
		}
		header, _, _ := strings.Cut(buf.String(), "\n")
		cols = strings.Split(strings.TrimSuffix(header, "\r"), ",")
		var names []string
		for _, c := range dict[i].Columns {
			names = append(names, c.Name)
		}
		if !slices.Equal(cols, names) {
			t.Errorf("%s header %v, dictionary %v", f.Name, cols, names)
		}
	}
}

// jsonPaths lists the leaf paths of a decoded JSON value, sorted: object
// keys joined by ".", arrays of objects as "[]".
func jsonPaths(v any, path string) []string {
	join := func(k string) string {
		if path == "" {
			return k
		}
		return path + "." + k
	}
	var out []string
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			if path == "" && k == "parameters" {
				for p := range e.(map[string]any) {
					out = append(out, "parameters."+p)
				}
				continue
			}
			out = append(out, jsonPaths(e, join(k))...)
		}
	case []any:
		objects := len(x) > 0
		for _, e := range x {
			if _, ok := e.(map[string]any); !ok {
				objects = false
			}
		}
		if !objects {
			out = append(out, path)
			break
		}
		for _, e := range x {
			out = append(out, jsonPaths(e, path+"[]")...)
		}
	default:
		out = append(out, path)
	}
	sort.Strings(out)
	return slices.Compact(out)
}

// TestDictionaryREADME fails when the README's data dictionary differs
// from the generated one; -update rewrites it.
func TestDictionaryREADME(t *testing.T) {
	readme, err := os.ReadFile(readmePath)
	if err != nil {
		t.Skipf("no README at %s: %v", readmePath, err)
	}
	text := string(readme)
	before, rest, ok := strings.Cut(text, markerBegin+"\n")
	section, after, ok2 := strings.Cut(rest, markerEnd)
	if !ok || !ok2 {
		t.Fatalf("README.md lacks the markers %s … %s", markerBegin, markerEnd)
	}
	var b strings.Builder
	if err := WriteDictionary(&b); err != nil {
		t.Fatal(err)
	}
	want := b.String()
	if section == want {
		return
	}
	if *update {
		if err := os.WriteFile(readmePath, []byte(before+markerBegin+"\n"+want+markerEnd+after), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	gl, wl := strings.Split(section, "\n"), strings.Split(want, "\n")
	for i := range max(len(gl), len(wl)) {
		var g, w string
		if i < len(gl) {
			g = gl[i]
		}
		if i < len(wl) {
			w = wl[i]
		}
		if g != w {
			t.Fatalf("README.md's data dictionary differs from the generated one at its line %d:\n  README: %s\n  wanted: %s\nrun go test ./io/report -run TestDictionaryREADME -update", i+1, g, w)
		}
	}
}
