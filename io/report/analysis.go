package report

import (
	"fmt"
	"io"
	"math"
	"reflect"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/copnet/copnet/graph"
	"github.com/copnet/copnet/metrics"
)

// Analysis gathers the result tables of one run of netmetrics analyze.
// Build it with NewAnalysis, add each family of results, then write it.
type Analysis struct {
	net     *graph.Network
	windows []graph.Window
	scopes  []graph.Scope
	// Summary is summary.json: the dataset and every parameter used.
	Summary       AnalysisSummary
	MemberWindows []MemberWindowRow
	Trajectories  []TrajectoryRow
	Transitions   []TransitionRow
	ScopeWindows  []ScopeWindowRow
	// KnowledgeItems and Adoption are knowledge_items.csv and adoption.csv.
	KnowledgeItems []KnowledgeItemRow
	Adoption       []AdoptionRow
	// Members and Communities are members.csv and communities.csv.
	Members            []MemberRow
	Communities        []CommunityRow
	hasKnowledgeTables bool
	// CSV options for every table.
	CSV CSVOptions
}

// AnalysisSummary is summary.json.
type AnalysisSummary struct {
	Dataset    Summary        `json:"dataset"`
	Parameters map[string]any `json:"parameters"`
	// Scopes lists the scope ids in table order ("*" first).
	Scopes []string `json:"scopes"`
	// Windows lists every window in table order.
	Windows []WindowInfo `json:"windows"`
	// ConvergenceTrend is, per scope, the least-squares slope of the mean
	// cosine similarity of knowledge profiles over the windows.
	ConvergenceTrend map[string]Float `json:"convergence_trend,omitempty"`
	// Structure compares declared and detected communities.
	Structure *StructureSummary `json:"community_structure,omitempty"`
	// Provenance names the build, arguments and inputs of the run; null
	// when the caller did not set it.
	Provenance *Provenance `json:"provenance"`
}

// WindowInfo describes one window.
type WindowInfo struct {
	Window int    `json:"window"`
	Label  string `json:"label"`
	Start  string `json:"start"`
	End    string `json:"end"`
	Flows  int    `json:"flows"`
}

// NewAnalysis starts the tables of a network cut into windows.
func NewAnalysis(net *graph.Network, windows []graph.Window, s Summary, params map[string]any) *Analysis {
	a := &Analysis{net: net, windows: windows, scopes: net.Scopes(),
		Summary: AnalysisSummary{Dataset: s, Parameters: params}}
	for _, sc := range a.scopes {
		a.Summary.Scopes = append(a.Summary.Scopes, net.ScopeID(sc))
	}
	for _, w := range windows {
		a.Summary.Windows = append(a.Summary.Windows, WindowInfo{Window: w.Index, Label: w.Label(), Start: timeText(w.Start, net.HasTime), End: timeText(w.End, net.HasTime), Flows: w.Hi - w.Lo})
	}
	for _, sc := range a.scopes {
		for _, w := range windows {
			row := ScopeWindowRow{
				Scope: net.ScopeID(sc), Window: w.Index, WindowStart: timeText(w.Start, net.HasTime),
				WindowEnd: timeText(w.End, net.HasTime), WindowLabel: w.Label()}
			undefined(&row)
			a.ScopeWindows = append(a.ScopeWindows, row)
		}
	}
	return a
}

// undefined sets every Float field of a row to NaN, so that the columns of
// a family of results that was not added are empty, not zero.
func undefined(row any) {
	v := reflect.ValueOf(row).Elem()
	ft := reflect.TypeFor[Float]()
	for i := range v.NumField() {
		if f := v.Field(i); f.Type() == ft {
			f.SetFloat(math.NaN())
		}
	}
}

func timeText(ns int64, has bool) string {
	if !has {
		return ""
	}
	return time.Unix(0, ns).UTC().Format(time.RFC3339)
}

// scopeWindow returns the row of a scope and window.
func (a *Analysis) scopeWindow(s graph.Scope, w int) *ScopeWindowRow {
	return &a.ScopeWindows[(int(s)+1)*len(a.windows)+w]
}

