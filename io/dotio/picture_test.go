package dotio_test

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"html"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/copnet/copnet/graph"
	"github.com/copnet/copnet/io/csvio"
	"github.com/copnet/copnet/io/dotio"
	"github.com/copnet/copnet/metrics"
)

// roles computes the default roles of p, as netmetrics dot does.
func roles(p *graph.Projection) []dotio.Role {
	wr := metrics.AssignRoles(p, metrics.RoleMethod{}, metrics.DefaultExactNodes)
	out := make([]dotio.Role, len(wr.Roles))
	for i, r := range wr.Roles {
		out[i] = dotio.Role(r)
	}
	return out
}

func TestRolesFollowMetrics(t *testing.T) {
	pairs := map[metrics.Role]dotio.Role{metrics.Absent: dotio.RoleNone, metrics.Periphery: dotio.RolePeriphery, metrics.Semi: dotio.RoleSemi, metrics.Core: dotio.RoleCore}
	for m, d := range pairs {
		if dotio.Role(m) != d {
			t.Errorf("dotio.Role(%v) = %v, want %v", m, dotio.Role(m), d)
		}
	}
}

func demoAll(t *testing.T) (*graph.Network, *graph.Projection) {
	t.Helper()
	demo, _, err := csvio.Demo()
	if err != nil {
		t.Fatal(err)
	}
	return demo, demo.Project(demo.All(), graph.Organization, graph.ProjectOptions{})
}

func emailEU(t *testing.T) (*graph.Network, *graph.Projection) {
	t.Helper()
	net, _, err := csvio.Load("../../testdata/email-eu-core", csvio.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return net, net.Project(net.All(), graph.Organization, graph.ProjectOptions{})
}

func svgOf(t *testing.T, n *graph.Network, p *graph.Projection, opt dotio.Options) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := dotio.RenderSVG(context.Background(), &b, n, p, opt); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestSVGDeterministic: the in-process picture is the same bytes for the
// same input and seed, and another seed moves the members.
func TestSVGDeterministic(t *testing.T) {
	n, p := demoAll(t)
	opt := dotio.Options{Engine: dotio.EngineGo, Labels: 15, Roles: roles(p), Seed: 7}
	a, b := svgOf(t, n, p, opt), svgOf(t, n, p, opt)
	if !bytes.Equal(a, b) {
		t.Error("two renderings of the demo differ")
	}
	opt.Seed = 8
	if c := svgOf(t, n, p, opt); bytes.Equal(a, c) {
		t.Error("seeds 7 and 8 give the same picture")
	}
}

// svgTextsList returns the text elements of an SVG document in order,
// and fails when the document is not well-formed XML.
func svgTextsList(t *testing.T, svg []byte) []string {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(svg))
	var out []string
	var cur *strings.Builder
	for {
		tok, err := dec.Token()
		if err != nil {
			if err.Error() != "EOF" {
				t.Fatalf("SVG does not parse: %v", err)
			}
			return out
		}
		switch v := tok.(type) {
		case xml.StartElement:
			if v.Name.Local == "text" {
				cur = &strings.Builder{}
			}
		case xml.EndElement:
			if v.Name.Local == "text" && cur != nil {
				out = append(out, cur.String())
				cur = nil
			}
		case xml.CharData:
			if cur != nil {
				cur.Write(v)
			}
		}
	}
}

