package report

import (
	"cmp"
	"encoding/base64"
	"fmt"
	"html"
	"io"
	"strings"

	"github.com/copnet/copnet/graph"
	"github.com/copnet/copnet/metrics"
)

// ReportOptions adjust the HTML report.
type ReportOptions struct {
	// NetworkSVG is an SVG picture of the network, inlined in the report
	// as is: it must come from copnet's own renderer (io/dotio), which
	// escapes every name. Empty leaves a marked placeholder saying how to
	// draw the picture.
	//
	// Hook for the network picture: netmetrics report fills it when a
	// renderer that runs in seconds is available.
	NetworkSVG string
	// NetworkImage is an SVG picture of the network from elsewhere (a
	// file the user drew): it is embedded as an image, where a browser
	// runs no script it may hold. Used when NetworkSVG is empty.
	NetworkImage []byte
	// NetworkNote is shown under the network picture (how it was drawn),
	// or in the placeholder when there is none.
	NetworkNote string
	// Datasets, when set, add a section comparing the datasets of a batch
	// (its datasets.csv, read by ReadDatasets from DatasetsSource).
	Datasets       []DatasetRow
	DatasetsSource string
	// Members are the ids of the members whose trajectories the report
	// draws; empty picks one: the newcomer who reached the core and stayed
	// active longest.
	Members []string
}

// ReportFile returns the report as a File for WriteFiles.
func (a *Analysis) ReportFile(name string, opt ReportOptions) File {
	return File{Name: name, Write: func(w io.Writer) error { return a.WriteReport(w, opt) }}
}

// WriteReport writes the report: one self-contained HTML page (inline
// style and SVG; no script, font or request to the network) with the
// dataset, the headline indicators of the three moments, social capital
// per community, the charts, a member's trajectory, the network picture
// and the definition of every figure with its reference.
func (a *Analysis) WriteReport(w io.Writer, opt ReportOptions) error {
	if _, err := io.WriteString(w, a.Report(opt)); err != nil {
		return fmt.Errorf("report: write report: %w", err)
	}
	return nil
}

// Report returns the report page (see WriteReport).
func (a *Analysis) Report(opt ReportOptions) string {
	secs := []section{a.datasetSection(), a.headlineSection()}
	if len(opt.Datasets) > 0 {
		secs = append(secs, comparisonSection(opt.Datasets, opt.DatasetsSource))
	}
	secs = append(secs, a.claimsSection(), a.capitalSection(), a.networkSection(opt), a.figuresSection(opt),
		a.windowsSection(), a.transitionsSection(), definitionsSection(a), a.parametersSection())
	var b strings.Builder
	b.WriteString("<nav>")
	for _, s := range secs {
		b.WriteString(`<a href="#` + html.EscapeString(s.id) + `">` + html.EscapeString(shortTitle(s.title)) + "</a>")
	}
	b.WriteString("</nav>\n")
	renderHTML(&b, secs, 2)
	return page(a.title(), b.String())
}

// shortTitle is a section's title for the navigation bar.
func shortTitle(t string) string {
	if i := strings.IndexAny(t, ",("); i > 0 {
		return strings.TrimSpace(t[:i])
	}
	return t
}

// Figure captions, by chart.
const (
	capRoles       = "Active members of each window by role: core (the Borgatti–Everett discrete core), semi-periphery (tied to the core) and periphery (no tie to the core). Legitimate peripheral participation shows as a periphery that feeds the core."
	capCohorts     = "Newcomers grouped by the windows they arrived in (members active in the first window left out); the line is the median normalized coreness k / k_max of the cohort's members active at each tenure, the band the first to third quartile. A rising line is internalization: newcomers moving toward the core. Tenures with fewer than 3 active members are not drawn."
	capTransitions = "Each row is a member's state in one window (new: its first active window), each column its role in the next window; a cell gives the share of the row and the number of members. The diagonal is stability; the upper right, movement toward the core."
	capExchange    = "Density of the directed projection (arcs over n(n−1), n active members) and reciprocity (share of arcs whose reverse exists), for the whole organization and the largest communities by flows."
	// capExchangeUndirected is capExchange for flows without a direction.
	capExchangeUndirected = "Density of the undirected projection (edges over n(n−1)/2, n active members), for the whole organization and the largest communities by flows; reciprocity is undefined without a direction."
	capConvergence        = "Mean pairwise cosine similarity of members' knowledge profiles (rising: members converge on shared knowledge) and normalized Shannon entropy of item use (falling: use concentrates on fewer items)."
	capAdoption           = "Share of each window's active members using the item, from its first use on; the dashed line is θ. An item at or above θ for w consecutive windows is objectified: shared, taken-for-granted knowledge."
	capMember             = "The member's normalized coreness k / k_max in each window where it was active in the whole organization, marked by its role; crosses mark windows without activity after its first."
)

