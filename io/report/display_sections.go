package report

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/copnet/copnet/metrics"
)

// Headline holds the headline indicators of one scope over the whole
// observation: the three moments of organizational learning.
type Headline struct {
	// Scope is the scope id ("*" for the organization); Name its name.
	Scope, Name string
	// ActiveMembers counts the members active in at least one window.
	ActiveMembers int
	// Internalizing. Newcomers are members first active after the first
	// window (the arrival of those active in the first is not observed).
	// NewcomersToCore and Retention pool the windows whose horizon lies
	// inside the observation: newcomers reaching the core within H windows
	// and newcomers active H windows after arriving, as shares. CoreSize
	// is the median number of core members over windows with activity.
	Newcomers                  int
	NewcomersToCore, Retention float64
	CoreSize                   float64
	// Externalizing: means over the windows where each is defined.
	Density, Reciprocity, Clustering float64
	// Objectifying: the mean over windows of the mean cosine similarity of
	// knowledge profiles; the items objectified in the scope and the items
	// used. NaN and zero without knowledge items.
	MeanCosine             float64
	Objectified, ItemsUsed int
}

// Headlines returns the headline indicators of every scope, the
// organization first.
func (a *Analysis) Headlines() []Headline {
	out := make([]Headline, 0, len(a.Scopes))
	for si := range a.Scopes {
		out = append(out, a.scopeHeadline(si))
	}
	return out
}

// scopeHeadline is the headline of scope si (a.Scopes[si]). Newcomers are
// counted from the second window on: everyone active in the first window
// was there when the data begin, joined or not.
func (a *Analysis) scopeHeadline(si int) Headline {
	nw, s := len(a.Windows), a.Scopes[si]
	h := Headline{Scope: a.Network.ScopeID(s), Name: a.scopeName(s), NewcomersToCore: math.NaN(), Retention: math.NaN(),
		CoreSize: math.NaN(), Density: math.NaN(), Reciprocity: math.NaN(), Clustering: math.NaN(), MeanCosine: math.NaN()}
	if in := a.Internalizing; in != nil {
		var reached, toCoreN, retained, retN float64
		var cores []float64
		for wi := range nw {
			sw := in.ScopeWindows[si*nw+wi]
			if sw.Active > 0 {
				cores = append(cores, float64(sw.CoreSize))
			}
			if wi == 0 {
				continue
			}
			h.Newcomers += sw.Newcomers
			n := float64(sw.Newcomers)
			// The shares are counts over newcomers: back to counts, exactly.
			if finite(sw.NewcomersToCore) {
				reached += math.Round(sw.NewcomersToCore * n)
				toCoreN += n
			}
			if finite(sw.Retention) {
				retained += math.Round(sw.Retention * n)
				retN += n
			}
		}
		if toCoreN > 0 {
			h.NewcomersToCore = reached / toCoreN
		}
		if retN > 0 {
			h.Retention = retained / retN
		}
		if len(cores) > 0 {
			slices.Sort(cores)
			h.CoreSize = metrics.Quantile(cores, 0.5)
		}
		for _, t := range in.Trajectories {
			if t.Scope == s {
				h.ActiveMembers++
			}
		}
	}
	if ex := a.Externalizing; ex != nil {
		var d, r, c, cos meanOf
		for wi := range nw {
			e := ex.Exchange[si*nw+wi]
			d.add(e.Density)
			r.add(e.Reciprocity)
			c.add(e.AverageClustering)
			if ex.HasKnowledge {
				cos.add(ex.Convergence[si*nw+wi].MeanCosine)
			}
		}
		h.Density, h.Reciprocity, h.Clustering, h.MeanCosine = d.mean(), r.mean(), c.mean(), cos.mean()
		for _, it := range ex.Items {
			if it.Scope == s {
				h.ItemsUsed++
				if it.ObjectifiedWindow >= 0 {
					h.Objectified++
				}
			}
		}
	}
	return h
}

// meanOf accumulates the mean of the defined values.
type meanOf struct {
	sum float64
	n   int
}

func (m *meanOf) add(x float64) {
	if finite(x) {
		m.sum += x
		m.n++
	}
}

func (m *meanOf) mean() float64 {
	if m.n == 0 {
		return math.NaN()
	}
	return m.sum / float64(m.n)
}

// title is the summary's title.
func (a *Analysis) title() string {
	if d := a.Summary.Dataset.Dataset; d != "" {
		return "Organizational learning in " + d
	}
	return "Organizational learning: analysis"
}

// datasetSection describes the dataset.
func (a *Analysis) datasetSection() section {
	return section{id: "dataset", title: "Dataset", blocks: []block{a.Summary.Dataset.facts(true)}}
}

