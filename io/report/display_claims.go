package report

import (
	"fmt"
	"html"
	"strings"

	"github.com/copnet/copnet/metrics"
)

// The claims section: the model's claims tested on the data (DESIGN.md,
// "The model's claims, tested"), worded as evidence, never as proof.

// list is a bulleted list of plain-text items.
type list []string

func (l list) markdown(b *strings.Builder) {
	for _, it := range l {
		b.WriteString("- " + mdEscape(it) + "\n")
	}
	b.WriteString("\n")
}

func (l list) html(b *strings.Builder) {
	b.WriteString(`<ul class="findings">` + "\n")
	for _, it := range l {
		b.WriteString("<li>" + html.EscapeString(it) + "</li>\n")
	}
	b.WriteString("</ul>\n")
}

// claimsSection holds the findings, the pace of objectification, the
// communities against random groups and the core/periphery tests.
func (a *Analysis) claimsSection() section {
	sec := section{id: "claims", title: "The model's claims, tested on these data"}
	if a.Claims == nil {
		sec.blocks = append(sec.blocks, para("The claims were not tested in this analysis."))
		return sec
	}
	sec.blocks = append(sec.blocks, para("Each claim of the model is put to a test on these data. A test gives evidence, never proof: "+
		"a claim the data support could still fail elsewhere, and one they do not support may hold where the data say too little. "+
		"See Definitions for how each figure is computed."))
	if fs := a.Findings(); len(fs) > 0 {
		var l list
		for _, f := range fs {
			l = append(l, f.Text)
		}
		sec.blocks = append(sec.blocks, l)
	}
	sec.blocks = append(sec.blocks, a.paceBlocks()...)
	sec.blocks = append(sec.blocks, a.advantageBlocks()...)
	sec.blocks = append(sec.blocks, a.coreBlocks()...)
	return sec
}

// scopeNames maps scope ids to the names the report shows.
func (a *Analysis) scopeNames() map[string]string {
	m := map[string]string{}
	ids := a.ScopeIDs()
	for i, s := range a.Scopes {
		m[ids[i]] = a.scopeName(s)
	}
	return m
}

// paceBlocks tabulate pace.csv: per scope, the exchange times against
// the objectification lags.
func (a *Analysis) paceBlocks() []block {
	names := a.scopeNames()
	g := &grid{
		caption: "Pace: objectification against exchange, over the whole period",
		groups:  []groupHead{{"", 1}, {"exchange", 3}, {"objectification", 4}, {"ratio of medians", 2}},
		head:    []string{"scope", "measured as", "cases", "median", "measured as", "lags", "median", "lower bounds", "ratio", "interval"},
	}
	lower := false // some lags are lower bounds
	for r := range a.PaceRows() {
		bounds := "–"
		if r.LowerBoundShare.Valid() {
			bounds = Percent(float64(r.LowerBoundShare))
			lower = lower || r.LowerBoundShare > 0
		}
		interval := "–"
		if r.RatioLo.Valid() && r.RatioHi.Valid() {
			interval = fmt.Sprintf("%s–%s (%s)", num(float64(r.RatioLo)), num(float64(r.RatioHi)), Percent(float64(r.Level)))
		}
		g.rows = append(g.rows, []string{names[r.Scope], paceMeasure(r.ExchangeMeasure), metrics.Count(r.Responses), metrics.Duration(float64(r.ResponseMedian)),
			paceMeasure(r.LagSource), metrics.Count(r.Lags), metrics.Duration(float64(r.LagMedian)), bounds, num(float64(r.Ratio)), interval})
	}
	if len(g.rows) == 0 {
		return nil
	}
	text := "The model expects objectification to happen at a much slower pace than exchange: the ratio of the median " +
		"objectification lag to the median exchange time, above 1 with its whole bootstrap interval, supports it on these data."
	if lower {
		text += " Lower bounds are acceptance lags timed by the answer's creation, the export holding no date of the acceptance vote: " +
			"such a lag is at least as long as shown, and so is the ratio."
	}
	return []block{para(text), g}
}

// paceMeasure words pace.csv's measures.
func paceMeasure(m string) string {
	switch m {
	case "thread_response":
		return "time to a thread's first response"
	case "pair_gap":
		return "gaps between a pair's flows"
	case "acceptance":
		return "question to accepted answer"
	case "objectified_items":
		return "first use to objectified"
	}
	return m
}

// AdvantageSummary counts, for one moment of organizational learning,
// the declared communities tested against size-matched random groups and
// those beating them (q < α and z > 0) on at least one of the moment's
// indicators, in the whole period or a window, as the findings count them.
type AdvantageSummary struct {
	Moment string
	// Indicators are the moment's indicators that were tested.
	Indicators []string
	// Tested and Beating count communities; ByIndicator holds, per
	// indicator in the order of Indicators, the communities tested and
	// beating.
	Tested, Beating int
	ByIndicator     [][2]int
}

// AdvantageSummaries returns one AdvantageSummary per moment with a test,
// from community_advantage.csv (AdvantageRows), declared communities only.
func (a *Analysis) AdvantageSummaries() []AdvantageSummary {
	type key struct{ ind, scope string }
	tested, beating := map[key]bool{}, map[key]bool{}
	for r := range a.AdvantageRows() {
		if r.Partition != "declared" || !r.P.Valid() {
			continue
		}
		k := key{r.Indicator, r.Scope}
		tested[k] = true
		if r.Q.Valid() && float64(r.Q) < a.Options.Alpha && r.Z.Valid() && r.Z > 0 {
			beating[k] = true
		}
	}
	var out []AdvantageSummary
	for _, mo := range metrics.Moments {
		s := AdvantageSummary{Moment: mo.Name}
		anyTested, anyBeating := map[string]bool{}, map[string]bool{}
		for _, ind := range mo.Indicators {
			var t, b int
			for k := range tested {
				if k.ind == ind {
					t++
					anyTested[k.scope] = true
					if beating[k] {
						b++
						anyBeating[k.scope] = true
					}
				}
			}
			if t > 0 {
				s.Indicators = append(s.Indicators, ind)
				s.ByIndicator = append(s.ByIndicator, [2]int{t, b})
			}
		}
		if len(s.Indicators) > 0 {
			s.Tested, s.Beating = len(anyTested), len(anyBeating)
			out = append(out, s)
		}
	}
	return out
}

