//go:build unix

package report

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// set returns the files of a run: each holds "run NAME".
func set(run string, names ...string) []File {
	var fs []File
	for _, n := range names {
		fs = append(fs, File{Name: n, Write: func(w io.Writer) error {
			_, err := fmt.Fprintf(w, "%s %s", run, n)
			return err
		}})
	}
	return fs
}

// folder returns the visible files of dir and their contents.
func folder(t *testing.T, dir string) map[string]string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, e := range entries {
		if e.Name() == stateDir {
			continue
		}
		data, _ := os.ReadFile(filepath.Join(dir, e.Name()))
		got[e.Name()] = string(data)
	}
	return got
}

// whole is the folder content of a run's whole set.
func whole(run string, names ...string) map[string]string {
	m := map[string]string{}
	for _, n := range names {
		m[n] = run + " " + n
	}
	return m
}

func equal(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// leftovers lists what the state folder holds beyond the lock and the
// manifest.
func leftovers(t *testing.T, dir string) []string {
	t.Helper()
	entries, _ := os.ReadDir(filepath.Join(dir, stateDir))
	var out []string
	for _, e := range entries {
		if e.Name() != "lock" && e.Name() != "manifest" {
			out = append(out, e.Name())
		}
	}
	return out
}

var (
	oldNames = []string{"a.csv", "b.csv", "stale.csv"}
	newNames = []string{"a.csv", "b.csv", "c.csv"}
)

// TestCommitRollsBackAtEveryStep fails the commit at each of its renames in
// turn (as a rename blocked by a directory or an immutable file does): the
// previous set stays whole, and nothing is left behind.
func TestCommitRollsBackAtEveryStep(t *testing.T) {
	noSync = true
	defer func() { noSync = false }()
	steps := commitSteps(t)
	for _, step := range steps {
		if step == "cleanup" {
			continue // after the commit point: nothing fails there
		}
		t.Run(step, func(t *testing.T) {
			dir := t.TempDir()
			if err := WriteFiles(context.Background(), dir, set("old", oldNames...)); err != nil {
				t.Fatal(err)
			}
			TestHookCommit = func(s string) error {
				if s == step {
					return errors.New("rename blocked")
				}
				return nil
			}
			err := WriteFiles(context.Background(), dir, set("new", newNames...))
			TestHookCommit = nil
			if !errors.Is(err, ErrOutput) || !strings.Contains(err.Error(), "rename blocked") {
				t.Fatalf("got %v, want the rename failure", err)
			}
			if got := folder(t, dir); !equal(got, whole("old", oldNames...)) {
				t.Errorf("after the failure: %v, want the previous set", got)
			}
			if l := leftovers(t, dir); len(l) > 0 {
				t.Errorf("left in %s: %v", stateDir, l)
			}
			// The manifest still names the previous set: the next run
			// removes its stale table.
			if err := WriteFiles(context.Background(), dir, set("next", newNames...)); err != nil {
				t.Fatal(err)
			}
			if got := folder(t, dir); !equal(got, whole("next", newNames...)) {
				t.Errorf("next run: %v", got)
			}
		})
	}
}

// commitSteps lists the hook's steps of replacing oldNames by newNames.
func commitSteps(t *testing.T) []string {
	t.Helper()
	dir := t.TempDir()
	if err := WriteFiles(context.Background(), dir, set("old", oldNames...)); err != nil {
		t.Fatal(err)
	}
	var steps []string
	TestHookCommit = func(s string) error { steps = append(steps, s); return nil }
	defer func() { TestHookCommit = nil }()
	if err := WriteFiles(context.Background(), dir, set("new", newNames...)); err != nil {
		t.Fatal(err)
	}
	// 3 previous tables and the manifest aside, 3 new ones and the
	// manifest in, the commit and the cleanup.
	if len(steps) != 10 {
		t.Fatalf("steps %v, want 10", steps)
	}
	return steps
}

// TestCommitSurvivesKill kills a writing process (SIGKILL, from the hook)
// before each rename and before the commit point: the folder, once
// recovered, holds the previous set or the new one, whole, with no
// leftover; a later run then writes its own set.
func TestCommitSurvivesKill(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	steps := commitSteps(t)
	for _, step := range steps {
		t.Run(step, func(t *testing.T) {
			dir := t.TempDir()
			if err := WriteFiles(context.Background(), dir, set("old", oldNames...)); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(os.Args[0], "-test.run=^TestKillHelper$")
			cmd.Env = append(os.Environ(), "REPORT_KILL_DIR="+dir, "REPORT_KILL_STEP="+step)
			err := cmd.Run()
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
				t.Fatalf("helper: %v, want killed", err)
			}
			if err := Recover(context.Background(), dir); err != nil {
				t.Fatal(err)
			}
			got := folder(t, dir)
			want := whole("old", oldNames...)
			if step == "cleanup" {
				// Killed after the commit point: the new set stands.
				want = whole("new", newNames...)
			}
			if !equal(got, want) {
				t.Errorf("after a kill at %q: %v, want %v", step, got, want)
			}
			if l := leftovers(t, dir); len(l) > 0 {
				t.Errorf("left in %s: %v", stateDir, l)
			}
			if err := WriteFiles(context.Background(), dir, set("next", newNames...)); err != nil {
				t.Fatal(err)
			}
			if got := folder(t, dir); !equal(got, whole("next", newNames...)) {
				t.Errorf("next run: %v", got)
			}
		})
	}
}

