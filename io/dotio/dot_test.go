package dotio_test

import (
	"bytes"
	"encoding/xml"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/copnet/copnet/graph"
	"github.com/copnet/copnet/io/csvio"
	"github.com/copnet/copnet/io/dotio"
)

var update = flag.Bool("update", false, "rewrite golden files")

func karate(t *testing.T) *graph.Network {
	t.Helper()
	return karateAs(t, csvio.FromDataset)
}

// karateAs loads karate (declared undirected) as its dataset.json says,
// or with each tie read as an arc, lower id → higher.
func karateAs(t *testing.T, d csvio.Direction) *graph.Network {
	t.Helper()
	net, _, err := csvio.Load("../../testdata/karate", csvio.Options{Strict: true, Direction: d})
	if err != nil {
		t.Fatal(err)
	}
	return net
}

func writeDOT(t *testing.T, net *graph.Network, p *graph.Projection, opt dotio.Options) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := dotio.Write(&b, net, p, opt); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestGolden pins the DOT of karate (undirected, clusters) and of the
// demo's first window, byte for byte.
func TestGolden(t *testing.T) {
	k := karate(t)
	demo, _, err := csvio.Demo()
	if err != nil {
		t.Fatal(err)
	}
	ws, err := demo.Windows(graph.WindowSpec{Unit: graph.Year})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		dot  []byte
	}{
		{"karate.dot", writeDOT(t, k, k.Project(k.All(), graph.Organization, graph.ProjectOptions{}), dotio.Options{Title: "Zachary's karate club", Undirected: true, Labels: dotio.LabelAll})},
		{"demo-2011.dot", writeDOT(t, demo, demo.Project(ws[0], graph.Organization, graph.ProjectOptions{}), dotio.Options{Title: "2011", Labels: 5, Layout: "neato", Roles: roles(demo.Project(ws[0], graph.Organization, graph.ProjectOptions{}))})},
	}
	for _, c := range cases {
		path := filepath.Join("testdata", c.name)
		if *update {
			if err := os.WriteFile(path, c.dot, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(c.dot, want) {
			t.Errorf("%s differs from the golden file; rerun with -update after checking the change", c.name)
		}
		// Same input, same bytes.
		if again := writeDOT(t, k, k.Project(k.All(), graph.Organization, graph.ProjectOptions{}), dotio.Options{Title: "Zachary's karate club", Undirected: true, Labels: dotio.LabelAll}); c.name == "karate.dot" && !bytes.Equal(again, c.dot) {
			t.Error("karate.dot differs between two runs")
		}
	}
}

// graphvizSVG runs Graphviz's own dot on the text and returns the SVG; the
// test is skipped when dot is not installed (CI installs it).
func graphvizSVG(t *testing.T, dot []byte) []byte {
	t.Helper()
	bin, err := exec.LookPath("dot")
	if err != nil {
		if os.Getenv("COPNET_REQUIRE_GRAPHVIZ") != "" {
			t.Fatal("Graphviz dot is not installed and COPNET_REQUIRE_GRAPHVIZ is set")
		}
		t.Skip("Graphviz dot is not installed (apt-get install graphviz); CI runs this test")
	}
	cmd := exec.Command(bin, "-Tsvg")
	cmd.Stdin = bytes.NewReader(dot)
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("dot rejected the file: %v\n%s", err, stderr.String())
	}
	if s := stderr.String(); strings.Contains(s, "Error") || strings.Contains(s, "syntax") {
		t.Fatalf("dot complained: %s", s)
	}
	return out.Bytes()
}

func TestGraphvizAccepts(t *testing.T) {
	for _, undirected := range []bool{false, true} {
		k := karate(t)
		if !undirected {
			k = karateAs(t, csvio.Directed)
		}
		dot := writeDOT(t, k, k.Project(k.All(), graph.Organization, graph.ProjectOptions{}), dotio.Options{Title: "karate", Undirected: undirected})
		svg := graphvizSVG(t, dot)
		if n := bytes.Count(svg, []byte(`class="node"`)); n != 34 {
			t.Errorf("undirected=%v: SVG has %d nodes, want 34", undirected, n)
		}
		if n := bytes.Count(svg, []byte(`class="edge"`)); n != 78 {
			t.Errorf("undirected=%v: SVG has %d edges, want 78", undirected, n)
		}
	}
}

// hostile names that must come out of DOT and SVG as written.
var hostile = []string{
	`O"Brien`, `back\slash`, `trailing\`, "two\nlines", `<script>alert(1)</script>`,
	`"]; evil [label="x`, `=SUM(A1:A9)`, `+1`, `-cmd`, `@at`, `Tom & Jerry`, `&lt;not an entity&gt;`, `\N\G\L`, `{braces}`,
}

// TestHostileNamesReadAsWritten puts hostile names through DOT and
// Graphviz and finds every one in the SVG text, unchanged.
func TestHostileNamesReadAsWritten(t *testing.T) {
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
	dot := writeDOT(t, net, net.Project(net.All(), graph.Organization, graph.ProjectOptions{}), dotio.Options{Title: `title "&" \`, Labels: dotio.LabelAll})
	svg := graphvizSVG(t, dot)
	texts := svgTexts(t, svg)
	for _, name := range append(hostile, `Cluster "<b>" \ &`, `title "&" \`) {
		want := strings.Split(name, "\n") // a line break makes two text lines
		for _, line := range want {
			if !texts[line] {
				t.Errorf("SVG has no text %q (for name %q)", line, name)
			}
		}
	}
}

// svgTexts returns the set of text elements of an SVG document.
func svgTexts(t *testing.T, svg []byte) map[string]bool {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(svg))
	dec.Strict = false
	out := map[string]bool{}
	inText := false
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		switch v := tok.(type) {
		case xml.StartElement:
			inText = v.Name.Local == "text"
		case xml.EndElement:
			inText = false
		case xml.CharData:
			if inText {
				out[string(v)] = true
			}
		}
	}
	return out
}

func TestQuote(t *testing.T) {
	cases := map[string]string{
		`plain`:       `"plain"`,
		`a"b`:         `"a\"b"`,
		`a\b`:         `"a\\b"`,
		"a\r\nb\rc":   `"a\nb\nc"`,
		"x\x00y\x1bz": "\"x\uFFFDy\uFFFDz\"",
		"bad\xffutf8": "\"bad\uFFFDutf8\"",
		`Tom & Jerry`: `"Tom &amp; Jerry"`,
		"tab\there":   `"tab here"`,
	}
	for in, want := range cases {
		if got := dotio.Quote(in); got != want {
			t.Errorf("Quote(%q) = %s, want %s", in, got, want)
		}
	}
}
