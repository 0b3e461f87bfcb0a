package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReportCommand(t *testing.T) {
	out := filepath.Join(t.TempDir(), "sub", "report.html")
	if _, errs, code := runCLI(t, "", "report", "-o", out); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
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
	if _, errs, code := runCLI(t, "", "report", "-o", out); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if second, _ := os.ReadFile(out); string(second) != page {
		t.Error("two runs wrote different reports")
	}
	if _, _, code := runCLI(t, "", "report", "-horizon", "0"); code != 2 {
		t.Errorf("-horizon 0: exit %d, want 2", code)
	}
	if _, _, code := runCLI(t, "", "report", "-network", filepath.Join(t.TempDir(), "none.svg")); code != 2 {
		t.Errorf("missing -network file: exit %d, want 2", code)
	}
}
