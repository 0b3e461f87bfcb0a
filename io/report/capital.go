package report

import (
	"fmt"
	"strings"

	"github.com/copnet/copnet/metrics"
)

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
	Coordinator    int64 `csv:"coordinator" json:"coordinator"`
	Itinerant      int64 `csv:"itinerant" json:"itinerant"`
	Representative int64 `csv:"representative" json:"representative"`
	Gatekeeper     int64 `csv:"gatekeeper" json:"gatekeeper"`
	Liaison        int64 `csv:"liaison" json:"liaison"`
	BrokerageTotal int64 `csv:"brokerage_total" json:"brokerage_total"`
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

// AddCapital fills members.csv, communities.csv, the structural-hole
// columns of member_windows.csv and the community structure of
// summary.json. AddInternalizing must come first (member_windows rows);
// AddExternalizing, when called before, gives the communities their
// convergence trend.
func (a *Analysis) AddCapital(res *metrics.SocialCapital) error {
	net := a.net
	for _, mc := range res.Members {
		m := &net.Members[mc.Member]
		var cs []string
		for _, c := range m.Communities {
			cs = append(cs, net.Communities[c].ID)
		}
		br := mc.Brokerage
		a.Members = append(a.Members, MemberRow{
			Member: m.ID, Name: m.Name, Communities: strings.Join(cs, ";"), Active: mc.Active,
			InDegree: mc.InDegree, OutDegree: mc.OutDegree, Degree: mc.Degree, Strength: Float(mc.Strength),
			Constraint: Float(mc.Constraint), EffectiveSize: Float(mc.EffectiveSize), Efficiency: Float(mc.Efficiency),
			Hierarchy: Float(mc.Hierarchy), Betweenness: Float(mc.Betweenness),
			Coordinator: br.Coordinator, Itinerant: br.Itinerant, Representative: br.Representative,
			Gatekeeper: br.Gatekeeper, Liaison: br.Liaison, BrokerageTotal: br.Total,
			ReciprocatedShare: Float(mc.ReciprocatedShare), MeanTieStrength: Float(mc.MeanTieStrength), RepeatedTieShare: Float(mc.RepeatedTieShare),
			CognitiveSimilarity: Float(mc.CognitiveSimilarity), BondingShare: Float(mc.BondingShare), BridgingShare: Float(mc.BridgingShare),
			EI: Float(mc.EI), DetectedCommunity: mc.Detected,
		})
	}
	for _, cc := range res.Communities {
		c := &net.Communities[cc.Community]
		trend := NaN()
		if t, ok := a.Summary.ConvergenceTrend[c.ID]; ok {
			trend = t
		}
		a.Communities = append(a.Communities, CommunityRow{
			Community: c.ID, Name: c.Name, Members: cc.Members, ActiveMembers: cc.Active,
			StructuralDensity: Float(cc.Density), StructuralMeanConstraint: Float(cc.MeanConstraint), StructuralMeanBetweenness: Float(cc.MeanBetweenness),
			RelationalReciprocity: Float(cc.Reciprocity), RelationalMeanTieStrength: Float(cc.MeanTieStrength),
			CognitiveMeanSimilarity: Float(cc.MeanSimilarity), CognitiveConvergenceTrend: trend,
			BondingInternalWeight: Float(cc.InternalWeight), BridgingExternalWeight: Float(cc.ExternalWeight),
			BondingShare: Float(cc.BondingShare), BridgingShare: Float(cc.BridgingShare), EIFlows: Float(cc.EIFlows), EIWeight: Float(cc.EIWeight),
		})
	}
	if len(res.Holes) != len(a.MemberWindows) {
		return fmt.Errorf("report: %d structural-hole rows for %d member-window rows", len(res.Holes), len(a.MemberWindows))
	}
	for i, h := range res.Holes {
		r := &a.MemberWindows[i]
		if r.Scope != net.ScopeID(h.Scope) || r.Window != h.Window || r.Member != net.Members[h.Member].ID {
			return fmt.Errorf("report: structural-hole row %d is %s/%d/%s, member-window row is %s/%d/%s",
				i, net.ScopeID(h.Scope), h.Window, net.Members[h.Member].ID, r.Scope, r.Window, r.Member)
		}
		r.Constraint, r.EffectiveSize, r.Efficiency, r.Hierarchy = Float(h.Constraint), Float(h.EffectiveSize), Float(h.Efficiency), Float(h.Hierarchy)
	}
	st := res.Structure
	s := &StructureSummary{DeclaredModularity: Float(st.DeclaredModularity), DetectedModularity: Float(st.DetectedModularity),
		DetectedCommunities: st.DetectedCommunities, NMI: Float(st.NMI), Seed: res.Options.Seed, Resolution: Float(res.Options.Resolution),
		BetweennessExact: res.BetweennessExact, BetweennessSources: []string{}}
	if !res.BetweennessExact {
		s.BetweennessPivots = len(res.BetweennessSources)
	}
	for _, m := range res.BetweennessSources {
		s.BetweennessSources = append(s.BetweennessSources, net.Members[m].ID)
	}
	a.Summary.Structure = s
	return nil
}
