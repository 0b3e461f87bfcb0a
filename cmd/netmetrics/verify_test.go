package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/copnet/copnet/io/report"
)

// sha256sum returns a file's checksum as the sha256sum program prints it,
// or as crypto/sha256 computes it over the file's bytes when the program
// is not installed.
func sha256sum(t *testing.T, path string) string {
	t.Helper()
	if prog, err := exec.LookPath("sha256sum"); err == nil {
		out, err := exec.Command(prog, path).Output()
		if err != nil {
			t.Fatal(err)
		}
		sum, _, _ := strings.Cut(string(out), " ")
		return sum
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// copyFolder copies the files of folder src into a new temporary folder.
func copyFolder(t *testing.T, src string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), filepath.Base(src))
	if err := os.CopyFS(dst, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	return dst
}

func readProvenanceOf(t *testing.T, dir string) *report.Provenance {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	var s struct{ Provenance *report.Provenance }
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatal(err)
	}
	if s.Provenance == nil {
		t.Fatalf("%s/summary.json has no provenance", dir)
	}
	return s.Provenance
}

// verify runs netmetrics verify dir and returns its outputs, error and
// exit status.
func verify(t *testing.T, dir string) (stdout, stderr string, err error, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	err = run([]string{"verify", dir}, strings.NewReader(""), &out, &errb)
	code = exitStatus(err, &errb)
	return out.String(), errb.String(), err, code
}

// setByte overwrites the byte at offset i of a file.
func setByte(t *testing.T, path string, i int, c byte) byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	old := b[i]
	b[i] = c
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return old
}

func TestVerifyInputChanged(t *testing.T) {
	data := copyFolder(t, "../../testdata/karate")
	out := filepath.Join(t.TempDir(), "out")
	if _, errs, code := runCLI(t, "", "analyze", "-roles", "onion", "-out", out, data); code != 0 {
		t.Fatalf("analyze: exit %d: %s", code, errs)
	}
	p := readProvenanceOf(t, out)
	flows := filepath.Join(data, "flows.csv")
	if n := len(p.Inputs); n != 4 || p.Inputs[0].Name != "dataset.json" || p.Inputs[3].Path != flows || p.Inputs[3].SHA256 != sha256sum(t, flows) {
		t.Fatalf("inputs %+v, want dataset.json, communities, members and flows.csv with sha256 %s", p.Inputs, sha256sum(t, flows))
	}
	if stdout, errs, _, code := verify(t, out); code != 0 || !strings.Contains(stdout, "4 inputs unchanged; 10 files byte-identical") {
		t.Fatalf("verify of a fresh output: exit %d, stdout %q, stderr %q", code, stdout, errs)
	}

	// Line 2 of flows.csv is "1,2": make it "1,3" (still a valid flow).
	old := setByte(t, flows, len("source,target\n1,"), '3')
	_, errs, err, code := verify(t, out)
	if code != 1 || !errors.Is(err, errNotReproduced) || !strings.Contains(errs, "input "+flows+" changed") {
		t.Errorf("verify after a byte of flows.csv changed: exit %d, err %v, stderr %q; want exit 1 naming %s", code, err, errs, flows)
	}

	// Put the byte back: the rerun reproduces every file again.
	setByte(t, flows, len("source,target\n1,"), old)
	if stdout, errs, _, code := verify(t, out); code != 0 || !strings.Contains(stdout, "byte-identical") {
		t.Errorf("verify after the byte was restored: exit %d, stdout %q, stderr %q", code, stdout, errs)
	}

	// An input gone is named too.
	members := filepath.Join(data, "members.csv")
	if err := os.Remove(members); err != nil {
		t.Fatal(err)
	}
	if _, errs, err, code := verify(t, out); code != 1 || !errors.Is(err, errNotReproduced) || !strings.Contains(errs, "input "+members+" is missing") {
		t.Errorf("verify after members.csv was removed: exit %d, stderr %q", code, errs)
	}
}

func TestVerifyOutputChanged(t *testing.T) {
	data := copyFolder(t, "../../testdata/karate")
	out := filepath.Join(t.TempDir(), "out")
	if _, errs, code := runCLI(t, "", "analyze", "-out", out, data); code != 0 {
		t.Fatalf("analyze: exit %d: %s", code, errs)
	}
	summary, err := os.ReadFile(filepath.Join(out, "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	// The line number of "seed" in summary.json, counted independently.
	seedLine := 1 + bytes.Count(summary[:bytes.Index(summary, []byte(`"seed": 1`))], []byte("\n"))

	cases := []struct {
		name   string
		change func(t *testing.T)
		want   string // in stderr; "" for a passing verify
	}{
		{"a cell of scope_windows.csv", func(t *testing.T) {
			path := filepath.Join(out, "scope_windows.csv")
			b, _ := os.ReadFile(path)
			lines := strings.SplitAfter(string(b), "\n")
			lines[2] = strings.Replace(lines[2], ",", ";", 1)
			os.WriteFile(path, []byte(strings.Join(lines, "")), 0o644)
		}, "scope_windows.csv:3 differs from the rerun"},
		{"a line added to members.csv", func(t *testing.T) {
			f, _ := os.OpenFile(filepath.Join(out, "members.csv"), os.O_APPEND|os.O_WRONLY, 0)
			f.WriteString("x\n")
			f.Close()
		}, "the rerun ends before this line"},
		{"transitions.csv removed", func(t *testing.T) { os.Remove(filepath.Join(out, "transitions.csv")) }, "transitions.csv is missing"},
		{"a parameter of summary.json", func(t *testing.T) {
			os.WriteFile(filepath.Join(out, "summary.json"), bytes.Replace(summary, []byte(`"seed": 1`), []byte(`"seed": 2`), 1), 0o644)
		}, "summary.json:" + itoa(seedLine) + " differs"},
		{"another build recorded", func(t *testing.T) {
			os.WriteFile(filepath.Join(out, "summary.json"), bytes.Replace(summary, []byte(`"go_version": "go`), []byte(`"go_version": "go0.1-`), 1), 0o644)
		}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if _, errs, code := runCLI(t, "", "analyze", "-out", out, data); code != 0 {
				t.Fatalf("analyze: exit %d: %s", code, errs)
			}
			c.change(t)
			stdout, errs, err, code := verify(t, out)
			if c.want == "" {
				if code != 0 || !strings.Contains(errs, "was written by copnet") || !strings.Contains(stdout, "byte-identical") {
					t.Errorf("exit %d, stdout %q, stderr %q; want exit 0 with a note on the build", code, stdout, errs)
				}
				return
			}
			if code != 1 || !errors.Is(err, errNotReproduced) || !strings.Contains(errs, c.want) {
				t.Errorf("exit %d, stderr %q; want exit 1 and %q", code, errs, c.want)
			}
		})
	}
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

func TestVerifyCannot(t *testing.T) {
	noProvenance := t.TempDir()
	os.WriteFile(filepath.Join(noProvenance, "summary.json"), []byte(`{"dataset": {}, "parameters": {}, "provenance": null}`), 0o644)
	fromStdin := filepath.Join(t.TempDir(), "out")
	flows, err := os.ReadFile("../../testdata/karate/flows.csv")
	if err != nil {
		t.Fatal(err)
	}
	if _, errs, code := runCLI(t, string(flows), "analyze", "-out", fromStdin, "-"); code != 0 {
		t.Fatalf("analyze -: exit %d: %s", code, errs)
	}
	for _, c := range []struct{ dir, want string }{
		{noProvenance, "has no provenance"},
		{t.TempDir(), "not an output folder of netmetrics analyze"},
		{fromStdin, "computed from standard input"},
	} {
		if _, errs, _, code := verify(t, c.dir); code != 2 || !strings.Contains(errs, c.want) {
			t.Errorf("verify %s: exit %d, stderr %q; want exit 2 and %q", c.dir, code, errs, c.want)
		}
	}
	if _, errs, code := runCLI(t, "", "verify"); code != 2 || !strings.Contains(errs, "want one output folder") {
		t.Errorf("verify without a folder: exit %d, stderr %q", code, errs)
	}
}

// TestDemoProvenance checks that the demo's summary.json records the
// SHA-256 of the embedded files (the files under io/csvio/demo are the
// bytes embedded), that the text summary ends with the same provenance,
// and that verify reproduces the demo's output.
func TestDemoProvenance(t *testing.T) {
	out := filepath.Join(t.TempDir(), "demo")
	if _, errs, code := runCLI(t, "", "analyze", "-out", out); code != 0 {
		t.Fatalf("analyze: exit %d: %s", code, errs)
	}
	p := readProvenanceOf(t, out)
	var names []string
	for _, in := range p.Inputs {
		names = append(names, in.Name)
		src := filepath.Join("..", "..", "io", "csvio", "demo", in.Name)
		st, err := os.Stat(src)
		if err != nil {
			t.Fatal(err)
		}
		if want := sha256sum(t, src); in.SHA256 != want || in.Size != st.Size() || in.Path != "" {
			t.Errorf("%s: %d bytes sha256 %s at %q, want %d bytes %s and no path", in.Name, in.Size, in.SHA256, in.Path, st.Size(), want)
		}
	}
	if got := strings.Join(names, " "); got != "members.csv knowledge.csv flows.csv" {
		t.Errorf("demo inputs %q", got)
	}
	if p.Command != "analyze" || strings.Contains(strings.Join(p.Arguments, " "), "-out") || !strings.Contains(strings.Join(p.Arguments, " "), "-seed=1 ") {
		t.Errorf("command %q arguments %q: want analyze, every parameter with its default, no -out", p.Command, p.Arguments)
	}
	if stdout, errs, _, code := verify(t, out); code != 0 || !strings.Contains(stdout, "3 inputs unchanged") {
		t.Errorf("verify of the demo: exit %d, stdout %q, stderr %q", code, stdout, errs)
	}

	text, errs, code := runCLI(t, "", "analyze")
	if code != 0 {
		t.Fatalf("analyze: exit %d: %s", code, errs)
	}
	// The provenance comes last but for a line of the commands to run
	// next, wrapped to the screen's width (lines after the first two
	// columns in).
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	first := slices.IndexFunc(lines, func(l string) bool { return strings.HasPrefix(l, "provenance: copnet ") })
	if first < 0 {
		t.Fatalf("no provenance in the text summary:\n%s", text)
	}
	if n := len(lines); n < 2 || lines[n-2] != "" || !strings.HasPrefix(lines[n-1], "Next: netmetrics report -o report.html") {
		t.Errorf("the text summary does not end with the commands to run next: %q", lines[max(0, n-2):])
	}
	var words []string
	for i, l := range lines[first : len(lines)-2] {
		if utf8.RuneCountInString(l) > report.ScreenWidth || i > 0 && !strings.HasPrefix(l, "  ") {
			t.Errorf("provenance line %q: wider than %d columns or not indented", l, report.ScreenWidth)
		}
		words = append(words, strings.TrimPrefix(l, "  "))
	}
	if got := strings.Join(words, " "); got != p.String() {
		t.Errorf("provenance of the text summary:\n%s\nwant\n%s", got, p.String())
	}
}
