package report_test

import (
	"bytes"
	"math"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/copnet/copnet/io/csvio"
	"github.com/copnet/copnet/io/report"
	"github.com/copnet/copnet/metrics"
)

// byID returns the element of n's tree with the id, or nil.
func byID(n *html.Node, id string) *html.Node {
	if n.Type == html.ElementNode {
		for _, a := range n.Attr {
			if a.Key == "id" && a.Val == id {
				return n
			}
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := byID(c, id); f != nil {
			return f
		}
	}
	return nil
}

// elements returns the elements of n's tree named tag, in document order.
func elements(n *html.Node, tag string) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == tag {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

// textOf is the text of n's tree.
func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// tableByCaption returns the body rows' cell texts of the table of sec
// whose caption starts with prefix.
func tableByCaption(t *testing.T, sec *html.Node, prefix string) [][]string {
	t.Helper()
	for _, tab := range elements(sec, "table") {
		caps := elements(tab, "caption")
		if len(caps) == 0 || !strings.HasPrefix(textOf(caps[0]), prefix) {
			continue
		}
		var rows [][]string
		for _, tb := range elements(tab, "tbody") {
			for _, tr := range elements(tb, "tr") {
				var cells []string
				for _, td := range elements(tr, "td") {
					cells = append(cells, textOf(td))
				}
				rows = append(rows, cells)
			}
		}
		return rows
	}
	t.Fatalf("no table captioned %q", prefix)
	return nil
}

func parseDoc(t *testing.T, s string) *html.Node {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(s))
	if err != nil {
		t.Fatalf("HTML does not parse: %v", err)
	}
	return doc
}

// TestClaimsSectionOfDemo reads the claims section of the demo's report:
// the findings as a list, the pace table and the core/periphery tests of
// the organization, checked against the analysis's own results.
func TestClaimsSectionOfDemo(t *testing.T) {
	a := demoAnalysis(t)
	doc := parseDoc(t, a.Report(report.ReportOptions{}))
	sec := byID(doc, "claims")
	if sec == nil {
		t.Fatal("the report has no section of id claims")
	}
	items := elements(sec, "li")
	fs := a.Findings()
	if len(fs) == 0 || len(items) != len(fs) {
		t.Fatalf("%d findings listed, want %d", len(items), len(fs))
	}
	for i, f := range fs {
		if got := textOf(items[i]); got != f.Text {
			t.Errorf("finding %d: got %q, want %q", i, got, f.Text)
		}
	}
	// Pace: one row per scope; the demo's organization compares 540
	// first responses with 174 acceptance lags (its finding says so).
	pace := tableByCaption(t, sec, "Pace")
	if len(pace) != 1 {
		t.Fatalf("pace table has %d rows, want 1", len(pace))
	}
	row := pace[0]
	want := strconv.FormatFloat(a.Claims.Pace[0].Ratio.Estimate, 'g', 3, 64)
	if row[0] != "whole organization" || row[2] != "540" || row[5] != "174" || row[8] != want {
		t.Errorf("pace row %q: want whole organization, 540 responses, 174 lags, ratio %s", row, want)
	}
	// Core/periphery: the organization's windows tested and those beyond
	// their rewirings, counted from the tests themselves.
	nw := len(a.Windows)
	tested, beyond := 0, 0
	for _, c := range a.Claims.Core[:nw] {
		if !math.IsNaN(c.P) {
			tested++
			if c.P < a.Options.Alpha {
				beyond++
			}
		}
	}
	core := tableByCaption(t, sec, "Core/periphery")
	if len(core) != 1 || core[0][0] != "whole organization" || core[0][1] != strconv.Itoa(tested) || core[0][2] != strconv.Itoa(beyond) {
		t.Errorf("core/periphery rows %q: want the organization with %d tested, %d beyond", core, tested, beyond)
	}
	if tested != 8 || beyond != 1 {
		t.Errorf("demo: %d of %d windows beyond the rewirings, want 1 of 8 (its finding)", beyond, tested)
	}
	// The definitions cite the tests' references.
	defs := textOf(byID(doc, "definitions"))
	for _, ref := range []string{"Benjamini & Hochberg (1995)", "North, Curtis & Sham (2002)", "Kojaku & Masuda (2018)", "Borgatti & Everett (1999)", "Huysman"} {
		if !strings.Contains(defs, ref) {
			t.Errorf("definitions lack %s", ref)
		}
	}
	// The other faces hold the section too.
	if byID(parseDoc(t, a.HTML()), "claims") == nil {
		t.Error("Analysis.HTML has no claims section")
	}
	var sum bytes.Buffer
	if err := a.WriteSummary(&sum, "html"); err != nil {
		t.Fatal(err)
	}
	if byID(parseDoc(t, sum.String()), "claims") == nil {
		t.Error("the html summary has no claims section")
	}
	sum.Reset()
	if err := a.WriteSummary(&sum, "markdown"); err != nil {
		t.Fatal(err)
	}
	for _, md := range []string{a.Markdown(), sum.String()} {
		if !strings.Contains(md, "## The model's claims, tested on these data") || !strings.Contains(md, "*Pace: objectification against exchange") {
			t.Error("a Markdown face lacks the claims section")
		}
	}
	if !strings.Contains(a.HTML(), "dotio.NewPicture") {
		t.Error("Analysis.HTML does not say how to draw the network")
	}
}

// TestAdvantageSummariesByHand replaces the karate club's community
// tests with rows whose outcome is known: a community beats its random
// groups on an indicator when one of its tests (whole period or window)
// has q < α and z > 0; untested rows (no p) and Louvain's communities
// do not count.
func TestAdvantageSummariesByHand(t *testing.T) {
	net, _, err := csvio.Load("../../testdata/karate", csvio.Options{})
	if err != nil {
		t.Fatal(err)
	}
	a, err := analyze(net, "karate")
	if err != nil {
		t.Fatal(err)
	}
	nan := math.NaN()
	row := func(part string, g int32, w int, ind string, p, q, z float64) metrics.AdvantageResult {
		return metrics.AdvantageResult{Partition: part, Group: g, Window: w, Q: q,
			AdvantageRow: metrics.AdvantageRow{Indicator: ind, NullTest: metrics.NullTest{P: p, Z: z, Observed: 1, NullMean: 0, NullSD: 1}}}
	}
	a.Claims.Advantage = []metrics.AdvantageResult{
		row("declared", 0, -1, metrics.IndicatorDensity, 0.01, 0.02, 2),         // beats
		row("declared", 0, -1, metrics.IndicatorReciprocity, 0.5, 0.6, -1),      // tested
		row("declared", 1, -1, metrics.IndicatorDensity, 0.01, 0.02, -2),        // below its groups
		row("declared", 1, 0, metrics.IndicatorClustering, 0.01, 0.04, 1),       // beats, in window 0
		row("declared", 1, -1, metrics.IndicatorClustering, nan, nan, nan),      // untested
		row("declared", 0, -1, metrics.IndicatorNewcomersToCore, nan, nan, nan), // untested
		row("declared", 0, -1, metrics.IndicatorCosine, 0.001, 0.05, 3),         // q not below α
		row("detected", 0, -1, metrics.IndicatorRetention, 0.001, 0.001, 3),     // Louvain's
	}
	got := a.AdvantageSummaries()
	want := []report.AdvantageSummary{
		{Moment: "externalizing", Indicators: []string{metrics.IndicatorDensity, metrics.IndicatorReciprocity, metrics.IndicatorClustering},
			Tested: 2, Beating: 2, ByIndicator: [][2]int{{2, 1}, {1, 0}, {1, 1}}},
		{Moment: "objectifying", Indicators: []string{metrics.IndicatorCosine}, Tested: 1, Beating: 0, ByIndicator: [][2]int{{1, 0}}},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d moments %+v, want %d", len(got), got, len(want))
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.Moment != w.Moment || g.Tested != w.Tested || g.Beating != w.Beating || strings.Join(g.Indicators, ",") != strings.Join(w.Indicators, ",") {
			t.Errorf("moment %d: got %+v, want %+v", i, g, w)
			continue
		}
		for j := range w.ByIndicator {
			if g.ByIndicator[j] != w.ByIndicator[j] {
				t.Errorf("%s %s: got %v, want %v", w.Moment, w.Indicators[j], g.ByIndicator[j], w.ByIndicator[j])
			}
		}
	}
	// The report's table says the same.
	sec := byID(parseDoc(t, a.Report(report.ReportOptions{})), "claims")
	rows := tableByCaption(t, sec, "Declared communities against size-matched random groups")
	if len(rows) != 2 || rows[0][0] != "externalizing" || rows[0][1] != "2" || rows[0][2] != "2" || rows[0][3] != "100%" ||
		rows[0][4] != "density 1 of 2; reciprocity 0 of 1; clustering 1 of 1" {
		t.Errorf("advantage table %q", rows)
	}
}
