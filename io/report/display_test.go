package report_test

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"flag"
	"fmt"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"golang.org/x/net/html"

	"github.com/copnet/copnet/graph"
	"github.com/copnet/copnet/io/csvio"
	"github.com/copnet/copnet/io/report"
	"github.com/copnet/copnet/metrics"
)

// The notebook display method sets, pinned at compile time: gophernotes
// shows values with these methods, GoNB users pass their strings to
// gonbui.Display*.
type (
	htmlMarkdown interface {
		HTML() string
		Markdown() string
	}
	picture interface {
		SVG() string
		PNG() []byte
	}
)

var (
	_ htmlMarkdown               = (*report.Analysis)(nil)
	_ htmlMarkdown               = (*report.Table[metrics.ScopeWindowRow])(nil)
	_ htmlMarkdown               = (*report.Table[metrics.MemberWindowRow])(nil)
	_ picture                    = (*report.Chart)(nil)
	_ interface{ HTML() string } = (*report.Chart)(nil)
)

var demo = sync.OnceValues(func() (*report.Analysis, error) {
	net, _, err := csvio.Demo()
	if err != nil {
		return nil, err
	}
	return analyze(net, csvio.DemoName)
})

func analyze(net *graph.Network, name string) (*report.Analysis, error) {
	m, err := metrics.Analyze(context.Background(), net, metrics.DefaultOptions())
	if err != nil {
		return nil, err
	}
	ds, err := report.Describe(net, graph.WindowSpec{})
	if err != nil {
		return nil, err
	}
	ds.Dataset = name
	return report.NewAnalysis(m, ds, nil), nil
}