// MemberWindowRow is a row of member_windows.csv: one active member in
// one window of one scope.
type MemberWindowRow struct {
	Scope         string `csv:"scope" json:"scope"`
	Window        int    `csv:"window" json:"window"`
	WindowStart   string `csv:"window_start" json:"window_start"`
	Member        string `csv:"member" json:"member"`
	Active        bool   `csv:"active" json:"active"`
	Newcomer      bool   `csv:"newcomer" json:"newcomer"`
	Sender        bool   `csv:"sender" json:"sender"`
	Receiver      bool   `csv:"receiver" json:"receiver"`
	InDegree      int    `csv:"in_degree" json:"in_degree"`
	OutDegree     int    `csv:"out_degree" json:"out_degree"`
	Degree        int    `csv:"degree" json:"degree"`
	InStrength    Float  `csv:"in_strength" json:"in_strength"`
	OutStrength   Float  `csv:"out_strength" json:"out_strength"`
	Strength      Float  `csv:"strength" json:"strength"`
	FlowsSent     int    `csv:"flows_sent" json:"flows_sent"`
	FlowsReceived int    `csv:"flows_received" json:"flows_received"`
	CoreNumber    int    `csv:"core_number" json:"core_number"`
	Coreness      Float  `csv:"coreness" json:"coreness"`
	BECoreness    Float  `csv:"be_coreness" json:"be_coreness"`
	Role          string `csv:"role" json:"role"`
	// Structural holes in the window (empty until AddCapital).
	Constraint    Float `csv:"constraint" json:"constraint"`
	EffectiveSize Float `csv:"effective_size" json:"effective_size"`
	Efficiency    Float `csv:"efficiency" json:"efficiency"`
	Hierarchy     Float `csv:"hierarchy" json:"hierarchy"`
}

// TrajectoryRow is a row of trajectories.csv: one member in one scope.
type TrajectoryRow struct {
	Scope            string `csv:"scope" json:"scope"`
	Member           string `csv:"member" json:"member"`
	FirstWindow      int    `csv:"first_window" json:"first_window"`
	FirstWindowStart string `csv:"first_window_start" json:"first_window_start"`
	LastWindow       int    `csv:"last_window" json:"last_window"`
	FirstCoreWindow  *int   `csv:"first_core_window" json:"first_core_window"`
	WindowsToCore    *int   `csv:"windows_to_core" json:"windows_to_core"`
	ActiveWindows    int    `csv:"active_windows" json:"active_windows"`
	CoreWindows      int    `csv:"core_windows" json:"core_windows"`
	EverLeft         bool   `csv:"ever_left" json:"ever_left"`
	CorenessSlope    Float  `csv:"coreness_slope" json:"coreness_slope"`
	// Roles is one letter per window from the first active one to the
	// last of the observation: C core, S semi-periphery, P periphery,
	// - absent.
	Roles string `csv:"roles" json:"roles"`
}

// TransitionRow is a row of transitions.csv.
type TransitionRow struct {
	Scope string `csv:"scope" json:"scope"`
	From  string `csv:"from" json:"from"`
	To    string `csv:"to" json:"to"`
	Count int    `csv:"count" json:"count"`
	Share Float  `csv:"share" json:"share"`
}