// TestLabelsAreRealNames: -labels N labels exactly the N most active
// members, with their names (email-eu-core: their numeric ids), and no
// internal node id appears anywhere as text.
func TestLabelsAreRealNames(t *testing.T) {
	n, p := emailEU(t)
	svg := svgOf(t, n, p, dotio.Options{Engine: dotio.EngineGo, Labels: 5, Roles: roles(p)})
	texts := svgTextsList(t, svg)
	// The five most active members by flows sent and received, from
	// testdata/email_top.py (pandas; self-flows excluded, as in the
	// projection).
	want := []string{"987", "168", "629", "586", "356"}
	for _, w := range want {
		if !slicesContains(texts, w) {
			t.Errorf("no label %q among the texts", w)
		}
	}
	internal := regexp.MustCompile(`^m\d+$`)
	nlabels := 0
	for _, s := range texts {
		if internal.MatchString(s) {
			t.Errorf("internal id %q drawn", s)
		}
		if regexp.MustCompile(`^\d+$`).MatchString(s) {
			nlabels++
		}
	}
	if nlabels != 5 {
		t.Errorf("%d numeric labels, want 5", nlabels)
	}
	// The legend names the departments, largest first (email_top.py:
	// members.csv community counts among active members).
	if !slicesContains(texts, "Department 4 (107)") {
		t.Errorf("legend lacks the largest department: %q", texts)
	}
	// DOT: unlabelled nodes carry no label text at all.
	var dot bytes.Buffer
	if err := dotio.Write(&dot, n, p, dotio.Options{Labels: 5}); err != nil {
		t.Fatal(err)
	}
	if c := strings.Count(dot.String(), "xlabel="); c != 5 {
		t.Errorf("DOT has %d xlabels, want 5", c)
	}
}

// TestLabelsClear: the names drawn on the demo (15) and on email-eu-core
// (30) do not overlap one another, their extent estimated at 6.2 pixels a
// character, 9 above the baseline and 3 below, as an 11-pixel sans-serif
// font sets them; every name asked for is drawn.
func TestLabelsClear(t *testing.T) {
	label := regexp.MustCompile(`<text x="([0-9.]+)" y="([0-9.]+)"(?: text-anchor="(end|middle)")?>([^<]*)</text>`)
	for _, c := range []struct {
		name   string
		load   func(*testing.T) (*graph.Network, *graph.Projection)
		labels int
	}{{"demo", demoAll, 15}, {"email-eu-core", emailEU, 30}} {
		n, p := c.load(t)
		svg := string(svgOf(t, n, p, dotio.Options{Engine: dotio.EngineGo, Labels: c.labels, Roles: roles(p)}))
		_, group, ok := strings.Cut(svg, `<g font-size="11"`)
		if !ok {
			t.Fatalf("%s: no label group", c.name)
		}
		group, _, _ = strings.Cut(group, "</g>")
		type rect struct{ x0, y0, x1, y1 float64 }
		var boxes []rect
		var names []string
		for _, m := range label.FindAllStringSubmatch(group, -1) {
			x, _ := strconv.ParseFloat(m[1], 64)
			y, _ := strconv.ParseFloat(m[2], 64)
			w := 6.2 * float64(utf8.RuneCountInString(html.UnescapeString(m[4])))
			switch m[3] {
			case "end":
				x -= w
			case "middle":
				x -= w / 2
			}
			boxes = append(boxes, rect{x, y - 9, x + w, y + 3})
			names = append(names, m[4])
		}
		if len(boxes) != c.labels {
			t.Errorf("%s: %d labels drawn, want %d", c.name, len(boxes), c.labels)
		}
		for i, a := range boxes {
			for j, b := range boxes[:i] {
				if a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1 {
					t.Errorf("%s: labels %q and %q overlap", c.name, names[i], names[j])
				}
			}
		}
	}
}

func slicesContains(s []string, x string) bool {
	for _, v := range s {
		if v == x {
			return true
		}
	}
	return false
}

// nonWhite returns the share of pixels that are not white.
func nonWhite(img image.Image) float64 {
	b := img.Bounds()
	n := 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if r < 0xf000 || g < 0xf000 || bl < 0xf000 {
				n++
			}
		}
	}
	return float64(n) / float64(b.Dx()*b.Dy())
}

