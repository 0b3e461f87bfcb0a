package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/copnet/copnet/io/report"
)

// runCLI runs the command in-process and returns its outputs and exit
// status.
func runCLI(t *testing.T, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	err := run(args, strings.NewReader(stdin), &out, &errb)
	code = exitStatus(err, &errb)
	return out.String(), errb.String(), code
}

func TestDemoSummary(t *testing.T) {
	out, errs, code := runCLI(t, "", "summary")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"History Stack Exchange meta", "members          2,295", "flows            4,434", "knowledge items  65", "first time       2011-10-11T19:44:27Z"} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
}

func summaryJSON(t *testing.T, args ...string) map[string]any {
	t.Helper()
	out, errs, code := runCLI(t, "", append([]string{"summary", "-json"}, args...)...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(out), &m); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	return m
}

func TestSummaryJSON(t *testing.T) {
	cases := []struct {
		args []string
		want map[string]any
	}{
		{[]string{"../../testdata/email-eu-core"}, map[string]any{"members": 986.0, "communities": 42.0, "flows": 332334.0, "windows": 9.0, "knowledge_items": 0.0, "first_time": "1970-01-01T00:00:00Z", "last_time": "1972-03-14T22:14:14Z"}},
		{[]string{"../../testdata/karate"}, map[string]any{"members": 34.0, "communities": 2.0, "flows": 78.0, "windows": 1.0, "first_time": nil, "last_time": nil}},
		{[]string{"-preset", "sede", "../../testdata/sede-history-meta"}, map[string]any{"members": 2295.0, "flows": 4434.0, "knowledge_items": 65.0, "skipped_rows": 296.0}},
		{[]string{"-windows", "month", "../../testdata/sede-history-meta", "-preset", "sede"}, map[string]any{"windows": 83.0, "window_unit": "month"}},
	}
	for _, c := range cases {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			m := summaryJSON(t, c.args...)
			for k, v := range c.want {
				if m[k] != v {
					t.Errorf("%s: got %v, want %v", k, m[k], v)
				}
			}
		})
	}
}

func TestExitCodes(t *testing.T) {
	bad := t.TempDir()
	if err := os.WriteFile(filepath.Join(bad, "flows.csv"), []byte("source,target,weight\na,b,-1\nc\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		args     []string
		code     int
		inStderr string
		inStdout string
	}{
		{[]string{"summary", "-h"}, 0, "usage: netmetrics summary", ""},
		{[]string{"validate", "-h"}, 0, "usage: netmetrics validate", ""},
		{[]string{"dot", "-h"}, 0, "usage: netmetrics dot", ""},
		{[]string{"frob"}, 2, `netmetrics: unknown command "frob"`, ""},
		{[]string{"summary", "-bogus"}, 2, "netmetrics: flag provided but not defined: -bogus", ""},
		{[]string{"summary", "-windows", "fortnight"}, 2, `netmetrics: -window: window "fortnight": invalid window spec: want auto,`, ""},
		{[]string{"analyze", "-window", "3"}, 2, `(a window's index is dot's -window; this one cuts the windows)`, ""},
		{[]string{"summary", "-preset", "nope", "../../testdata/karate"}, 2, `netmetrics: unknown preset "nope"`, ""},
		{[]string{"summary", bad}, 2, `netmetrics: flows.csv:2:3: weight "-1": must be a positive finite number`, ""},
		{[]string{"summary", filepath.Join(bad, "nothing")}, 2, "netmetrics: ", ""},
		{[]string{"validate", bad}, 2, "netmetrics: 2 errors, 0 warnings", "error: flows.csv:2:3: weight \"-1\": must be a positive finite number\nerror: flows.csv:3: 1 fields, but the header has 3\n"},
		{[]string{"validate", "../../testdata/karate"}, 0, "", "ok: 0 warnings\n"},
		{[]string{"validate", "-strict", "-preset", "sede", "../../testdata/sede-history-meta"}, 0, "", "warning: 296 rows were skipped (their user, the target post's owner or the accepted answer is missing)\nok: 1 warning\n"},
		{[]string{"dot", "-window", "99"}, 2, "netmetrics: -window 99: the dataset has 8 windows (0 to 7)", ""},
		{[]string{"dot", "-scope", "nope", "../../testdata/karate"}, 2, `netmetrics: -scope "nope": no such community`, ""},
		{[]string{"summary", "a", "b"}, 2, "netmetrics: want one dataset folder", ""},
		// A mistake gets its message and a suggestion, not the usage.
		{[]string{"analyze", "-windw", "quarter"}, 2, "netmetrics: flag provided but not defined: -windw; did you mean -window? (netmetrics analyze -h lists the flags)\n", ""},
		{[]string{"anlyze"}, 2, "netmetrics: unknown command \"anlyze\"; did you mean analyze? (netmetrics -h lists the commands)\n", ""},
		// analyze writes into -out, report and dot into -o: either way
		// round, and shortened or lengthened, the other is named.
		{[]string{"analyze", "-o", "x"}, 2, "netmetrics: flag provided but not defined: -o; did you mean -out? (netmetrics analyze -h lists the flags)\n", ""},
		{[]string{"analyze", "-output", "x"}, 2, "netmetrics: flag provided but not defined: -output; did you mean -out? (netmetrics analyze -h lists the flags)\n", ""},
		{[]string{"report", "-out", "x"}, 2, "netmetrics: flag provided but not defined: -out; did you mean -o? (netmetrics report -h lists the flags)\n", ""},
		// Windows asked of data without times: said, not refused.
		{[]string{"summary", "-windows", "quarter", "../../testdata/karate"}, 0, "netmetrics: ../../testdata/karate has no times: windows \"quarter\" cut nothing; one window holds every flow\n", ""},
		{[]string{"dot", "-labels", "-5"}, 2, "netmetrics: -labels -5: want a count of members, -1 for all or 0 for none\n", ""},
		{[]string{"dot", "-w"}, 2, "netmetrics: flag provided but not defined: -w (netmetrics dot -h lists the flags)\n", ""},
		// The library's package names stay out of the messages.
		{[]string{"analyze", "-out", "../../testdata/karate", "../../testdata/karate"}, 2, `netmetrics: refusing to write into "../../testdata/karate": it is the input dataset folder`, ""},
	}
	for _, c := range cases {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			out, errs, code := runCLI(t, "", c.args...)
			if code != c.code {
				t.Errorf("exit %d, want %d (stderr %q)", code, c.code, errs)
			}
			if !strings.Contains(errs, c.inStderr) {
				t.Errorf("stderr %q lacks %q", errs, c.inStderr)
			}
			if strings.HasSuffix(c.inStderr, "\n") && errs != c.inStderr {
				t.Errorf("stderr %q, want exactly %q", errs, c.inStderr) // a whole line: nothing else
			}
			if c.inStdout != "" && out != c.inStdout {
				t.Errorf("stdout %q, want %q", out, c.inStdout)
			}
			if c.code == 2 && c.inStdout == "" && out != "" {
				t.Errorf("partial output on failure: %q", out)
			}
		})
	}
}

