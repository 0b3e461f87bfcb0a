package metrics

import (
	"iter"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/copnet/copnet/graph"
)

// Float is a number that may be undefined (NaN): an empty CSV cell and a
// JSON null then. Defined values are written in the shortest form that
// reads back to the same float64.
type Float float64

// NaN is the undefined Float.
func NaN() Float { return Float(math.NaN()) }

// Valid reports whether the value is defined.
func (f Float) Valid() bool { return !math.IsNaN(float64(f)) && !math.IsInf(float64(f), 0) }

// String is the value's table cell: "" when undefined.
func (f Float) String() string {
	if !f.Valid() {
		return ""
	}
	return strconv.FormatFloat(float64(f), 'g', -1, 64)
}

// MarshalCSV writes the table cell (github.com/gocarina/gocsv's
// TypeMarshaller).
func (f Float) MarshalCSV() (string, error) { return f.String(), nil }

// MarshalJSON writes null for an undefined value.
func (f Float) MarshalJSON() ([]byte, error) {
	if !f.Valid() {
		return []byte("null"), nil
	}
	return []byte(f.String()), nil
}

// TimeText is a table's time cell: RFC 3339 in UTC, "" for a network
// without time.
func TimeText(net *graph.Network, ns int64) string {
	if !net.HasTime {
		return ""
	}
	return time.Unix(0, ns).UTC().Format(time.RFC3339)
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
	// Structural holes in the window.
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

// MemberRow is a row of members.csv: one member's social capital over the
// whole period, in the whole organization.
type MemberRow struct {
	Member      string `csv:"member" json:"member"`
	Name        string `csv:"name" json:"name"`
	Communities string `csv:"communities" json:"communities"`
	Active      bool   `csv:"active" json:"active"`
	// Structural.
	InDegree      int   `csv:"in_degree" json:"in_degree"`
	OutDegree     int   `csv:"out_degree" json:"out_degree"`
	Degree        int   `csv:"degree" json:"degree"`
	Strength      Float `csv:"strength" json:"strength"`
	Constraint    Float `csv:"constraint" json:"constraint"`
	EffectiveSize Float `csv:"effective_size" json:"effective_size"`
	Efficiency    Float `csv:"efficiency" json:"efficiency"`
	Hierarchy     Float `csv:"hierarchy" json:"hierarchy"`
	Betweenness   Float `csv:"betweenness" json:"betweenness"`
	// Brokerage (Gould & Fernandez), communities as groups.
	Coordinator    int64  `csv:"coordinator" json:"coordinator"`
	Itinerant      int64  `csv:"itinerant" json:"itinerant"`
	Representative int64  `csv:"representative" json:"representative"`
	Gatekeeper     *int64 `csv:"gatekeeper" json:"gatekeeper"`
	Liaison        int64  `csv:"liaison" json:"liaison"`
	BrokerageTotal int64  `csv:"brokerage_total" json:"brokerage_total"`
	// Relational.
	ReciprocatedShare Float `csv:"reciprocated_share" json:"reciprocated_share"`
	MeanTieStrength   Float `csv:"mean_tie_strength" json:"mean_tie_strength"`
	RepeatedTieShare  Float `csv:"repeated_tie_share" json:"repeated_tie_share"`
	// Cognitive.
	CognitiveSimilarity Float `csv:"cognitive_similarity" json:"cognitive_similarity"`
	// Bonding and bridging.
	BondingShare  Float `csv:"bonding_share" json:"bonding_share"`
	BridgingShare Float `csv:"bridging_share" json:"bridging_share"`
	EI            Float `csv:"ei_index" json:"ei_index"`
	// DetectedCommunity is the member's Louvain community.
	DetectedCommunity int32 `csv:"detected_community" json:"detected_community"`
}

// CommunityRow is a row of communities.csv: one community's indicators
// over the whole period, labelled structural, relational, cognitive,
// bonding and bridging.
type CommunityRow struct {
	Community                 string `csv:"community" json:"community"`
	Name                      string `csv:"name" json:"name"`
	Members                   int    `csv:"members" json:"members"`
	ActiveMembers             int    `csv:"active_members" json:"active_members"`
	StructuralDensity         Float  `csv:"structural_density" json:"structural_density"`
	StructuralMeanConstraint  Float  `csv:"structural_mean_constraint" json:"structural_mean_constraint"`
	StructuralMeanBetweenness Float  `csv:"structural_mean_betweenness" json:"structural_mean_betweenness"`
	RelationalReciprocity     Float  `csv:"relational_reciprocity" json:"relational_reciprocity"`
	RelationalMeanTieStrength Float  `csv:"relational_mean_tie_strength" json:"relational_mean_tie_strength"`
	CognitiveMeanSimilarity   Float  `csv:"cognitive_mean_similarity" json:"cognitive_mean_similarity"`
	CognitiveConvergenceTrend Float  `csv:"cognitive_convergence_trend" json:"cognitive_convergence_trend"`
	BondingInternalWeight     Float  `csv:"bonding_internal_weight" json:"bonding_internal_weight"`
	BridgingExternalWeight    Float  `csv:"bridging_external_weight" json:"bridging_external_weight"`
	BondingShare              Float  `csv:"bonding_share" json:"bonding_share"`
	BridgingShare             Float  `csv:"bridging_share" json:"bridging_share"`
	EIFlows                   Float  `csv:"ei_flows" json:"ei_flows"`
	EIWeight                  Float  `csv:"ei_weight" json:"ei_weight"`
}

// WindowInfo describes one window in summary.json.
type WindowInfo struct {
	Window int    `json:"window"`
	Label  string `json:"label"`
	Start  string `json:"start"`
	End    string `json:"end"`
	Flows  int    `json:"flows"`
}

// StructureSummary is the community structure in summary.json.
type StructureSummary struct {
	DeclaredModularity  Float  `json:"declared_modularity"`
	DetectedModularity  Float  `json:"louvain_modularity"`
	DetectedCommunities int    `json:"louvain_communities"`
	NMI                 Float  `json:"nmi_declared_detected"`
	Seed                uint64 `json:"seed"`
	Resolution          Float  `json:"resolution"`
	BetweennessExact    bool   `json:"betweenness_exact"`
	BetweennessPivots   int    `json:"betweenness_pivots"`
	// BetweennessSources are the sampled sources' member ids.
	BetweennessSources []string `json:"betweenness_sources"`
}

func ptr[T any](v T) *T { return &v }

// WindowInfos describes every window, in time order.
func (a *Analysis) WindowInfos() []WindowInfo {
	out := make([]WindowInfo, 0, len(a.Windows))
	for _, w := range a.Windows {
		out = append(out, WindowInfo{Window: w.Index, Label: w.Label(), Start: TimeText(a.Network, w.Start), End: TimeText(a.Network, w.End), Flows: w.Hi - w.Lo})
	}
	return out
}

// windowStarts are the windows' start cells, in window order.
func (a *Analysis) windowStarts() []string {
	out := make([]string, len(a.Windows))
	for i, w := range a.Windows {
		out[i] = TimeText(a.Network, w.Start)
	}
	return out
}

// ScopeIDs lists the scope ids in table order ("*" first).
func (a *Analysis) ScopeIDs() []string {
	out := make([]string, 0, len(a.Scopes))
	for _, s := range a.Scopes {
		out = append(out, a.Network.ScopeID(s))
	}
	return out
}

// ScopeWindowRows yields scope_windows.csv: every scope (organization
// first) and window (in time order). Columns of a family the analysis did
// not compute are empty.
func (a *Analysis) ScopeWindowRows() iter.Seq[ScopeWindowRow] {
	return func(yield func(ScopeWindowRow) bool) {
		net, nw := a.Network, len(a.Windows)
		for si, s := range a.Scopes {
			for wi, w := range a.Windows {
				j := si*nw + wi
				r := ScopeWindowRow{Scope: net.ScopeID(s), Window: w.Index, WindowStart: TimeText(net, w.Start),
					WindowEnd: TimeText(net, w.End), WindowLabel: w.Label()}
				nan := NaN()
				r.BERho, r.ContinuousRho, r.NewcomersCoreWithin, r.MedianWindowsToCore, r.RetentionH, r.CoreTurnover = nan, nan, nan, nan, nan, nan
				r.Weight, r.Density, r.Intensity, r.Reciprocity, r.GLRho, r.Transitivity = nan, nan, nan, nan, nan, nan
				r.AverageClustering, r.FlowsPerMember, r.Gini, r.EIFlows, r.EIWeight = nan, nan, nan, nan, nan
				r.Entropy, r.NormalizedEntropy, r.Herfindahl, r.MeanCosine, r.MeanJaccard, r.SharedUseShare = nan, nan, nan, nan, nan, nan
				if in := a.Internalizing; in != nil {
					sw := in.ScopeWindows[j]
					r.ActiveMembers, r.Flows, r.Arcs, r.Edges = sw.Active, sw.Flows, sw.Arcs, sw.Edges
					r.KMax, r.CoreSize, r.SemiSize, r.PeripherySize = sw.KMax, sw.CoreSize, sw.SemiSize, sw.PeripherySize
					r.BERho, r.ContinuousRho = Float(sw.BERho), Float(sw.ContinuousRho)
					r.Newcomers, r.NewcomersCoreWithin, r.MedianWindowsToCore = sw.Newcomers, Float(sw.NewcomersToCore), Float(sw.MedianWindowsToCore)
					r.RetentionH, r.CoreTurnover = Float(sw.Retention), Float(sw.CoreTurnover)
				}
				if ex := a.Externalizing; ex != nil {
					e := ex.Exchange[j]
					r.ActiveMembers, r.Arcs, r.Edges = e.Active, e.Arcs, e.Edges
					r.ExchangeFlows, r.Weight = e.Flows, Float(e.Weight)
					r.Density, r.Intensity, r.Reciprocity, r.GLRho = Float(e.Density), Float(e.Intensity), Float(e.Reciprocity), Float(e.GLRho)
					r.Transitivity, r.AverageClustering = Float(e.Transitivity), Float(e.AverageClustering)
					r.FlowsPerMember, r.Gini, r.EIFlows, r.EIWeight = Float(e.FlowsPerMember), Float(e.Gini), Float(e.EIFlows), Float(e.EIWeight)
					if ex.HasKnowledge {
						c := ex.Convergence[j]
						r.ItemsInUse, r.ItemUses, r.ProfiledMembers = ptr(c.ItemsInUse), ptr(c.Uses), ptr(c.Profiled)
						r.JaccardPairs, r.SharedItems, r.JaccardExact = ptr(c.JaccardPairs), ptr(c.SharedItems), ptr(c.JaccardExact)
						r.Entropy, r.NormalizedEntropy, r.Herfindahl = Float(c.Entropy), Float(c.NormalizedEntropy), Float(c.Herfindahl)
						r.MeanCosine, r.MeanJaccard, r.SharedUseShare = Float(c.MeanCosine), Float(c.MeanJaccard), Float(c.SharedUseShare)
					}
				}
				if !yield(r) {
					return
				}
			}
		}
	}
}

// MemberWindowRows yields member_windows.csv: every active member of every
// scope and window, in scope, window and member order. Empty without the
// internalizing family.
func (a *Analysis) MemberWindowRows() iter.Seq[MemberWindowRow] {
	return func(yield func(MemberWindowRow) bool) {
		if a.Internalizing == nil {
			return
		}
		starts := a.windowStarts()
		scopeIDs := a.ScopeIDs()
		for i := range a.Internalizing.MemberWindows {
			var h *MemberHoles
			if c := a.Capital; c != nil && len(c.Holes) == len(a.Internalizing.MemberWindows) {
				// The driver lists holes in the order of the member rows.
				h = &c.Holes[i]
			}
			if !yield(a.memberWindowRow(&a.Internalizing.MemberWindows[i], h, starts, scopeIDs)) {
				return
			}
		}
	}
}

// memberWindowRow resolves one member row, with its structural holes (nil:
// none, empty cells); starts and scopeIDs are windowStarts and ScopeIDs.
func (a *Analysis) memberWindowRow(mw *MemberWindow, h *MemberHoles, starts, scopeIDs []string) MemberWindowRow {
	net := a.Network
	strength := mw.InStrength + mw.OutStrength
	if net.Undirected {
		// Symmetric rows: in- and out-strength are both the member's tie
		// weights, each counted once.
		strength = mw.OutStrength
	}
	r := MemberWindowRow{
		Scope: scopeIDs[int(mw.Scope)+1], Window: mw.Window, WindowStart: starts[mw.Window],
		Member: net.Members[mw.Member].ID, Active: true, Newcomer: mw.Newcomer,
		Sender: mw.FlowsSent > 0, Receiver: mw.FlowsReceived > 0,
		InDegree: mw.InDegree, OutDegree: mw.OutDegree, Degree: mw.Degree,
		InStrength: Float(mw.InStrength), OutStrength: Float(mw.OutStrength), Strength: Float(strength),
		FlowsSent: mw.FlowsSent, FlowsReceived: mw.FlowsReceived,
		CoreNumber: mw.CoreNumber, Coreness: Float(mw.Coreness), BECoreness: Float(mw.BECoreness), Role: mw.Role.String(),
		Constraint: NaN(), EffectiveSize: NaN(), Efficiency: NaN(), Hierarchy: NaN(),
	}
	if h != nil {
		r.Constraint, r.EffectiveSize, r.Efficiency, r.Hierarchy = Float(h.Constraint), Float(h.EffectiveSize), Float(h.Efficiency), Float(h.Hierarchy)
	}
	return r
}

// TrajectoryRows yields trajectories.csv: every member ever active in a
// scope, in scope and member order.
func (a *Analysis) TrajectoryRows() iter.Seq[TrajectoryRow] {
	return func(yield func(TrajectoryRow) bool) {
		if a.Internalizing == nil {
			return
		}
		net, starts := a.Network, a.windowStarts()
		for _, t := range a.Internalizing.Trajectories {
			row := TrajectoryRow{Scope: net.ScopeID(t.Scope), Member: net.Members[t.Member].ID,
				FirstWindow: t.FirstWindow, FirstWindowStart: starts[t.FirstWindow],
				LastWindow: t.LastWindow, ActiveWindows: t.ActiveWindows, CoreWindows: t.CoreWindows,
				EverLeft: t.EverLeft, CorenessSlope: Float(t.CorenessSlope)}
			if t.FirstCoreWindow >= 0 {
				row.FirstCoreWindow, row.WindowsToCore = ptr(t.FirstCoreWindow), ptr(t.WindowsToCore)
			}
			row.Roles = RoleLetters(t.Roles)
			if !yield(row) {
				return
			}
		}
	}
}

// RoleLetters writes roles one letter each: C core, S semi-periphery, P
// periphery, - absent.
func RoleLetters(roles []Role) string {
	var b strings.Builder
	b.Grow(len(roles))
	for _, r := range roles {
		b.WriteByte(r.Letter())
	}
	return b.String()
}

// TransitionRows yields transitions.csv.
func (a *Analysis) TransitionRows() iter.Seq[TransitionRow] {
	return func(yield func(TransitionRow) bool) {
		if a.Internalizing == nil {
			return
		}
		for _, tr := range a.Internalizing.Transitions {
			if !yield(TransitionRow{Scope: a.Network.ScopeID(tr.Scope), From: tr.From.String(), To: tr.To.String(), Count: tr.Count, Share: Float(tr.Share)}) {
				return
			}
		}
	}
}

// HasKnowledge reports whether the knowledge tables exist: the network
// has knowledge items and the externalizing family was computed.
func (a *Analysis) HasKnowledge() bool {
	return a.Externalizing != nil && a.Externalizing.HasKnowledge
}

// KnowledgeItemRows yields knowledge_items.csv: in each scope, every item
// used in a flow between two members (for the organization, also every
// item declared with a creation time), in item order.
func (a *Analysis) KnowledgeItemRows() iter.Seq[KnowledgeItemRow] {
	return func(yield func(KnowledgeItemRow) bool) {
		if !a.HasKnowledge() {
			return
		}
		net := a.Network
		for _, it := range a.Externalizing.Items {
			row := KnowledgeItemRow{Scope: net.ScopeID(it.Scope), Item: net.Items[it.Item], Label: net.ItemMeta[it.Item].Label,
				FirstUse: TimeText(net, it.FirstUse), FirstWindow: it.FirstWindow, Uses: it.Uses, Adopters: it.Adopters,
				PeakAdopterShare: Float(it.PeakShare), WindowsShared: it.WindowsShared, Objectified: it.ObjectifiedWindow >= 0}
			ids := make([]string, 0, len(it.Originators))
			for _, m := range it.Originators {
				ids = append(ids, net.Members[m].ID)
			}
			row.Originators = strings.Join(ids, ";")
			if it.PeakWindow >= 0 {
				row.PeakWindow = ptr(it.PeakWindow)
			} else {
				row.PeakAdopterShare = NaN()
			}
			if it.ObjectifiedWindow >= 0 {
				row.ObjectifiedWindow = ptr(it.ObjectifiedWindow)
			}
			if !yield(row) {
				return
			}
		}
	}
}

// AdoptionRows yields adoption.csv: each item's adoption curve in each
// scope, from its first window on.
func (a *Analysis) AdoptionRows() iter.Seq[AdoptionRow] {
	return func(yield func(AdoptionRow) bool) {
		if !a.HasKnowledge() {
			return
		}
		starts := a.windowStarts()
		scopeIDs := a.ScopeIDs()
		for i := range a.Externalizing.Adoption {
			if !yield(a.adoptionRow(&a.Externalizing.Adoption[i], starts, scopeIDs)) {
				return
			}
		}
	}
}

// adoptionRow resolves one adoption row; starts and scopeIDs are
// windowStarts and ScopeIDs.
func (a *Analysis) adoptionRow(ad *Adoption, starts, scopeIDs []string) AdoptionRow {
	return AdoptionRow{Scope: scopeIDs[int(ad.Scope)+1], Item: a.Network.Items[ad.Item], Window: ad.Window,
		WindowStart: starts[ad.Window], Adopters: ad.Adopters, NewAdopters: ad.NewAdopters,
		CumulativeAdopters: ad.CumulativeAdopters, Uses: ad.Uses, AdopterShare: Float(ad.Share)}
}

// MemberRows yields members.csv: every member, in member order.
func (a *Analysis) MemberRows() iter.Seq[MemberRow] {
	return func(yield func(MemberRow) bool) {
		if a.Capital == nil {
			return
		}
		net := a.Network
		for _, mc := range a.Capital.Members {
			m := &net.Members[mc.Member]
			cs := make([]string, 0, len(m.Communities))
			for _, c := range m.Communities {
				cs = append(cs, net.Communities[c].ID)
			}
			br := mc.Brokerage
			var gatekeeper *int64
			if br.Gatekeeper >= 0 { // -1 for undirected networks
				gatekeeper = &br.Gatekeeper
			}
			if !yield(MemberRow{
				Member: m.ID, Name: m.Name, Communities: strings.Join(cs, ";"), Active: mc.Active,
				InDegree: mc.InDegree, OutDegree: mc.OutDegree, Degree: mc.Degree, Strength: Float(mc.Strength),
				Constraint: Float(mc.Constraint), EffectiveSize: Float(mc.EffectiveSize), Efficiency: Float(mc.Efficiency),
				Hierarchy: Float(mc.Hierarchy), Betweenness: Float(mc.Betweenness),
				Coordinator: br.Coordinator, Itinerant: br.Itinerant, Representative: br.Representative,
				Gatekeeper: gatekeeper, Liaison: br.Liaison, BrokerageTotal: br.Total,
				ReciprocatedShare: Float(mc.ReciprocatedShare), MeanTieStrength: Float(mc.MeanTieStrength), RepeatedTieShare: Float(mc.RepeatedTieShare),
				CognitiveSimilarity: Float(mc.CognitiveSimilarity), BondingShare: Float(mc.BondingShare), BridgingShare: Float(mc.BridgingShare),
				EI: Float(mc.EI), DetectedCommunity: mc.Detected,
			}) {
				return
			}
		}
	}
}

// ConvergenceTrends returns each scope's convergence trend by scope id;
// nil without the externalizing family.
func (a *Analysis) ConvergenceTrends() map[string]Float {
	if a.Externalizing == nil {
		return nil
	}
	out := map[string]Float{}
	for _, tr := range a.Externalizing.Trends {
		out[a.Network.ScopeID(tr.Scope)] = Float(tr.Slope)
	}
	return out
}

// CommunityRows yields communities.csv: every declared community, in
// declaration order.
func (a *Analysis) CommunityRows() iter.Seq[CommunityRow] {
	return func(yield func(CommunityRow) bool) {
		if a.Capital == nil {
			return
		}
		net := a.Network
		trends := a.ConvergenceTrends()
		for _, cc := range a.Capital.Communities {
			c := &net.Communities[cc.Community]
			trend := NaN()
			if t, ok := trends[c.ID]; ok {
				trend = t
			}
			if !yield(CommunityRow{
				Community: c.ID, Name: c.Name, Members: cc.Members, ActiveMembers: cc.Active,
				StructuralDensity: Float(cc.Density), StructuralMeanConstraint: Float(cc.MeanConstraint), StructuralMeanBetweenness: Float(cc.MeanBetweenness),
				RelationalReciprocity: Float(cc.Reciprocity), RelationalMeanTieStrength: Float(cc.MeanTieStrength),
				CognitiveMeanSimilarity: Float(cc.MeanSimilarity), CognitiveConvergenceTrend: trend,
				BondingInternalWeight: Float(cc.InternalWeight), BridgingExternalWeight: Float(cc.ExternalWeight),
				BondingShare: Float(cc.BondingShare), BridgingShare: Float(cc.BridgingShare), EIFlows: Float(cc.EIFlows), EIWeight: Float(cc.EIWeight),
			}) {
				return
			}
		}
	}
}

// Structure returns the community structure of summary.json; nil without
// the social-capital family.
func (a *Analysis) Structure() *StructureSummary {
	c := a.Capital
	if c == nil {
		return nil
	}
	st := c.Structure
	s := &StructureSummary{DeclaredModularity: Float(st.DeclaredModularity), DetectedModularity: Float(st.DetectedModularity),
		DetectedCommunities: st.DetectedCommunities, NMI: Float(st.NMI), Seed: a.Options.Seed, Resolution: Float(a.Options.Resolution),
		BetweennessExact: c.BetweennessExact, BetweennessSources: []string{}}
	if !c.BetweennessExact {
		s.BetweennessPivots = len(c.BetweennessSources)
	}
	for _, m := range c.BetweennessSources {
		s.BetweennessSources = append(s.BetweennessSources, a.Network.Members[m].ID)
	}
	return s
}

// CycleRow is a row of cycle.csv: the knowledge-sharing cycle of one
// scope in one window.
type CycleRow struct {
	Scope        string `csv:"scope" json:"scope"`
	Window       int    `csv:"window" json:"window"`
	WindowStart  string `csv:"window_start" json:"window_start"`
	Gathering    int    `csv:"gathering_flows" json:"gathering_flows"`
	Exchange     int    `csv:"exchange_flows" json:"exchange_flows"`
	Objectifying int    `csv:"objectifying_flows" json:"objectifying_flows"`
	Unmapped     int    `csv:"unmapped_flows" json:"unmapped_flows"`
	// Shares of the mapped flows.
	GatheringShare    Float `csv:"gathering_share" json:"gathering_share"`
	ExchangeShare     Float `csv:"exchange_share" json:"exchange_share"`
	ObjectifyingShare Float `csv:"objectifying_share" json:"objectifying_share"`
	Gatherers         int   `csv:"gatherers" json:"gatherers"`
	Providers         int   `csv:"providers" json:"providers"`
	GatherAndProvide  int   `csv:"gatherers_providing" json:"gatherers_providing"`
	// Objectifying events by their items' objectified status.
	OnObjectified    int   `csv:"objectifying_on_objectified" json:"objectifying_on_objectified"`
	OnLater          int   `csv:"objectifying_on_later" json:"objectifying_on_later"`
	OnNever          int   `csv:"objectifying_on_never" json:"objectifying_on_never"`
	ShareObjectified Float `csv:"objectifying_share_objectified" json:"objectifying_share_objectified"`
	// The core/periphery fit against degree-preserving rewirings.
	CoreRho      Float `csv:"be_rho" json:"be_rho"`
	CoreNullMean Float `csv:"be_rho_null_mean" json:"be_rho_null_mean"`
	CoreNullSD   Float `csv:"be_rho_null_sd" json:"be_rho_null_sd"`
	CoreZ        Float `csv:"be_rho_z" json:"be_rho_z"`
	CoreP        Float `csv:"be_rho_p" json:"be_rho_p"`
	CoreDraws    int   `csv:"be_rho_draws" json:"be_rho_draws"`
	// CoreSignificant flags windows whose roles rest on a core/periphery
	// structure beyond what degrees explain (p < α); empty when untested.
	CoreSignificant *bool `csv:"core_significant" json:"core_significant"`
}

// AdvantageRowOut is a row of community_advantage.csv: one indicator of
// one community against size-matched random groups of the same window's
// active members.
type AdvantageRowOut struct {
	Indicator string `csv:"indicator" json:"indicator"`
	// Partition is "declared" or "detected" (Louvain); Scope the
	// community id, or the Louvain label of a detected community.
	Partition   string `csv:"partition" json:"partition"`
	Scope       string `csv:"scope" json:"scope"`
	Window      *int   `csv:"window" json:"window"`
	WindowStart string `csv:"window_start" json:"window_start"`
	Size        int    `csv:"active_members" json:"active_members"`
	Observed    Float  `csv:"observed" json:"observed"`
	NullMean    Float  `csv:"null_mean" json:"null_mean"`
	NullSD      Float  `csv:"null_sd" json:"null_sd"`
	Z           Float  `csv:"z" json:"z"`
	P           Float  `csv:"p" json:"p"`
	Q           Float  `csv:"q" json:"q"`
	Draws       int    `csv:"draws" json:"draws"`
}

// PaceRow is a row of pace.csv: one scope's exchange pace against its
// objectification lag, over the whole period.
type PaceRow struct {
	Scope           string `csv:"scope" json:"scope"`
	ExchangeMeasure string `csv:"exchange_measure" json:"exchange_measure"`
	Responses       int    `csv:"exchange_times" json:"exchange_times"`
	ResponseMedian  Float  `csv:"exchange_median_seconds" json:"exchange_median_seconds"`
	PairGapMedian   Float  `csv:"pair_gap_median_seconds" json:"pair_gap_median_seconds"`
	LagSource       string `csv:"lag_source" json:"lag_source"`
	Lags            int    `csv:"lags" json:"lags"`
	LagMedian       Float  `csv:"lag_median_seconds" json:"lag_median_seconds"`
	LowerBoundShare Float  `csv:"lag_lower_bound_share" json:"lag_lower_bound_share"`
	Ratio           Float  `csv:"ratio" json:"ratio"`
	RatioLo         Float  `csv:"ratio_lo" json:"ratio_lo"`
	RatioHi         Float  `csv:"ratio_hi" json:"ratio_hi"`
	Level           Float  `csv:"level" json:"level"`
	Draws           int    `csv:"bootstrap_draws" json:"bootstrap_draws"`
}

// CycleRows yields cycle.csv: every scope and window, in table order.
func (a *Analysis) CycleRows() iter.Seq[CycleRow] {
	return func(yield func(CycleRow) bool) {
		c := a.Claims
		if c == nil {
			return
		}
		net, nw := a.Network, len(a.Windows)
		for j, cw := range c.Cycle {
			s := a.Scopes[j/nw]
			w := a.Windows[j%nw]
			t := c.Core[j]
			r := CycleRow{Scope: net.ScopeID(s), Window: w.Index, WindowStart: TimeText(net, w.Start),
				Gathering: cw.Flows[Gathering], Exchange: cw.Flows[Exchange], Objectifying: cw.Flows[Objectifying], Unmapped: cw.Unmapped,
				GatheringShare: Float(cw.Shares[Gathering]), ExchangeShare: Float(cw.Shares[Exchange]), ObjectifyingShare: Float(cw.Shares[Objectifying]),
				Gatherers: cw.Gatherers, Providers: cw.Providers, GatherAndProvide: cw.Both,
				OnObjectified: cw.OnObjectified, OnLater: cw.OnLater, OnNever: cw.OnNever, ShareObjectified: Float(cw.ShareObjectified),
				CoreRho: Float(t.Observed), CoreNullMean: Float(t.NullMean), CoreNullSD: Float(t.NullSD), CoreZ: Float(t.Z), CoreP: Float(t.P), CoreDraws: t.Draws}
			if !math.IsNaN(t.P) {
				r.CoreSignificant = ptr(t.P < a.Options.Alpha)
			}
			if !yield(r) {
				return
			}
		}
	}
}

// AdvantageRows yields community_advantage.csv: declared communities,
// then detected ones; per community the whole period (empty window), then
// each window; per window the indicators in a fixed order.
func (a *Analysis) AdvantageRows() iter.Seq[AdvantageRowOut] {
	return func(yield func(AdvantageRowOut) bool) {
		if a.Claims == nil {
			return
		}
		net, starts := a.Network, a.windowStarts()
		for _, r := range a.Claims.Advantage {
			o := AdvantageRowOut{Indicator: r.Indicator, Partition: r.Partition, Size: r.Size,
				Observed: Float(r.Observed), NullMean: Float(r.NullMean), NullSD: Float(r.NullSD), Z: Float(r.Z), P: Float(r.P), Q: Float(r.Q), Draws: r.Draws}
			if r.Partition == "declared" {
				o.Scope = net.Communities[r.Group].ID
			} else {
				o.Scope = strconv.Itoa(int(r.Group))
			}
			if r.Window >= 0 {
				o.Window, o.WindowStart = ptr(r.Window), starts[r.Window]
			}
			if !yield(o) {
				return
			}
		}
	}
}

// PaceRows yields pace.csv: one row per scope.
func (a *Analysis) PaceRows() iter.Seq[PaceRow] {
	return func(yield func(PaceRow) bool) {
		if a.Claims == nil {
			return
		}
		for _, p := range a.Claims.Pace {
			r := PaceRow{Scope: a.Network.ScopeID(p.Scope), ExchangeMeasure: p.ExchangeMeasure, Responses: p.Responses,
				ResponseMedian: Float(p.ResponseMedian), PairGapMedian: Float(p.PairGapMedian), LagSource: p.LagSource, Lags: p.Lags,
				LagMedian: Float(p.LagMedian), LowerBoundShare: Float(p.LowerBoundShare), Ratio: Float(p.Ratio.Estimate),
				RatioLo: Float(p.Ratio.Lo), RatioHi: Float(p.Ratio.Hi), Level: NaN(), Draws: p.Ratio.Draws}
			if r.RatioLo.Valid() && r.RatioHi.Valid() {
				r.Level = Float(p.Ratio.Level) // the level of an interval there is
			}
			if !yield(r) {
				return
			}
		}
	}
}

// Findings returns the claims in plain words; nil without the claims
// family.
func (a *Analysis) Findings() []Finding {
	if a.Claims == nil {
		return nil
	}
	return a.Claims.Findings
}