// advantageBlocks summarize the communities against random groups.
func (a *Analysis) advantageBlocks() []block {
	sums := a.AdvantageSummaries()
	if len(sums) == 0 {
		detected := map[string]bool{}
		for r := range a.AdvantageRows() {
			if r.Partition == "detected" && r.P.Valid() {
				detected[r.Scope] = true
			}
		}
		louvain := ""
		if len(detected) > 0 {
			louvain = fmt.Sprintf(" The community_advantage.csv of netmetrics analyze -out holds such tests of %d of the communities "+
				"Louvain found (partition detected); Louvain looks for groups with many ties inside, so their density and "+
				"clustering beat random groups by construction and are no evidence for the claim.", len(detected))
		}
		if a.Summary.Dataset.Communities == 0 && len(a.Scopes) <= 1 {
			return []block{para("The dataset declares no communities: none was compared with random groups of its size." + louvain)}
		}
		return []block{para("No declared community was compared with random groups (too few members, or -draws 0)." + louvain)}
	}
	g := &grid{
		caption: fmt.Sprintf("Declared communities against size-matched random groups (beating: q < %s and z > 0)", num(a.Options.Alpha)),
		head:    []string{"moment", "communities tested", "beating on an indicator", "share", "by indicator (beating of tested)"},
	}
	for _, s := range sums {
		var by []string
		for i, ind := range s.Indicators {
			by = append(by, fmt.Sprintf("%s %d of %d", advantageLabel(ind), s.ByIndicator[i][1], s.ByIndicator[i][0]))
		}
		g.rows = append(g.rows, []string{s.Moment, metrics.Count(s.Tested), metrics.Count(s.Beating), Percent(float64(s.Beating) / float64(s.Tested)), strings.Join(by, "; ")})
	}
	return []block{para("The model holds communities of practice to be the social unit best suited to the three moments: each declared " +
		"community's indicators are compared with those of random groups of the same size drawn from the same window's active members, " +
		"in the whole period and in each window. A community beats its random groups on an indicator when one of these tests does " +
		"after the Benjamini–Hochberg correction over every test; chance alone makes about α of the tests look so. " +
		"community_advantage.csv holds every test, Louvain's communities included."), g}
}

// CoreSummary counts one scope's windows whose core/periphery fit was
// tested against degree-preserving rewirings, and those where it is
// stronger than the rewirings give (core_significant).
type CoreSummary struct {
	Scope           string
	Tested, Beating int
	// MedianRho and MedianNull are the medians over the tested windows of
	// the observed Borgatti–Everett ρ and of the rewirings' mean ρ;
	// MedianP the median p.
	MedianRho, MedianNull, MedianP float64
}

// CoreSummaries returns one CoreSummary per scope with a tested window,
// from cycle.csv (CycleRows), in scope order.
func (a *Analysis) CoreSummaries() []CoreSummary {
	var out []CoreSummary
	idx := map[string]int{}
	var rho, null, p [][]float64
	for r := range a.CycleRows() {
		if r.CoreSignificant == nil {
			continue
		}
		i, ok := idx[r.Scope]
		if !ok {
			i = len(out)
			idx[r.Scope] = i
			out = append(out, CoreSummary{Scope: r.Scope})
			rho, null, p = append(rho, nil), append(null, nil), append(p, nil)
		}
		out[i].Tested++
		if *r.CoreSignificant {
			out[i].Beating++
		}
		rho[i] = append(rho[i], float64(r.CoreRho))
		null[i] = append(null[i], float64(r.CoreNullMean))
		p[i] = append(p[i], float64(r.CoreP))
	}
	for i := range out {
		out[i].MedianRho, out[i].MedianNull, out[i].MedianP = metrics.Median(rho[i]), metrics.Median(null[i]), metrics.Median(p[i])
	}
	return out
}

// coreBlocks tabulate the core/periphery tests per scope.
func (a *Analysis) coreBlocks() []block {
	sums := a.CoreSummaries()
	if len(sums) == 0 {
		return []block{para("No window was tested for its core/periphery structure (fewer than 4 active members, or -rewire-draws 0).")}
	}
	names := a.scopeNames()
	g := &grid{
		caption: fmt.Sprintf("Core/periphery structure against degree-preserving rewirings (beyond the degrees: p < %s)", num(a.Options.Alpha)),
		head:    []string{"scope", "windows tested", "beyond the degrees", "share", "median BE ρ", "median ρ of rewirings", "median p"},
	}
	for _, s := range sums {
		g.rows = append(g.rows, []string{names[s.Scope], metrics.Count(s.Tested), metrics.Count(s.Beating), Percent(float64(s.Beating) / float64(s.Tested)),
			num(s.MedianRho), num(s.MedianNull), num(s.MedianP)})
	}
	return []block{para("Roles rest on the Borgatti–Everett core/periphery fit. Degree-heterogeneous networks show a core by their degrees " +
		"alone, so each window's fit is compared with rewirings that keep every member's degree: where it is no stronger, " +
		"roles may reflect activity more than structure. cycle.csv holds every window's test."), g}
}