// headlineSection tabulates the three moments per scope.
func (a *Analysis) headlineSection() section {
	hs := a.Headlines()
	g := &grid{
		groups: []groupHead{{"", 3}, {"internalizing", 4}, {"externalizing", 3}, {"objectifying", 2}},
		head: []string{"scope", "name", "active members", "newcomers", fmt.Sprintf("core within %d", a.Options.Horizon),
			fmt.Sprintf("retained at %d", a.Options.Horizon), "core size", "density", "reciprocity", "clustering", "mean cosine", "objectified items"},
	}
	for _, h := range hs {
		obj := "–"
		if a.HasKnowledge() {
			obj = fmt.Sprintf("%d of %d", h.Objectified, h.ItemsUsed)
		}
		g.rows = append(g.rows, []string{h.Scope, h.Name, metrics.Count(h.ActiveMembers), metrics.Count(h.Newcomers), Percent(h.NewcomersToCore), Percent(h.Retention),
			num(h.CoreSize), num(h.Density), a.reciprocityText(Percent(h.Reciprocity)), num(h.Clustering), num(h.MeanCosine), obj})
	}
	intro := para(fmt.Sprintf("Over the %s. Internalizing: members first active after the first window, the share reaching the core within H = %d windows and the share still active H windows after arriving, and the median core size. Externalizing: means over windows of density, reciprocity and average clustering. Objectifying: mean over windows of the mean cosine similarity of knowledge profiles, and the items used by at least θ = %g of the active members in %d consecutive windows. See Definitions.",
		metrics.Counted(len(a.Windows), "window"), a.Options.Horizon, a.Options.Theta, a.Options.Persist))
	return section{id: "headline", title: "Headline indicators", blocks: []block{intro, g}}
}

// windowsSection tabulates the organization window by window.
func (a *Analysis) windowsSection() section {
	g := &grid{head: []string{"window", "active", "flows", "newcomers", "core", "semi", "periphery", "k_max", "BE ρ",
		"core within H", "retention", "core turnover", "density", "reciprocity", "clustering", "mean cosine"}}
	n := 0
	for r := range a.ScopeWindowRows() {
		if n++; n > len(a.Windows) {
			break // the organization's rows come first
		}
		g.rows = append(g.rows, []string{r.WindowLabel, metrics.Count(r.ActiveMembers), metrics.Count(r.Flows), metrics.Count(r.Newcomers),
			metrics.Count(r.CoreSize), metrics.Count(r.SemiSize), metrics.Count(r.PeripherySize), fmt.Sprint(r.KMax), num(float64(r.BERho)),
			Percent(float64(r.NewcomersCoreWithin)), Percent(float64(r.RetentionH)), num(float64(r.CoreTurnover)),
			num(float64(r.Density)), a.reciprocityText(Percent(float64(r.Reciprocity))), num(float64(r.AverageClustering)), num(float64(r.MeanCosine))})
	}
	return section{id: "windows", title: "The whole organization, window by window", blocks: []block{g}}
}

// capitalSection tabulates social capital per community, the community
// structure and the members' social capital.
func (a *Analysis) capitalSection() section {
	sec := section{id: "capital", title: "Social capital"}
	if a.Capital == nil {
		return sec
	}
	g := &grid{
		groups: []groupHead{{"", 4}, {"structural", 2}, {"relational", 2}, {"cognitive", 1}, {"bonding / bridging", 3}},
		head: []string{"community", "name", "members", "active", "density", "mean constraint", "reciprocity", "mean tie strength",
			"similarity to centroid", "bonding share", "bridging share", "E-I (weight)"},
	}
	for r := range a.CommunityRows() {
		g.rows = append(g.rows, []string{r.Community, r.Name, metrics.Count(r.Members), metrics.Count(r.ActiveMembers),
			num(float64(r.StructuralDensity)), num(float64(r.StructuralMeanConstraint)), Percent(float64(r.RelationalReciprocity)),
			num(float64(r.RelationalMeanTieStrength)), num(float64(r.CognitiveMeanSimilarity)),
			Percent(float64(r.BondingShare)), Percent(float64(r.BridgingShare)), num(float64(r.EIWeight))})
	}
	if len(g.rows) == 0 {
		sec.blocks = append(sec.blocks, para("Over the whole period. The dataset declares no communities; each member's social capital is in members.csv."))
	} else {
		sec.blocks = append(sec.blocks, para("Over the whole period, on the projection of every flow; each member's social capital is in members.csv."), g)
	}
	if st := a.Structure(); st != nil {
		sec.blocks = append(sec.blocks, facts{
			{"modularity of the declared communities", num(float64(st.DeclaredModularity))},
			{"communities detected (Louvain)", fmt.Sprintf("%d, modularity %s (seed %d, resolution %g)", st.DetectedCommunities, num(float64(st.DetectedModularity)), st.Seed, float64(st.Resolution))},
			{"agreement of declared and detected (NMI)", num(float64(st.NMI))},
			{"members (active, whole organization)", a.memberCapital()},
		})
	}
	return sec
}

