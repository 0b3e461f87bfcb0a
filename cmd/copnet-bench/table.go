package main

import (
	"fmt"
	"io"
	"slices"
	"strings"
)

// Row labels of the whole-process figures.
const (
	rowWall = "whole job (wall)"
	rowRSS  = "peak RSS MiB"
)

// writeTable prints the results as one Markdown table (stage × tool, per
// size) followed by the derived figures. Cells follow
// ../shared/tools/bench_table.py: seconds with three decimals under 100
// and none above, [min–max] when there are several runs, the reference's
// status (skipped, timeout>300s) where a stage has no number.
func writeTable(w io.Writer, res *results) error {
	refs := []string{toolIgraph}
	for _, s := range res.Sizes {
		if s.tool(toolNetworkX) != nil {
			refs = append(refs, toolNetworkX)
			break
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "seconds (median of %d run%s) and peak resident memory; ratios are reference ÷ netmetrics\n\n",
		res.Runs, plural(res.Runs))
	b.WriteString("| size | stage | " + toolNetmetrics)
	for _, r := range refs {
		fmt.Fprintf(&b, " | %s | %s ÷ %s", r, r, toolNetmetrics)
	}
	b.WriteString(" |\n|---|---|---:")
	for range refs {
		b.WriteString("|---:|---:")
	}
	b.WriteString("|\n")
	for _, s := range res.Sizes {
		type fig struct {
			label string
			get   func(*toolResult) summary
			rss   bool
		}
		var figs []fig
		for _, name := range s.stageRows() {
			figs = append(figs, fig{label: name, get: func(t *toolResult) summary { return t.stageSummary(name) }})
		}
		figs = append(figs,
			fig{label: rowWall, get: (*toolResult).wallSummary},
			fig{label: rowRSS, get: (*toolResult).rssSummary, rss: true})
		for _, f := range figs {
			nm := f.get(s.tool(toolNetmetrics))
			fmt.Fprintf(&b, "| %s | %s | %s", s.Name, f.label, cell(nm, f.rss))
			nmv, nmok := nm.median()
			for _, r := range refs {
				t := s.tool(r)
				if t == nil {
					b.WriteString(" | not run | ")
					continue
				}
				rs := f.get(t)
				rv, rok := rs.median()
				rc := ratioCell(ratio(rv, nmv, rok, nmok && !nm.AtLeast))
				if rs.AtLeast && rc != "" {
					rc = "≥ " + rc
				}
				fmt.Fprintf(&b, " | %s | %s", cell(rs, f.rss), rc)
			}
			b.WriteString(" |\n")
		}
	}
	b.WriteString("\n")
	writeNotes(&b, res, refs)
	_, err := io.WriteString(w, b.String())
	return err
}

// writeNotes prints the conditions of the run and the figures derived from
// the table: dataset sizes, load throughput, time per flow and its growth.
func writeNotes(b *strings.Builder, res *results, refs []string) {
	commit := ""
	if res.Commit != "" {
		commit = " (commit " + res.Commit + ")"
	}
	fmt.Fprintf(b, "- reference: ref_metrics.py --window-days %d --skip %s%s; netmetrics: analyze -window %dd -out DIR%s\n",
		res.WindowDays, strings.Join(res.Skip, ","), versions(res), res.WindowDays, commit)
	nx := "not run"
	if len(res.NetworkXSizes) > 0 {
		nx = "run at " + strings.Join(res.NetworkXSizes, ", ") + " only"
	}
	fmt.Fprintf(b, "- bound: a reference stage other than load is stopped after %d s with igraph, %d s with NetworkX (--stage-timeout; ≥ marks a job cut short); NetworkX %s\n",
		res.StageTimeout, res.NXStageTimeout, nx)
	if !res.NetmetricsTime {
		fmt.Fprintf(b, "- netmetrics analyze reports no stage timings (no -timings flag): its load is the wall time of a separate `netmetrics summary -windows %dd DATA` (load and a summary)\n", res.WindowDays)
	}
	tools := append([]string{toolNetmetrics}, refs...)
	for _, s := range res.Sizes {
		fmt.Fprintf(b, "- %s: %d flows, %d members, seed %d; flows.csv %.1f MB\n",
			s.Name, s.Flows, s.Members, s.Seed, float64(s.FlowsBytes)/1e6)
		var load, per []string
		for _, t := range tools {
			if v, ok := s.loadMBps(t); ok {
				load = append(load, fmt.Sprintf("%s %.1f MB/s", t, v))
			}
			if v, ok := s.perFlow(t); ok {
				atLeast := ""
				if s.tool(t).wallSummary().AtLeast {
					atLeast = "≥ "
				}
				per = append(per, fmt.Sprintf("%s %s%s µs", t, atLeast, fmtSig(v*1e6)))
			}
		}
		if len(load) > 0 {
			fmt.Fprintf(b, "  - load throughput (flows.csv ÷ load stage): %s\n", strings.Join(load, ", "))
		}
		if len(per) > 0 {
			fmt.Fprintf(b, "  - whole job per flow: %s\n", strings.Join(per, ", "))
		}
	}
	for _, s := range res.Sizes {
		if t := targetLine(res, s); t != "" {
			fmt.Fprintf(b, "- targets at %s (issue 9, against igraph): %s\n", s.Name, t)
		}
	}
	for i := 1; i < len(res.Sizes); i++ {
		a, c := res.Sizes[i-1], res.Sizes[i]
		var g []string
		for _, t := range tools {
			if a.tool(t).wallSummary().AtLeast || c.tool(t).wallSummary().AtLeast {
				continue // a bound over a bound says nothing
			}
			if v, ok := perFlowGrowth(a, c, t); ok {
				g = append(g, fmt.Sprintf("%s %.2f×", t, v))
			}
		}
		if len(g) > 0 {
			fmt.Fprintf(b, "- time per flow, %s over %s: %s\n", c.Name, a.Name, strings.Join(g, ", "))
		}
	}
}

// cell formats the median of s (with its range over several runs) and the
// statuses of the runs without a number.
func cell(s summary, rss bool) string {
	var parts []string
	if v, ok := s.median(); ok {
		c := fmtSeconds(v)
		if rss {
			c = fmt.Sprintf("%.0f", v)
		}
		if len(s.Values) > 1 {
			c += fmt.Sprintf(" [%.3g–%.3g]", slices.Min(s.Values), slices.Max(s.Values))
		}
		if s.AtLeast {
			c = "≥ " + c
		}
		parts = append(parts, c)
	}
	if len(s.Statuses) > 0 {
		parts = append(parts, strings.Join(s.Statuses, "/"))
	}
	return strings.Join(parts, " ")
}

// fmtSeconds writes seconds as bench_table.py does.
func fmtSeconds(v float64) string {
	if v < 100 {
		return fmt.Sprintf("%.3f", v)
	}
	return fmt.Sprintf("%.0f", v)
}

// fmtSig writes v with three significant digits, without an exponent.
func fmtSig(v float64) string {
	if v >= 1000 {
		return fmt.Sprintf("%.0f", v)
	}
	return fmt.Sprintf("%.3g", v)
}

// ratioCell writes a ratio with three significant digits, or nothing.
func ratioCell(r float64, ok bool) string {
	switch {
	case !ok:
		return ""
	case r >= 100:
		return fmt.Sprintf("%.0f×", r)
	case r >= 10:
		return fmt.Sprintf("%.1f×", r)
	}
	return fmt.Sprintf("%.2f×", r)
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// versions lists the reference's library versions as it reported them.
func versions(res *results) string {
	for _, s := range res.Sizes {
		for _, t := range s.Tools {
			if v := t.Versions; len(v) > 0 {
				var parts []string
				for _, k := range []string{"igraph", "networkx", "python"} {
					if v[k] != "" {
						parts = append(parts, k+" "+v[k])
					}
				}
				return " (" + strings.Join(parts, ", ") + ")"
			}
		}
	}
	return ""
}

// The targets issue 9 sets for the whole job against igraph.
const (
	targetWallRatio  = 5.0     // igraph's whole job ÷ netmetrics's, at least
	targetRSSShare   = 1.0 / 3 // netmetrics's peak RSS ÷ igraph's, at most
	targetStageRatio = 10.0    // every stage both compute, igraph ÷ netmetrics, at least
	targetLoadMBps   = 150.0   // netmetrics's load throughput, at least
	targetGrowth     = 1.3     // netmetrics's time per flow, 5m over 1m, at most
)

// targetLine checks the figures of one size against the targets; each
// says its value and whether it is met.
func targetLine(res *results, s *sizeResult) string {
	nm, ig := s.tool(toolNetmetrics), s.tool(toolIgraph)
	if nm == nil || ig == nil {
		return ""
	}
	met := func(ok bool) string {
		if ok {
			return "met"
		}
		return "not met"
	}
	var parts []string
	nw, nwok := nm.wallSummary().median()
	iw, iwok := ig.wallSummary().median()
	if r, ok := ratio(iw, nw, iwok, nwok); ok {
		parts = append(parts, fmt.Sprintf("whole job igraph ÷ netmetrics %s (target ≥ %g×: %s)", ratioCell(r, true), targetWallRatio, met(r >= targetWallRatio)))
	}
	nr, nrok := nm.rssSummary().median()
	ir, irok := ig.rssSummary().median()
	if r, ok := ratio(nr, ir, nrok, irok); ok {
		parts = append(parts, fmt.Sprintf("peak RSS netmetrics ÷ igraph %.2f (target ≤ 0.33: %s)", r, met(r <= targetRSSShare)))
	}
	worst, worstName := 0.0, ""
	for _, name := range s.stageRows() {
		nv, nok := nm.stageSummary(name).median()
		iv, iok := ig.stageSummary(name).median()
		if r, ok := ratio(iv, nv, iok, nok); ok && (worstName == "" || r < worst) {
			worst, worstName = r, name
		}
	}
	if !res.NetmetricsTime {
		// The load row is then a summary process: no stage of analyze.
		worstName = ""
		parts = append(parts, "stages: no netmetrics stage timings")
	}
	if worstName != "" {
		parts = append(parts, fmt.Sprintf("slowest stage both compute %s (%s; target ≥ %g×: %s)", ratioCell(worst, true), worstName, targetStageRatio, met(worst >= targetStageRatio)))
	}
	if v, ok := s.loadMBps(toolNetmetrics); ok {
		if res.NetmetricsTime {
			parts = append(parts, fmt.Sprintf("netmetrics load %.1f MB/s (target ≥ %g: %s)", v, targetLoadMBps, met(v >= targetLoadMBps)))
		} else {
			// A whole summary process bounds the load's time from above.
			verdict := "not shown"
			if v >= targetLoadMBps {
				verdict = "met"
			}
			parts = append(parts, fmt.Sprintf("netmetrics load ≥ %.1f MB/s by a summary process (target ≥ %g: %s)", v, targetLoadMBps, verdict))
		}
	}
	if s.Name == "5m" {
		for _, a := range res.Sizes {
			if a.Name != "1m" {
				continue
			}
			if g, ok := perFlowGrowth(a, s, toolNetmetrics); ok {
				parts = append(parts, fmt.Sprintf("netmetrics time per flow 5m ÷ 1m %.2f× (target ≤ %g×: %s)", g, targetGrowth, met(g <= targetGrowth)))
			}
		}
	}
	return strings.Join(parts, "; ")
}
