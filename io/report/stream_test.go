//go:build unix

package report

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

type streamRow struct {
	N    int    `csv:"n"`
	Name string `csv:"name"`
}

// TestStagingStreamed: a table streamed into a staged set in batches is
// the file WriteRows makes of the same rows; it is committed with the
// files written beside it, and until the commit the folder keeps its
// previous set.
func TestStagingStreamed(t *testing.T) {
	dir := t.TempDir()
	if err := WriteFiles(context.Background(), dir, set("old", "a.csv", "gone.csv")); err != nil {
		t.Fatal(err)
	}
	var rows []streamRow
	for i := range 5000 {
		rows = append(rows, streamRow{i, strings.Repeat("x", i%7) + "=1"})
	}
	opt := CSVOptions{Safe: true}
	var want bytes.Buffer
	if err := WriteRows(&want, slices.Values(rows), opt); err != nil {
		t.Fatal(err)
	}
	s, err := Stage(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Abort()
	r := streamInto(t, s, rows, opt)
	if err := s.Commit(); err == nil {
		t.Error("Commit took a set with a streamed file still open")
	}
	r.Close()
	if got := folder(t, dir); !equal(got, whole("old", "a.csv", "gone.csv")) {
		t.Errorf("a refused commit changed the folder: %v", got)
	}

	s, err = Stage(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	r = streamInto(t, s, rows, opt)
	if got := folder(t, dir); !equal(got, whole("old", "a.csv", "gone.csv")) {
		t.Errorf("the folder changed before the commit: %v", got)
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	if err := r.Push(rows[:1]); err == nil {
		t.Error("Push after Close took the rows")
	}
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	got := folder(t, dir)
	if got["rows.csv"] != want.String() {
		t.Errorf("streamed table differs from WriteRows' (%d against %d bytes)", len(got["rows.csv"]), want.Len())
	}
	if got["a.csv"] != "new a.csv" || len(got) != 2 {
		t.Errorf("committed set %v, want rows.csv and the new a.csv (gone.csv removed)", slices.Sorted(func(yield func(string) bool) {
			for k := range got {
				if !yield(k) {
					return
				}
			}
		}))
	}
	if l := leftovers(t, dir); len(l) != 0 {
		t.Errorf("left behind: %v", l)
	}
	if err := s.Write(set("late", "z.csv")[0]); err == nil {
		t.Error("Write after Commit was taken")
	}
}

// streamInto streams rows into rows.csv of s, in batches, and writes the
// file a.csv beside it; rows.csv is left open.
func streamInto(t *testing.T, s *Staging, rows []streamRow, opt CSVOptions) *RowStream[streamRow] {
	t.Helper()
	r, err := StreamRows[streamRow](s, "rows.csv", opt)
	if err != nil {
		t.Fatal(err)
	}
	for b := range slices.Chunk(rows, 333) {
		if err := r.Push(b); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Write(set("new", "a.csv")[0]); err != nil {
		t.Fatal(err)
	}
	return r
}

// TestStagingAbort: an aborted set, streamed file and all, leaves the
// folder as it was, and a folder where nothing was committed as nothing.
func TestStagingAbort(t *testing.T) {
	for _, before := range []bool{true, false} {
		dir := filepath.Join(t.TempDir(), "out")
		if before {
			if err := WriteFiles(context.Background(), dir, set("old", "a.csv")); err != nil {
				t.Fatal(err)
			}
		}
		s, err := Stage(context.Background(), dir)
		if err != nil {
			t.Fatal(err)
		}
		r, err := StreamRows[streamRow](s, "rows.csv", CSVOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if err := r.Push([]streamRow{{1, "a"}}); err != nil {
			t.Fatal(err)
		}
		r.Close()
		s.Abort()
		s.Abort() // a second Abort does nothing
		if err := s.Commit(); err == nil {
			t.Error("Commit after Abort was taken")
		}
		if before {
			if got := folder(t, dir); !equal(got, whole("old", "a.csv")) {
				t.Errorf("abort changed the folder: %v", got)
			}
			if l := leftovers(t, dir); len(l) != 0 {
				t.Errorf("left behind: %v", l)
			}
		} else if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("an aborted first set left the folder it made: %v", err)
		}
	}
}

// failingWriter fails every write after the first n bytes.
type failingWriter struct{ n int }

var errFull = errors.New("no space left on device")

func (f *failingWriter) Write(p []byte) (int, error) {
	if len(p) > f.n {
		return 0, errFull
	}
	f.n -= len(p)
	return len(p), nil
}

func (f *failingWriter) Close() error { return nil }

// TestRowStreamFails: once the writer fails, Push returns its error
// rather than waiting, and Close returns it too.
func TestRowStreamFails(t *testing.T) {
	r := &RowStream[streamRow]{file: &failingWriter{n: 100}, batch: make(chan []streamRow, 2), done: make(chan struct{})}
	r.start(CSVOptions{})
	big := make([]streamRow, 2000)
	var err error
	for range 100 {
		if err = r.Push(big); err != nil {
			break
		}
	}
	if !errors.Is(err, errFull) {
		t.Errorf("Push after the writer failed: %v, want its error", err)
	}
	if err := r.Close(); !errors.Is(err, errFull) {
		t.Errorf("Close: %v, want the writer's error", err)
	}
}

// TestStagingCheck: Check refuses a file of the set whose place is a
// folder, before anything is written, and takes names that are free or
// regular files.
func TestStagingCheck(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "taken.csv"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "old.csv"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := Stage(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Abort()
	if err := s.Check("free.csv", "old.csv"); err != nil {
		t.Errorf("Check of a free name and a regular file: %v", err)
	}
	if err := s.Check("free.csv", "taken.csv"); !errors.Is(err, ErrNotRegular) {
		t.Errorf("Check of a name taken by a folder: %v, want ErrNotRegular", err)
	}
}
