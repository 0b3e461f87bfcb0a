package main

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// column returns the index of a header name, failing the test without it.
func column(t *testing.T, head []string, name string) int {
	t.Helper()
	i := slices.Index(head, name)
	if i < 0 {
		t.Fatalf("no column %q in %v", name, head)
	}
	return i
}

// quick are flags that leave out the randomized claims, which these tests
// do not read.
var quick = []string{"-draws", "0", "-rewire-draws", "0", "-bootstrap", "0"}

func analyzeInto(t *testing.T, args ...string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "out")
	_, errs, code := runCLI(t, "", append(append(append([]string{"analyze"}, quick...), "-out", out), args...)...)
	if code != 0 {
		t.Fatalf("analyze %v: exit %d: %s", args, code, errs)
	}
	return out
}

// TestKarateUndirected: read as undirected, the karate club's two leaders
// (members 1 and 34) have the top betweenness, equal to NetworkX's
// betweenness_centrality of the undirected graph
// (testdata/reference/karate_undirected.py); read as directed (source <
// target in the file), their betweenness is 0.
func TestKarateUndirected(t *testing.T) {
	ref := readCSV(t, "../../testdata/reference/karate_undirected.csv")
	want := map[string]float64{}
	for _, r := range ref[2:] {
		v, err := strconv.ParseFloat(r[1], 64)
		if err != nil {
			t.Fatal(err)
		}
		want[r[0]] = v
	}
	density, _ := strconv.ParseFloat(ref[1][1], 64)

	// Karate's dataset.json declares it undirected: no flag needed.
	out := analyzeInto(t, "../../testdata/karate")
	members := readCSV(t, filepath.Join(out, "members.csv"))
	head := members[0]
	bc, recip, gate, rep := column(t, head, "betweenness"), column(t, head, "reciprocated_share"), column(t, head, "gatekeeper"), column(t, head, "representative")
	type mb struct {
		id string
		v  float64
	}
	var got []mb
	for _, r := range members[1:] {
		v, err := strconv.ParseFloat(r[bc], 64)
		if err != nil {
			t.Fatalf("member %s: betweenness %q", r[0], r[bc])
		}
		if math.Abs(v-want[r[0]]) > 1e-12 {
			t.Errorf("member %s: betweenness %v, NetworkX %v", r[0], v, want[r[0]])
		}
		if r[recip] != "" || r[gate] != "" {
			t.Errorf("member %s: reciprocated_share %q, gatekeeper %q; want empty for undirected data", r[0], r[recip], r[gate])
		}
		if r[rep] == "" {
			t.Errorf("member %s: representative empty", r[0])
		}
		got = append(got, mb{r[0], v})
	}
	slices.SortFunc(got, func(a, b mb) int { return -cmpFloat(a.v, b.v) })
	if got[0].id != "1" || got[1].id != "34" {
		t.Errorf("top betweenness: %v, %v; want members 1 and 34", got[0], got[1])
	}
	t.Logf("betweenness of 1: %v, of 34: %v (NetworkX %v, %v)", got[0].v, got[1].v, want["1"], want["34"])

	sw := readCSV(t, filepath.Join(out, "scope_windows.csv"))
	d := column(t, sw[0], "density")
	for _, r := range sw[1:] {
		for _, c := range []string{"reciprocity", "gl_rho"} {
			if v := r[column(t, sw[0], c)]; v != "" {
				t.Errorf("scope %s: %s %q, want empty", r[0], c, v)
			}
		}
		if r[0] == "*" {
			if v, _ := strconv.ParseFloat(r[d], 64); math.Abs(v-density) > 1e-12 {
				t.Errorf("density %v, NetworkX undirected density %v", v, density)
			}
		}
	}
	var s struct {
		Dataset struct {
			Directed *bool `json:"directed"`
		} `json:"dataset"`
	}
	data, err := os.ReadFile(filepath.Join(out, "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &s); err != nil {
		t.Fatal(err)
	}
	if s.Dataset.Directed == nil || *s.Dataset.Directed {
		t.Errorf("summary.json dataset.directed = %v, want false", s.Dataset.Directed)
	}

	// Read as directed against the declaration, flows go from the lower
	// id to the higher: 1 has no predecessor and 34 no successor, so
	// neither lies on a path.
	dir := readCSV(t, filepath.Join(analyzeInto(t, "-undirected=false", "../../testdata/karate"), "members.csv"))
	for _, r := range dir[1:] {
		if (r[0] == "1" || r[0] == "34") && r[bc] != "0" {
			t.Errorf("directed: member %s betweenness %s, want 0", r[0], r[bc])
		}
		if r[gate] == "" {
			t.Errorf("directed: member %s gatekeeper empty", r[0])
		}
	}
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// TestPrimarySchoolUndirected: the SocioPatterns fixture declares itself
// undirected in dataset.json; every reciprocity cell is then empty and the
// summary says "undirected"; -undirected=false overrides the declaration.
func TestPrimarySchoolUndirected(t *testing.T) {
	const dir = "../../testdata/sociopatterns-primaryschool"
	out := analyzeInto(t, dir)
	sw := readCSV(t, filepath.Join(out, "scope_windows.csv"))
	rc, flows := column(t, sw[0], "reciprocity"), column(t, sw[0], "member_flows")
	withFlows := 0
	for _, r := range sw[1:] {
		if r[rc] != "" {
			t.Fatalf("scope %s window %s: reciprocity %q, want empty", r[0], r[1], r[rc])
		}
		if r[flows] != "0" {
			withFlows++
		}
	}
	if withFlows == 0 {
		t.Fatal("no window with flows")
	}
	text, errs, code := runCLI(t, "", append(append([]string{"analyze"}, quick...), dir)...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(text, "direction        undirected") || !strings.Contains(text, " undirected ") {
		t.Errorf("text summary does not say undirected:\n%s", text)
	}
	md, _, _ := runCLI(t, "", append(append([]string{"analyze", "-format", "markdown"}, quick...), dir)...)
	if !strings.Contains(md, "| undirected |") {
		t.Errorf("markdown summary does not print undirected for reciprocity")
	}

	sw = readCSV(t, filepath.Join(analyzeInto(t, "-undirected=false", dir), "scope_windows.csv"))
	defined := 0
	for _, r := range sw[1:] {
		if r[rc] != "" {
			defined++
		}
	}
	if defined == 0 {
		t.Error("-undirected=false: every reciprocity empty")
	}
}

// TestUndirectedFlag: -undirected is a flag of every subcommand that loads
// data, and a bad value is a usage error.
func TestUndirectedFlag(t *testing.T) {
	// email-eu-core declares nothing: directed unless -undirected says so.
	const directed = "../../testdata/email-eu-core"
	for _, cmd := range [][]string{{"summary"}, {"validate"}, {"dot"}} {
		if _, errs, code := runCLI(t, "", append(cmd, "-undirected", directed)...); code != 0 {
			t.Errorf("%v -undirected: exit %d: %s", cmd, code, errs)
		}
	}
	if out, _, _ := runCLI(t, "", "summary", directed); strings.Contains(out, "undirected") {
		t.Errorf("summary without -undirected says undirected:\n%s", out)
	}
	if out, _, _ := runCLI(t, "", "summary", "-undirected", directed); !strings.Contains(out, "undirected") {
		t.Errorf("summary -undirected does not say so:\n%s", out)
	}
	if out, _, _ := runCLI(t, "", "dot", "-undirected", directed); !strings.HasPrefix(out, "graph ") {
		t.Errorf("dot -undirected does not write an undirected graph: %.80q", out)
	}
	if _, errs, code := runCLI(t, "", "summary", "-undirected=maybe", "../../testdata/karate"); code != 2 {
		t.Errorf("-undirected=maybe: exit %d, want 2: %s", code, errs)
	}
	// A bad dataset.json is bad input, named with its position: each
	// fault on a line of its own.
	dir := t.TempDir()
	for name, content := range map[string]string{"flows.csv": "source,target\na,b\n", "dataset.json": "{\"directed\": \"no\", \"weighted\": true}\n"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, errs, code := runCLI(t, "", "summary", dir)
	want := "netmetrics: dataset.json:1:14: \"directed\": want true or false, got string\nnetmetrics: dataset.json:1:20: unknown key \"weighted\""
	if code != 2 || !strings.HasPrefix(errs, want) {
		t.Errorf("bad dataset.json: exit %d, stderr %q; want 2 and %q", code, errs, want)
	}
	// Its bound is its own: no hint to raise -max-bytes.
	if err := os.WriteFile(filepath.Join(dir, "dataset.json"), []byte("{"+strings.Repeat(" ", 70000)+"}"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, errs, code := runCLI(t, "", "summary", dir); code != 2 || strings.TrimSpace(errs) != "netmetrics: dataset.json: larger than 65536 bytes" {
		t.Errorf("large dataset.json: exit %d, stderr %q", code, errs)
	}
}
