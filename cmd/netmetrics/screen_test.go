package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/copnet/copnet/io/report"
)

var update = flag.Bool("update", false, "rewrite the README's copy of the first screen and its picture of the demo")

// firstScreen splits the text summary into its first screen and the
// detail.
func firstScreen(t *testing.T, out string) (screen, detail string) {
	t.Helper()
	screen, detail, ok := strings.Cut(out, "\n"+report.DetailHeading+"\n")
	if !ok {
		t.Fatalf("no %q line in the output:\n%s", report.DetailHeading, out)
	}
	return screen, detail
}

// checkScreen checks the bounds of a first screen and that it holds the
// three moments, social capital, the claims and the next commands.
func checkScreen(t *testing.T, screen string) {
	t.Helper()
	lines := strings.Split(strings.TrimRight(screen, "\n"), "\n")
	if len(lines) > report.ScreenLines {
		t.Errorf("first screen has %d lines, want at most %d:\n%s", len(lines), report.ScreenLines, screen)
	}
	for i, l := range lines {
		if n := utf8.RuneCountInString(l); n > report.ScreenWidth {
			t.Errorf("line %d has %d columns, want at most %d: %q", i+1, n, report.ScreenWidth, l)
		}
	}
	for _, want := range []string{"internalizing", "externalizing", "objectifying", "newcomers", "core≤4", "kept@4", "density", "recip.",
		"clust.", "cosine", "objectified", "\norganization ", "Social capital", "modularity", "mean constraint", "bonding share", "brokers",
		"The model's claims, tested on these data", "netmetrics report -o report.html", "netmetrics analyze -out DIR", "netmetrics -h"} {
		if !strings.Contains(screen, want) {
			t.Errorf("first screen lacks %q:\n%s", want, screen)
		}
	}
}

// TestDemoFirstScreen runs netmetrics without a command: the analysis of
// the demo, its first screen on top, the detail below.
func TestDemoFirstScreen(t *testing.T) {
	out, errs, code := runCLI(t, "")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	screen, detail := firstScreen(t, out)
	checkScreen(t, screen)
	for _, want := range []string{"History Stack Exchange meta", "382 active of 2,295 members", "4,434 flows", "65 knowledge items",
		"2011-10-11 to 2018-08-30 in 8 windows (year)", "no declared communities"} {
		if !strings.Contains(screen, want) {
			t.Errorf("first screen lacks %q", want)
		}
	}
	for _, want := range []string{"whole organization, by window: internalizing", "whole organization, by window: externalizing and objectifying",
		"role transitions", "roles=be", "provenance: "} {
		if !strings.Contains(detail, want) {
			t.Errorf("detail lacks %q", want)
		}
	}
	// The detail fits the screen's width too: long values wrap, the
	// tables by window come in two.
	for i, l := range strings.Split(detail, "\n") {
		if n := utf8.RuneCountInString(l); n > report.ScreenWidth {
			t.Errorf("detail line %d has %d columns, want at most %d: %q", i+1, n, report.ScreenWidth, l)
		}
	}
	// The organization's newcomers are those of the windows after the
	// first, read from the detail's table (fourth column).
	sum := 0
	rows := regexp.MustCompile(`(?m)^ +(\d{4}) +[\d,]+ +[\d,]+ +([\d,]+) `).FindAllStringSubmatch(detail, -1)
	if len(rows) != 8 {
		t.Fatalf("detail has %d window rows, want 8", len(rows))
	}
	for _, r := range rows[1:] {
		n, err := strconv.Atoi(strings.ReplaceAll(r[2], ",", ""))
		if err != nil {
			t.Fatal(err)
		}
		sum += n
	}
	org := regexp.MustCompile(`(?m)^organization +(\d+) `).FindStringSubmatch(screen)
	if org == nil || org[1] != strconv.Itoa(sum) {
		t.Errorf("organization's newcomers %v, want %d (the windows after the first)", org, sum)
	}
	// analyze without -out prints the same.
	if again, _, _ := runCLI(t, "", "analyze"); again != out {
		t.Error("netmetrics and netmetrics analyze print different summaries")
	}
}

