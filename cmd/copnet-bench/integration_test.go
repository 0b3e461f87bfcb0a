package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestBench20k runs the whole benchmark at 20k flows (igraph only): it
// generates the dataset, builds netmetrics and runs both tools. It needs
// Python with numpy, pandas and python-igraph and ../shared/tools, and runs
// only when COPNET_BENCH=1 (it takes about half a minute).
func TestBench20k(t *testing.T) {
	if os.Getenv("COPNET_BENCH") != "1" {
		t.Skip("set COPNET_BENCH=1 to run the benchmark command at 20k flows (needs /usr/bin/python3 with igraph)")
	}
	const python = "/usr/bin/python3"
	if out, err := exec.Command(python, "-c", "import numpy, pandas, igraph").CombinedOutput(); err != nil {
		t.Skipf("%s with numpy, pandas and igraph is needed: %v\n%s", python, err, out)
	}
	repo, err := repoRoot()
	if err != nil {
		t.Fatal(err)
	}
	tools := findTools(repo)
	if _, err := os.Stat(filepath.Join(tools, "ref_metrics.py")); err != nil {
		t.Skipf("../shared/tools is absent: %v", err)
	}
	work := t.TempDir()
	jsonOut := filepath.Join(work, "results.json")
	var stdout, stderr bytes.Buffer
	err = run([]string{"-sizes", "20k", "-networkx", "none", "-work", work, "-json", jsonOut}, nil, &stdout, &stderr)
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr.String())
	}
	table := stdout.String()
	for _, row := range []string{"| 20k | load |", "| 20k | core_windows |", "| 20k | density_reciprocity |",
		"| 20k | clustering |", "| 20k | constraint |", "| 20k | louvain |", "| 20k | whole job (wall) |", "| 20k | peak RSS MiB |"} {
		if !strings.Contains(table, row) {
			t.Errorf("no row %q in\n%s", row, table)
		}
	}
	// Stages the reference skips by default have no row.
	for _, row := range []string{"| 20k | core |", "| 20k | betweenness |", "| 20k | write |"} {
		if strings.Contains(table, row) {
			t.Errorf("row %q of a skipped stage in\n%s", row, table)
		}
	}

	b, err := os.ReadFile(jsonOut)
	if err != nil {
		t.Fatal(err)
	}
	var res results
	if err := json.Unmarshal(b, &res); err != nil {
		t.Fatal(err)
	}
	if len(res.Sizes) != 1 || len(res.Sizes[0].Tools) != 2 {
		t.Fatalf("want one size and two tools, got %s", b)
	}
	s := res.Sizes[0]
	flows, err := os.ReadFile(filepath.Join(s.Dir, "flows.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if got := bytes.Count(flows, []byte("\n")); got != 20001 || int64(len(flows)) != s.FlowsBytes {
		t.Errorf("flows.csv: %d lines, %d bytes; want 20001 lines (header and 20000 flows), %d bytes", got, len(flows), s.FlowsBytes)
	}
	for _, tr := range s.Tools {
		if len(tr.Runs) != 1 {
			t.Fatalf("%s: %d runs, want 1", tr.Tool, len(tr.Runs))
		}
		r := tr.Runs[0]
		if r.Error != "" || r.WallSeconds <= 0 || r.PeakRSSKiB < 10*1024 {
			t.Errorf("%s: %+v", tr.Tool, r)
		}
		// No stage takes longer than the whole job.
		for name, st := range r.Stages {
			if st.Seconds > r.WallSeconds {
				t.Errorf("%s: stage %s %v s, longer than the process (%v s)", tr.Tool, name, st.Seconds, r.WallSeconds)
			}
		}
	}
	ig := s.tool(toolIgraph).Runs[0]
	for _, name := range []string{"load", "core_windows", "density_reciprocity", "clustering", "constraint", "louvain"} {
		if st := ig.Stages[name]; st.Status != statusOK {
			t.Errorf("igraph stage %s: %+v", name, st)
		}
	}
	for _, name := range []string{"core", "betweenness", "write"} {
		if st := ig.Stages[name]; st.Status != "skipped" {
			t.Errorf("igraph stage %s: %+v, want skipped", name, st)
		}
	}

	// A second run reuses the dataset.
	stderr.Reset()
	if err := run([]string{"-sizes", "20k", "-networkx", "none", "-work", work, "-netmetrics", filepath.Join(work, "bin", "netmetrics")},
		nil, &stdout, &stderr); err != nil {
		t.Fatalf("%v\n%s", err, stderr.String())
	}
	if !strings.Contains(stderr.String(), "20k: reusing") || strings.Contains(stderr.String(), "generating") {
		t.Errorf("second run did not reuse the dataset:\n%s", stderr.String())
	}
}