// TestKillHelper is the process that TestCommitSurvivesKill kills.
func TestKillHelper(t *testing.T) {
	dir, step := os.Getenv("REPORT_KILL_DIR"), os.Getenv("REPORT_KILL_STEP")
	if dir == "" {
		t.Skip("helper process of TestCommitSurvivesKill")
	}
	TestHookCommit = func(s string) error {
		if s == step {
			syscall.Kill(os.Getpid(), syscall.SIGKILL)
			select {}
		}
		return nil
	}
	WriteFiles(context.Background(), dir, set("new", newNames...))
	t.Fatal("not killed")
}

// TestConcurrentRuns runs two writers into one folder 300 times, one of
// them slowed between its renames: the folder always holds one run's whole
// set (the one committed last), never a mix.
func TestConcurrentRuns(t *testing.T) {
	noSync = true
	defer func() { noSync = false }()
	namesA := []string{"a.csv", "b.csv", "knowledge_items.csv", "adoption.csv"}
	namesB := []string{"a.csv", "b.csv", "c.csv"}
	slowA := false
	// Every rename waits a little, so that without the lock the two
	// commits would interleave.
	TestHookCommit = func(string) error { time.Sleep(20 * time.Microsecond); return nil }
	defer func() { TestHookCommit = nil }()
	for i := range 300 {
		dir := t.TempDir()
		var wg sync.WaitGroup
		errs := make([]error, 2)
		slowA = i%2 == 0
		for k, run := range []struct {
			name  string
			names []string
		}{{"A", namesA}, {"B", namesB}} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				files := set(run.name, run.names...)
				if run.name == "A" && slowA {
					// Slow A's writing so that B tries to commit meanwhile.
					files = append(files, File{Name: "z.csv", Write: func(w io.Writer) error {
						for range 20 {
							if _, err := io.WriteString(w, "z"); err != nil {
								return err
							}
						}
						return nil
					}})
				}
				errs[k] = WriteFiles(context.Background(), dir, files)
			}()
		}
		wg.Wait()
		if errs[0] != nil || errs[1] != nil {
			t.Fatalf("try %d: %v, %v", i, errs[0], errs[1])
		}
		got := folder(t, dir)
		wantA := whole("A", namesA...)
		if slowA {
			wantA["z.csv"] = strings.Repeat("z", 20)
		}
		if !equal(got, wantA) && !equal(got, whole("B", namesB...)) {
			t.Fatalf("try %d: mixed set %v", i, got)
		}
		if l := leftovers(t, dir); len(l) > 0 {
			t.Fatalf("try %d: left %v", i, l)
		}
	}
}

// TestStaleTemps removes the temporary files of killed runs, but not one
// a running writer holds.
func TestStaleTemps(t *testing.T) {
	dir := t.TempDir()
	stale := filepath.Join(dir, ".a.csv.tmp123")
	held := filepath.Join(dir, ".b.csv.tmp456")
	other := filepath.Join(dir, ".notes.txt.tmp1")
	for _, p := range []string{stale, held, other} {
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	f, err := os.Open(held)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if !flockNB(f) {
		t.Skip("no flock")
	}
	if err := WriteFiles(context.Background(), dir, set("new", "a.csv", "b.csv")); err != nil {
		t.Fatal(err)
	}
	for p, want := range map[string]bool{stale: false, held: true, other: true} {
		if _, err := os.Stat(p); (err == nil) != want {
			t.Errorf("%s exists: %v, want %v", filepath.Base(p), err == nil, want)
		}
	}
}

// TestManifestNamesTheSet checks the manifest of a committed set.
func TestManifestNamesTheSet(t *testing.T) {
	dir := t.TempDir()
	if err := WriteFiles(context.Background(), dir, set("r", "x.csv", "y.json")); err != nil {
		t.Fatal(err)
	}
	got := readManifest(filepath.Join(dir, stateDir))
	if !slices.Equal(got, []string{"x.csv", "y.json"}) {
		t.Errorf("manifest %v", got)
	}
}