// TestPictureReadable draws the demo and email-eu-core in-process and
// checks that the PNG, 1,400 pixels wide, is more than 5% ink, drawn in
// under 5 s (measured: about 0.5 s for email-eu-core's 986 members and
// 16,064 ties). With rsvg-convert installed, the SVG is rasterized too.
func TestPictureReadable(t *testing.T) {
	cases := []struct {
		name string
		load func(*testing.T) (*graph.Network, *graph.Projection)
	}{{"demo", demoAll}, {"email-eu-core", emailEU}}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			n, p := c.load(t)
			opt := dotio.Options{Engine: dotio.EngineGo, Labels: 15, Roles: roles(p), Title: c.name}
			start := time.Now()
			pic, err := dotio.NewPicture(context.Background(), n, p, opt)
			if err != nil {
				t.Fatal(err)
			}
			data := pic.PNG()
			if d := time.Since(start); d > 5*time.Second && !raceEnabled {
				t.Errorf("took %v, want under 5 s", d)
			}
			img, err := png.Decode(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			if w := img.Bounds().Dx(); w != dotio.DefaultWidth {
				t.Errorf("PNG is %d pixels wide, want %d", w, dotio.DefaultWidth)
			}
			if h := img.Bounds().Dy(); h > dotio.DefaultHeight {
				t.Errorf("PNG is %d pixels high, want at most %d", h, dotio.DefaultHeight)
			}
			if share := nonWhite(img); share < 0.05 {
				t.Errorf("%.1f%% of the pixels are not white, want more than 5%%", 100*share)
			}
			rsvg, err := exec.LookPath("rsvg-convert")
			if err != nil {
				t.Log("rsvg-convert not installed: the SVG is not rasterized")
				return
			}
			dir := t.TempDir()
			in, out := filepath.Join(dir, "p.svg"), filepath.Join(dir, "p.png")
			if err := os.WriteFile(in, []byte(pic.SVG()), 0o644); err != nil {
				t.Fatal(err)
			}
			if b, err := exec.Command(rsvg, "-w", "1400", in, "-o", out).CombinedOutput(); err != nil {
				t.Fatalf("rsvg-convert: %v: %s", err, b)
			}
			f, err := os.Open(out)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			rimg, err := png.Decode(f)
			if err != nil {
				t.Fatal(err)
			}
			if share := nonWhite(rimg); share < 0.05 {
				t.Errorf("rsvg-convert: %.1f%% of the pixels are not white, want more than 5%%", 100*share)
			}
		})
	}
}

// TestRoleSamplesVisible: each role's sample in the legend is a disc
// darker than the page, periphery included (its sample has no outline, as
// its members have none), so that a reader sees what each role looks like.
func TestRoleSamplesVisible(t *testing.T) {
	n, p := demoAll(t)
	svg := svgOf(t, n, p, dotio.Options{Engine: dotio.EngineGo, Roles: roles(p)})
	sample := regexp.MustCompile(`<circle [^>]*fill="#([0-9a-f]{6})"([^>]*)/><text [^>]*>((?:core|semi-periphery|periphery) \(\d+\))</text>`)
	found := map[string]bool{}
	for _, m := range sample.FindAllStringSubmatch(string(svg), -1) {
		role := strings.Fields(m[3])[0]
		found[role] = true
		v, _ := strconv.ParseUint(m[1], 16, 32)
		r, g, b := float64(v>>16), float64(v>>8&0xff), float64(v&0xff)
		if lum := (0.2126*r + 0.7152*g + 0.0722*b) / 255; lum > 0.8 {
			t.Errorf("%s: sample filled #%s (luminance %.2f) fades into the page", role, m[1], lum)
		}
		if outlined := strings.Contains(m[2], "stroke="); outlined == (role == "periphery") {
			t.Errorf("%s: sample outlined %v, members outlined %v", role, outlined, role != "periphery")
		}
	}
	if len(found) != 3 {
		t.Errorf("role samples found: %v, want core, semi-periphery and periphery", found)
	}
}