// TestHelpHeadings: a command's help lists each of its flags once, its
// own flags under "flags:" and the shared ones under the headings of
// flagGroups in their order; a command without flags (verify) has no
// heading.
func TestHelpHeadings(t *testing.T) {
	_, errs, code := runCLI(t, "", "verify", "-h")
	if code != 0 || !strings.Contains(errs, "usage: netmetrics verify") || strings.Contains(errs, "flags:") {
		t.Errorf("verify -h: exit %d, stderr %q", code, errs)
	}
	_, errs, _ = runCLI(t, "", "summary", "-h")
	if !strings.Contains(errs, "\nflags:\n  -json") || !strings.Contains(errs, "\ndataset flags:\n  -communities") {
		t.Errorf("summary -h: stderr %q lacks its flags under their headings", errs)
	}
	heading := regexp.MustCompile(`(?m)^([a-z ]+):$`)
	flagLine := regexp.MustCompile(`(?m)^  -([a-z-]+)`)
	for _, c := range []string{"analyze", "report", "dot", "summary", "validate"} {
		_, errs, code := runCLI(t, "", c, "-h")
		if code != 0 {
			t.Fatalf("%s -h: exit %d", c, code)
		}
		// Headings in order, each flag once under the right one.
		order := map[string]int{"flags": 0}
		for gi, g := range flagGroups {
			order[g.heading] = gi + 1
		}
		want := map[string]int{}
		for gi, g := range flagGroups {
			for _, name := range g.names {
				want[name] = gi + 1
			}
		}
		for _, name := range ownFlags["netmetrics "+c] {
			want[name] = 0
		}
		last, seen := -1, map[string]bool{}
		cur := -1
		for _, line := range strings.Split(errs, "\n") {
			if m := heading.FindStringSubmatch(line); m != nil {
				gi, ok := order[m[1]]
				if !ok {
					continue // "usage:" and the like
				}
				if gi <= last {
					t.Errorf("%s -h: heading %q out of order", c, m[1])
				}
				last, cur = gi, gi
				continue
			}
			if m := flagLine.FindStringSubmatch(line); m != nil {
				if seen[m[1]] {
					t.Errorf("%s -h: -%s listed twice", c, m[1])
				}
				seen[m[1]] = true
				if cur != want[m[1]] {
					t.Errorf("%s -h: -%s under heading %d, want %d", c, m[1], cur, want[m[1]])
				}
			}
		}
		if len(seen) < 14 {
			t.Errorf("%s -h: %d flags listed", c, len(seen))
		}
	}
	// Every flag of a set is listed, with its default, whatever group it
	// is in or not.
	fs := flag.NewFlagSet("x", flag.ContinueOnError)
	fs.Bool("own", false, "a command's own flag")
	fs.Int("draws", 7, "draws")
	fs.String("max-rows", "", "rows")
	fs.String("flows", "f.csv", "flows")
	help := helpFlags(fs)
	for _, want := range []string{"\nflags:\n  -own\n", "\nclaims:\n  -draws int\n    \tdraws (default 7)\n", "\ndataset flags:\n  -flows string\n    \tflows (default \"f.csv\")\n", "\nlimits:\n  -max-rows string\n"} {
		if !strings.Contains(help, want) {
			t.Errorf("helpFlags: %q lacks %q", help, want)
		}
	}
	if helpFlags(flag.NewFlagSet("none", flag.ContinueOnError)) != "" {
		t.Errorf("helpFlags of no flags is not empty")
	}
}

