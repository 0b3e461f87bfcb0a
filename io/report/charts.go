package report

import (
	"cmp"
	"errors"
	"fmt"
	"image/color"
	"math"
	"slices"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/copnet/copnet/graph"
	"github.com/copnet/copnet/metrics"
)

// ErrUnknown is returned for a member or scope id the network does not
// hold.
var ErrUnknown = errors.New("report: unknown id")

// Chart limits: beyond these the lines of a chart are no longer told
// apart.
const (
	// ChartScopes is the number of communities drawn next to the
	// organization, the largest by flows.
	ChartScopes = 6
	// ChartItems is the number of knowledge items of the adoption chart,
	// the most adopted.
	ChartItems = 8
	// minCohort is the number of members a cohort needs at a tenure for
	// its quartiles to be drawn.
	minCohort = 3
)

// Charts returns every chart the analysis can draw, in the report's
// order: role composition, newcomer cohorts, transitions, exchange,
// convergence and adoption. Charts whose figures are missing (no
// knowledge items, one window) are left out.
func (a *Analysis) Charts() []*Chart {
	var out []*Chart
	for _, f := range a.charts() {
		if c, err := f.draw(); err == nil {
			out = append(out, c)
		}
	}
	return out
}

// chartFigure is one chart of the report: how to draw it, its caption,
// and what the report says when it cannot be drawn ("" for nothing).
type chartFigure struct {
	draw             func() (*Chart, error)
	caption, missing string
}

// charts lists the analysis' charts in the report's order.
func (a *Analysis) charts() []chartFigure {
	return []chartFigure{
		{func() (*Chart, error) { return a.RoleChart("*") }, capRoles, "No roles: the analysis has no windows."},
		{func() (*Chart, error) { return a.CohortChart("*") }, capCohorts, "No newcomer cohorts: they need at least two windows with newcomers active at three tenures or more."},
		{func() (*Chart, error) { return a.TransitionChart("*") }, capTransitions, "No role transitions: nobody was active."},
		{a.ExchangeChart, map[bool]string{false: capExchange, true: capExchangeUndirected}[a.Network.Undirected], ""},
		{a.ConvergenceChart, capConvergence, "The dataset has no knowledge items: no convergence or adoption chart."},
		{func() (*Chart, error) { return a.AdoptionChart(ChartItems) }, capAdoption, ""},
	}
}

// scopeIndex returns the index in a.Scopes of a scope id ("*" for the
// organization).
func (a *Analysis) scopeIndex(id string) (int, error) {
	for i, s := range a.Scopes {
		if a.Network.ScopeID(s) == id {
			return i, nil
		}
	}
	return 0, fmt.Errorf("report: scope %q: %w", id, ErrUnknown)
}

// scopeName is a scope's name for people.
func (a *Analysis) scopeName(s graph.Scope) string {
	if s == graph.Organization {
		return "whole organization"
	}
	return a.Network.Communities[s].Label()
}

// scopeTitle is the suffix naming a scope in a chart title.
func (a *Analysis) scopeTitle(s graph.Scope) string {
	if s == graph.Organization {
		return ""
	}
	return ": " + clip(a.Network.Communities[s].Label(), 40)
}

// windowAxis sets a plot's x axis to the windows.
func (a *Analysis) windowAxis(p *plot.Plot) {
	labels := make([]string, len(a.Windows))
	for i, w := range a.Windows {
		labels[i] = shortLabel(w.Label())
	}
	p.X.Tick.Marker = windowTicks{labels: labels}
	p.X.Min, p.X.Max = -0.5, float64(len(a.Windows))-0.5
	unit := ""
	if len(a.Windows) > 0 {
		unit = unitNames[a.Windows[0].Unit]
	}
	switch unit {
	case "", "all":
		p.X.Label.Text = "window"
	case "fixed", "parts":
		p.X.Label.Text = "window (start, UTC)"
	default:
		p.X.Label.Text = "window (" + unit + ", UTC)"
	}
}