// TestFirstScreenCommunities checks the first screen of a dataset with
// more communities than the screen lists: the largest by active members
// first, then how many more; the next commands name the dataset.
func TestFirstScreenCommunities(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "twelve teams")
	writeCommunities(t, dir, 12)
	out, errs, code := runCLI(t, "", "analyze", "-draws", "49", "-rewire-draws", "19", "-bootstrap", "99", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	screen, _ := firstScreen(t, out)
	checkScreen(t, screen)
	m := regexp.MustCompile(`… and (\d+) more communities`).FindStringSubmatch(screen)
	if m == nil {
		t.Fatalf("first screen does not say how many communities are left out:\n%s", screen)
	}
	listed := regexp.MustCompile(`(?m)^c\d\d team`).FindAllString(screen, -1)
	if more, _ := strconv.Atoi(m[1]); len(listed)+more != 12 || len(listed) < 3 {
		t.Errorf("%d communities listed and %s more, want 12 in all and at least 3 listed", len(listed), m[1])
	}
	// Team c00 has the most members: it comes first.
	if len(listed) > 0 && listed[0] != "c00 team" {
		t.Errorf("first community listed %q, want c00 (the largest)", listed[0])
	}
	if !strings.Contains(screen, "modularity: declared ") || !strings.Contains(screen, "Communities beating size-matched random groups") {
		t.Errorf("first screen lacks the declared modularity or the community-advantage claims:\n%s", screen)
	}
	// The commands repeat the flags given and the dataset; too long for a
	// line, they go on after a backslash, as a shell reads them.
	joined := regexp.MustCompile(` \\\n +`).ReplaceAllString(screen, " ")
	if !strings.Contains(joined, "netmetrics report -o report.html -bootstrap=99 -draws=49 -rewire-draws=19 '"+dir+"'") {
		t.Errorf("the next commands do not name the dataset %q:\n%s", dir, screen)
	}
}

// writeCommunities writes a dataset of n communities over ten months:
// community k has 4+n-k members who write to each other, and one member
// of each writes to the next community each month.
func writeCommunities(t *testing.T, dir string, n int) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	var members, comms, flows strings.Builder
	members.WriteString("id,community\n")
	comms.WriteString("id,name\n")
	flows.WriteString("source,target,time,community\n")
	for k := range n {
		fmt.Fprintf(&comms, "c%02d,team %d\n", k, k)
		size := 4 + n - k
		for i := range size {
			fmt.Fprintf(&members, "m%02d_%02d,c%02d\n", k, i, k)
		}
		for month := range 10 {
			// Members join one a month; each writes to the two before it.
			for i := 1; i < min(size, 3+month); i++ {
				for _, j := range []int{i - 1, (i + 1) / 2} {
					if j != i {
						fmt.Fprintf(&flows, "m%02d_%02d,m%02d_%02d,2021-%02d-%02dT10:00:00Z,c%02d\n", k, i, k, j, month+1, 1+i%27, k)
					}
				}
			}
			fmt.Fprintf(&flows, "m%02d_00,m%02d_00,2021-%02d-28T10:00:00Z,\n", k, (k+1)%n, month+1)
		}
	}
	for name, s := range map[string]string{"members.csv": members.String(), "communities.csv": comms.String(), "flows.csv": flows.String()} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// The README shows the demo's first screen between these markers.
const (
	readmePath   = "../../README.md"
	screenBegin  = "<!-- BEGIN first screen: generated by `go test ./cmd/netmetrics -run TestREADMEFirstScreen -update`; do not edit by hand -->"
	screenEnd    = "<!-- END first screen -->"
	screenFenced = "```text\n%s```\n"
)

// onTerminal runs netmetrics with args as on a terminal (standard output
// and error taken for one).
func onTerminal(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	defer func(f func(io.Writer) bool) { isTerminal = f }(isTerminal)
	isTerminal = func(w io.Writer) bool { _, ok := w.(*bytes.Buffer); return ok }
	return runCLI(t, "", args...)
}

