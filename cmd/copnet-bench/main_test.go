package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

func TestMedian(t *testing.T) {
	for _, c := range []struct {
		name string
		in   []float64
		want float64
		ok   bool
	}{
		{"empty", nil, 0, false},
		{"one", []float64{3}, 3, true},
		{"odd unsorted", []float64{3, 1, 2}, 2, true},
		{"even", []float64{4, 1, 3, 2}, 2.5, true},
		{"ties", []float64{5, 5, 1}, 5, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			in := slices.Clone(c.in)
			got, ok := median(in)
			if got != c.want || ok != c.ok {
				t.Errorf("median(%v) = %v, %v; want %v, %v", c.in, got, ok, c.want, c.ok)
			}
			if !slices.Equal(in, c.in) {
				t.Errorf("median reordered its input: %v, was %v", in, c.in)
			}
		})
	}
}

func TestRatio(t *testing.T) {
	for _, c := range []struct {
		name     string
		a, b     float64
		aok, bok bool
		want     float64
		ok       bool
	}{
		{"plain", 10, 4, true, true, 2.5, true},
		{"zero denominator", 1, 0, true, true, 0, false},
		{"negative denominator", 1, -1, true, true, 0, false},
		{"numerator unknown", 1, 2, false, true, 0, false},
		{"denominator unknown", 1, 2, true, false, 0, false},
		{"NaN", math.NaN(), 2, true, true, 0, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, ok := ratio(c.a, c.b, c.aok, c.bok)
			if got != c.want || ok != c.ok {
				t.Errorf("ratio(%v, %v) = %v, %v; want %v, %v", c.a, c.b, got, ok, c.want, c.ok)
			}
		})
	}
}

func TestParseSizes(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []string
		err  bool
	}{
		{"20k,1m", []string{"20k", "1m"}, false},
		{"5M, 20k", []string{"20k", "5m"}, false}, // smallest first, any case
		{"1m,1m", []string{"1m"}, false},
		{"", nil, false},
		{"none", nil, false},
		{"7m", nil, true},
		{"20k,huge", nil, true},
	} {
		t.Run(c.in, func(t *testing.T) {
			got, err := parseSizes(c.in)
			if (err != nil) != c.err {
				t.Fatalf("parseSizes(%q) error %v, want error %v", c.in, err, c.err)
			}
			var names []string
			for _, d := range got {
				names = append(names, d.Name)
			}
			if !slices.Equal(names, c.want) {
				t.Errorf("parseSizes(%q) = %v, want %v", c.in, names, c.want)
			}
		})
	}
}

func TestDatasetSpecs(t *testing.T) {
	// The 1m and 5m specs are the ones the performance issue quotes.
	want := map[string]string{
		"20k": "--members 2000 --flows 20000 --seed 1 --out X",
		"1m":  "--members 40000 --flows 1000000 --seed 1 --out X",
		"5m":  "--members 200000 --flows 5000000 --seed 2 --out X",
	}
	for _, d := range datasets {
		if got := strings.Join(d.genArgs("X"), " "); got != want[d.Name] {
			t.Errorf("%s: gen_cop.py %s, want %s", d.Name, got, want[d.Name])
		}
	}
	if got := datasets[1].key(); got != "1m-m40000-f1000000-s1" {
		t.Errorf("1m key %q", got)
	}
}