// gridLines adds light grid lines.
func gridLines(p *plot.Plot, vertical bool) {
	g := plotter.NewGrid()
	g.Horizontal.Color = color.Gray{Y: 225}
	g.Vertical.Color = color.Gray{Y: 235}
	if !vertical {
		g.Vertical.Width = 0
	}
	p.Add(g)
}

// addLine draws ys against the window index as lines through points,
// broken where a value is undefined, and returns legend thumbnails; with
// p nil it only returns the thumbnails.
func addLine(p *plot.Plot, ys []float64, col color.Color, dashed bool) []plot.Thumbnailer {
	ls := draw.LineStyle{Color: col, Width: vg.Points(1.6)}
	if dashed {
		ls.Dashes = []vg.Length{vg.Points(5), vg.Points(3)}
	}
	gs := draw.GlyphStyle{Color: col, Radius: vg.Points(2.2), Shape: draw.CircleGlyph{}}
	var run plotter.XYs
	flush := func() {
		if len(run) == 0 {
			return
		}
		l, s, err := plotter.NewLinePoints(run)
		if err == nil && p != nil {
			l.LineStyle, s.GlyphStyle = ls, gs
			p.Add(l, s)
		}
		run = nil
	}
	for i, y := range ys {
		if finite(y) {
			run = append(run, plotter.XY{X: float64(i), Y: y})
		} else {
			flush()
		}
	}
	flush()
	return []plot.Thumbnailer{&plotter.Line{LineStyle: ls}, &plotter.Scatter{GlyphStyle: gs}}
}

// RoleChart draws the role composition of a scope per window: core,
// semi-periphery and periphery members stacked.
func (a *Analysis) RoleChart(scope string) (*Chart, error) {
	in := a.Internalizing
	if in == nil || len(a.Windows) == 0 {
		return nil, ErrNoData
	}
	si, err := a.scopeIndex(scope)
	if err != nil {
		return nil, err
	}
	nw := len(a.Windows)
	core, semi, peri := make(plotter.Values, nw), make(plotter.Values, nw), make(plotter.Values, nw)
	for wi := range nw {
		sw := in.ScopeWindows[si*nw+wi]
		core[wi], semi[wi], peri[wi] = float64(sw.CoreSize), float64(sw.SemiSize), float64(sw.PeripherySize)
	}
	c := &Chart{Title: "Roles per window" + a.scopeTitle(a.Scopes[si]), Width: chartWidth, Height: chartHeight}
	p := newPlot()
	gridLines(p, false)
	// Bars take three quarters of a window's width of the data area.
	width := max(vg.Points(1), (chartWidth-vg.Points(170))/vg.Length(nw)*0.75)
	var prev *plotter.BarChart
	bars := map[string]*plotter.BarChart{}
	for _, s := range []struct {
		name string
		v    plotter.Values
	}{{"core", core}, {"semi", semi}, {"periphery", peri}} {
		b, err := plotter.NewBarChart(s.v, width)
		if err != nil {
			return nil, fmt.Errorf("report: role chart: %w", err)
		}
		b.Color, b.LineStyle.Width = roleColors[s.name], 0
		if prev != nil {
			b.StackOn(prev)
		}
		prev, bars[s.name] = b, b
		p.Add(b)
	}
	// Legend from the top of the stack down, as the bars read.
	c.add("periphery", bars["periphery"])
	c.add("semi-periphery", bars["semi"])
	c.add("core", bars["core"])
	a.windowAxis(p)
	p.Y.Label.Text = "active members (count)"
	p.Y.Min = 0
	c.panels = []*plot.Plot{p}
	return c, nil
}

// cohorts splits windows 1..nw-1 into at most three runs of consecutive
// windows: the entry cohorts of newcomers. Members active in the first
// window are left out: their arrival was not observed.
func cohorts(nw int) [][2]int {
	n := nw - 1
	k := min(3, n)
	var out [][2]int
	for i := range k {
		lo, hi := 1+i*n/k, 1+(i+1)*n/k
		out = append(out, [2]int{lo, hi})
	}
	return out
}

