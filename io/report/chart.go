package report

import (
	"bytes"
	"errors"
	"fmt"
	"html"
	"image/color"
	"math"
	"strings"
	"unicode/utf8"

	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// ErrNoData is returned by a chart whose figures the analysis does not
// hold: the convergence and adoption charts of a dataset without
// knowledge items, say.
var ErrNoData = errors.New("report: nothing to chart")

// Chart is a figure drawn with gonum.org/v1/plot: one or more panels side
// by side under a title, with the legend to their right. SVG and PNG give
// the same bytes for the same analysis.
type Chart struct {
	// Title names the chart; it is drawn above the panels.
	Title string
	// Series are the legend entries, in order.
	Series []string
	// Width and Height are the chart's size.
	Width, Height vg.Length

	panels []*plot.Plot
	legend *plot.Legend
}

// Default chart size: about 960 × 420 px on a screen.
const (
	chartWidth  = 720 * vg.Inch / 72
	chartHeight = 315 * vg.Inch / 72
	pngDPI      = 96
)

// The fonts of every chart: Liberation Sans, compiled into gonum/plot, so
// that text is measured the same on every machine. The SVG names the
// metric-compatible Arimo and Arial as fallbacks for browsers.
var (
	sansFont = font.Font{Typeface: "Liberation", Variant: "Sans"}
	boldFont = font.Font{Typeface: "Liberation", Variant: "Sans", Weight: xfont.WeightBold}
)

// svgFontFamily replaces the family name gonum/plot writes.
var svgFontFamily = strings.NewReplacer(
	"font-family:Liberation Sans;", "font-family:'Liberation Sans',Arimo,Arial,Helvetica,sans-serif;",
)

// newPlot returns a plot whose texts use the sans-serif font.
func newPlot() *plot.Plot {
	p := plot.New()
	for _, s := range []*text.Style{&p.Title.TextStyle, &p.X.Label.TextStyle, &p.Y.Label.TextStyle,
		&p.X.Tick.Label, &p.Y.Tick.Label, &p.Legend.TextStyle} {
		size := s.Font.Size
		s.Font = sansFont
		s.Font.Size = size
	}
	p.Title.TextStyle.Font.Size = vg.Points(11)
	p.X.Label.TextStyle.Font.Size = vg.Points(10)
	p.Y.Label.TextStyle.Font.Size = vg.Points(10)
	p.X.Tick.Label.Font.Size = vg.Points(9)
	p.Y.Tick.Label.Font.Size = vg.Points(9)
	p.Legend.TextStyle.Font.Size = vg.Points(9)
	p.Title.Padding = vg.Points(6)
	return p
}

// newLegend returns an empty legend in the sans-serif font.
func newLegend() *plot.Legend {
	l := plot.NewLegend()
	l.TextStyle.Font = sansFont
	l.TextStyle.Font.Size = vg.Points(9)
	l.Top, l.Left = true, true
	l.ThumbnailWidth = vg.Points(18)
	l.Padding = vg.Points(3)
	return &l
}

// add adds a legend entry to the chart.
func (c *Chart) add(name string, thumbs ...plot.Thumbnailer) {
	if c.legend == nil {
		c.legend = newLegend()
	}
	c.legend.Add(name, thumbs...)
	c.Series = append(c.Series, name)
}

// draw draws the chart on a canvas of its size.
func (c *Chart) draw(cv vg.CanvasSizer) {
	dc := draw.New(cv)
	// An opaque background, so that the PNG and dark notebook themes show
	// the chart as drawn.
	dc.SetColor(color.White)
	dc.Fill(dc.Rectangle.Path())
	title := text.Style{Color: color.Black, Font: boldFont, Handler: plot.DefaultTextHandler,
		XAlign: draw.XCenter, YAlign: draw.YTop}
	title.Font.Size = vg.Points(13)
	pad := vg.Points(8)
	dc.FillText(title, vg.Point{X: (dc.Min.X + dc.Max.X) / 2, Y: dc.Max.Y - pad}, c.Title)
	body := dc
	body.Max.Y -= title.Height(c.Title) + 2*pad
	body.Min.Y += pad / 2
	if c.legend != nil {
		w := c.legendWidth()
		lc := body
		lc.Min.X = lc.Max.X - w
		lc.Max.Y -= vg.Points(14) // align with the panels' data area
		c.legend.Draw(lc)
		body.Max.X -= w + pad
	}
	body.Min.X += pad / 2
	if len(c.panels) == 0 {
		return
	}
	tiles := draw.Tiles{Rows: 1, Cols: len(c.panels), PadX: vg.Points(24)}
	cs := plot.Align([][]*plot.Plot{c.panels}, tiles, body)
	for i, p := range c.panels {
		p.Draw(cs[0][i])
	}
}

// legendWidth is the width of the legend column.
func (c *Chart) legendWidth() vg.Length {
	var w vg.Length
	for _, s := range c.Series {
		w = max(w, c.legend.TextStyle.Width(s))
	}
	return w + c.legend.ThumbnailWidth + vg.Points(14)
}

// SVG returns the chart as an SVG document. Text is escaped; the chart
// uses no script, font file or link, so it can be inlined in HTML.
func (c *Chart) SVG() string {
	cv := vgsvg.New(c.Width, c.Height)
	c.draw(cv)
	var b bytes.Buffer
	if _, err := cv.WriteTo(&b); err != nil {
		// A bytes.Buffer does not fail; an error here is a bug.
		panic(fmt.Errorf("report: chart SVG: %w", err))
	}
	return svgFontFamily.Replace(b.String())
}

// InlineSVG returns the SVG without its XML prolog, for embedding in
// HTML, with a role and an accessible name.
func (c *Chart) InlineSVG() string {
	s := c.SVG()
	if i := strings.Index(s, "<svg"); i >= 0 {
		s = s[i:]
	}
	return strings.Replace(s, "<svg ", `<svg role="img" aria-label="`+html.EscapeString(c.Title)+`" `, 1)
}

// PNG returns the chart as a PNG image at 96 dots per inch.
func (c *Chart) PNG() []byte {
	cv := vgimg.NewWith(vgimg.UseWH(c.Width, c.Height), vgimg.UseDPI(pngDPI))
	c.draw(cv)
	var b bytes.Buffer
	if _, err := (vgimg.PngCanvas{Canvas: cv}).WriteTo(&b); err != nil {
		panic(fmt.Errorf("report: chart PNG: %w", err))
	}
	return b.Bytes()
}

// HTML returns the chart as an HTML figure holding its SVG, for
// notebooks.
func (c *Chart) HTML() string {
	return `<figure class="copnet-chart">` + c.InlineSVG() + "</figure>"
}

// Palettes. Roles use one sequential blue scale (core darkest); series
// use Tableau 10, which stays distinguishable for the common colour
// vision deficiencies in its first six colours.
var (
	roleColors = map[string]color.Color{
		"core":      rgb(0x08519c),
		"semi":      rgb(0x6baed6),
		"periphery": rgb(0xc6dbef),
		"absent":    rgb(0x969696),
	}
	seriesColors = []color.Color{rgb(0x4e79a7), rgb(0xf28e2b), rgb(0xe15759), rgb(0x76b7b2), rgb(0x59a14f),
		rgb(0xedc948), rgb(0xb07aa1), rgb(0xff9da7), rgb(0x9c755f), rgb(0xbab0ac)}
)

func rgb(v uint32) color.RGBA {
	return color.RGBA{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v), A: 255}
}