// ScopeWindowRow is a row of scope_windows.csv: one scope in one window.
type ScopeWindowRow struct {
	Scope       string `csv:"scope" json:"scope"`
	Window      int    `csv:"window" json:"window"`
	WindowStart string `csv:"window_start" json:"window_start"`
	WindowEnd   string `csv:"window_end" json:"window_end"`
	WindowLabel string `csv:"window_label" json:"window_label"`
	// Internalizing.
	ActiveMembers       int   `csv:"active_members" json:"active_members"`
	Flows               int   `csv:"flows" json:"flows"`
	Arcs                int   `csv:"arcs" json:"arcs"`
	Edges               int   `csv:"edges" json:"edges"`
	KMax                int   `csv:"k_max" json:"k_max"`
	CoreSize            int   `csv:"core_size" json:"core_size"`
	SemiSize            int   `csv:"semi_size" json:"semi_size"`
	PeripherySize       int   `csv:"periphery_size" json:"periphery_size"`
	BERho               Float `csv:"be_rho" json:"be_rho"`
	ContinuousRho       Float `csv:"continuous_rho" json:"continuous_rho"`
	Newcomers           int   `csv:"newcomers" json:"newcomers"`
	NewcomersCoreWithin Float `csv:"newcomers_core_within_h" json:"newcomers_core_within_h"`
	MedianWindowsToCore Float `csv:"median_windows_to_core" json:"median_windows_to_core"`
	RetentionH          Float `csv:"retention_h" json:"retention_h"`
	CoreTurnover        Float `csv:"core_turnover" json:"core_turnover"`
	// Externalizing.
	ExchangeFlows     int   `csv:"member_flows" json:"member_flows"`
	Weight            Float `csv:"weight" json:"weight"`
	Density           Float `csv:"density" json:"density"`
	Intensity         Float `csv:"intensity" json:"intensity"`
	Reciprocity       Float `csv:"reciprocity" json:"reciprocity"`
	GLRho             Float `csv:"gl_rho" json:"gl_rho"`
	Transitivity      Float `csv:"transitivity" json:"transitivity"`
	AverageClustering Float `csv:"average_clustering" json:"average_clustering"`
	FlowsPerMember    Float `csv:"flows_per_member" json:"flows_per_member"`
	Gini              Float `csv:"gini_activity" json:"gini_activity"`
	EIFlows           Float `csv:"ei_flows" json:"ei_flows"`
	EIWeight          Float `csv:"ei_weight" json:"ei_weight"`
	// Objectifying; empty when the dataset has no knowledge.
	ItemsInUse        *int  `csv:"items_in_use" json:"items_in_use"`
	ItemUses          *int  `csv:"item_uses" json:"item_uses"`
	ProfiledMembers   *int  `csv:"profiled_members" json:"profiled_members"`
	Entropy           Float `csv:"entropy" json:"entropy"`
	NormalizedEntropy Float `csv:"normalized_entropy" json:"normalized_entropy"`
	Herfindahl        Float `csv:"herfindahl" json:"herfindahl"`
	MeanCosine        Float `csv:"mean_cosine" json:"mean_cosine"`
	MeanJaccard       Float `csv:"mean_jaccard" json:"mean_jaccard"`
	JaccardPairs      *int  `csv:"jaccard_pairs" json:"jaccard_pairs"`
	JaccardExact      *bool `csv:"jaccard_exact" json:"jaccard_exact"`
	SharedItems       *int  `csv:"shared_items" json:"shared_items"`
	SharedUseShare    Float `csv:"shared_use_share" json:"shared_use_share"`
}

// KnowledgeItemRow is a row of knowledge_items.csv: one item in one scope.
type KnowledgeItemRow struct {
	Scope       string `csv:"scope" json:"scope"`
	Item        string `csv:"item" json:"item"`
	Label       string `csv:"label" json:"label"`
	FirstUse    string `csv:"first_use" json:"first_use"`
	FirstWindow int    `csv:"first_window" json:"first_window"`
	// Originators are member ids separated by ";".
	Originators       string `csv:"originators" json:"originators"`
	Uses              int    `csv:"uses" json:"uses"`
	Adopters          int    `csv:"adopters" json:"adopters"`
	PeakAdopterShare  Float  `csv:"peak_adopter_share" json:"peak_adopter_share"`
	PeakWindow        *int   `csv:"peak_window" json:"peak_window"`
	WindowsShared     int    `csv:"windows_above_theta" json:"windows_above_theta"`
	ObjectifiedWindow *int   `csv:"objectified_window" json:"objectified_window"`
	Objectified       bool   `csv:"objectified" json:"objectified"`
}