// CohortChart draws how newcomers move toward the core: for each entry
// cohort (newcomers of consecutive windows grouped in thirds), the median
// and the quartiles of their normalized coreness by tenure, over the
// members active at that tenure. A tenure with fewer than three active
// members of a cohort is not drawn.
func (a *Analysis) CohortChart(scope string) (*Chart, error) {
	in := a.Internalizing
	nw := len(a.Windows)
	if in == nil || nw < 2 {
		return nil, ErrNoData
	}
	si, err := a.scopeIndex(scope)
	if err != nil {
		return nil, err
	}
	s := a.Scopes[si]
	first := map[int32]int{}
	for _, t := range in.Trajectories {
		if t.Scope == s {
			first[t.Member] = t.FirstWindow
		}
	}
	cs := cohorts(nw)
	cohortOf := func(w int) int {
		for i, c := range cs {
			if w >= c[0] && w < c[1] {
				return i
			}
		}
		return -1
	}
	vals := make([][][]float64, len(cs)) // cohort, tenure → coreness
	members := make([]map[int32]bool, len(cs))
	for i := range cs {
		vals[i] = make([][]float64, nw)
		members[i] = map[int32]bool{}
	}
	for _, mw := range in.MemberWindows {
		if mw.Scope != s {
			continue
		}
		f := first[mw.Member]
		ci := cohortOf(f)
		if ci < 0 || !finite(mw.Coreness) {
			continue
		}
		vals[ci][mw.Window-f] = append(vals[ci][mw.Window-f], mw.Coreness)
		members[ci][mw.Member] = true
	}
	c := &Chart{Title: "Newcomer cohorts: coreness by tenure" + a.scopeTitle(s), Width: chartWidth, Height: chartHeight}
	p := newPlot()
	gridLines(p, true)
	drawn := false
	var lines []func() // medians go above every band
	for ci, co := range cs {
		col := seriesColor(ci)
		var med, lo, hi plotter.XYs
		for t, xs := range vals[ci] {
			if len(xs) < minCohort {
				continue
			}
			slices.Sort(xs)
			q1, m, q3 := metrics.Quantile(xs, 0.25), metrics.Quantile(xs, 0.5), metrics.Quantile(xs, 0.75)
			med = append(med, plotter.XY{X: float64(t), Y: m})
			lo = append(lo, plotter.XY{X: float64(t), Y: q1})
			hi = append(hi, plotter.XY{X: float64(t), Y: q3})
		}
		name := "joined " + shortLabel(a.Windows[co[0]].Label())
		if co[1]-1 > co[0] {
			name += "–" + shortLabel(a.Windows[co[1]-1].Label())
		}
		name += fmt.Sprintf(" (n=%d)", len(members[ci]))
		if len(members[ci]) == 0 {
			continue // no newcomer arrived in these windows
		}
		band := &plotter.Polygon{Color: withAlpha(col, 0x40)}
		band.LineStyle.Width = 0
		if len(med) > 0 {
			drawn = true
			ring := append(slices.Clone(hi), reversed(lo)...)
			if len(med) == 1 {
				// A single tenure: a thin box instead of a degenerate band.
				x, y1, y3 := med[0].X, lo[0].Y, hi[0].Y
				ring = plotter.XYs{{X: x - 0.08, Y: y1}, {X: x + 0.08, Y: y1}, {X: x + 0.08, Y: y3}, {X: x - 0.08, Y: y3}}
			}
			if pg, err := plotter.NewPolygon(ring); err == nil {
				pg.Color, pg.LineStyle.Width = band.Color, 0
				p.Add(pg)
			}
		}
		ys := make([]float64, nw)
		for i := range ys {
			ys[i] = math.NaN()
		}
		for _, pt := range med {
			ys[int(pt.X)] = pt.Y
		}
		thumbs := addLine(nil, ys, col, false)
		lines = append(lines, func() { addLine(p, ys, col, false) })
		c.add(name, append([]plot.Thumbnailer{band}, thumbs...)...)
	}
	for _, f := range lines {
		f()
	}
	if !drawn {
		return nil, ErrNoData
	}
	c.add("band: first to third quartile", &plotter.Polygon{Color: color.Gray{Y: 200}})
	ticks := make(nameTicks, nw)
	for i := range ticks {
		ticks[i] = fmt.Sprint(i)
	}
	p.X.Tick.Marker = ticks
	p.X.Min, p.X.Max = -0.3, float64(nw-2)+0.3
	p.X.Label.Text = "tenure (windows since first active)"
	p.Y.Label.Text = "normalized coreness k / k_max"
	p.Y.Min, p.Y.Max = 0, 1
	c.panels = []*plot.Plot{p}
	return c, nil
}