// transitionsSection is the organization's transition matrix.
func (a *Analysis) transitionsSection() section {
	g := &grid{head: append([]string{"from \\ to"}, transTo...), rows: a.transitionMatrix()}
	return section{id: "transitions", title: "Role transitions between consecutive windows (whole organization, members)", blocks: []block{g}}
}

// transitionMatrix is the organization's transitions as rows of cells,
// each row its state and the members who went to each of transTo; "–"
// where no member can go (a newcomer is active in its first window).
func (a *Analysis) transitionMatrix() [][]string {
	cells := map[[2]string]int{}
	for tr := range a.TransitionRows() {
		if tr.Scope == "*" {
			cells[[2]string{tr.From, tr.To}] = tr.Count
		}
	}
	var rows [][]string
	for _, from := range transFrom {
		row := []string{from}
		for _, to := range transTo {
			if from == "new" && to == "absent" {
				row = append(row, "–")
				continue
			}
			row = append(row, metrics.Count(cells[[2]string{from, to}]))
		}
		rows = append(rows, row)
	}
	return rows
}

// tablesSection lists the tables with their sizes.
func (a *Analysis) tablesSection() section {
	g := &grid{head: []string{"table", "rows", "columns", "method"}}
	add := func(name string, rows, cols int, method string) {
		g.rows = append(g.rows, []string{name, metrics.Count(rows), fmt.Sprint(cols), method})
	}
	add("scope_windows.csv", len(a.Scopes)*len(a.Windows), len(ColumnNames[metrics.ScopeWindowRow]()), "ScopeWindowTable()")
	if a.Internalizing != nil {
		add("member_windows.csv", len(a.Internalizing.MemberWindows), len(ColumnNames[metrics.MemberWindowRow]()), "MemberWindowTable()")
		add("trajectories.csv", len(a.Internalizing.Trajectories), len(ColumnNames[metrics.TrajectoryRow]()), "TrajectoryTable()")
		add("transitions.csv", len(a.Internalizing.Transitions), len(ColumnNames[metrics.TransitionRow]()), "TransitionTable()")
	}
	if a.Capital != nil {
		add("members.csv", len(a.Capital.Members), len(ColumnNames[metrics.MemberRow]()), "MemberTable()")
		add("communities.csv", len(a.Capital.Communities), len(ColumnNames[metrics.CommunityRow]()), "CommunityTable()")
	}
	if a.HasKnowledge() {
		add("knowledge_items.csv", len(a.Externalizing.Items), len(ColumnNames[metrics.KnowledgeItemRow]()), "KnowledgeItemTable()")
		add("adoption.csv", len(a.Externalizing.Adoption), len(ColumnNames[metrics.AdoptionRow]()), "AdoptionTable()")
	}
	return section{id: "tables", title: "Tables", blocks: []block{
		para("Each table displays its first rows and its size in a notebook; Charts() and MemberChart(id) draw the figures."), g}}
}

// parametersSection lists the parameters and the provenance.
func (a *Analysis) parametersSection() section {
	f := facts{}
	keys := make([]string, 0, len(a.Summary.Parameters))
	for k := range a.Summary.Parameters {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		f = append(f, [2]string{k, fmt.Sprint(a.Summary.Parameters[k])})
	}
	sec := section{id: "parameters", title: "Parameters", blocks: []block{f}}
	if p := a.Summary.Provenance; p != nil {
		var b strings.Builder
		if err := p.WriteText(&b); err == nil {
			sec.blocks = append(sec.blocks, para(strings.TrimSpace(b.String())))
		}
	}
	return sec
}

// notebookSections are the pieces of the notebook display.
func (a *Analysis) notebookSections() []section {
	return []section{a.datasetSection(), a.headlineSection(), a.claimsSection(), a.capitalSection(), networkNoteSection(),
		a.transitionsSection(), a.tablesSection()}
}

// summarySections are the pieces of analyze -format markdown|html.
func (a *Analysis) summarySections() []section {
	return []section{a.datasetSection(), a.headlineSection(), a.claimsSection(), a.windowsSection(), a.capitalSection(),
		a.transitionsSection(), a.parametersSection()}
}

// networkNoteSection says how to draw the network in a notebook: a layout
// takes seconds on large networks (and may run Graphviz), more than a
// display method should spend.
func networkNoteSection() section {
	return section{id: "network", title: "The network", blocks: []block{para("The display draws no network picture (a layout can take seconds). " +
		"In a notebook: p := net.Project(net.All(), graph.Organization, graph.ProjectOptions{}); " +
		"pic, _ := dotio.NewPicture(ctx, net, p, dotio.Options{Labels: 15}); then pic.SVG() (gonbui.DisplaySVG) or pic itself (gophernotes). " +
		"netmetrics report puts it in the report.")}}
}
