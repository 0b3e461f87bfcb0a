package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestDotRefusesLargeInProcess: beyond the in-process bound, dot -svg
// says what to do instead of running for minutes.
func TestDotRefusesLargeInProcess(t *testing.T) {
	_, errs, code := runCLI(t, "", "dot", "-svg", "-engine", "go", "-max-nodes", "100", "../../testdata/karate", "-scope", "*")
	if code != 0 {
		t.Fatalf("karate (34 members) refused: exit %d: %s", code, errs)
	}
	_, errs, code = runCLI(t, "", "dot", "-svg", "-engine", "go", "-max-nodes", "100")
	// 382 active members, 1,342 unordered pairs (pandas on
	// io/csvio/demo/flows.csv, self-flows dropped).
	want := "netmetrics: 382 members and 1342 ties: too large for the in-process layout (at most 100 members and 100000 ties); draw a community (-scope ID) or a window (-window N), or install Graphviz"
	if code != 2 || !strings.HasPrefix(errs, want) {
		t.Errorf("exit %d, stderr %q, want status 2 and %q", code, errs, want)
	}
}

// TestDotPerWindow writes one picture per window of the demo (8 years),
// named by window, and nothing else.
func TestDotPerWindow(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "pics")
	if _, errs, code := runCLI(t, "", "dot", "-svg", "-engine", "go", "-labels", "3", "-per-window", dir); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), ".") { // the commit's own .netmetrics folder
			names = append(names, e.Name())
		}
	}
	want := []string{"window-000-2011.svg", "window-001-2012.svg", "window-002-2013.svg", "window-003-2014.svg",
		"window-004-2015.svg", "window-005-2016.svg", "window-006-2017.svg", "window-007-2018.svg"}
	if !slices.Equal(names, want) {
		t.Errorf("files %q, want %q", names, want)
	}
	b, err := os.ReadFile(filepath.Join(dir, "window-003-2014.svg"))
	if err != nil || !strings.Contains(string(b), "window 2014") || !strings.Contains(string(b), "Roles (members)") {
		t.Errorf("window 2014: %v, title or role legend missing", err)
	}
	if _, errs, code := runCLI(t, "", "dot", "-per-window", dir, "-window", "2"); code != 2 || !strings.Contains(errs, "-per-window") {
		t.Errorf("-per-window with -window: exit %d, %q", code, errs)
	}
}

// TestDotInterruptStopsGraphviz sends SIGTERM to netmetrics while
// Graphviz (here a stand-in sfdp that never ends) lays the picture out:
// the command ends within 1 s with status 130 and writes nothing.
func TestDotInterruptStopsGraphviz(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command")
	}
	if _, err := exec.LookPath("sleep"); err != nil {
		t.Skip("no sleep program")
	}
	bin := buildBinary(t)
	fake := t.TempDir()
	if err := os.WriteFile(filepath.Join(fake, "sfdp"), []byte("#!/bin/sh\nexec sleep 60\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "net.svg")
	cmd := exec.Command(bin, "dot", "-svg", "-engine", "graphviz", "-o", out)
	cmd.Env = append(os.Environ(), "PATH="+fake+string(os.PathListSeparator)+os.Getenv("PATH"))
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(500 * time.Millisecond)
	start := time.Now()
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	err := cmd.Wait()
	if d := time.Since(start); d > time.Second {
		t.Errorf("ended %v after SIGTERM, want under 1 s", d)
	}
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 130 {
		t.Errorf("exit: %v, want status 130", err)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("output written: %v", err)
	}
}