func TestStdin(t *testing.T) {
	out, errs, code := runCLI(t, "source,target\na,b\nb,c\n", "summary", "-json", "-")
	if code != 0 || !strings.Contains(out, `"flows": 2`) {
		t.Errorf("exit %d, stdout %s, stderr %s", code, out, errs)
	}
}

func TestDot(t *testing.T) {
	// Karate's dataset.json declares it undirected.
	a, _, code := runCLI(t, "", "dot", "../../testdata/karate")
	b, _, _ := runCLI(t, "", "dot", "-undirected", "../../testdata/karate")
	if code != 0 || a != b || !strings.HasPrefix(a, "graph copnet {") || edgeLines(a, "--") != 78 {
		t.Errorf("dot: exit %d, same as -undirected %v, %d edges", code, a == b, edgeLines(a, "--"))
	}
	w, _, code := runCLI(t, "", "dot", "-window", "3")
	if code != 0 || !strings.Contains(w, "window 2014") {
		t.Errorf("dot -window 3: exit %d, %.200s", code, w)
	}
	// analyze's -window is the spec; dot's is an index and names the flag
	// that takes a spec.
	if _, errs, code := runCLI(t, "", "dot", "-window", "quarter"); code != 2 || !strings.Contains(errs, "give -windows quarter") {
		t.Errorf("dot -window quarter: exit %d, stderr %q; want exit 2 pointing to -windows", code, errs)
	}
	c, _, code := runCLI(t, "", "dot", "-scope", "officer", "-undirected=false", "../../testdata/karate")
	// 32 of the 78 ties join two members of the officer's faction (pandas);
	// -undirected=false overrides the declaration and draws them as arcs.
	if code != 0 || edgeLines(c, "->") != 32 || !strings.HasPrefix(c, "digraph") {
		t.Errorf("dot -scope officer -undirected=false: exit %d, %d arcs, want 32", code, edgeLines(c, "->"))
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "k.svg")
	if _, errs, code := runCLI(t, "", "dot", "-svg", "-undirected", "-layout", "neato", "-o", out, "../../testdata/karate"); code != 0 {
		t.Fatalf("dot -svg -o: exit %d: %s", code, errs)
	}
	svg, err := os.ReadFile(out)
	if err != nil || !bytes.Contains(svg, []byte("<svg")) || !bytes.Contains(svg, []byte("34 members, 78 ties")) {
		t.Errorf("SVG file: %v, no note of 34 members and 78 ties", err)
	}
}

