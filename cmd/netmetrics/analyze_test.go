package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

func TestAnalyzeOut(t *testing.T) {
	out := filepath.Join(t.TempDir(), "results")
	if _, errs, code := runCLI(t, "", "analyze", "-window", "quarter", "-roles", "kcore:0.5", "-horizon", "2", "-out", out, "../../testdata/email-eu-core"); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	files, _ := os.ReadDir(out)
	var names []string
	for _, f := range files {
		if !strings.HasPrefix(f.Name(), ".") { // .netmetrics: lock and manifest
			names = append(names, f.Name())
		}
	}
	want := []string{"communities.csv", "community_advantage.csv", "cycle.csv", "member_windows.csv", "members.csv", "pace.csv", "scope_windows.csv", "summary.json", "trajectories.csv", "transitions.csv"}
	// email-eu-core has no knowledge: no knowledge tables.
	if !slices.Equal(names, want) {
		t.Fatalf("files %v, want %v", names, want)
	}
	mw := readCSV(t, filepath.Join(out, "member_windows.csv"))
	for _, col := range []string{"scope", "window", "window_start", "member", "active", "in_degree", "out_degree", "strength", "core_number", "coreness", "be_coreness", "role"} {
		if !slices.Contains(mw[0], col) {
			t.Errorf("member_windows.csv lacks column %q", col)
		}
	}
	sw := readCSV(t, filepath.Join(out, "scope_windows.csv"))
	for _, col := range []string{"scope", "window", "window_start", "density", "reciprocity", "transitivity", "average_clustering", "mean_cosine", "items_in_use"} {
		if !slices.Contains(sw[0], col) {
			t.Errorf("scope_windows.csv lacks column %q", col)
		}
	}
	// Without knowledge the convergence cells are empty, not zero.
	cosine := slices.Index(sw[0], "mean_cosine")
	items := slices.Index(sw[0], "items_in_use")
	density := slices.Index(sw[0], "density")
	if sw[1][cosine] != "" || sw[1][items] != "" || sw[1][density] == "" {
		t.Errorf("first row: mean_cosine %q items_in_use %q density %q", sw[1][cosine], sw[1][items], sw[1][density])
	}
	// 9 quarters × (organization + 42 departments).
	if len(sw)-1 != 9*43 || sw[1][0] != "*" || sw[1][1] != "0" || sw[1][2] != "1970-01-01T00:00:00Z" {
		t.Errorf("scope_windows.csv: %d rows, first %v", len(sw)-1, sw[1])
	}
	var summary map[string]any
	data, _ := os.ReadFile(filepath.Join(out, "summary.json"))
	if err := json.Unmarshal(data, &summary); err != nil {
		t.Fatal(err)
	}
	params := summary["parameters"].(map[string]any)
	if params["roles"] != "kcore:0.5" || params["horizon"] != 2.0 || params["windows"] != "quarter" {
		t.Errorf("parameters %v", params)
	}
	// Same input, same bytes; in parallel or not.
	out2 := filepath.Join(t.TempDir(), "again")
	runCLI(t, "", "analyze", "-window", "quarter", "-roles", "kcore:0.5", "-horizon", "2", "-out", out2, "../../testdata/email-eu-core")
	for _, name := range want {
		a, _ := os.ReadFile(filepath.Join(out, name))
		b, _ := os.ReadFile(filepath.Join(out2, name))
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between two runs", name)
		}
	}
}

func TestAnalyzeText(t *testing.T) {
	stdout, errs, code := runCLI(t, "", "analyze")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"whole organization, by window:", "role transitions", "roles=be"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	if _, errs, code := runCLI(t, "", "analyze", "-roles", "ring"); code != 2 || !strings.Contains(errs, `roles "ring"`) {
		t.Errorf("bad -roles: exit %d, %s", code, errs)
	}
	if _, _, code := runCLI(t, "", "analyze", "-horizon", "0"); code != 2 {
		t.Errorf("-horizon 0: exit %d", code)
	}
}

func TestAnalyzeKnowledgeTables(t *testing.T) {
	out := filepath.Join(t.TempDir(), "demo")
	if _, errs, code := runCLI(t, "", "analyze", "-theta", "0.2", "-persist", "2", "-out", out); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	items := readCSV(t, filepath.Join(out, "knowledge_items.csv"))
	// 65 tags in the organization (the demo has no communities).
	if len(items)-1 != 65 || items[0][1] != "item" {
		t.Errorf("knowledge_items.csv: %d rows, header %v", len(items)-1, items[0])
	}
	adoption := readCSV(t, filepath.Join(out, "adoption.csv"))
	if len(adoption) < 66 || adoption[0][4] != "adopters" {
		t.Errorf("adoption.csv: %d rows, header %v", len(adoption)-1, adoption[0])
	}
	for _, bad := range [][]string{{"-theta", "0"}, {"-theta", "1.5"}, {"-persist", "0"}, {"-resolution", "0"}, {"-horizon", "0"}, {"-pivots", "0"}} {
		if _, _, code := runCLI(t, "", append([]string{"analyze"}, bad...)...); code != 2 {
			t.Errorf("analyze %v: exit %d, want 2", bad, code)
		}
	}
}

func TestAnalyzeSocialCapital(t *testing.T) {
	out := filepath.Join(t.TempDir(), "karate")
	if _, errs, code := runCLI(t, "", "analyze", "-out", out, "-seed", "3", "../../testdata/karate"); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	members := readCSV(t, filepath.Join(out, "members.csv"))
	for _, col := range []string{"member", "constraint", "effective_size", "efficiency", "hierarchy", "betweenness", "coordinator", "itinerant", "representative", "gatekeeper", "liaison", "bonding_share"} {
		if !slices.Contains(members[0], col) {
			t.Errorf("members.csv lacks %q", col)
		}
	}
	if len(members)-1 != 34 {
		t.Errorf("members.csv: %d rows, want 34", len(members)-1)
	}
	comms := readCSV(t, filepath.Join(out, "communities.csv"))
	if len(comms)-1 != 2 || comms[0][0] != "community" {
		t.Errorf("communities.csv: %v", comms)
	}
	mw := readCSV(t, filepath.Join(out, "member_windows.csv"))
	if c := slices.Index(mw[0], "constraint"); c < 0 || mw[1][c] == "" {
		t.Errorf("member_windows.csv constraint column missing or empty")
	}
	var summary struct {
		Structure map[string]any `json:"community_structure"`
	}
	data, _ := os.ReadFile(filepath.Join(out, "summary.json"))
	if err := json.Unmarshal(data, &summary); err != nil {
		t.Fatal(err)
	}
	if q := summary.Structure["declared_modularity"].(float64); q < 0.3582 || q > 0.3583 {
		t.Errorf("declared modularity %v", q)
	}
	if summary.Structure["seed"] != 3.0 {
		t.Errorf("seed not recorded: %v", summary.Structure)
	}
}