func reversed(xys plotter.XYs) plotter.XYs {
	out := slices.Clone(xys)
	slices.Reverse(out)
	return out
}

func withAlpha(c color.Color, a uint8) color.Color {
	r, g, b, _ := c.RGBA()
	// Premultiplied, as color.RGBA wants.
	f := func(v uint32) uint8 { return uint8(v >> 8 * uint32(a) / 255) }
	return color.RGBA{R: f(r), G: f(g), B: f(b), A: a}
}

// States of the transition matrix, rows top to bottom and columns left
// to right.
var (
	transFrom = []string{"new", "absent", "periphery", "semi", "core"}
	transTo   = []string{"absent", "periphery", "semi", "core"}
)

// transGrid is the transition matrix as a plotter.GridXYZ; rows are
// stored bottom-up as gonum/plot draws them.
type transGrid struct{ share [][]float64 } // [from][to]

func (g transGrid) Dims() (c, r int) { return len(transTo), len(transFrom) }
func (g transGrid) Z(c, r int) float64 {
	return g.share[len(transFrom)-1-r][c]
}
func (g transGrid) X(c int) float64 { return float64(c) }
func (g transGrid) Y(r int) float64 { return float64(r) }

// blues is a white-to-blue palette for shares.
type blues struct{}

func (blues) Colors() []color.Color {
	const n = 64
	cs := make([]color.Color, n)
	lo, hi := [3]float64{247, 251, 255}, [3]float64{8, 48, 107}
	for i := range cs {
		t := float64(i) / (n - 1)
		c := [3]uint8{}
		for k := range c {
			c[k] = uint8(math.Round(lo[k] + t*(hi[k]-lo[k])))
		}
		cs[i] = color.RGBA{R: c[0], G: c[1], B: c[2], A: 255}
	}
	return cs
}

// TransitionChart draws a scope's role transition matrix as a heat map:
// each row is a member's state in one window (new: first active window),
// each column its role in the next; cells hold the share of the row and
// the count.
func (a *Analysis) TransitionChart(scope string) (*Chart, error) {
	in := a.Internalizing
	if in == nil {
		return nil, ErrNoData
	}
	si, err := a.scopeIndex(scope)
	if err != nil {
		return nil, err
	}
	s := a.Scopes[si]
	count := make([][]int, len(transFrom))
	for i := range count {
		count[i] = make([]int, len(transTo))
	}
	total := 0
	for _, tr := range in.Transitions {
		if tr.Scope != s {
			continue
		}
		fi, ti := slices.Index(transFrom, tr.From.String()), slices.Index(transTo, tr.To.String())
		if fi >= 0 && ti >= 0 {
			count[fi][ti] += tr.Count
			total += tr.Count
		}
	}
	if total == 0 {
		return nil, ErrNoData
	}
	g := transGrid{share: make([][]float64, len(transFrom))}
	var lbl plotter.XYLabels
	for fi := range transFrom {
		sum := 0
		for _, n := range count[fi] {
			sum += n
		}
		g.share[fi] = make([]float64, len(transTo))
		for ti := range transTo {
			sh := math.NaN()
			if sum > 0 {
				sh = float64(count[fi][ti]) / float64(sum)
			}
			g.share[fi][ti] = sh
			text := "–"
			if fi == 0 && ti == 0 {
				text = "" // a newcomer is never absent on arrival
			} else if sum > 0 {
				text = fmt.Sprintf("%s\n%d", Percent(sh), count[fi][ti])
			}
			lbl.XYs = append(lbl.XYs, plotter.XY{X: float64(ti), Y: float64(len(transFrom) - 1 - fi)})
			lbl.Labels = append(lbl.Labels, text)
		}
	}
	c := &Chart{Title: "Role transitions between consecutive windows" + a.scopeTitle(s), Width: chartWidth, Height: chartHeight}
	p := newPlot()
	h := plotter.NewHeatMap(g, blues{})
	h.Min, h.Max = 0, 1
	h.NaN = color.Gray{Y: 240}
	p.Add(h)
	labels, err := plotter.NewLabels(lbl)
	if err != nil {
		return nil, fmt.Errorf("report: transition chart: %w", err)
	}
	for i := range labels.TextStyle {
		st := &labels.TextStyle[i]
		st.Font = sansFont
		st.Font.Size = vg.Points(9)
		st.XAlign, st.YAlign = draw.XCenter, draw.YCenter
		st.Color = color.Black
		fi, ti := len(transFrom)-1-int(lbl.XYs[i].Y), int(lbl.XYs[i].X)
		if v := g.share[fi][ti]; finite(v) && v > 0.5 {
			st.Color = color.White
		}
	}
	p.Add(labels)
	p.X.Tick.Marker = nameTicks(transTo)
	rows := slices.Clone(transFrom)
	slices.Reverse(rows)
	p.Y.Tick.Marker = nameTicks(rows)
	p.X.Min, p.X.Max = -0.5, float64(len(transTo))-0.5
	p.Y.Min, p.Y.Max = -0.5, float64(len(transFrom))-0.5
	p.X.Label.Text = "role in the next window"
	p.Y.Label.Text = "state in a window"
	p.X.Tick.Length, p.Y.Tick.Length = 0, 0
	p.X.LineStyle.Width, p.Y.LineStyle.Width = 0, 0
	c.add("cell: share of the row (%)")
	c.add("and members (count)")
	c.panels = []*plot.Plot{p}
	return c, nil
}