// AdoptionRow is a row of adoption.csv: one item in one window of one
// scope, from the item's first window on.
type AdoptionRow struct {
	Scope              string `csv:"scope" json:"scope"`
	Item               string `csv:"item" json:"item"`
	Window             int    `csv:"window" json:"window"`
	WindowStart        string `csv:"window_start" json:"window_start"`
	Adopters           int    `csv:"adopters" json:"adopters"`
	NewAdopters        int    `csv:"new_adopters" json:"new_adopters"`
	CumulativeAdopters int    `csv:"cumulative_adopters" json:"cumulative_adopters"`
	Uses               int    `csv:"uses" json:"uses"`
	AdopterShare       Float  `csv:"adopter_share" json:"adopter_share"`
}

// AddExternalizing fills the exchange-density and convergence columns and
// the knowledge tables.
func (a *Analysis) AddExternalizing(res *metrics.Externalizing) {
	net := a.net
	for _, e := range res.Exchange {
		r := a.scopeWindow(e.Scope, e.Window)
		r.ActiveMembers, r.Arcs, r.Edges = e.Active, e.Arcs, e.Edges
		r.ExchangeFlows, r.Weight = e.Flows, Float(e.Weight)
		r.Density, r.Intensity, r.Reciprocity, r.GLRho = Float(e.Density), Float(e.Intensity), Float(e.Reciprocity), Float(e.GLRho)
		r.Transitivity, r.AverageClustering = Float(e.Transitivity), Float(e.AverageClustering)
		r.FlowsPerMember, r.Gini, r.EIFlows, r.EIWeight = Float(e.FlowsPerMember), Float(e.Gini), Float(e.EIFlows), Float(e.EIWeight)
	}
	nan := NaN()
	for _, c := range res.Convergence {
		r := a.scopeWindow(c.Scope, c.Window)
		if !res.HasKnowledge {
			r.Entropy, r.NormalizedEntropy, r.Herfindahl, r.MeanCosine, r.MeanJaccard, r.SharedUseShare = nan, nan, nan, nan, nan, nan
			continue
		}
		items, uses, prof, pairs, shared, exact := c.ItemsInUse, c.Uses, c.Profiled, c.JaccardPairs, c.SharedItems, c.JaccardExact
		r.ItemsInUse, r.ItemUses, r.ProfiledMembers, r.JaccardPairs, r.SharedItems, r.JaccardExact = &items, &uses, &prof, &pairs, &shared, &exact
		r.Entropy, r.NormalizedEntropy, r.Herfindahl = Float(c.Entropy), Float(c.NormalizedEntropy), Float(c.Herfindahl)
		r.MeanCosine, r.MeanJaccard, r.SharedUseShare = Float(c.MeanCosine), Float(c.MeanJaccard), Float(c.SharedUseShare)
	}
	for _, it := range res.Items {
		row := KnowledgeItemRow{Scope: net.ScopeID(it.Scope), Item: net.Items[it.Item], Label: net.ItemMeta[it.Item].Label,
			FirstUse: timeText(it.FirstUse, net.HasTime), FirstWindow: it.FirstWindow, Uses: it.Uses, Adopters: it.Adopters,
			PeakAdopterShare: Float(it.PeakShare), WindowsShared: it.WindowsShared, Objectified: it.ObjectifiedWindow >= 0}
		var ids []string
		for _, m := range it.Originators {
			ids = append(ids, net.Members[m].ID)
		}
		row.Originators = strings.Join(ids, ";")
		if it.PeakWindow >= 0 {
			pw := it.PeakWindow
			row.PeakWindow = &pw
		} else {
			row.PeakAdopterShare = nan
		}
		if it.ObjectifiedWindow >= 0 {
			ow := it.ObjectifiedWindow
			row.ObjectifiedWindow = &ow
		}
		a.KnowledgeItems = append(a.KnowledgeItems, row)
	}
	a.Adoption = slices.Grow(a.Adoption, len(res.Adoption))
	for _, ad := range res.Adoption {
		a.Adoption = append(a.Adoption, AdoptionRow{Scope: net.ScopeID(ad.Scope), Item: net.Items[ad.Item], Window: ad.Window,
			WindowStart: timeText(a.windows[ad.Window].Start, net.HasTime), Adopters: ad.Adopters, NewAdopters: ad.NewAdopters,
			CumulativeAdopters: ad.CumulativeAdopters, Uses: ad.Uses, AdopterShare: Float(ad.Share)})
	}
	a.Summary.ConvergenceTrend = map[string]Float{}
	for _, tr := range res.Trends {
		a.Summary.ConvergenceTrend[net.ScopeID(tr.Scope)] = Float(tr.Slope)
	}
	a.hasKnowledgeTables = res.HasKnowledge
}

