package report

import (
	"fmt"
	"io"
	"iter"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/copnet/copnet/metrics"
)

// AnalysisSummary is summary.json.
type AnalysisSummary struct {
	Dataset    Summary        `json:"dataset"`
	Parameters map[string]any `json:"parameters"`
	// Scopes lists the scope ids in table order ("*" first).
	Scopes []string `json:"scopes"`
	// Windows lists every window in table order.
	Windows []metrics.WindowInfo `json:"windows"`
	// ConvergenceTrend is, per scope, the least-squares slope of the mean
	// cosine similarity of knowledge profiles over the windows.
	ConvergenceTrend map[string]Float `json:"convergence_trend,omitempty"`
	// Structure compares declared and detected communities.
	Structure *metrics.StructureSummary `json:"community_structure,omitempty"`
	// Provenance names the build, arguments and inputs of the run; null
	// when the caller did not set it.
	Provenance *Provenance `json:"provenance"`
	// Claims are the model's claims in plain words, with their numbers.
	Claims []metrics.Finding `json:"claims,omitempty"`
}

// Analysis is an analysis ready to be written: the metrics, the dataset
// summary and the CSV options of its tables.
type Analysis struct {
	*metrics.Analysis
	// Summary is summary.json.
	Summary AnalysisSummary
	// CSV options for every table.
	CSV CSVOptions
	// Given are the arguments of the run as given on its command line
	// (the flags that bear on the results, then the dataset), which the
	// commands to run next repeat; nil repeats the preset, the windows and
	// the dataset read from the provenance.
	Given []string
}

// NewAnalysis prepares an analysis for writing. params are added to the
// analysis options' parameters (the dataset's preset, say).
func NewAnalysis(a *metrics.Analysis, ds Summary, params map[string]any) *Analysis {
	p := a.Options.Parameters()
	for k, v := range params {
		p[k] = v
	}
	return &Analysis{Analysis: a, Summary: AnalysisSummary{Dataset: ds, Parameters: p, Scopes: a.ScopeIDs(),
		Windows: a.WindowInfos(), ConvergenceTrend: a.ConvergenceTrends(), Structure: a.Structure(), Claims: a.Findings()}}
}

// table is a File writing one table from its row iterator.
func table[T any](name string, rows func() iter.Seq[T], opt CSVOptions) File {
	return File{Name: name, Write: func(w io.Writer) error { return WriteRows(w, rows(), opt) }}
}

// AnalysisFileNames returns the names of the files that an analysis of
// every family writes, in the order of Files: the dictionary's files but
// a batch's datasets.csv and community_advantage.csv, which is written
// only when the claims test a community, and, for a dataset without
// knowledge items, knowledge_items.csv and adoption.csv. A writer can
// check their places before the analysis runs.
func AnalysisFileNames(knowledge bool) []string {
	var names []string
	for _, d := range Dictionary() {
		switch d.File {
		case "datasets.csv", "community_advantage.csv":
			continue
		case "knowledge_items.csv", "adoption.csv":
			if !knowledge {
				continue
			}
		}
		names = append(names, d.File)
	}
	return names
}

// Files returns the output files in a fixed order; each table is written
// row by row from the analysis when the file is written. A table the
// analysis streamed (metrics.Options.Stream) is left out: its file was
// written as its rows came (see StreamRows).
func (a *Analysis) Files() []File {
	files := []File{{Name: "summary.json", Write: func(w io.Writer) error { return WriteJSON(w, a.Summary) }}}
	stream := a.Options.Stream
	if a.Internalizing != nil {
		if !stream.StreamsMemberWindows() {
			files = append(files, table("member_windows.csv", a.MemberWindowRows, a.CSV))
		}
		files = append(files, table("trajectories.csv", a.TrajectoryRows, a.CSV), table("transitions.csv", a.TransitionRows, a.CSV))
	}
	files = append(files, table("scope_windows.csv", a.ScopeWindowRows, a.CSV))
	if a.Capital != nil {
		files = append(files, table("members.csv", a.MemberRows, a.CSV), table("communities.csv", a.CommunityRows, a.CSV))
	}
	if a.HasKnowledge() {
		files = append(files, table("knowledge_items.csv", a.KnowledgeItemRows, a.CSV))
		if !stream.StreamsAdoption() {
			files = append(files, table("adoption.csv", a.AdoptionRows, a.CSV))
		}
	}
	if a.Claims != nil {
		files = append(files, table("cycle.csv", a.CycleRows, a.CSV), table("pace.csv", a.PaceRows, a.CSV))
		if len(a.Claims.Advantage) > 0 {
			files = append(files, table("community_advantage.csv", a.AdvantageRows, a.CSV))
		}
	}
	return files
}