func TestParseWindowDays(t *testing.T) {
	for in, want := range map[string]int{"30d": 30, "1d": 1, "30": 0, "0d": 0, "1w": 0, "d": 0, "-3d": 0} {
		got, err := parseWindowDays(in)
		if got != want || (err != nil) != (want == 0) {
			t.Errorf("parseWindowDays(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
}

func readTestdata(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// The fixtures are ref_metrics.py's own files from a NetworkX run at 20k
// flows whose constraint stage hit a 300 s timeout.
func TestParseRefTimings(t *testing.T) {
	stages, versions, err := parseRefTimings(readTestdata(t, "timings_networkx.json"))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]stage{
		"load.csv_parse":      {0.1534, "ok"},
		"load.collapse_numpy": {0.0042, "ok"},
		"load.engine_build":   {0.0521, "ok"},
		"load":                {0.21, "ok"},
		"core":                {0, "skipped"},
		"core_windows":        {0.205, "ok"},
		"density_reciprocity": {0.6263, "ok"},
		"clustering":          {0.8597, "ok"},
		"constraint":          {300.0983, "timeout>300s"},
		"betweenness":         {0, "skipped"},
		"louvain":             {1.1554, "ok"},
		"write":               {0, "skipped"},
	}
	if len(stages) != len(want) {
		t.Errorf("got %d stages, want %d: %v", len(stages), len(want), stages)
	}
	for name, w := range want {
		if got := stages[name]; got != w {
			t.Errorf("stage %s = %+v, want %+v", name, got, w)
		}
	}
	if versions["networkx"] != "2.8.8" || versions["igraph"] != "0.10.2" {
		t.Errorf("versions %v", versions)
	}
}

func TestParseRefTimingsErrors(t *testing.T) {
	for name, in := range map[string]string{
		"not JSON":         `[engine] load: ok`,
		"no stages":        `{"engine": "igraph"}`,
		"ok without value": `{"stages": {"load": {"status": "ok"}}}`,
	} {
		if _, _, err := parseRefTimings([]byte(in)); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	// An undefined summary figure is written as a bare NaN by Python.
	stages, _, err := parseRefTimings([]byte(`{"stages": {"load": {"status": "ok", "seconds": 1.5}}, "summary": {"reciprocity": NaN}}`))
	if err != nil || stages["load"] != (stage{1.5, "ok"}) {
		t.Errorf("with NaN: %v, %v", stages, err)
	}
}

func TestPythonJSON(t *testing.T) {
	in := `{"a": NaN, "b": "NaN", "c": -Infinity, "d": [Infinity, 1e-5], "e": "x\"NaN"}`
	want := `{"a": null, "b": "NaN", "c": null, "d": [null, 1e-5], "e": "x\"NaN"}`
	got := string(pythonJSON([]byte(in)))
	if got != want {
		t.Errorf("pythonJSON:\n got %s\nwant %s", got, want)
	}
	if !json.Valid([]byte(got)) {
		t.Errorf("not valid JSON: %s", got)
	}
}

// The stage lines on standard error are the fallback when the timings file
// is missing; they must agree with the file (printed with 3 decimals).
func TestParseRefStderr(t *testing.T) {
	fromLog, err := parseRefStderr(bytes.NewReader(readTestdata(t, "ref_networkx.log")))
	if err != nil {
		t.Fatal(err)
	}
	fromJSON, _, err := parseRefTimings(readTestdata(t, "timings_networkx.json"))
	if err != nil {
		t.Fatal(err)
	}
	names := []string{"load", "core_windows", "density_reciprocity", "clustering", "constraint", "louvain"}
	if len(fromLog) != len(names) {
		t.Errorf("got %d stages from the log, want %d: %v", len(fromLog), len(names), fromLog)
	}
	for _, n := range names {
		l, j := fromLog[n], fromJSON[n]
		if l.Status != j.Status || math.Abs(l.Seconds-j.Seconds) > 5e-4 {
			t.Errorf("stage %s: log %+v, timings file %+v", n, l, j)
		}
	}
	if got := fromLog["constraint"]; got != (stage{300.098, "timeout>300s"}) {
		t.Errorf("constraint %+v", got)
	}

	// igraph's run of the same data finished every stage.
	igLog, err := parseRefStderr(bytes.NewReader(readTestdata(t, "ref_igraph.log")))
	if err != nil {
		t.Fatal(err)
	}
	igJSON, _, err := parseRefTimings(readTestdata(t, "timings_igraph.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range names {
		l, j := igLog[n], igJSON[n]
		if l.Status != statusOK || j.Status != statusOK || math.Abs(l.Seconds-j.Seconds) > 5e-4 {
			t.Errorf("igraph stage %s: log %+v, timings file %+v", n, l, j)
		}
	}
}

func TestParseNetmetricsTimings(t *testing.T) {
	got, err := parseNetmetricsTimings([]byte(`{"load": 0.5, "louvain": {"seconds": 0.06}, "write": 0}`))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]stage{"load": {0.5, "ok"}, "louvain": {0.06, "ok"}, "write": {0, "ok"}}
	if len(got) != len(want) {
		t.Errorf("got %v, want %v", got, want)
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s = %+v, want %+v", k, got[k], w)
		}
	}
	for _, bad := range []string{`[1, 2]`, `{"load": "fast"}`, `{"load": {"secs": 1}}`, `{"load": -1}`, `{`} {
		if _, err := parseNetmetricsTimings([]byte(bad)); err == nil {
			t.Errorf("%s: no error", bad)
		}
	}
}

func TestUsageHasFlag(t *testing.T) {
	usage := "usage: netmetrics analyze [flags]\n\nflags:\n  -out string\n    \twrite the tables (see -timings)\n  -timings-x\n    \tother\n"
	if usageHasFlag(usage, "timings") {
		t.Error("found -timings in a description or a longer flag name")
	}
	if !usageHasFlag(usage+"  -timings string\n    \tstage seconds as JSON\n", "timings") {
		t.Error("missed -timings")
	}
}

// tableFixture is a 1m and a 5m result; the expected table was worked out
// by hand from these numbers.
func tableFixture() *results {
	ok := func(s float64) stage { return stage{s, statusOK} }
	return &results{
		Runs: 1, WindowDays: 30, Skip: []string{"betweenness", "write", "core"},
		StageTimeout: 300, NXStageTimeout: 60, NetworkXSizes: []string{"1m"}, NetmetricsTime: true,
		Sizes: []*sizeResult{
			{
				dataset: dataset{"1m", 40000, 1000000, 1}, FlowsBytes: 63000000,
				Tools: []*toolResult{
					{Tool: toolNetmetrics, Runs: []measurement{{WallSeconds: 20, PeakRSSKiB: 700 * 1024,
						Stages: map[string]stage{"load": ok(0.5), "louvain": ok(0.05), "projections": ok(1.25)}}}},
					{Tool: toolIgraph, Versions: map[string]string{"python": "3.11.2", "igraph": "0.10.2", "networkx": "2.8.8"},
						Runs: []measurement{{WallSeconds: 15, PeakRSSKiB: 600 * 1024,
							Stages: map[string]stage{"load": ok(7), "load.csv_parse": ok(6), "core": {0, "skipped"},
								"constraint": ok(4.5), "louvain": ok(0.3), "betweenness": {0, "skipped"}}}}},
					{Tool: toolNetworkX, Runs: []measurement{{WallSeconds: 130, PeakRSSKiB: 1024 * 1024,
						Stages: map[string]stage{"load": ok(8), "constraint": {60.0, "timeout>60s"}, "louvain": ok(7.5)}}}},
				},
			},
			{
				dataset: dataset{"5m", 200000, 5000000, 2}, FlowsBytes: 315000000,
				Tools: []*toolResult{
					{Tool: toolNetmetrics, Runs: []measurement{{WallSeconds: 110, PeakRSSKiB: 3072 * 1024,
						Stages: map[string]stage{"load": ok(2.5)}}}},
					{Tool: toolIgraph, Runs: []measurement{{WallSeconds: 150, PeakRSSKiB: 2516582,
						Stages: map[string]stage{"load": ok(35)}}}},
				},
			},
		},
	}
}

func TestWriteTable(t *testing.T) {
	var b strings.Builder
	if err := writeTable(&b, tableFixture()); err != nil {
		t.Fatal(err)
	}
	want := `seconds (median of 1 run) and peak resident memory; ratios are reference ÷ netmetrics

| size | stage | netmetrics | igraph | igraph ÷ netmetrics | networkx | networkx ÷ netmetrics |
|---|---|---:|---:|---:|---:|---:|
| 1m | load | 0.500 | 7.000 | 14.0× | 8.000 | 16.0× |
| 1m | load.csv_parse |  | 6.000 |  |  |  |
| 1m | constraint |  | 4.500 |  | timeout>60s |  |
| 1m | louvain | 0.050 | 0.300 | 6.00× | 7.500 | 150× |
| 1m | projections | 1.250 |  |  |  |  |
| 1m | whole job (wall) | 20.000 | 15.000 | 0.75× | ≥ 130 | ≥ 6.50× |
| 1m | peak RSS MiB | 700 | 600 | 0.86× | 1024 | 1.46× |
| 5m | load | 2.500 | 35.000 | 14.0× | not run |  |
| 5m | whole job (wall) | 110 | 150 | 1.36× | not run |  |
| 5m | peak RSS MiB | 3072 | 2458 | 0.80× | not run |  |

- reference: ref_metrics.py --window-days 30 --skip betweenness,write,core (igraph 0.10.2, networkx 2.8.8, python 3.11.2); netmetrics: analyze -window 30d -out DIR
- bound: a reference stage other than load is stopped after 300 s with igraph, 60 s with NetworkX (--stage-timeout; ≥ marks a job cut short); NetworkX run at 1m only
- 1m: 1000000 flows, 40000 members, seed 1; flows.csv 63.0 MB
  - load throughput (flows.csv ÷ load stage): netmetrics 126.0 MB/s, igraph 9.0 MB/s, networkx 7.9 MB/s
  - whole job per flow: netmetrics 20 µs, igraph 15 µs, networkx ≥ 130 µs
- 5m: 5000000 flows, 200000 members, seed 2; flows.csv 315.0 MB
  - load throughput (flows.csv ÷ load stage): netmetrics 126.0 MB/s, igraph 9.0 MB/s
  - whole job per flow: netmetrics 22 µs, igraph 30 µs
- targets at 1m (issue 9, against igraph): whole job igraph ÷ netmetrics 0.75× (target ≥ 5×: not met); peak RSS netmetrics ÷ igraph 1.17 (target ≤ 0.33: not met); slowest stage both compute 6.00× (louvain; target ≥ 10×: not met); netmetrics load 126.0 MB/s (target ≥ 150: not met)
- targets at 5m (issue 9, against igraph): whole job igraph ÷ netmetrics 1.36× (target ≥ 5×: not met); peak RSS netmetrics ÷ igraph 1.25 (target ≤ 0.33: not met); slowest stage both compute 14.0× (load; target ≥ 10×: met); netmetrics load 126.0 MB/s (target ≥ 150: not met); netmetrics time per flow 5m ÷ 1m 1.10× (target ≤ 1.3×: met)
- time per flow, 5m over 1m: netmetrics 1.10×, igraph 2.00×
`
	if got := b.String(); got != want {
		t.Errorf("table:\n%s\nwant:\n%s", got, want)
	}
}

func TestCell(t *testing.T) {
	for _, c := range []struct {
		name string
		s    summary
		rss  bool
		want string
	}{
		{"range", summary{Values: []float64{3, 1, 2}}, false, "2.000 [1–3]"},
		{"large", summary{Values: []float64{134.6}}, false, "135"},
		{"failed run", summary{Values: []float64{1.5}, Statuses: []string{"failed"}}, false, "1.500 failed"},
		{"statuses only", summary{Statuses: []string{"skipped", "timeout>60s"}}, false, "skipped/timeout>60s"},
		{"rss", summary{Values: []float64{512.4, 600}}, true, "556 [512–600]"},
		{"empty", summary{}, false, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := cell(c.s, c.rss); got != c.want {
				t.Errorf("cell = %q, want %q", got, c.want)
			}
		})
	}
}

// A run that failed counts as "failed" and adds no number; the median is
// taken over the others.
func TestSummariesSkipFailedRuns(t *testing.T) {
	tr := &toolResult{Runs: []measurement{
		{WallSeconds: 1, PeakRSSKiB: 1024, Stages: map[string]stage{"load": {0.25, "ok"}}},
		{WallSeconds: 99, Error: "exit status 1"},
		{WallSeconds: 3, PeakRSSKiB: 3072, Stages: map[string]stage{"load": {0.75, "ok"}}},
	}}
	w := tr.wallSummary()
	if m, _ := w.median(); m != 2 || !slices.Equal(w.Statuses, []string{"failed"}) {
		t.Errorf("wall %+v, median %v", w, m)
	}
	if m, _ := tr.rssSummary().median(); m != 2 {
		t.Errorf("rss median %v MiB, want 2", m)
	}
	if m, _ := tr.stageSummary("load").median(); m != 0.5 {
		t.Errorf("load median %v, want 0.5", m)
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"-runs", "0"},
		{"-sizes", "9m"},
		{"-sizes", "none"},
		{"-networkx", "2k"},
		{"-window", "month"},
		{"-stage-timeout", "0"},
		{"-nope"},
		{"extra"},
	} {
		var stdout, stderr bytes.Buffer
		err := run(args, nil, &stdout, &stderr)
		if code := exitStatus(err, &stderr); code != 2 {
			t.Errorf("%v: exit %d (%v), want 2", args, code, err)
		}
		if !strings.HasPrefix(stderr.String(), "copnet-bench: ") && !strings.HasPrefix(stderr.String(), "usage: ") {
			t.Errorf("%v: message %q", args, stderr.String())
		}
		if stdout.Len() > 0 {
			t.Errorf("%v: wrote %q to standard output", args, stdout.String())
		}
	}
	var stderr bytes.Buffer
	if code := exitStatus(run([]string{"-h"}, nil, &stderr, &stderr), &stderr); code != 0 || !strings.Contains(stderr.String(), "-sizes") {
		t.Errorf("-h: exit %d, output %q", code, stderr.String())
	}
}

// The peak memory of a child is read in the right unit: a child that
// touches 200 MiB reports at least that and not a thousand times more.
func TestMeasurePeakRSS(t *testing.T) {
	if runtime.GOOS != "linux" && runtime.GOOS != "darwin" {
		t.Skip("ru_maxrss is read on Linux and macOS only")
	}
	t.Setenv("COPNET_BENCH_CHILD", "alloc")
	r, err := measure(context.Background(), filepath.Join(t.TempDir(), "child.log"),
		os.Args[0], "-test.run", "^TestMain$")
	if err != nil {
		t.Fatal(err)
	}
	const mib = 1024
	if r.PeakRSSKiB < 200*mib || r.PeakRSSKiB > 2048*mib {
		t.Errorf("peak RSS %d KiB, want between 200 and 2048 MiB", r.PeakRSSKiB)
	}
	if r.WallSeconds <= 0 {
		t.Errorf("wall %v s", r.WallSeconds)
	}
}

// TestMain makes the test binary a child that touches 200 MiB when asked,
// for TestMeasurePeakRSS.
func TestMain(m *testing.M) {
	if os.Getenv("COPNET_BENCH_CHILD") == "alloc" {
		b := make([]byte, 200<<20)
		for i := 0; i < len(b); i += 4096 {
			b[i] = 1
		}
		os.Exit(int(b[len(b)-4096]) - 1)
	}
	if os.Getenv("COPNET_BENCH_CHILD") == "netmetrics" {
		os.Exit(fakeNetmetrics(os.Args[1:]))
	}
	os.Exit(m.Run())
}

// fakeNetmetrics stands for a netmetrics whose analyze takes -timings FILE.
func fakeNetmetrics(args []string) int {
	if len(args) < 1 || args[0] != "analyze" {
		return 2
	}
	if len(args) == 2 && args[1] == "-h" {
		fmt.Fprint(os.Stderr, "usage: netmetrics analyze [flags] [DIR]\n\nflags:\n  -out string\n    \twrite the tables\n  -timings string\n    \tstage seconds as JSON into FILE\n")
		return 0
	}
	for i, a := range args {
		if a == "-timings" && i+1 < len(args) {
			if err := os.WriteFile(args[i+1], []byte(`{"load": 0.25, "louvain": {"seconds": 0.5}}`), 0o644); err != nil {
				return 1
			}
		}
	}
	return 0
}

func TestExitStatus(t *testing.T) {
	for _, c := range []struct {
		err  error
		want int
	}{
		{nil, 0},
		{usagef("bad"), 2},
		{fmt.Errorf("copnet-bench: igraph: %w", errors.New("exit status 1")), 1},
		{fmt.Errorf("copnet-bench: %w", context.Canceled), 130},
	} {
		if got := exitStatus(c.err, io.Discard); got != c.want {
			t.Errorf("exitStatus(%v) = %d, want %d", c.err, got, c.want)
		}
	}
}

// -table prints, from the saved JSON, the table the run printed.
func TestTableFromJSON(t *testing.T) {
	name := filepath.Join(t.TempDir(), "results.json")
	if err := writeJSON(name, tableFixture()); err != nil {
		t.Fatal(err)
	}
	var want, got, stderr strings.Builder
	if err := writeTable(&want, tableFixture()); err != nil {
		t.Fatal(err)
	}
	if err := run([]string{"-table", name}, nil, &got, &stderr); err != nil {
		t.Fatalf("%v\n%s", err, stderr.String())
	}
	if got.String() != want.String() {
		t.Errorf("-table printed\n%s\nwant\n%s", got.String(), want.String())
	}
	if err := os.WriteFile(name, []byte(`{"sizes": []}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := run([]string{"-table", name}, nil, &got, &stderr); err == nil || exitStatus(err, io.Discard) != 1 {
		t.Errorf("-table of no results: %v", err)
	}
}

// With a netmetrics whose analyze takes -timings, its stages are read from
// the file it writes.
func TestNetmetricsTimings(t *testing.T) {
	t.Setenv("COPNET_BENCH_CHILD", "netmetrics")
	bin := os.Args[0]
	ok, err := hasTimingsFlag(context.Background(), bin)
	if err != nil || !ok {
		t.Fatalf("hasTimingsFlag = %v, %v; want true", ok, err)
	}
	cfg := config{windowDays: 30, progress: io.Discard}
	tr := &toolResult{Tool: toolNetmetrics}
	out := t.TempDir()
	r, err := runNetmetrics(context.Background(), cfg, bin, true, "DATA", out, 1, tr)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]stage{"load": {0.25, "ok"}, "louvain": {0.5, "ok"}}
	if len(r.Stages) != 2 || r.Stages["load"] != want["load"] || r.Stages["louvain"] != want["louvain"] {
		t.Errorf("stages %v, want %v", r.Stages, want)
	}
	wantCmd := []string{bin, "analyze", "-window", "30d", "-out", filepath.Join(out, "tables"),
		"-timings", filepath.Join(out, "timings-run1.json"), "DATA"}
	if !slices.Equal(tr.Command, wantCmd) {
		t.Errorf("command %v, want %v", tr.Command, wantCmd)
	}
}

// Without netmetrics stage timings, the targets say so instead of judging
// stages by the summary process standing for the load.
func TestTargetsWithoutStageTimings(t *testing.T) {
	res := tableFixture()
	res.NetmetricsTime = false
	got := targetLine(res, res.Sizes[0])
	want := "whole job igraph ÷ netmetrics 0.75× (target ≥ 5×: not met); peak RSS netmetrics ÷ igraph 1.17 (target ≤ 0.33: not met); " +
		"stages: no netmetrics stage timings; netmetrics load ≥ 126.0 MB/s by a summary process (target ≥ 150: not shown)"
	if got != want {
		t.Errorf("targets:\n got %s\nwant %s", got, want)
	}
}