// chartScopes returns the scopes drawn by the per-scope charts: the
// organization and the ChartScopes communities with the most flows.
func (a *Analysis) chartScopes() []int {
	nw := len(a.Windows)
	type sc struct{ si, flows int }
	var cs []sc
	for si, s := range a.Scopes {
		if s == graph.Organization {
			continue
		}
		n := 0
		if ex := a.Externalizing; ex != nil {
			for wi := range nw {
				n += ex.Exchange[si*nw+wi].Flows
			}
		}
		cs = append(cs, sc{si, n})
	}
	slices.SortStableFunc(cs, func(x, y sc) int { return cmp.Compare(y.flows, x.flows) })
	out := []int{}
	for si, s := range a.Scopes {
		if s == graph.Organization {
			out = append(out, si)
		}
	}
	for i := 0; i < len(cs) && i < ChartScopes; i++ {
		out = append(out, cs[i].si)
	}
	return out
}

// scopePanels draws one panel per figure, one line per scope.
func (a *Analysis) scopePanels(title string, figs []string, ylabels []string, unit []bool, value func(si, wi, fig int) float64) *Chart {
	nw := len(a.Windows)
	c := &Chart{Title: title, Width: chartWidth, Height: chartHeight}
	scopes := a.chartScopes()
	for fi, f := range figs {
		p := newPlot()
		p.Title.Text = f
		gridLines(p, false)
		for k, si := range scopes {
			ys := make([]float64, nw)
			for wi := range nw {
				ys[wi] = value(si, wi, fi)
			}
			th := addLine(p, ys, seriesColor(k), false)
			if fi == 0 {
				name := a.scopeName(a.Scopes[si])
				if a.Scopes[si] != graph.Organization {
					name = clip(name, 28)
				}
				c.add(name, th...)
			}
		}
		a.windowAxis(p)
		if len(figs) > 1 {
			wt := p.X.Tick.Marker.(windowTicks)
			wt.narrow = true
			p.X.Tick.Marker = wt
		}
		p.Y.Label.Text = ylabels[fi]
		p.Y.Min = 0
		if unit[fi] {
			p.Y.Max = 1
		}
		c.panels = append(c.panels, p)
	}
	return c
}

