package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/copnet/copnet/io/csvio"
	"github.com/copnet/copnet/io/dotio"
	"github.com/copnet/copnet/metrics"
)

func TestReportCommand(t *testing.T) {
	out := filepath.Join(t.TempDir(), "sub", "report.html")
	_, errs, code := runCLI(t, "", "report", "-o", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if want := "netmetrics: report written to " + out + "\n"; !strings.HasSuffix(errs, want) {
		t.Errorf("stderr %q does not end with %q", errs, want)
	}
	first, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	page := string(first)
	if !strings.HasPrefix(page, "<!DOCTYPE html>") || strings.Count(page, "<figure") < 7 || strings.Contains(page, "<script") {
		t.Errorf("report is not the expected page (%d bytes)", len(page))
	}
	if strings.Contains(page, "-o="+out) {
		t.Error("provenance names the output file")
	}
	// The report holds the first screen's social capital of the members,
	// as the README says it writes all of it.
	screen, _, _ := runCLI(t, "", "analyze", "-draws", "0", "-rewire-draws", "0", "-bootstrap", "0", "-detail=false")
	members := regexp.MustCompile(`mean constraint [0-9.]+ · bonding share \S+ · brokers [0-9,]+ of [0-9,]+`).FindString(screen)
	if members == "" || !strings.Contains(page, members) {
		t.Errorf("report lacks the first screen's members line %q", members)
	}
	if _, errs, code := runCLI(t, "", "report", "-o", out); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if second, _ := os.ReadFile(out); string(second) != page {
		t.Error("two runs wrote different reports")
	}
	// To standard output: the page alone, and nothing said of a file.
	stdout, errs, code := runCLI(t, "", "report", "-o", "-")
	if code != 0 || stdout != page || strings.Contains(errs, "written") {
		t.Errorf("report -o -: exit %d, %d bytes (want the %d of the file), stderr %q", code, len(stdout), len(page), errs)
	}
	if _, _, code := runCLI(t, "", "report", "-horizon", "0"); code != 2 {
		t.Errorf("-horizon 0: exit %d, want 2", code)
	}
	if _, _, code := runCLI(t, "", "report", "-network", filepath.Join(t.TempDir(), "none.svg")); code != 2 {
		t.Errorf("missing -network file: exit %d, want 2", code)
	}
}

// TestReportNetworkPicture checks the demo report's network picture: an
// SVG inside the element of id network-picture, one circle per active
// member (382, as summary counts them) and the legend's.
func TestReportNetworkPicture(t *testing.T) {
	out := filepath.Join(t.TempDir(), "report.html")
	if _, errs, code := runCLI(t, "", "report", "-o", out); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	pic := findID(doc, "network-picture")
	if pic == nil {
		t.Fatal("no element of id network-picture")
	}
	svgs, circles := count(pic, "svg"), count(pic, "circle")
	if svgs != 1 || circles < 382 || circles > 382+10 {
		t.Errorf("network picture: %d svg and %d circles, want 1 and 382 members plus the legend's", svgs, circles)
	}
	if findID(doc, "claims") == nil {
		t.Error("the report has no claims section")
	}
	// -picture=false leaves the placeholder.
	if _, errs, code := runCLI(t, "", "report", "-picture=false", "-o", out); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	data, _ = os.ReadFile(out)
	if !strings.Contains(string(data), `<div class="hook" id="network-picture">`) {
		t.Error("-picture=false: no placeholder")
	}
}

// TestNetworkPictureTooLarge checks that a network beyond dotio's bounds
// gets no picture but a note saying how to draw one.
func TestNetworkPictureTooLarge(t *testing.T) {
	var flows strings.Builder
	flows.WriteString("source,target\n")
	for i := range dotio.DefaultMaxNodes/2 + 1 {
		fmt.Fprintf(&flows, "a%d,b%d\n", i, i)
	}
	net, _, err := csvio.LoadReaders(csvio.Readers{Flows: csvio.Input{Name: "flows.csv", R: strings.NewReader(flows.String())}}, csvio.Options{})
	if err != nil {
		t.Fatal(err)
	}
	svg, note, err := networkPicture(context.Background(), net, metrics.DefaultOptions(), dotio.EngineAuto)
	if err != nil || svg != "" {
		t.Fatalf("got a picture (%d bytes) or an error %v", len(svg), err)
	}
	for _, want := range []string{"10,002 members", "-scope ID", "-window N", "Graphviz", "-network network.svg"} {
		if !strings.Contains(note, want) {
			t.Errorf("note lacks %q: %s", want, note)
		}
	}
}

func findID(n *html.Node, id string) *html.Node {
	for _, a := range n.Attr {
		if a.Key == "id" && a.Val == id {
			return n
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := findID(c, id); f != nil {
			return f
		}
	}
	return nil
}

func count(n *html.Node, tag string) int {
	k := 0
	if n.Type == html.ElementNode && n.Data == tag {
		k++
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		k += count(c, tag)
	}
	return k
}

// TestReportComparison draws the comparison page of a batch (karate and a
// generated dataset of 12 teams, 126 members: 16 + 15 + … + 5) from its
// output folder and from -datasets, and the comparison section of a
// dataset's report.
func TestReportComparison(t *testing.T) {
	tmp := t.TempDir()
	teams := filepath.Join(tmp, "teams")
	writeCommunities(t, teams, 12)
	out := filepath.Join(tmp, "out")
	fast := []string{"-draws", "19", "-rewire-draws", "9", "-bootstrap", "49", "-theta", "0.2"}
	if _, errs, code := runCLI(t, "", append(append([]string{"analyze", "-out", out}, fast...), "../../testdata/karate", teams)...); code != 0 {
		t.Fatalf("batch: exit %d: %s", code, errs)
	}
	page := filepath.Join(tmp, "cmp.html")
	if _, errs, code := runCLI(t, "", "report", "-o", page, out); code != 0 {
		t.Fatalf("report OUT: exit %d: %s", code, errs)
	}
	data, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	sec := findID(doc, "comparison")
	if sec == nil {
		t.Fatal("no comparison section")
	}
	var rows [][]string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "tr" {
			var cells []string
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				if c.Type == html.ElementNode && c.Data == "td" && c.FirstChild != nil {
					cells = append(cells, c.FirstChild.Data)
				}
			}
			if len(cells) > 0 {
				rows = append(rows, cells)
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(sec)
	if len(rows) != 2 || rows[0][0] != "karate" || rows[0][1] != "34" || rows[1][0] != "teams" || rows[1][1] != "126" || rows[1][5] != "12" {
		t.Errorf("comparison rows %q: want karate with 34 members and teams with 126 members in 12 communities", rows)
	}
	// Each dataset's report command redoes the batch's analysis: the
	// settings that differ from the defaults come with it.
	if want := "netmetrics report -o teams.html -bootstrap=49 -draws=19 -rewire-draws=9 -theta=0.2 " + teams; !strings.Contains(string(data), want) {
		t.Errorf("the page does not give the report command %q", want)
	}
	// -datasets alone draws the same page.
	page2 := filepath.Join(tmp, "cmp2.html")
	if _, errs, code := runCLI(t, "", "report", "-datasets", filepath.Join(out, "datasets.csv"), "-o", page2); code != 0 {
		t.Fatalf("-datasets: exit %d: %s", code, errs)
	}
	if data2, _ := os.ReadFile(page2); !bytes.Equal(data2, data) {
		t.Error("report OUT and report -datasets OUT/datasets.csv differ")
	}
	// With a dataset: its report with the comparison section.
	one := filepath.Join(tmp, "karate.html")
	if _, errs, code := runCLI(t, "", append(append([]string{"report", "-datasets", filepath.Join(out, "datasets.csv"), "-o", one}, fast...), "../../testdata/karate")...); code != 0 {
		t.Fatalf("-datasets DIR: exit %d: %s", code, errs)
	}
	data3, _ := os.ReadFile(one)
	for _, want := range []string{`id="comparison"`, `id="claims"`, `id="network-picture"`, "Mr. Hi"} {
		if !strings.Contains(string(data3), want) {
			t.Errorf("karate's report lacks %s", want)
		}
	}
	// A malformed datasets.csv: exit 2 naming file, line and column.
	bad := filepath.Join(tmp, "bad.csv")
	csv, _ := os.ReadFile(filepath.Join(out, "datasets.csv"))
	lines := strings.SplitN(string(csv), "\n", 3)
	lines[1] = strings.Replace(lines[1], ",34,", ",many,", 1)
	if err := os.WriteFile(bad, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, errs, code := runCLI(t, "", "report", "-datasets", bad, "-o", filepath.Join(tmp, "x.html")); code != 2 || !strings.Contains(errs, bad+":2:") {
		t.Errorf("bad datasets.csv: exit %d, stderr %q", code, errs)
	}
}

// TestReportsShareAFolder: a report is one file replaced whole, so a
// second report written beside it leaves it in place.
func TestReportsShareAFolder(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"a.html", "b.html"} {
		if _, errs, code := runCLI(t, "", "report", "-draws", "0", "-rewire-draws", "0", "-picture=false", "-o", filepath.Join(dir, name), "../../testdata/karate"); code != 0 {
			t.Fatalf("report -o %s: exit %d: %s", name, code, errs)
		}
	}
	for _, name := range []string{"a.html", "b.html"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// TestReportEngine: -engine chooses who lays the report's picture out, as
// for dot; an unknown engine is a usage error.
func TestReportEngine(t *testing.T) {
	out := filepath.Join(t.TempDir(), "k.html")
	if _, errs, code := runCLI(t, "", "report", "-engine", "go", "-o", out, "../../testdata/karate"); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	page, err := os.ReadFile(out)
	if err != nil || !strings.Contains(string(page), "34 members, 78 ties; layout: go") {
		t.Errorf("report -engine go: %v; the picture's note lacks the in-process layout of 78 ties", err)
	}
	// Karate is declared undirected: the dataset section says so, and
	// its one window is named in the singular.
	for _, want := range []string{"undirected: each flow counts both ways", "Over the 1 window.", "Density of the undirected projection (edges over n(n−1)/2",
		"Exchange: density per window by community"} {
		if !strings.Contains(string(page), want) {
			t.Errorf("karate's report lacks %q", want)
		}
	}
	if _, errs, code := runCLI(t, "", "report", "-engine", "bogus", "-o", out, "../../testdata/karate"); code != 2 || !strings.Contains(errs, `-engine: engine "bogus"`) {
		t.Errorf("report -engine bogus: exit %d, stderr %q", code, errs)
	}
}