// AddInternalizing fills the peripheral-to-core tables.
func (a *Analysis) AddInternalizing(res *metrics.Internalizing) {
	net := a.net
	a.MemberWindows = slices.Grow(a.MemberWindows, len(res.MemberWindows))
	a.Trajectories = slices.Grow(a.Trajectories, len(res.Trajectories))
	for _, mw := range res.MemberWindows {
		a.MemberWindows = append(a.MemberWindows, MemberWindowRow{
			Constraint: NaN(), EffectiveSize: NaN(), Efficiency: NaN(), Hierarchy: NaN(),
			Scope: net.ScopeID(mw.Scope), Window: mw.Window, WindowStart: timeText(a.windows[mw.Window].Start, net.HasTime),
			Member: net.Members[mw.Member].ID, Active: true, Newcomer: mw.Newcomer,
			Sender: mw.FlowsSent > 0, Receiver: mw.FlowsReceived > 0,
			InDegree: mw.InDegree, OutDegree: mw.OutDegree, Degree: mw.Degree,
			InStrength: Float(mw.InStrength), OutStrength: Float(mw.OutStrength), Strength: Float(mw.InStrength + mw.OutStrength),
			FlowsSent: mw.FlowsSent, FlowsReceived: mw.FlowsReceived,
			CoreNumber: mw.CoreNumber, Coreness: Float(mw.Coreness), BECoreness: Float(mw.BECoreness), Role: mw.Role.String(),
		})
	}
	for _, t := range res.Trajectories {
		row := TrajectoryRow{Scope: net.ScopeID(t.Scope), Member: net.Members[t.Member].ID,
			FirstWindow: t.FirstWindow, FirstWindowStart: timeText(a.windows[t.FirstWindow].Start, net.HasTime),
			LastWindow: t.LastWindow, ActiveWindows: t.ActiveWindows, CoreWindows: t.CoreWindows,
			EverLeft: t.EverLeft, CorenessSlope: Float(t.CorenessSlope)}
		if t.FirstCoreWindow >= 0 {
			fc, wc := t.FirstCoreWindow, t.WindowsToCore
			row.FirstCoreWindow, row.WindowsToCore = &fc, &wc
		}
		var b strings.Builder
		for _, r := range t.Roles {
			b.WriteByte(r.Letter())
		}
		row.Roles = b.String()
		a.Trajectories = append(a.Trajectories, row)
	}
	for _, tr := range res.Transitions {
		a.Transitions = append(a.Transitions, TransitionRow{Scope: net.ScopeID(tr.Scope), From: tr.From.String(), To: tr.To.String(), Count: tr.Count, Share: Float(tr.Share)})
	}
	for _, sw := range res.ScopeWindows {
		r := a.scopeWindow(sw.Scope, sw.Window)
		r.ActiveMembers, r.Flows, r.Arcs, r.Edges = sw.Active, sw.Flows, sw.Arcs, sw.Edges
		r.KMax, r.CoreSize, r.SemiSize, r.PeripherySize = sw.KMax, sw.CoreSize, sw.SemiSize, sw.PeripherySize
		r.BERho, r.ContinuousRho = Float(sw.BERho), Float(sw.ContinuousRho)
		r.Newcomers, r.NewcomersCoreWithin, r.MedianWindowsToCore = sw.Newcomers, Float(sw.NewcomersToCore), Float(sw.MedianWindowsToCore)
		r.RetentionH, r.CoreTurnover = Float(sw.Retention), Float(sw.CoreTurnover)
	}
}