// ExchangeChart draws exchange per window: the density of the directed
// projection and its reciprocity, for the organization and the largest
// communities (ChartScopes).
func (a *Analysis) ExchangeChart() (*Chart, error) {
	ex := a.Externalizing
	if ex == nil || len(a.Windows) == 0 {
		return nil, ErrNoData
	}
	nw := len(a.Windows)
	title := "Exchange: density and reciprocity per window"
	if a.Network.Undirected {
		// Without a direction, density counts edges and reciprocity is
		// undefined: one panel.
		title = "Exchange: density per window"
	}
	if len(a.Scopes) > 1 {
		title += " by community"
	}
	if a.Network.Undirected {
		return a.scopePanels(title, []string{"Density"}, []string{"edges / (n(n−1)/2)"}, []bool{false},
			func(si, wi, _ int) float64 { return ex.Exchange[si*nw+wi].Density }), nil
	}
	return a.scopePanels(title,
		[]string{"Density", "Reciprocity"}, []string{"arcs / n(n−1)", "reciprocated arcs / arcs"}, []bool{false, true},
		func(si, wi, fig int) float64 {
			e := ex.Exchange[si*nw+wi]
			if fig == 0 {
				return e.Density
			}
			return e.Reciprocity
		}), nil
}

// ConvergenceChart draws convergence on shared knowledge per window: the
// mean cosine similarity of members' knowledge profiles and the
// normalized entropy of item use, for the organization and the largest
// communities.
func (a *Analysis) ConvergenceChart() (*Chart, error) {
	if !a.HasKnowledge() || len(a.Windows) == 0 {
		return nil, ErrNoData
	}
	ex := a.Externalizing
	nw := len(a.Windows)
	return a.scopePanels("Convergence on shared knowledge per window",
		[]string{"Mean cosine similarity", "Normalized entropy"}, []string{"mean cosine of profiles (0–1)", "entropy / ln(items in use) (0–1)"}, []bool{true, true},
		func(si, wi, fig int) float64 {
			cw := ex.Convergence[si*nw+wi]
			if fig == 0 {
				return cw.MeanCosine
			}
			return cw.NormalizedEntropy
		}), nil
}

// AdoptionChart draws the adoption curves of the top most adopted
// knowledge items of the organization: the share of each window's active
// members using the item, from its first window on, with the threshold θ
// of objectification.
func (a *Analysis) AdoptionChart(top int) (*Chart, error) {
	if !a.HasKnowledge() || len(a.Windows) == 0 || top < 1 {
		return nil, ErrNoData
	}
	ex, net, nw := a.Externalizing, a.Network, len(a.Windows)
	var items []metrics.ItemHistory
	for _, it := range ex.Items {
		if it.Scope == graph.Organization && it.Adopters > 0 {
			items = append(items, it)
		}
	}
	if len(items) == 0 {
		return nil, ErrNoData
	}
	slices.SortStableFunc(items, func(x, y metrics.ItemHistory) int {
		return cmp.Or(cmp.Compare(y.Adopters, x.Adopters), cmp.Compare(y.Uses, x.Uses), cmp.Compare(x.Item, y.Item))
	})
	items = items[:min(top, len(items))]
	curves := make(map[int32][]float64, len(items))
	for _, it := range items {
		ys := make([]float64, nw)
		for i := range ys {
			ys[i] = math.NaN()
		}
		curves[it.Item] = ys
	}
	for _, ad := range ex.Adoption {
		if ys, ok := curves[ad.Item]; ok && ad.Scope == graph.Organization {
			ys[ad.Window] = ad.Share
		}
	}
	c := &Chart{Title: fmt.Sprintf("Adoption of the %d most adopted knowledge items", len(items)), Width: chartWidth, Height: chartHeight}
	p := newPlot()
	gridLines(p, false)
	for k, it := range items {
		name := net.Items[it.Item]
		if l := net.ItemMeta[it.Item].Label; l != "" {
			name = l
		}
		name = fmt.Sprintf("%s (%d adopters)", clip(name, 24), it.Adopters)
		c.add(name, addLine(p, curves[it.Item], seriesColor(k), false)...)
	}
	theta := a.Options.Theta
	if l, err := plotter.NewLine(plotter.XYs{{X: -0.5, Y: theta}, {X: float64(nw) - 0.5, Y: theta}}); err == nil {
		l.LineStyle = draw.LineStyle{Color: color.Gray{Y: 90}, Width: vg.Points(1), Dashes: []vg.Length{vg.Points(4), vg.Points(3)}}
		p.Add(l)
		c.add(fmt.Sprintf("θ = %g (objectified after %d windows at or above)", theta, a.Options.Persist), l)
	}
	a.windowAxis(p)
	p.Y.Label.Text = "adopters / active members"
	p.Y.Tick.Marker = percentTicks{}
	p.Y.Min = 0
	c.panels = []*plot.Plot{p}
	return c, nil
}