// figuresSection draws the charts.
func (a *Analysis) figuresSection(opt ReportOptions) section {
	sec := section{id: "figures", title: "Figures"}
	add := func(c *Chart, err error, caption, missing string) {
		if err != nil {
			if missing != "" {
				sec.blocks = append(sec.blocks, para(missing))
			}
			return
		}
		sec.blocks = append(sec.blocks, figure{c, caption})
	}
	for _, f := range a.charts() {
		c, err := f.draw()
		add(c, err, f.caption, f.missing)
	}
	members := opt.Members
	if len(members) == 0 {
		if id := a.exampleMember(); id != "" {
			members = []string{id}
		}
	}
	for _, id := range members {
		c, err := a.MemberChart(id)
		add(c, err, capMember, fmt.Sprintf("No trajectory for member %q: %v.", id, err))
	}
	return sec
}

// exampleMember picks a member whose trajectory shows internalization:
// among newcomers to the organization who reached the core, the one
// active in most windows (then the earliest to arrive, then input
// order); failing that, the member active in most windows.
func (a *Analysis) exampleMember() string {
	in := a.Internalizing
	if in == nil {
		return ""
	}
	best, bestKey := int32(-1), [3]int{}
	for _, t := range in.Trajectories {
		if t.Scope != graph.Organization {
			continue
		}
		reached := 0
		if t.FirstWindow > 0 && t.FirstCoreWindow > t.FirstWindow {
			reached = 1
		}
		key := [3]int{reached, t.ActiveWindows, -t.FirstWindow}
		if best < 0 || cmp.Compare(key[0], bestKey[0]) > 0 ||
			key[0] == bestKey[0] && (key[1] > bestKey[1] || key[1] == bestKey[1] && key[2] > bestKey[2]) {
			best, bestKey = t.Member, key
		}
	}
	if best < 0 {
		return ""
	}
	return a.Network.Members[best].ID
}

// networkSection holds the network picture, or the marked placeholder;
// either stands in the element of id network-picture.
func (a *Analysis) networkSection(opt ReportOptions) section {
	sec := section{id: "network", title: "The network"}
	const fig = `<figure class="chart network" id="network-picture">`
	if svg := strings.TrimSpace(opt.NetworkSVG); svg != "" {
		if i := strings.Index(svg, "<svg"); i >= 0 {
			svg = svg[i:]
		}
		sec.blocks = append(sec.blocks, trustedHTML(fig+svg+"<figcaption>"+html.EscapeString(opt.NetworkNote)+"</figcaption></figure>"))
		return sec
	}
	if len(opt.NetworkImage) > 0 {
		sec.blocks = append(sec.blocks, trustedHTML(fig+`<img alt="the network" src="data:image/svg+xml;base64,`+
			base64.StdEncoding.EncodeToString(opt.NetworkImage)+`" /><figcaption>`+html.EscapeString(opt.NetworkNote)+"</figcaption></figure>"))
		return sec
	}
	note := opt.NetworkNote
	if note == "" {
		note = "No network picture in this report. Draw one with: netmetrics dot -svg -o network.svg [DIR] (a community: -scope ID; a window: -window N), and pass it with netmetrics report -network network.svg."
	}
	sec.blocks = append(sec.blocks, trustedHTML(`<div class="hook" id="network-picture">`+html.EscapeString(note)+"</div>"))
	return sec
}

// definition is one figure of the report: what it is and where it comes
// from.
type definition struct{ term, text, ref string }