func TestDotRefusesToOverwriteInput(t *testing.T) {
	dir := t.TempDir()
	flows := filepath.Join(dir, "flows.csv")
	content := []byte("source,target\na,b\n")
	if err := os.WriteFile(flows, content, 0o644); err != nil {
		t.Fatal(err)
	}
	_, errs, code := runCLI(t, "", "dot", "-o", flows, dir)
	if code != 2 || !strings.Contains(errs, "refusing to overwrite input file") {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
	if got, _ := os.ReadFile(flows); !bytes.Equal(got, content) {
		t.Errorf("input changed: %q", got)
	}
}

var edgeLine = regexp.MustCompile(`(?m)^\tm\d+ (--|->) m\d+ \[`)

// edgeLines counts the edge statements of a DOT text.
func edgeLines(dot, op string) int {
	n := 0
	for _, m := range edgeLine.FindAllStringSubmatch(dot, -1) {
		if m[1] == op {
			n++
		}
	}
	return n
}

// TestMessage: a library error loses its package's name on the command
// line, a dataset's folder named like a package keeps its name, and the
// cause inside it loses its package's.
func TestMessage(t *testing.T) {
	lib := fmt.Errorf("report: refusing to write into %q: %w", "x", report.ErrNotFolder)
	for _, c := range []struct {
		err  error
		want string
	}{
		{lib, `refusing to write into "x": ` + report.ErrNotFolder.Error()},
		{namedError{"graph", lib}, `graph: refusing to write into "x": ` + report.ErrNotFolder.Error()},
		{fmt.Errorf("analyze: %w", namedError{"metrics", errors.New("flows.csv:2:3: bad")}), "analyze: metrics: flows.csv:2:3: bad"},
		{errors.New("graphs: not a prefix"), "graphs: not a prefix"},
	} {
		if got := message(c.err); got != c.want {
			t.Errorf("message(%q) = %q, want %q", c.err, got, c.want)
		}
		if !errors.Is(c.err, report.ErrNotFolder) && strings.Contains(c.want, report.ErrNotFolder.Error()) {
			t.Errorf("%q lost its cause", c.err)
		}
	}
}

// TestHelpWidth: the help of netmetrics and of every command fits 100
// columns (tabs stop every 8); wrapping keeps every word in order, a
// continued line starts under the text it continues, and a bracketed
// group of alternatives stays whole.
func TestHelpWidth(t *testing.T) {
	for _, c := range append([]string{""}, commandNames()...) {
		args := []string{"-h"}
		if c != "" {
			args = []string{c, "-h"}
		}
		outs, errs, _ := runCLI(t, "", args...)
		text := outs + errs
		if !strings.Contains(text, "usage: netmetrics") {
			t.Fatalf("%q -h: no usage in %q", c, text)
		}
		for _, l := range strings.Split(text, "\n") {
			if n := columns(l); n > helpWidth {
				t.Errorf("%q -h: line of %d columns: %q", c, n, l)
			}
		}
	}
	long := "  report   [-o FILE] [analyze flags] [dataset flags] [DIR | OUT] one two three four five six seven eight nine\n"
	got := wrapHelp(long, 60)
	want := "  report   [-o FILE] [analyze flags] [dataset flags]\n" +
		"           [DIR | OUT] one two three four five six seven\n" +
		"           eight nine\n"
	if got != want {
		t.Errorf("wrapHelp:\n%s\nwant:\n%s", got, want)
	}
	if !slices.Equal(strings.Fields(got), strings.Fields(long)) {
		t.Errorf("wrapHelp lost or moved words: %q", got)
	}
	if short := "  -x int\n    \tshort\n"; wrapHelp(short, 60) != short {
		t.Errorf("wrapHelp changed a line that fits: %q", wrapHelp(short, 60))
	}
	flag := "    \tflow kinds of the knowledge-sharing cycle: kind=gathering|exchange|objectifying (default x)\n"
	if got := wrapHelp(flag, 60); got != "    \tflow kinds of the knowledge-sharing cycle:\n    \tkind=gathering|exchange|objectifying (default x)\n" {
		t.Errorf("wrapHelp of a flag's text: %q", got)
	}
}

func commandNames() []string {
	var names []string
	for _, c := range commands() {
		names = append(names, c.name)
	}
	return names
}

// TestWrittenSaid: each command that writes files names them on standard
// error, once it has written them; output to standard output says
// nothing of the kind.
func TestWrittenSaid(t *testing.T) {
	dir := t.TempDir()
	karate := "../../testdata/karate"
	none := []string{"-draws", "0", "-rewire-draws", "0", "-bootstrap", "0"}
	cases := []struct {
		args []string
		want string
	}{
		{append(append([]string{"analyze"}, none...), "-out", filepath.Join(dir, "a"), karate), "netmetrics: 9 files written to " + filepath.Join(dir, "a") + "\n"},
		{append(append([]string{"analyze"}, none...), "-out", filepath.Join(dir, "b"), karate, karate), "netmetrics: the tables of 2 datasets and datasets.csv written to " + filepath.Join(dir, "b") + "\n"},
		{[]string{"dot", "-o", filepath.Join(dir, "k.dot"), karate}, "netmetrics: DOT graph written to " + filepath.Join(dir, "k.dot") + "\n"},
		{[]string{"dot", "-per-window", filepath.Join(dir, "w"), karate}, "netmetrics: 1 DOT graph written to " + filepath.Join(dir, "w") + "\n"},
		{[]string{"dot", "-svg", "-engine", "go", "-o", filepath.Join(dir, "k.svg"), karate}, "netmetrics: picture written to " + filepath.Join(dir, "k.svg") + "\n"},
		{append(append([]string{"analyze"}, none...), karate), ""},
		{[]string{"dot", karate}, ""},
	}
	for _, c := range cases {
		_, errs, code := runCLI(t, "", c.args...)
		if code != 0 || errs != c.want {
			t.Errorf("%v: exit %d, stderr %q, want %q", c.args, code, errs, c.want)
		}
	}
	if n := len(dirNames(t, filepath.Join(dir, "a"))); n != 9 {
		t.Errorf("analyze -out wrote %d files, said 9", n)
	}
}