// TestTerminalFirstScreenAlone: on a terminal the summary is the first
// screen alone, so that it stays in view, and its next commands say how
// to get the detail; -detail adds it there, -detail=false leaves it out
// of a pipe.
func TestTerminalFirstScreenAlone(t *testing.T) {
	// The demo without draws: what is shown does not depend on them.
	light := []string{"analyze", "-draws", "0", "-rewire-draws", "0", "-bootstrap", "0"}
	out, errs, code := onTerminal(t, light...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	checkScreen(t, out)
	if strings.Contains(out, report.DetailHeading) || !strings.Contains(out, "netmetrics analyze -detail ") || strings.Contains(out, "provenance: ") {
		t.Errorf("on a terminal:\n%s\nwant the first screen alone, naming -detail", out)
	}
	full, _, _ := runCLI(t, "", light...)
	screen, _ := firstScreen(t, full)
	if strings.Contains(screen, "-detail") {
		t.Errorf("a pipe's first screen names -detail, which follows it anyway:\n%s", screen)
	}
	if out, _, code := onTerminal(t, append(light, "-detail")...); code != 0 || out != full {
		t.Errorf("-detail on a terminal: exit %d, output differs from a pipe's", code)
	}
	if out, _, code := runCLI(t, "", append(light, "-detail=false")...); code != 0 || strings.Contains(out, report.DetailHeading) || !strings.Contains(out, "netmetrics analyze -detail ") {
		t.Errorf("-detail=false in a pipe: exit %d:\n%s", code, out)
	}
	// Where there is no text summary, -detail is refused, not ignored.
	for _, args := range [][]string{{"-detail", "-format", "json"}, {"-detail", "-out", t.TempDir()}, {"-detail", karateDir, karateDir}} {
		if out, errs, code := runCLI(t, "", append(light, args...)...); code != 2 || out != "" || !strings.Contains(errs, "-detail goes with") {
			t.Errorf("%v: exit %d, stderr %q", args, code, errs)
		}
	}
	// The commands to run next repeat the flags given, so that they redo
	// the analysis on the screen.
	out, _, _ = onTerminal(t, "analyze", "-horizon", "2", "-undirected", karateDir)
	for _, want := range []string{"core≤2", "netmetrics report -o report.html -horizon=2 -undirected " + karateDir,
		"netmetrics analyze -out DIR -horizon=2 -undirected " + karateDir, "netmetrics analyze -detail -horizon=2 -undirected " + karateDir} {
		if !strings.Contains(out, want) {
			t.Errorf("first screen of analyze -horizon 2 -undirected lacks %q:\n%s", want, out)
		}
	}
	if detail, _, code := runCLI(t, "", "analyze", "-detail", "-horizon=2", "-undirected", karateDir); code != 0 || !strings.Contains(detail, "horizon=2") {
		t.Errorf("the suggested -detail command: exit %d, no horizon=2 in its parameters", code)
	}
}

// TestREADMEFirstScreen fails when the README's copy of the demo's first
// screen differs from what netmetrics prints; -update rewrites it.
func TestREADMEFirstScreen(t *testing.T) {
	readme, err := os.ReadFile(readmePath)
	if err != nil {
		t.Skipf("no README at %s: %v", readmePath, err)
	}
	// What a person sees on a terminal: the first screen alone.
	screen, errs, code := onTerminal(t)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	want := fmt.Sprintf(screenFenced, screen)
	before, rest, ok := strings.Cut(string(readme), screenBegin+"\n")
	got, after, ok2 := strings.Cut(rest, screenEnd)
	if !ok || !ok2 {
		t.Fatalf("README.md lacks the markers %s … %s", screenBegin, screenEnd)
	}
	if got == want {
		return
	}
	if *update {
		if err := os.WriteFile(readmePath, []byte(before+screenBegin+"\n"+want+screenEnd+after), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	gl, wl := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range max(len(gl), len(wl)) {
		var g, w string
		if i < len(gl) {
			g = gl[i]
		}
		if i < len(wl) {
			w = wl[i]
		}
		if g != w {
			t.Fatalf("README.md's first screen differs from netmetrics' output at its line %d:\n  README: %s\n  output: %s\nrun go test ./cmd/netmetrics -run TestREADMEFirstScreen -update", i+1, g, w)
		}
	}
}

// TestREADMEPicture: the README's picture of the demo is what the command
// its caption names draws today (-update rewrites it). The picture was
// drawn on amd64: elsewhere the compiler may fuse the layout's
// multiply-adds, which moves nodes by a rounding.
func TestREADMEPicture(t *testing.T) {
	if runtime.GOARCH != "amd64" {
		t.Skipf("the README's picture is drawn on amd64, not %s", runtime.GOARCH)
	}
	readme, err := os.ReadFile(readmePath)
	if err != nil {
		t.Skipf("no README at %s: %v", readmePath, err)
	}
	m := regexp.MustCompile("\\(testdata/demo-network\\.svg\\)\\s+\\*The demo network \\(`netmetrics ([^`]+)`").FindSubmatch(readme)
	if m == nil {
		t.Fatal("the README has no demo picture with its command in the caption")
	}
	path := filepath.Join(filepath.Dir(readmePath), "testdata", "demo-network.svg")
	old, err := os.ReadFile(path)
	if err != nil && !*update {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "demo.svg")
	args := append(strings.Fields(string(m[1])), "-o", out)
	if _, errs, code := runCLI(t, "", args...); code != 0 {
		t.Fatalf("netmetrics %s: exit %d: %s", m[1], code, errs)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if !bytes.Equal(got, old) {
		t.Errorf("%s differs from netmetrics %s; rerun with -update after looking at it", path, m[1])
	}
}

// TestTextWidth: the first screen and the detail fit the screen's width
// for datasets with long community names, many communities and a preset
// (warnings stay on one line each, for grep).
func TestTextWidth(t *testing.T) {
	for _, args := range [][]string{
		{"analyze", "../../testdata/karate"},
		{"analyze", "-window", "quarter", "../../testdata/email-eu-core"},
		{"analyze", "-preset", "sede", "../../testdata/sede-history-meta"},
	} {
		out, errs, code := runCLI(t, "", args...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errs)
		}
		for i, l := range strings.Split(out, "\n") {
			if n := utf8.RuneCountInString(l); n > report.ScreenWidth && !strings.HasPrefix(l, "warning ") {
				t.Errorf("%v: line %d has %d columns, want at most %d: %q", args, i+1, n, report.ScreenWidth, l)
			}
		}
	}
}