// Files returns the output files in a fixed order.
func (a *Analysis) Files() []File {
	table := func(name string, rows any) File {
		return File{Name: name, Write: func(w io.Writer) error { return WriteCSV(w, rows, a.CSV) }}
	}
	files := []File{{Name: "summary.json", Write: func(w io.Writer) error { return WriteJSON(w, a.Summary) }}}
	if a.MemberWindows != nil {
		files = append(files, table("member_windows.csv", a.MemberWindows), table("trajectories.csv", a.Trajectories), table("transitions.csv", a.Transitions))
	}
	files = append(files, table("scope_windows.csv", a.ScopeWindows))
	if a.Members != nil {
		files = append(files, table("members.csv", a.Members), table("communities.csv", a.Communities))
	}
	if a.hasKnowledgeTables {
		files = append(files, table("knowledge_items.csv", a.KnowledgeItems), table("adoption.csv", a.Adoption))
	}
	return files
}

// WriteSummary writes the summary in a format: "text" (WriteText), or the
// scope_windows table followed by the transitions as "markdown" or
// "html" tables, or "json" (summary.json with both tables).
func (a *Analysis) WriteSummary(w io.Writer, format string) error {
	switch format {
	case "markdown":
		if err := WriteMarkdown(w, a.ScopeWindows); err != nil {
			return err
		}
		io.WriteString(w, "\n")
		return WriteMarkdown(w, a.Transitions)
	case "html":
		if err := WriteHTML(w, a.ScopeWindows); err != nil {
			return err
		}
		return WriteHTML(w, a.Transitions)
	case "json":
		return WriteJSON(w, struct {
			AnalysisSummary
			ScopeWindows []ScopeWindowRow `json:"scope_windows"`
			Transitions  []TransitionRow  `json:"transitions"`
		}{a.Summary, a.ScopeWindows, a.Transitions})
	}
	return a.WriteText(w)
}

// WriteText writes a readable summary: the dataset, the organization's
// windows, and its role transitions.
func (a *Analysis) WriteText(w io.Writer) error {
	if err := a.Summary.Dataset.WriteText(w); err != nil {
		return err
	}
	fmt.Fprintf(w, "\nparameters: %s\n", formatParams(a.Summary.Parameters))
	fmt.Fprintf(w, "\nwhole organization, by window:\n")
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "window\tactive\tflows\tnewcomers\tcore\tsemi\tperiphery\tk_max\tbe_rho\tto core≤H\tretention\tturnover\tdensity\treciprocity\tclustering\tcosine\t")
	for _, r := range a.ScopeWindows[:len(a.windows)] {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", r.WindowLabel, r.ActiveMembers, r.Flows, r.Newcomers,
			r.CoreSize, r.SemiSize, r.PeripherySize, r.KMax, fmtF(r.BERho, 3), fmtF(r.NewcomersCoreWithin, 2), fmtF(r.RetentionH, 2), fmtF(r.CoreTurnover, 2),
			fmtF(r.Density, 4), fmtF(r.Reciprocity, 3), fmtF(r.AverageClustering, 3), fmtF(r.MeanCosine, 3))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "\nrole transitions between consecutive windows (whole organization, counts):\n")
	tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	to := []string{"absent", "periphery", "semi", "core"}
	fmt.Fprintln(tw, "from \\ to\t"+strings.Join(to, "\t")+"\t")
	cells := map[[2]string]int{}
	for _, tr := range a.Transitions {
		if tr.Scope == "*" {
			cells[[2]string{tr.From, tr.To}] = tr.Count
		}
	}
	for _, from := range append([]string{"new"}, to...) {
		fmt.Fprintf(tw, "%s\t", from)
		for _, t := range to {
			fmt.Fprintf(tw, "%d\t", cells[[2]string{from, t}])
		}
		fmt.Fprintln(tw)
	}
	if err := tw.Flush(); err != nil || a.Summary.Provenance == nil {
		return err
	}
	fmt.Fprintln(w)
	return a.Summary.Provenance.WriteText(w)
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
