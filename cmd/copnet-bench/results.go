package main

import (
	"math"
	"slices"
	"sort"
	"strings"
	"time"
)

// Tool names, as they head the table's columns.
const (
	toolNetmetrics = "netmetrics"
	toolIgraph     = "igraph"
	toolNetworkX   = "networkx"
)

// Stages reported by ref_metrics.py, in its order, with the sub-stages of
// load where bench_table.py puts them. netmetrics stages of the same name
// share the row.
var refStages = []string{"load", "load.csv_parse", "load.collapse_numpy", "load.engine_build",
	"core", "core_windows", "density_reciprocity", "clustering", "constraint",
	"betweenness", "louvain", "write"}

// statusOK is a stage that ran to its end.
const statusOK = "ok"

// stage is one stage of one run: its seconds when it ran to its end, or
// the reason it did not (skipped, timeout>300s).
type stage struct {
	Seconds float64 `json:"seconds"`
	Status  string  `json:"status"`
}

// measurement is one measured process.
type measurement struct {
	WallSeconds float64 `json:"wall_seconds"`
	// PeakRSSKiB is the child's ru_maxrss; 0 when the system does not say.
	PeakRSSKiB int64            `json:"peak_rss_kib"`
	Stages     map[string]stage `json:"stages,omitempty"`
	// Error is why the process failed; a failed run has no figures.
	Error string `json:"error,omitempty"`
}

// toolResult is every run of one tool on one dataset.
type toolResult struct {
	Tool     string            `json:"tool"`
	Command  []string          `json:"command"`
	Versions map[string]string `json:"versions,omitempty"`
	Runs     []measurement     `json:"runs"`
}

// sizeResult is one dataset and what every tool did on it.
type sizeResult struct {
	dataset
	Dir        string        `json:"dir"`
	FlowsBytes int64         `json:"flows_bytes"`
	Tools      []*toolResult `json:"tools"`
}

// results is the whole benchmark, as saved by -json.
type results struct {
	GOOS           string   `json:"goos"`
	GOARCH         string   `json:"goarch"`
	CPUs           int      `json:"cpus"`
	Runs           int      `json:"runs"`
	WindowDays     int      `json:"window_days"`
	Skip           []string `json:"ref_skip"`
	StageTimeout   int      `json:"stage_timeout_seconds"`
	NXStageTimeout int      `json:"networkx_stage_timeout_seconds"`
	NetworkXSizes  []string `json:"networkx_sizes"`
	NetmetricsTime bool     `json:"netmetrics_stage_timings"`
	// Commit is the repository commit netmetrics was built from, when the
	// benchmark built it.
	Commit string        `json:"commit,omitempty"`
	Date   time.Time     `json:"date"`
	Sizes  []*sizeResult `json:"sizes"`
}

// tool returns the result of the named tool, or nil.
func (s *sizeResult) tool(name string) *toolResult {
	for _, t := range s.Tools {
		if t.Tool == name {
			return t
		}
	}
	return nil
}

// median is the median of xs (the mean of the middle two for an even
// count); ok is false for no values. xs is left as it was.
func median(xs []float64) (m float64, ok bool) {
	if len(xs) == 0 {
		return 0, false
	}
	s := slices.Clone(xs)
	sort.Float64s(s)
	h := len(s) / 2
	if len(s)%2 == 1 {
		return s[h], true
	}
	return (s[h-1] + s[h]) / 2, true
}

// ratio is a / b when both are known and b is positive.
func ratio(a, b float64, aok, bok bool) (float64, bool) {
	if !aok || !bok || b <= 0 || math.IsNaN(a) || math.IsNaN(b) {
		return 0, false
	}
	return a / b, true
}

// summary is what the table shows of one (tool, figure): the values of the
// successful runs and the distinct statuses of the others.
type summary struct {
	Values   []float64
	Statuses []string
	// AtLeast marks a whole-job time cut short: a stage of some run was
	// stopped at its timeout, so the job would have taken longer.
	AtLeast bool
}

func (s summary) median() (float64, bool) { return median(s.Values) }

func (s *summary) addStatus(st string) {
	if !slices.Contains(s.Statuses, st) {
		s.Statuses = append(s.Statuses, st)
		sort.Strings(s.Statuses)
	}
}

// stageSummary gathers one stage over the runs of t.
func (t *toolResult) stageSummary(name string) summary {
	var s summary
	if t == nil {
		return s
	}
	for _, r := range t.Runs {
		if r.Error != "" {
			s.addStatus("failed")
			continue
		}
		st, ok := r.Stages[name]
		switch {
		case !ok:
		case st.Status == statusOK || st.Status == "":
			s.Values = append(s.Values, st.Seconds)
		default:
			s.addStatus(st.Status)
		}
	}
	return s
}

// wallSummary gathers the whole-job wall seconds over the runs of t.
func (t *toolResult) wallSummary() summary {
	var s summary
	if t == nil {
		return s
	}
	for _, r := range t.Runs {
		if r.Error != "" {
			s.addStatus("failed")
			continue
		}
		s.Values = append(s.Values, r.WallSeconds)
		for _, st := range r.Stages {
			if strings.HasPrefix(st.Status, "timeout") {
				s.AtLeast = true
			}
		}
	}
	return s
}

// rssSummary gathers the peak RSS in MiB over the runs of t.
func (t *toolResult) rssSummary() summary {
	var s summary
	if t == nil {
		return s
	}
	for _, r := range t.Runs {
		if r.Error != "" {
			s.addStatus("failed")
			continue
		}
		if r.PeakRSSKiB > 0 {
			s.Values = append(s.Values, float64(r.PeakRSSKiB)/1024)
		}
	}
	return s
}

// stageRows lists the stages to show for a size: ref_metrics's in its
// order, then stages only netmetrics reports, sorted; a stage no tool has
// a number for is left out.
func (s *sizeResult) stageRows() []string {
	has := map[string]bool{}
	for _, t := range s.Tools {
		for _, r := range t.Runs {
			for name, st := range r.Stages {
				if r.Error == "" && (st.Status == statusOK || st.Status == "") {
					has[name] = true
				}
			}
		}
	}
	var rows []string
	for _, name := range refStages {
		if has[name] {
			rows = append(rows, name)
			delete(has, name)
		}
	}
	var extra []string
	for name := range has {
		extra = append(extra, name)
	}
	sort.Strings(extra)
	return append(rows, extra...)
}

// perFlow is the median whole-job seconds per flow of a tool on a size.
func (s *sizeResult) perFlow(tool string) (float64, bool) {
	w, ok := s.tool(tool).wallSummary().median()
	if !ok || s.Flows <= 0 {
		return 0, false
	}
	return w / float64(s.Flows), true
}

// loadMBps is flows.csv's size in 10^6 bytes over the tool's median load
// seconds.
func (s *sizeResult) loadMBps(tool string) (float64, bool) {
	sec, ok := s.tool(tool).stageSummary("load").median()
	if !ok || s.FlowsBytes <= 0 {
		return 0, false
	}
	return ratio(float64(s.FlowsBytes)/1e6, sec, true, true)
}

// perFlowGrowth is how a tool's time per flow grows from size a to size b:
// (wall_b / flows_b) / (wall_a / flows_a).
func perFlowGrowth(a, b *sizeResult, tool string) (float64, bool) {
	pa, aok := a.perFlow(tool)
	pb, bok := b.perFlow(tool)
	return ratio(pb, pa, bok, aok)
}