// TestTooLarge: beyond the bounds the in-process layout refuses at once.
func TestTooLarge(t *testing.T) {
	n, p := emailEU(t)
	start := time.Now()
	_, err := dotio.NewLayout(context.Background(), n, p, dotio.Options{Engine: dotio.EngineGo, MaxNodes: 500})
	if !errors.Is(err, dotio.ErrTooLarge) {
		t.Fatalf("err = %v, want ErrTooLarge", err)
	}
	want := "dotio: 986 members and 16064 ties: too large for the in-process layout (at most 500 members and 100000 ties)"
	if err.Error() != want {
		t.Errorf("message %q, want %q", err, want)
	}
	if d := time.Since(start); d > 100*time.Millisecond {
		t.Errorf("refusal took %v", d)
	}
	if _, err := dotio.NewLayout(context.Background(), n, p, dotio.Options{Engine: dotio.EngineGo, MaxEdges: 16063}); !errors.Is(err, dotio.ErrTooLarge) {
		t.Errorf("edge bound: err = %v, want ErrTooLarge", err)
	}
}

// fakeGraphviz puts a program named sfdp that never ends first on PATH.
func fakeGraphviz(t *testing.T) {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "sfdp"), []byte("#!/bin/sh\nexec sleep 60\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := exec.LookPath("sleep"); err != nil {
		t.Skip("no sleep program")
	}
	t.Setenv("PATH", dir+string(os.PathListSeparator)+os.Getenv("PATH"))
}

// TestInterruptStopsGraphviz: cancelling the context stops a running
// Graphviz program within 1 s.
func TestInterruptStopsGraphviz(t *testing.T) {
	fakeGraphviz(t)
	n, p := demoAll(t)
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(200*time.Millisecond, cancel)
	start := time.Now()
	_, err := dotio.NewLayout(ctx, n, p, dotio.Options{Engine: dotio.EngineGraphviz})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
	if d := time.Since(start) - 200*time.Millisecond; d > time.Second {
		t.Errorf("stopped %v after the interrupt, want under 1 s", d)
	}
}

// TestInterruptStopsGoLayout: the in-process layout stops too.
func TestInterruptStopsGoLayout(t *testing.T) {
	n, p := emailEU(t)
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	start := time.Now()
	_, err := dotio.NewLayout(ctx, n, p, dotio.Options{Engine: dotio.EngineGo})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("took %v, want under 1 s", d)
	}
}