// WriteSummary writes the summary in a format: "text" (WriteText);
// "markdown", a readable document with headings (the dataset, the
// headline indicators of the organization and each community, the
// organization window by window, social capital per community, the role
// transitions and the parameters), numbers rounded for reading; "html",
// the same pieces as one self-contained page; or "json" (summary.json
// with the scope_windows and transitions tables).
func (a *Analysis) WriteSummary(w io.Writer, format string) error {
	switch format {
	case "markdown":
		var b strings.Builder
		b.WriteString("# " + mdEscape(a.title()) + "\n\n")
		renderMarkdown(&b, a.summarySections(), 2)
		_, err := io.WriteString(w, b.String())
		return err
	case "html":
		var b strings.Builder
		renderHTML(&b, a.summarySections(), 2)
		_, err := io.WriteString(w, page(a.title(), b.String()))
		return err
	case "json":
		return WriteJSON(w, struct {
			AnalysisSummary
			ScopeWindows []metrics.ScopeWindowRow `json:"scope_windows"`
			Transitions  []metrics.TransitionRow  `json:"transitions"`
		}{a.Summary, slices.Collect(a.ScopeWindowRows()), slices.Collect(a.TransitionRows())})
	}
	return a.WriteText(w)
}

// WriteText writes a readable summary. First a screen of at most
// ScreenLines lines of ScreenWidth columns (WriteFirstScreen): the
// headline figures of the three moments for the organization and its
// largest communities, social capital, the model's claims tested on the
// data, and the commands to run next. Then, under DetailHeading, the
// detail: the dataset, the parameters, the organization window by
// window, its role transitions, every finding in full and the
// provenance; last, the commands to run next again, in one line.
func (a *Analysis) WriteText(w io.Writer) error {
	if err := a.WriteFirstScreen(w); err != nil {
		return err
	}
	fmt.Fprintf(w, "\n%s\n\n", DetailHeading)
	if err := a.Summary.Dataset.WriteText(w); err != nil {
		return err
	}
	fmt.Fprintf(w, "\n%s\n", strings.Join(hang("parameters: ", formatParams(a.Summary.Parameters)), "\n"))
	// Two tables, so that each fits the screen's width: the roles, then
	// the exchange and the knowledge.
	h := a.Options.Horizon
	var org []metrics.ScopeWindowRow // the organization's rows come first
	for r := range a.ScopeWindowRows() {
		if len(org) == len(a.Windows) {
			break
		}
		org = append(org, r)
	}
	fmt.Fprintf(w, "\nwhole organization, by window: internalizing\n")
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "window\tactive\tflows\tnewcomers\tcore\tsemi\tperiph.\tk_max\tbe_rho\tcore≤%d\tkept@%d\tturnover\t\n", h, h)
	for _, r := range org {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%d\t%s\t%s\t%s\t%s\t\n", r.WindowLabel, metrics.Count(r.ActiveMembers), metrics.Count(r.Flows), metrics.Count(r.Newcomers),
			metrics.Count(r.CoreSize), metrics.Count(r.SemiSize), metrics.Count(r.PeripherySize), r.KMax, fmtF(r.BERho, 3), fmtF(r.NewcomersCoreWithin, 2), fmtF(r.RetentionH, 2), fmtF(r.CoreTurnover, 2))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "\nwhole organization, by window: externalizing and objectifying\n")
	tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "window\tdensity\treciprocity\tclustering\tflows/member\titems used\tshared (θ)\tcosine\t")
	count := func(n *int) string {
		if n == nil {
			return "–"
		}
		return metrics.Count(*n)
	}
	for _, r := range org {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", r.WindowLabel,
			fmtF(r.Density, 4), a.reciprocityText(fmtF(r.Reciprocity, 3)), fmtF(r.AverageClustering, 3), fmtF(r.FlowsPerMember, 1),
			count(r.ItemsInUse), count(r.SharedItems), fmtF(r.MeanCosine, 3))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "\nrole transitions between consecutive windows (whole organization, counts):\n")
	tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "from \\ to\t"+strings.Join(transTo, "\t")+"\t")
	for _, row := range a.transitionMatrix() {
		fmt.Fprintln(tw, strings.Join(row, "\t")+"\t")
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if len(a.Summary.Claims) > 0 {
		fmt.Fprintf(w, "\nthe model's claims, tested on these data:\n")
		for _, f := range a.Summary.Claims {
			fmt.Fprintf(w, "%s\n", strings.Join(wrapItem(f.Text), "\n"))
		}
	}
	if a.Summary.Provenance != nil {
		fmt.Fprintln(w)
		var prov strings.Builder
		if err := a.Summary.Provenance.WriteText(&prov); err != nil {
			return err
		}
		// Lines of the screen's width, continued two columns in.
		for _, line := range strings.Split(strings.TrimSuffix(prov.String(), "\n"), "\n") {
			if _, err := fmt.Fprintf(w, "%s\n", strings.Join(wrap(line, ScreenWidth, "  "), "\n")); err != nil {
				return err
			}
		}
	}
	_, err := fmt.Fprintf(w, "\n%s\n", a.nextLine())
	return err
}

// reciprocityText is what the summaries print for a reciprocity: the
// word "undirected" for undirected data, where it is undefined.
func (a *Analysis) reciprocityText(s string) string {
	if a.Network != nil && a.Network.Undirected {
		return "undirected"
	}
	return s
}

func fmtF(f Float, digits int) string {
	if !f.Valid() {
		return "–"
	}
	return fmt.Sprintf("%.*f", digits, float64(f))
}

func formatParams(p map[string]any) string {
	keys := make([]string, 0, len(p))
	for k := range p {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var parts []string
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%s=%v", k, p[k]))
	}
	return strings.Join(parts, " ")
}