func demoAnalysis(t *testing.T) *report.Analysis {
	t.Helper()
	a, err := demo()
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// svgTexts parses an SVG document and returns its text elements.
func svgTexts(t *testing.T, svg string) []string {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader(svg))
	var texts []string
	var in bool
	var cur strings.Builder
	root := ""
	for {
		tok, err := dec.Token()
		if err != nil {
			if err.Error() != "EOF" {
				t.Fatalf("SVG does not parse: %v", err)
			}
			break
		}
		switch v := tok.(type) {
		case xml.StartElement:
			if root == "" {
				root = v.Name.Local
			}
			if v.Name.Local == "text" {
				in = true
				cur.Reset()
			}
		case xml.EndElement:
			if v.Name.Local == "text" {
				in = false
				texts = append(texts, cur.String())
			}
		case xml.CharData:
			if in {
				cur.Write(v)
			}
		}
	}
	if root != "svg" {
		t.Fatalf("SVG root element %q", root)
	}
	return texts
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

func TestChartsOfDemo(t *testing.T) {
	a := demoAnalysis(t)
	member, err := a.MemberChart("739")
	if err != nil {
		t.Fatal(err)
	}
	charts := append(a.Charts(), member)
	// The demo has no communities: one line per panel (the organization),
	// and knowledge items: every chart is drawn.
	want := []struct {
		title  string
		series int
	}{
		{"Roles per window", 3},
		{"Newcomer cohorts: coreness by tenure", 4}, // three cohorts and the band
		{"Role transitions between consecutive windows", 2},
		{"Exchange: density and reciprocity per window", 1},
		{"Convergence on shared knowledge per window", 1},
		{"Adoption of the 8 most adopted knowledge items", 9}, // eight items and θ
		{"Trajectory of member 739 (yannis)", 5},
	}
	if len(charts) != len(want) {
		t.Fatalf("got %d charts, want %d", len(charts), len(want))
	}
	for i, c := range charts {
		t.Run(want[i].title, func(t *testing.T) {
			if c.Title != want[i].title {
				t.Errorf("title %q, want %q", c.Title, want[i].title)
			}
			if len(c.Series) != want[i].series {
				t.Errorf("got %d series %q, want %d", len(c.Series), c.Series, want[i].series)
			}
			svg := c.SVG()
			texts := svgTexts(t, svg)
			if !contains(texts, c.Title) {
				t.Errorf("SVG has no title text %q", c.Title)
			}
			for _, s := range c.Series {
				if !contains(texts, s) {
					t.Errorf("SVG legend has no series %q", s)
				}
			}
			if svg != c.SVG() {
				t.Error("SVG differs between two calls")
			}
			img, err := png.Decode(bytes.NewReader(c.PNG()))
			if err != nil {
				t.Fatalf("PNG does not decode: %v", err)
			}
			b := img.Bounds()
			wantW := int(math.Round(c.Width.Points() * 96 / 72))
			if b.Dx() != wantW {
				t.Errorf("PNG is %d px wide, want %d", b.Dx(), wantW)
			}
			// Drawn, not blank: a good share of pixels is not white.
			ink := 0
			for y := b.Min.Y; y < b.Max.Y; y += 2 {
				for x := b.Min.X; x < b.Max.X; x += 2 {
					r, g, bl, _ := img.At(x, y).RGBA()
					if r < 0xf000 || g < 0xf000 || bl < 0xf000 {
						ink++
					}
				}
			}
			if share := float64(ink) / float64(b.Dx()*b.Dy()/4); share < 0.02 {
				t.Errorf("PNG is %.1f%% ink, looks blank", share*100)
			}
			if !bytes.Equal(c.PNG(), c.PNG()) {
				t.Error("PNG differs between two calls")
			}
		})
	}
}

// TestTransitionChartCells checks the heat map's labels against counts
// read off the text summary: 382 members arrived, 300 of them as semi.
func TestTransitionChartCells(t *testing.T) {
	a := demoAnalysis(t)
	c, err := a.TransitionChart("*")
	if err != nil {
		t.Fatal(err)
	}
	texts := strings.Join(svgTexts(t, c.SVG()), "|")
	// 300/382 = 78.5%, 40/382 = 10.5% (rounds to even: 10%), 42/382 = 11.0%.
	for _, want := range []string{"79%|300", "10%|40", "11%|42", "95%|861"} {
		if !strings.Contains(texts, want) {
			t.Errorf("no cell %q in %s", want, texts)
		}
	}
}

func TestChartErrors(t *testing.T) {
	a := demoAnalysis(t)
	if _, err := a.MemberChart("no such member"); !errors.Is(err, report.ErrUnknown) {
		t.Errorf("MemberChart(unknown): %v, want ErrUnknown", err)
	}
	if _, err := a.RoleChart("no such scope"); !errors.Is(err, report.ErrUnknown) {
		t.Errorf("RoleChart(unknown): %v, want ErrUnknown", err)
	}
	if _, err := a.AdoptionChart(0); !errors.Is(err, report.ErrNoData) {
		t.Errorf("AdoptionChart(0): %v, want ErrNoData", err)
	}
}

// parseHTML parses markup with the HTML5 parser and returns its text and
// the names of its elements.
func parseHTML(t *testing.T, s string) (text []string, elements map[string]int) {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(s))
	if err != nil {
		t.Fatalf("HTML does not parse: %v", err)
	}
	elements = map[string]int{}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.ElementNode:
			elements[n.Data]++
		case html.TextNode:
			text = append(text, n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return text, elements
}

func TestDisplayOfDemo(t *testing.T) {
	a := demoAnalysis(t)
	text, el := parseHTML(t, a.HTML())
	if el["table"] < 3 || el["script"] > 0 {
		t.Errorf("Analysis.HTML elements %v: want tables and no script", el)
	}
	if !contains(text, "whole organization") {
		t.Error("Analysis.HTML lacks the organization's headline row")
	}
	md := a.Markdown()
	for _, want := range []string{"## Dataset", "## Headline indicators", "| whole organization |"} {
		if !strings.Contains(md, want) {
			t.Errorf("Analysis.Markdown lacks %q", want)
		}
	}

	// A long table shows its head and its size.
	tab := a.MemberWindowTable()
	n := tab.Len()
	if n <= report.DefaultHead {
		t.Fatalf("member_windows has %d rows", n)
	}
	_, el = parseHTML(t, "<table>"+tab.HTML()+"</table>")
	if got := el["tr"]; got != report.DefaultHead+1 {
		t.Errorf("table HTML has %d rows, want the header and %d", got, report.DefaultHead)
	}
	if !strings.Contains(tab.HTML(), "first 20 of ") {
		t.Error("table HTML does not give its size")
	}
	if lines := strings.Count(tab.Markdown(), "\n| "); lines != report.DefaultHead+1 {
		t.Errorf("table Markdown has %d rows, want %d", lines, report.DefaultHead+1)
	}
	// Numbers are rounded for reading.
	if strings.Contains(a.ScopeWindowTable().HTML(), "0.19999999999999996") || strings.Contains(md, "99999") {
		t.Error("display shows unrounded numbers")
	}
}

func TestReportOfDemo(t *testing.T) {
	a := demoAnalysis(t)
	page := a.Report(report.ReportOptions{})
	if page != a.Report(report.ReportOptions{}) {
		t.Error("report differs between two calls")
	}
	_, el := parseHTML(t, page)
	if el["script"] > 0 || el["link"] > 0 || el["iframe"] > 0 {
		t.Errorf("report has script or link elements: %v", el)
	}
	if got := el["svg"]; got != 7 {
		t.Errorf("report has %d SVG charts, want 7", got)
	}
	for _, s := range []string{`id="network-picture"`, `Content-Security-Policy`, `id="definitions"`} {
		if !strings.Contains(page, s) {
			t.Errorf("report lacks %s", s)
		}
	}
	// The demo declares no communities, but Louvain's were tested: the
	// report says where those tests are and why they prove nothing.
	detected := map[string]bool{}
	for r := range a.AdvantageRows() {
		if r.Partition == "detected" && r.P.Valid() {
			detected[r.Scope] = true
		}
	}
	if want := fmt.Sprintf("such tests of %d of the communities Louvain found", len(detected)); len(detected) == 0 || !strings.Contains(page, want) {
		t.Errorf("report lacks %q (%d detected communities tested)", want, len(detected))
	}
	for _, banned := range []string{"http://", "https://", "url("} {
		// The SVG namespaces are names, not requests.
		rest := strings.ReplaceAll(strings.ReplaceAll(page, `xmlns="http://www.w3.org/2000/svg"`, ""), `xmlns:xlink="http://www.w3.org/1999/xlink"`, "")
		if strings.Contains(rest, banned) {
			t.Errorf("report refers to %q", banned)
		}
	}
	// The hook: a picture given by the network renderer is inlined.
	withNet := a.Report(report.ReportOptions{NetworkSVG: `<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" id="net"></svg>`, NetworkNote: "drawn"})
	if !strings.Contains(withNet, `<svg xmlns="http://www.w3.org/2000/svg" id="net"></svg>`) || strings.Contains(withNet, `class="hook"`) {
		t.Error("NetworkSVG is not inlined in place of the placeholder")
	}
}

// hostileNames are member and community names that break markup.
var hostileNames = []string{`<script>alert(1)</script>`, `"&'`, `</svg><b>x`, `a|b*_c_`}

func hostileNetwork(t *testing.T) *graph.Network {
	t.Helper()
	var members, comms, flows strings.Builder
	members.WriteString("id,name,community\n")
	comms.WriteString("id,name\n")
	flows.WriteString("source,target,time,knowledge\n")
	q := func(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }
	for i, h := range hostileNames {
		members.WriteString(q("m"+h) + "," + q(h) + "," + q("c"+h) + "\n")
		members.WriteString(q("n"+h) + "," + q(h+"2") + "," + q("c"+h) + "\n")
		comms.WriteString(q("c"+h) + "," + q(h) + "\n")
		for d := range 4 {
			day := "2021-0" + string(rune('1'+d)) + "-1" + string(rune('0'+i)) + "T10:00:00Z"
			flows.WriteString(q("m"+h) + "," + q("n"+h) + "," + day + "," + q("k"+h) + "\n")
			flows.WriteString(q("n"+h) + "," + q("m"+h) + "," + day + "," + q("k"+h) + "\n")
			next := hostileNames[(i+1)%len(hostileNames)]
			flows.WriteString(q("m"+h) + "," + q("m"+next) + "," + day + "," + q("k"+h) + "\n")
		}
	}
	net, _, err := csvio.LoadReaders(csvio.Readers{
		Flows:       csvio.Input{Name: "flows.csv", R: strings.NewReader(flows.String())},
		Members:     &csvio.Input{Name: "members.csv", R: strings.NewReader(members.String())},
		Communities: &csvio.Input{Name: "communities.csv", R: strings.NewReader(comms.String())},
	}, csvio.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return net
}

func TestHostileNamesEscaped(t *testing.T) {
	a, err := analyze(hostileNetwork(t), `<script>alert(1)</script> & "data"`)
	if err != nil {
		t.Fatal(err)
	}
	c, err := a.MemberChart("m" + hostileNames[0])
	if err != nil {
		t.Fatal(err)
	}
	pages := map[string]string{
		"Analysis.HTML":  a.HTML(),
		"Report":         a.Report(report.ReportOptions{Members: []string{"m" + hostileNames[0]}}),
		"CommunityTable": "<table>" + a.CommunityTable().HTML() + "</table>",
		"Chart.HTML":     c.HTML(),
	}
	var summary bytes.Buffer
	if err := a.WriteSummary(&summary, "html"); err != nil {
		t.Fatal(err)
	}
	pages["summary html"] = summary.String()
	for name, p := range pages {
		text, el := parseHTML(t, p)
		if el["script"] > 0 || el["b"] > 0 {
			t.Errorf("%s: a name became markup: %v", name, el)
		}
		all := strings.Join(text, "\n")
		for _, h := range hostileNames {
			if name != "Chart.HTML" && !strings.Contains(all, h) {
				t.Errorf("%s: name %q not shown as text", name, h)
			}
		}
	}
	// In charts, names are SVG text.
	ex, err := a.ExchangeChart()
	if err != nil {
		t.Fatal(err)
	}
	texts := svgTexts(t, ex.SVG())
	for _, h := range hostileNames {
		if !contains(texts, h) {
			t.Errorf("exchange chart legend lacks %q", h)
		}
	}
	if !contains(svgTexts(t, c.SVG()), "Trajectory of member m<script>alert(1)</script> (<script>alert(1)</script>)") {
		t.Error("member chart title not escaped as text")
	}
	// Markdown: no raw markup.
	md := a.Markdown()
	var mdSummary bytes.Buffer
	if err := a.WriteSummary(&mdSummary, "markdown"); err != nil {
		t.Fatal(err)
	}
	for _, m := range []string{md, mdSummary.String()} {
		if strings.Contains(m, "<script>") || strings.Contains(m, "</svg>") {
			t.Error("Markdown holds raw markup from a name")
		}
		if !strings.Contains(m, `\<script\>alert(1)\</script\>`) || !strings.Contains(m, `a\|b\*\_c\_`) {
			t.Error("Markdown does not escape names")
		}
	}
}

// TestHeadlinesByHand checks the headline aggregation on a network small
// enough to compute by hand: two yearly windows; a and b exchange in both,
// c writes to a in the second.
//
//	window 2020: arcs a→b, b→a; n = 2: density 2/2 = 1, reciprocity 1
//	window 2021: arcs a→b, b→a, c→a; n = 3: density 3/6 = 0.5,
//	             reciprocity 2/3
//
// Means: density 0.75, reciprocity 5/6. Newcomers after the first
// window: c alone.
func TestHeadlinesByHand(t *testing.T) {
	flows := "source,target,time\na,b,2020-03-01\nb,a,2020-04-01\na,b,2021-03-01\nb,a,2021-04-01\nc,a,2021-05-01\n"
	net, _, err := csvio.LoadReaders(csvio.Readers{Flows: csvio.Input{Name: "flows.csv", R: strings.NewReader(flows)}}, csvio.Options{})
	if err != nil {
		t.Fatal(err)
	}
	opt := metrics.DefaultOptions()
	opt.Windows = graph.WindowSpec{Unit: graph.Year}
	m, err := metrics.Analyze(context.Background(), net, opt)
	if err != nil {
		t.Fatal(err)
	}
	a := report.NewAnalysis(m, report.Summary{}, nil)
	h := a.Headlines()[0]
	if h.Scope != "*" || h.ActiveMembers != 3 || h.Newcomers != 1 {
		t.Errorf("scope %q active %d newcomers %d, want * 3 1", h.Scope, h.ActiveMembers, h.Newcomers)
	}
	if math.Abs(h.Density-0.75) > 1e-12 || math.Abs(h.Reciprocity-5.0/6) > 1e-12 {
		t.Errorf("density %g reciprocity %g, want 0.75 and 5/6", h.Density, h.Reciprocity)
	}
}

// golden compares got with testdata/name, rewriting it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if updating() {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden file (go test -update rewrites it after review)", name)
	}
}

func TestGoldenChartAndSection(t *testing.T) {
	a := demoAnalysis(t)
	c, err := a.TransitionChart("*")
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "demo-transitions.svg", c.SVG())
	var b bytes.Buffer
	if err := a.WriteSummary(&b, "markdown"); err != nil {
		t.Fatal(err)
	}
	md := b.String()
	// The headline section: from its heading to the next one.
	i := strings.Index(md, "## Headline indicators")
	j := strings.Index(md[i+1:], "\n## ")
	if i < 0 || j < 0 {
		t.Fatalf("no headline section in\n%s", md)
	}
	golden(t, "demo-headline.md", md[i:i+1+j+1])
}

// updating reports whether -update was given: the flag is defined once, by
// the package's internal tests, for every golden file of the package.
func updating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}