func seriesColor(i int) color.Color { return seriesColors[i%len(seriesColors)] }

// windowTicks labels the integer x positions with window labels, leaving
// some out when there are too many to read.
type windowTicks struct {
	labels []string
	// narrow is set for a panel sharing the chart's width.
	narrow bool
}

func (t windowTicks) Ticks(lo, hi float64) []plot.Tick {
	n := len(t.labels)
	longest := 0
	for _, l := range t.labels {
		longest = max(longest, utf8.RuneCountInString(l))
	}
	most := 12
	if longest > 7 {
		most = 7
	}
	if t.narrow {
		most = max(2, most*2/5)
	}
	step := (n + most - 1) / most
	step = max(step, 1)
	var ticks []plot.Tick
	for i, l := range t.labels {
		if float64(i) < lo-0.5 || float64(i) > hi+0.5 {
			continue
		}
		tk := plot.Tick{Value: float64(i)}
		if i%step == 0 {
			tk.Label = l
		}
		ticks = append(ticks, tk)
	}
	return ticks
}

// shortLabel shortens a window label for an axis: RFC 3339 starts at
// midnight lose their time.
func shortLabel(l string) string {
	if s, ok := strings.CutSuffix(l, "T00:00:00Z"); ok {
		return s
	}
	return l
}

// nameTicks labels integer positions with names.
type nameTicks []string

func (t nameTicks) Ticks(lo, hi float64) []plot.Tick {
	ticks := make([]plot.Tick, len(t))
	for i, n := range t {
		ticks[i] = plot.Tick{Value: float64(i), Label: n}
	}
	return ticks
}

// percentTicks labels a [0,1] axis in percent.
type percentTicks struct{}

func (percentTicks) Ticks(lo, hi float64) []plot.Tick {
	var ticks []plot.Tick
	for _, t := range (plot.DefaultTicks{}).Ticks(lo, hi) {
		if t.Label != "" {
			t.Label = fmt.Sprintf("%.0f%%", t.Value*100)
		}
		ticks = append(ticks, t)
	}
	return ticks
}

// clip shortens a name for a legend.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// finite reports whether x is a number to draw.
func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }
