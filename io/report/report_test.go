package report_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/copnet/copnet/io/report"
)

type row struct {
	Name  string       `csv:"name" json:"name"`
	Value report.Float `csv:"value" json:"value"`
}

var rows = []row{{"a", 0.5}, {"=cmd|' /C calc'!A0", report.NaN()}, {"-3", -3}, {"x|y<b>", 1e-20}}

func TestCSV(t *testing.T) {
	var b bytes.Buffer
	if err := report.WriteCSV(&b, rows, report.CSVOptions{}); err != nil {
		t.Fatal(err)
	}
	want := "name,value\na,0.5\n=cmd|' /C calc'!A0,\n-3,-3\nx|y<b>,1e-20\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
	b.Reset()
	if err := report.WriteCSV(&b, rows, report.CSVOptions{Safe: true}); err != nil {
		t.Fatal(err)
	}
	want = "name,value\na,0.5\n'=cmd|' /C calc'!A0,\n-3,-3\nx|y<b>,1e-20\n"
	if b.String() != want {
		t.Errorf("safe: got\n%s\nwant\n%s", b.String(), want)
	}
}

func TestJSONNull(t *testing.T) {
	var b bytes.Buffer
	if err := report.WriteJSON(&b, rows[:2]); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), `"value": null`) || strings.Contains(b.String(), "NaN") {
		t.Errorf("got %s", b.String())
	}
	if report.Float(math.Inf(1)).Valid() || !report.Float(0).Valid() {
		t.Error("Valid")
	}
}

func TestMarkdownAndHTML(t *testing.T) {
	var md, html bytes.Buffer
	if err := report.WriteMarkdown(&md, rows); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(md.String(), "| x\\|y<b> | 1e-20 |") || !strings.HasPrefix(md.String(), "| name | value |\n|---|---|\n") {
		t.Errorf("markdown:\n%s", md.String())
	}
	if err := report.WriteHTML(&html, rows); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(html.String(), "<td>x|y&lt;b&gt;</td>") || strings.Contains(html.String(), "<b>") {
		t.Errorf("html:\n%s", html.String())
	}
}

func TestWriteFilesWholeOrNothing(t *testing.T) {
	dir := t.TempDir()
	ok := func(s string) report.File {
		return report.File{Name: s, Write: func(w io.Writer) error { _, err := io.WriteString(w, "new "+s); return err }}
	}
	if err := os.WriteFile(filepath.Join(dir, "a.csv"), []byte("old a"), 0o644); err != nil {
		t.Fatal(err)
	}
	failing := report.File{Name: "b.csv", Write: func(w io.Writer) error {
		io.WriteString(w, "partial")
		return errors.New("disk full")
	}}
	err := report.WriteFiles(context.Background(), dir, []report.File{ok("a.csv"), failing, ok("c.csv")})
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Fatalf("got %v, want the write error", err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("after a failure the folder holds %v, want only a.csv", names)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "a.csv")); string(got) != "old a" {
		t.Errorf("a.csv = %q, want the previous content", got)
	}
	if err := report.WriteFiles(context.Background(), dir, []report.File{ok("a.csv"), ok("c.csv")}); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "c.csv")); string(got) != "new c.csv" {
		t.Errorf("c.csv = %q", got)
	}
	if err := report.WriteFiles(context.Background(), dir, []report.File{ok("a.csv")}, filepath.Join(dir, "a.csv")); err == nil {
		t.Error("overwrote a protected input")
	}
}

// TestWriteFilesInterrupted cancels the context in the middle of the
// second file, as SIGINT does: no temporary file is left and the previous
// results are intact.
func TestWriteFilesInterrupted(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"a.csv", "b.csv"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("old "+name), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	files := []report.File{
		{Name: "a.csv", Write: func(w io.Writer) error { _, err := io.WriteString(w, "new a"); return err }},
		{Name: "b.csv", Write: func(w io.Writer) error {
			if _, err := io.WriteString(w, "half of b"); err != nil {
				return err
			}
			cancel() // the interrupt arrives here
			_, err := io.WriteString(w, "rest of b")
			return err
		}},
	}
	err := report.WriteFiles(ctx, dir, files)
	if err == nil || !strings.Contains(err.Error(), "interrupted") {
		t.Fatalf("got %v, want an interruption", err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("%d entries after the interrupt, want the 2 previous files", len(entries))
	}
	for _, name := range []string{"a.csv", "b.csv"} {
		if got, _ := os.ReadFile(filepath.Join(dir, name)); string(got) != "old "+name {
			t.Errorf("%s = %q, want the previous content", name, got)
		}
	}
}