// definitions returns the definition of every figure of the report.
func definitions(o metrics.Options) []definition {
	h, persist, theta := o.Horizon, o.Persist, o.Theta
	return []definition{
		{"window", "A half-open time interval [start, end), calendar-aligned in UTC; every figure is computed per scope (the whole organization, each declared community) and window.", "go doc github.com/copnet/copnet/graph (windows)."},
		{"active member", "A member who sends or receives a flow to or from another member in the window and scope; self-flows count in flow totals only. n in every density is the number of active members.", "go doc github.com/copnet/copnet/graph (projections)."},
		{"coreness k / k_max", "The member's core number on the undirected unweighted projection of the window (the largest k such that it belongs to a subgraph where everyone has degree ≥ k), divided by the window's largest core number.", "Seidman (1983), Network structure and minimum degree, Social Networks 5(3); Batagelj & Zaversnik (2003), arXiv:cs/0310049; NetworkX core_number."},
		{"core, semi-periphery, periphery", "Roles in a window: core is the core set of the discrete core/periphery fit (the set maximizing the correlation between the adjacency matrix and the ideal core/periphery pattern); semi-periphery, members outside the core tied to a core member; periphery, members with no tie to the core.", "Borgatti & Everett (1999), Models of core/periphery structures, Social Networks 21(4); Lave & Wenger (1991), Situated Learning: Legitimate Peripheral Participation."},
		{"core size", "Number of core members in a window; the headline gives the median over windows with activity.", "Borgatti & Everett (1999)."},
		{"newcomers", "Members whose first active window in the scope is this one. The headline counts those arriving after the first window, whose arrival was observed.", "Lave & Wenger (1991)."},
		{fmt.Sprintf("core within %d (newcomers reaching the core)", h), fmt.Sprintf("Share of a window's newcomers whose role is core within H = %d windows, counting their first; pooled over the windows whose horizon ends inside the observation.", h), "copnet internalizing indicators; Crowston & Howison (2005), The social structure of free and open source software development, First Monday 10(2)."},
		{fmt.Sprintf("retained at %d (retention)", h), fmt.Sprintf("Share of a window's newcomers active H = %d windows after their first; pooled over the windows where that window exists.", h), "copnet internalizing indicators."},
		{"core turnover", "Jaccard distance between the core sets of consecutive windows.", "copnet internalizing indicators."},
		{"BE ρ", "Correlation between the window's adjacency matrix and the ideal core/periphery pattern of the fitted core.", "Borgatti & Everett (1999)."},
		{"role transitions", "Counts of members moving from a state in one window (new, absent, periphery, semi, core) to a role in the next, over every pair of consecutive windows; shares are of the row.", "copnet internalizing indicators."},
		{"density", "Arcs of the directed projection over n(n−1), n active members.", "Wasserman & Faust (1994), Social Network Analysis; NetworkX density."},
		{"reciprocity", "Share of the arcs whose reverse arc exists.", "NetworkX overall_reciprocity; Garlaschelli & Loffredo (2004), Patterns of link reciprocity in directed networks, Phys. Rev. Lett. 93."},
		{"clustering", "Average local clustering coefficient of the undirected projection over active members (zero below two neighbours).", "Watts & Strogatz (1998), Nature 393; NetworkX average_clustering."},
		{"mean cosine", "Mean pairwise cosine similarity of the members' knowledge profiles (counts of items over the flows each took part in), computed exactly by an O(nnz) identity.", "Salton & McGill (1983), Introduction to Modern Information Retrieval; Berger & Luckmann (1966), The Social Construction of Reality."},
		{"normalized entropy", "Shannon entropy of the items' shares of use in the window divided by ln(items in use): 1 when use is spread evenly, lower when it concentrates.", "Shannon (1948), A mathematical theory of communication, Bell System Technical Journal 27."},
		{"adopter share", "Share of the window's active members in the scope whose flows carry the item.", "Rogers (2003), Diffusion of Innovations, 5th ed."},
		{"objectified item", fmt.Sprintf("An item used by at least θ = %g of the scope's active members in at least w = %d consecutive windows: shared, taken-for-granted knowledge.", theta, persist), "Huysman & de Wit (2002), Knowledge Sharing in Practice; Berger & Luckmann (1966)."},
		{"community density (structural)", "Density of the community's directed projection over the whole period.", "Nahapiet & Ghoshal (1998), Social capital, intellectual capital and the organizational advantage, Academy of Management Review 23(2)."},
		{"mean constraint (structural)", "Mean of Burt's constraint of the community's members over the whole period, on mutual weights: low constraint, many structural holes.", "Burt (1992), Structural Holes; NetworkX constraint."},
		{"reciprocity, mean tie strength (relational)", "Share of the community's arcs reciprocated; mean weight of its ties.", "Nahapiet & Ghoshal (1998); Granovetter (1973), The strength of weak ties, American Journal of Sociology 78(6)."},
		{"similarity to centroid (cognitive)", "Mean cosine similarity of the members' knowledge profiles to the community's centroid profile.", "Nahapiet & Ghoshal (1998)."},
		{"bonding share, bridging share, E-I", "Share of the members' tie weight inside and across their communities; Krackhardt–Stern E-I index (external − internal)/(external + internal) by weight.", "Putnam (2000), Bowling Alone; Krackhardt & Stern (1988), Social Psychology Quarterly 51(2)."},
		{"modularity, Louvain, NMI", "Modularity of the declared communities on the undirected weighted projection; communities detected by the Louvain method (seeded) and their modularity; normalized mutual information between declared and detected communities.", "Newman (2006), PNAS 103(23); Blondel et al. (2008), J. Stat. Mech. P10008; Danon et al. (2005), J. Stat. Mech. P09008."},
		{"knowledge-sharing cycle", fmt.Sprintf("Flows mapped by their kind to the moments of the cycle (%s): gathering (a member asks and receives), exchange, objectifying (knowledge made shared, as an accepted answer); the shares are of the mapped flows, gatherers the members who received gathering flows, providers those who sent them.", o.Cycle), "Huysman & de Wit (2002), Knowledge Sharing in Practice; Huysman (2000), An organizational learning approach to the learning organization, European Journal of Work and Organizational Psychology 9(2); Berger & Luckmann (1966)."},
		{"pace ratio", "The median objectification lag (question to accepted answer; or an item's first use to the end of the window where it became objectified) over the median exchange time (a thread's first response; or the gaps between a pair's flows), over the whole period, with a seeded percentile bootstrap interval. Above 1 with its whole interval: objectification is slower than exchange on these data.", "Efron & Tibshirani (1993), An Introduction to the Bootstrap, ch. 13; Huysman & de Wit (2002)."},
		{"community advantage (z, p, q)", fmt.Sprintf("A community's indicator against the same indicator of random groups of its size drawn from the active members of the same window (or the whole period), the communities of a window sharing each draw (the first s members of one random order): z = (observed − mean of the groups) / their standard deviation; p = (1 + groups at or above the observed) / (1 + groups), one-sided, or h/L when the test stopped after L groups of which h = %d were at or above the observed (sequential); q, the Benjamini–Hochberg adjusted p over every test of the analysis. A community beats its random groups when q < α = %g and z > 0.", o.StopAfter, o.Alpha), "North, Curtis & Sham (2002), A note on the calculation of empirical p values from Monte Carlo procedures, Am. J. Hum. Genet. 71(2); Besag & Clifford (1991), Sequential Monte Carlo p-values, Biometrika 78(2); Benjamini & Hochberg (1995), Controlling the false discovery rate, J. R. Stat. Soc. B 57(1)."},
		{"core/periphery against rewirings", fmt.Sprintf("The window's Borgatti–Everett ρ against the ρ of the same projection rewired by degree-preserving double edge swaps (seeded). The rewirings are the states of one chain of swaps run both ways from the observed graph, which takes a random position among them (Besag & Clifford's serial test), so that p = (1 + rewirings with ρ at or above the observed) / (1 + rewirings) is exact however little a step of the chain mixes. Below α = %g, the core/periphery structure is stronger than the members' degrees alone would give.", o.Alpha), "Borgatti & Everett (1999); Kojaku & Masuda (2018), Core-periphery structure requires something else in the network, New J. Phys. 20, 043012; Maslov & Sneppen (2002), Science 296; North, Curtis & Sham (2002); Besag & Clifford (1989), Generalized Monte Carlo significance tests, Biometrika 76(4)."},
	}
}

// definitionsSection lists the definitions.
func definitionsSection(a *Analysis) section {
	var b strings.Builder
	b.WriteString(`<dl class="defs">` + "\n")
	for _, d := range definitions(a.Options) {
		b.WriteString("<dt>" + html.EscapeString(d.term) + "</dt><dd>" + html.EscapeString(d.text) +
			` <span class="ref">` + html.EscapeString(d.ref) + "</span></dd>\n")
	}
	b.WriteString("</dl>")
	return section{id: "definitions", title: "Definitions", blocks: []block{trustedHTML(b.String())}}
}