// MemberChart draws one member's trajectory in the whole organization:
// its normalized coreness in each window where it was active, marked by
// its role, and the windows it was absent after its first.
func (a *Analysis) MemberChart(id string) (*Chart, error) {
	net := a.Network
	m, ok := net.MemberIndex(id)
	if !ok {
		return nil, fmt.Errorf("report: member %q: %w", id, ErrUnknown)
	}
	in := a.Internalizing
	if in == nil || len(a.Windows) == 0 {
		return nil, ErrNoData
	}
	nw := len(a.Windows)
	core := make([]float64, nw)
	role := make([]string, nw)
	for i := range core {
		core[i] = math.NaN()
	}
	firstW := -1
	for _, mw := range in.MemberWindows {
		if mw.Scope == graph.Organization && mw.Member == m {
			core[mw.Window], role[mw.Window] = mw.Coreness, mw.Role.String()
			if firstW < 0 {
				firstW = mw.Window
			}
		}
	}
	mem := &net.Members[m]
	title := "Trajectory of member " + clip(mem.ID, 30)
	if mem.Name != "" && mem.Name != mem.ID {
		title += " (" + clip(mem.Name, 30) + ")"
	}
	c := &Chart{Title: title, Width: chartWidth, Height: chartHeight * 4 / 5}
	p := newPlot()
	gridLines(p, true)
	line := draw.LineStyle{Color: color.Gray{Y: 120}, Width: vg.Points(1.2)}
	var run plotter.XYs
	flush := func() {
		if len(run) > 1 {
			if l, err := plotter.NewLine(run); err == nil {
				l.LineStyle = line
				p.Add(l)
			}
		}
		run = nil
	}
	for i, y := range core {
		if finite(y) {
			run = append(run, plotter.XY{X: float64(i), Y: y})
		} else {
			flush()
		}
	}
	flush()
	for _, r := range []struct{ role, name string }{{"core", "core"}, {"semi", "semi-periphery"}, {"periphery", "periphery"}, {"absent", "absent (after first window)"}} {
		var pts plotter.XYs
		for i := range nw {
			switch {
			case r.role == "absent" && firstW >= 0 && i > firstW && role[i] == "":
				pts = append(pts, plotter.XY{X: float64(i), Y: 0})
			case role[i] == r.role && finite(core[i]):
				pts = append(pts, plotter.XY{X: float64(i), Y: core[i]})
			}
		}
		gs := draw.GlyphStyle{Color: roleColors[r.role], Radius: vg.Points(4.5), Shape: draw.CircleGlyph{}}
		if r.role == "periphery" {
			gs.Color, gs.Shape = rgb(0x6b8fb3), draw.RingGlyph{}
		}
		if r.role == "absent" {
			gs.Shape, gs.Radius = draw.CrossGlyph{}, vg.Points(3.5)
		}
		if len(pts) > 0 {
			if s, err := plotter.NewScatter(pts); err == nil {
				s.GlyphStyle = gs
				p.Add(s)
			}
		}
		c.add(r.name, &plotter.Scatter{GlyphStyle: gs})
	}
	c.add("line: normalized coreness", &plotter.Line{LineStyle: line})
	a.windowAxis(p)
	p.Y.Label.Text = "normalized coreness k / k_max"
	p.Y.Min, p.Y.Max = -0.04, 1.04
	c.panels = []*plot.Plot{p}
	return c, nil
}