// TestEngines: auto falls back to the in-process layout without Graphviz
// on PATH; graphviz then says it is missing; a layout program Graphviz
// lacks is named.
func TestEngines(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	k := karate(t)
	p := k.Project(k.All(), graph.Organization, graph.ProjectOptions{})
	l, err := dotio.NewLayout(context.Background(), k, p, dotio.Options{})
	if err != nil || l.Engine != "go" {
		t.Errorf("auto without Graphviz: engine %v, err %v", l, err)
	}
	if _, err := dotio.NewLayout(context.Background(), k, p, dotio.Options{Engine: dotio.EngineGraphviz}); !errors.Is(err, dotio.ErrNoGraphviz) {
		t.Errorf("graphviz without Graphviz: err = %v, want ErrNoGraphviz", err)
	}
	// With Graphviz there (its dot on PATH) but no program of the
	// layout's name: a named layout is a mistake either way, the default
	// one falls back.
	bin := t.TempDir()
	if err := os.WriteFile(filepath.Join(bin, "dot"), []byte("#!/bin/sh\nexit 1\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin)
	for _, e := range []dotio.Engine{dotio.EngineAuto, dotio.EngineGraphviz} {
		if _, err := dotio.NewLayout(context.Background(), k, p, dotio.Options{Engine: e, Layout: "nosuchprog"}); !errors.Is(err, dotio.ErrNoLayoutProgram) || errors.Is(err, dotio.ErrNoGraphviz) {
			t.Errorf("%v with -layout nosuchprog: err = %v, want ErrNoLayoutProgram", e, err)
		}
	}
	if l, err := dotio.NewLayout(context.Background(), k, p, dotio.Options{}); err != nil || l.Engine != "go" {
		t.Errorf("auto without sfdp: engine %v, err %v", l, err)
	}
	for s, want := range map[string]dotio.Engine{"auto": dotio.EngineAuto, "go": dotio.EngineGo, "graphviz": dotio.EngineGraphviz} {
		if e, err := dotio.ParseEngine(s); err != nil || e != want || e.String() != s {
			t.Errorf("ParseEngine(%q) = %v, %v", s, e, err)
		}
	}
	if _, err := dotio.ParseEngine("neato"); err == nil {
		t.Error("ParseEngine(neato) accepted")
	}
}

// TestGraphvizLayout lays karate out with Graphviz's sfdp: every member
// gets a position.
func TestGraphvizLayout(t *testing.T) {
	if _, err := exec.LookPath("sfdp"); err != nil {
		if os.Getenv("COPNET_REQUIRE_GRAPHVIZ") != "" {
			t.Fatal("Graphviz sfdp is not installed and COPNET_REQUIRE_GRAPHVIZ is set")
		}
		t.Skip("Graphviz sfdp is not installed (apt-get install graphviz); CI runs this test")
	}
	k := karate(t)
	p := k.Project(k.All(), graph.Organization, graph.ProjectOptions{})
	l, err := dotio.NewLayout(context.Background(), k, p, dotio.Options{Engine: dotio.EngineGraphviz})
	if err != nil {
		t.Fatal(err)
	}
	if l.Engine != "graphviz sfdp" || len(l.Nodes) != 34 {
		t.Errorf("engine %q, %d nodes", l.Engine, len(l.Nodes))
	}
	seen := map[[2]float64]bool{}
	for k := range l.Nodes {
		seen[[2]float64{l.X[k], l.Y[k]}] = true
	}
	if len(seen) != 34 {
		t.Errorf("%d distinct positions, want 34", len(seen))
	}
	var svg bytes.Buffer
	if err := dotio.WriteSVG(&svg, k, p, l, dotio.Options{Undirected: true}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(svg.Bytes(), []byte("34 members, 78 ties; layout: graphviz sfdp")) {
		t.Error("the SVG's note does not count 34 members and 78 ties")
	}
}

// TestWindowsShareTheLayout draws a window with the layout of the whole
// period: a member stands at the same place in both pictures.
func TestWindowsShareTheLayout(t *testing.T) {
	n, p := demoAll(t)
	ws, err := n.Windows(graph.WindowSpec{Unit: graph.Year})
	if err != nil {
		t.Fatal(err)
	}
	l, err := dotio.NewLayout(context.Background(), n, p, dotio.Options{Engine: dotio.EngineGo})
	if err != nil {
		t.Fatal(err)
	}
	pw := n.Project(ws[2], graph.Organization, graph.ProjectOptions{})
	var all, win bytes.Buffer
	if err := dotio.WriteSVG(&all, n, p, l, dotio.Options{}); err != nil {
		t.Fatal(err)
	}
	if err := dotio.WriteSVG(&win, n, pw, l, dotio.Options{Roles: roles(pw)}); err != nil {
		t.Fatal(err)
	}
	// The first member of the window, by its tooltip, has the same
	// centre in both.
	m := &n.Members[pw.Nodes[0]]
	centre := regexp.MustCompile(`<circle cx="([^"]+)" cy="([^"]+)"[^>]*><title>` + regexp.QuoteMeta(m.Label()) + ` `)
	a, b := centre.FindSubmatch(all.Bytes()), centre.FindSubmatch(win.Bytes())
	if a == nil || b == nil || string(a[1]) != string(b[1]) || string(a[2]) != string(b[2]) {
		t.Errorf("member %q: centre %q in the period, %q in the window", m.Label(), a, b)
	}
	// A projection with a member the layout lacks is refused.
	k := karate(t)
	if err := dotio.WriteSVG(&win, k, k.Project(k.All(), graph.Organization, graph.ProjectOptions{}), l, dotio.Options{}); err == nil {
		t.Error("karate drawn with the demo's layout")
	}
}

// TestHostileNamesInSVG: names come out of the SVG writer as written
// (line breaks as spaces), and the document stays well-formed.
func TestHostileNamesInSVG(t *testing.T) {
	b := graph.NewBuilder()
	c, _ := b.AddCommunity(graph.Community{ID: `c"1`, Name: `Cluster "<b>" \ &`})
	for i, name := range hostile {
		if _, err := b.AddMember(graph.Member{ID: "id" + name, Name: name, Communities: []int32{c}}); err != nil {
			t.Fatal(err)
		}
		if i > 0 {
			if err := b.AddFlow(graph.Flow{Source: int32(i - 1), Target: int32(i), Weight: 1, Community: graph.None, Kind: graph.None}, nil); err != nil {
				t.Fatal(err)
			}
		}
	}
	net := b.Network()
	p := net.Project(net.All(), graph.Organization, graph.ProjectOptions{})
	svg := svgOf(t, net, p, dotio.Options{Engine: dotio.EngineGo, Labels: dotio.LabelAll, Title: "title \"&\" \\ <x>"})
	texts := svgTextsList(t, svg)
	for _, name := range append(hostile, "title \"&\" \\ <x>") {
		if want := strings.ReplaceAll(name, "\n", " "); !slicesContains(texts, want) {
			t.Errorf("SVG has no text %q", want)
		}
	}
	if !slicesContains(texts, `Cluster "<b>" \ & (14)`) {
		t.Errorf("legend lacks the community: %q", texts)
	}
}

// TestUndirectedActivityCountsFlowsOnce: in a network whose flows carry no
// direction, every flow a member took part in is both sent and received;
// sizes, tooltips and the legend count it once. Karate's members 34 and 1
// have 17 and 16 ties (Zachary 1977), so the largest is 17 flows, not 34.
func TestUndirectedActivityCountsFlowsOnce(t *testing.T) {
	k := karate(t)
	p := k.Project(k.All(), graph.Organization, graph.ProjectOptions{})
	texts := svgTextsList(t, svgOf(t, k, p, dotio.Options{Engine: dotio.EngineGo, Undirected: true}))
	for _, want := range []string{"flows taken part in", "largest: 17 flows"} {
		if !slicesContains(texts, want) {
			t.Errorf("legend lacks %q: %q", want, texts)
		}
	}
	dot := string(writeDOT(t, k, p, dotio.Options{Undirected: true}))
	if !strings.Contains(dot, `tooltip="1: 16 flows"`) || !strings.Contains(dot, `tooltip="34: 17 flows"`) {
		t.Errorf("tooltips do not count each flow once:\n%.600s", dot)
	}
	// Undirected data is drawn undirected even without the option: its
	// arcs come in pairs.
	edges := regexp.MustCompile(`(?m)^\tm\d+ -- m\d+ `)
	if d := string(writeDOT(t, k, p, dotio.Options{})); !strings.HasPrefix(d, "graph ") || len(edges.FindAllString(d, -1)) != 78 {
		t.Errorf("undirected data without Options.Undirected: %d edges, want 78 in a graph:\n%.200s", len(edges.FindAllString(d, -1)), d)
	}
	if texts := svgTextsList(t, svgOf(t, k, p, dotio.Options{Engine: dotio.EngineGo})); !slicesContains(texts, "34 members, 78 ties; layout: go") {
		t.Errorf("picture of undirected data without Options.Undirected: %q", texts)
	}
	// Read as arcs, the same ties are sent by one end and received by the
	// other: still 17 for member 34.
	kd := karateAs(t, csvio.Directed)
	dd := string(writeDOT(t, kd, kd.Project(kd.All(), graph.Organization, graph.ProjectOptions{}), dotio.Options{}))
	if !strings.Contains(dd, `tooltip="34: 17 flows"`) {
		t.Errorf("directed tooltips:\n%.600s", dd)
	}
}
