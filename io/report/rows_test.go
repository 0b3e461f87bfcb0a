package report

import (
	"bytes"
	"context"
	"errors"
	"io"
	"iter"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/copnet/copnet/graph"
	"github.com/copnet/copnet/io/csvio"
	"github.com/copnet/copnet/metrics"
)

// TestWriteRowsMatchesReference writes every table of the analyses of the
// demo and of Zachary's karate club, plain and with Safe, and compares the
// bytes with the reference encoder's (encoding/csv).
func TestWriteRowsMatchesReference(t *testing.T) {
	demo, _, err := csvio.Demo()
	if err != nil {
		t.Fatal(err)
	}
	karate, _, err := csvio.Load("../../testdata/karate", csvio.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range []struct {
		name string
		net  *graph.Network
	}{{"demo", demo}, {"karate", karate}} {
		m, err := metrics.Analyze(context.Background(), d.net, metrics.DefaultOptions())
		if err != nil {
			t.Fatal(err)
		}
		for _, safe := range []bool{false, true} {
			a := &Analysis{Analysis: m, CSV: CSVOptions{Safe: safe}}
			ref := refTables(a)
			tables := 0
			for _, f := range a.Files() {
				if !strings.HasSuffix(f.Name, ".csv") {
					continue
				}
				tables++
				r, ok := ref[f.Name]
				if !ok {
					t.Fatalf("%s: no reference writer for %s", d.name, f.Name)
				}
				var got, want bytes.Buffer
				if err := f.Write(&got); err != nil {
					t.Fatal(err)
				}
				if err := r(&want); err != nil {
					t.Fatal(err)
				}
				if got.Len() == 0 || !bytes.Equal(got.Bytes(), want.Bytes()) {
					t.Errorf("%s %s (safe %v): %d bytes differ from the reference's %d at byte %d", d.name, f.Name, safe, got.Len(), want.Len(), firstDiff(got.Bytes(), want.Bytes()))
				}
			}
			if tables < 8 {
				t.Errorf("%s: only %d tables written", d.name, tables)
			}
		}
	}
}

func firstDiff(a, b []byte) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

type label string

type cellRow struct {
	S    string   `csv:"s"`
	L    label    `csv:"l"`
	PS   *string  `csv:"ps"`
	F    Float    `csv:"f"`
	PF   *Float   `csv:"pf"`
	X    float64  `csv:"x"`
	I    int      `csv:"i"`
	I8   int8     `csv:"i8"`
	I64  int64    `csv:"i64"`
	PI   *int     `csv:"pi"`
	PI64 *int64   `csv:"pi64"`
	U    uint     `csv:"u"`
	U16  uint16   `csv:"u16"`
	B    bool     `csv:"b"`
	PB   *bool    `csv:"pb"`
	Skip string   `csv:"-"`
	none string   //nolint:unused // an unexported field is no column
	Tags []string // no csv tag: no column
}

// cellStrings are text cells that encoding/csv quotes, or that Safe
// changes, or that come close.
var cellStrings = []string{"", "a", "a,b", `say "hi"`, `"`, "line\nbreak", "cr\rhere", "crlf\r\n", " lead", "trail ", "\tx", "\u00a0nbsp",
	"\u0085nel", "\u2003em", `\.`, `\.x`, "=1+2", "+1", "-3", "-x", "@sum", "\rx", "'q", "\xffbad", "é,", "x\"y\"z"}

var cellFloats = []float64{0, math.Copysign(0, -1), 1, -1, 0.5, 1.0 / 3, 999999, 1e6, -999999, -1e6, 123456.5, 1e21, 1e-5, 1e-4, 5e-324,
	math.MaxFloat64, math.NaN(), math.Inf(1), math.Inf(-1), 1 << 53, 2.5e15}

// cellRows pairs the strings and floats into rows with every field set,
// and every pointer nil in every other row.
func cellRows() []cellRow {
	var rows []cellRow
	for i := range max(len(cellStrings), len(cellFloats)) {
		s, x := cellStrings[i%len(cellStrings)], cellFloats[i%len(cellFloats)]
		r := cellRow{S: s, L: label(s), F: Float(x), X: x, I: i - 5, I8: int8(-i), I64: int64(x), U: uint(i), U16: uint16(i * 1000), B: i%2 == 0, Skip: "skipped", none: "none"}
		if i%2 == 1 {
			f, n, n64, b := Float(x), i*7, int64(-i), i%3 == 0
			r.PS, r.PF, r.PI, r.PI64, r.PB = &s, &f, &n, &n64, &b
		}
		rows = append(rows, r)
	}
	return rows
}

// TestWriteRowsCells checks every field type and awkward text against the
// reference, through WriteRows and WriteCSV, plain and with Safe.
func TestWriteRowsCells(t *testing.T) {
	rows := cellRows()
	for _, safe := range []bool{false, true} {
		opt := CSVOptions{Safe: safe}
		var want, got, gotCSV bytes.Buffer
		if err := refWriteRows(&want, slices.Values(rows), opt); err != nil {
			t.Fatal(err)
		}
		if err := WriteRows(&got, slices.Values(rows), opt); err != nil {
			t.Fatal(err)
		}
		if err := WriteCSV(&gotCSV, rows, opt); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("WriteRows (safe %v):\ngot\n%q\nwant\n%q", safe, got.String(), want.String())
		}
		if gotCSV.String() != want.String() {
			t.Errorf("WriteCSV (safe %v):\ngot\n%q\nwant\n%q", safe, gotCSV.String(), want.String())
		}
	}
}

// manyRows yields n copies of cellRows, and counts the rows yielded.
func manyRows(n int, yielded *int) iter.Seq[cellRow] {
	return func(yield func(cellRow) bool) {
		for range n {
			for _, r := range cellRows() {
				*yielded++
				if !yield(r) {
					return
				}
			}
		}
	}
}

// TestWriteRowsBlocks writes tables of many batches, with one and with
// three encoding goroutines, through a writer that records the writes:
// the bytes are the reference's, and written in blocks.
func TestWriteRowsBlocks(t *testing.T) {
	for _, copies := range []int{1, 19, 20, 200} {
		var n int
		var want bytes.Buffer
		if err := refWriteRows(&want, manyRows(copies, &n), CSVOptions{Safe: true}); err != nil {
			t.Fatal(err)
		}
		for _, procs := range []int{1, 3} {
			old := runtime.GOMAXPROCS(procs)
			var w recordWriter
			err := WriteRows(&w, manyRows(copies, new(int)), CSVOptions{Safe: true})
			runtime.GOMAXPROCS(old)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(w.b.Bytes(), want.Bytes()) {
				t.Errorf("%d rows, %d procs: %d bytes differ from the reference's %d at byte %d", n, procs, w.b.Len(), want.Len(), firstDiff(w.b.Bytes(), want.Bytes()))
			}
			if w.writes > n/batchRows+2 {
				t.Errorf("%d rows, %d procs: %d writes", n, procs, w.writes)
			}
		}
	}
}

type recordWriter struct {
	b      bytes.Buffer
	writes int
}

func (w *recordWriter) Write(p []byte) (int, error) { w.writes++; return w.b.Write(p) }

// failWriter fails after n bytes, or writes short without an error.
type failWriter struct {
	n     int
	short bool
}

func (w *failWriter) Write(p []byte) (int, error) {
	if len(p) <= w.n {
		w.n -= len(p)
		return len(p), nil
	}
	n := w.n
	w.n = 0
	if w.short {
		return n, nil
	}
	return n, io.ErrClosedPipe
}

// TestWriteRowsError checks that a failing or short writer's error is
// returned, and that a large table stops being read soon after.
func TestWriteRowsError(t *testing.T) {
	for _, copies := range []int{1, 2000} {
		for _, short := range []bool{false, true} {
			var n int
			err := WriteRows(&failWriter{n: 1000, short: short}, manyRows(copies, &n), CSVOptions{})
			want := io.ErrClosedPipe
			if short {
				want = io.ErrShortWrite
			}
			if err == nil || !strings.HasPrefix(err.Error(), "report: ") || !errors.Is(err, want) {
				t.Errorf("%d copies, short %v: got %v, want %v", copies, short, err, want)
			}
			if total := copies * len(cellRows()); copies > 1 && n > total/2 {
				t.Errorf("%d copies, short %v: read %d of %d rows after the writer failed", copies, short, n, total)
			}
		}
	}
}

// FuzzWriteRows compares WriteRows with the reference on arbitrary text,
// numbers and options.
func FuzzWriteRows(f *testing.F) {
	for i, s := range cellStrings {
		f.Add(s, cellStrings[(i+1)%len(cellStrings)], cellFloats[i%len(cellFloats)], int64(i)-3, i%2 == 0)
	}
	f.Fuzz(func(t *testing.T, s1, s2 string, x float64, n int64, safe bool) {
		rows := []cellRow{{S: s1, L: label(s2), PS: &s2, F: Float(x), PF: (*Float)(&x), X: x, I: int(n), I8: int8(n), I64: n, PI64: &n, U: uint(n), U16: uint16(n), B: safe}, {S: s2, L: label(s1)}}
		opt := CSVOptions{Safe: safe}
		var got, want bytes.Buffer
		if err := refWriteRows(&want, slices.Values(rows), opt); err != nil {
			t.Fatal(err)
		}
		if err := WriteRows(&got, slices.Values(rows), opt); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("got\n%q\nwant\n%q", got.String(), want.String())
		}
	})
}

// TestFloatCache writes values drawn from a pool larger than the cache,
// so that slots are shared and replaced, and compares each cell with
// Float.String.
func TestFloatCache(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	pool := slices.Clone(cellFloats)
	for range 3000 {
		pool = append(pool, math.Float64frombits(rng.Uint64()), float64(rng.IntN(20))/float64(1+rng.IntN(20)), rng.NormFloat64()*1e7)
	}
	var c floatCache
	for i := range 200000 {
		f := Float(pool[rng.IntN(len(pool))])
		if got, want := string(c.append(nil, f)), f.String(); got != want {
			t.Fatalf("value %d: got %q, want %q", i, got, want)
		}
	}
	if c.slots == nil {
		t.Error("nothing was cached")
	}
}

// TestTableHeadUnquoted checks that a table's head shows text cells as
// they are, not CSV-quoted.
func TestTableHeadUnquoted(t *testing.T) {
	tab := &Table[cellRow]{Name: "cells.csv", Rows: slices.Values(cellRows()[:4])}
	_, rows, total := tab.head()
	if total != 4 || rows[2][0] != "a,b" || rows[3][0] != `say "hi"` || rows[3][2] != `say "hi"` || rows[2][2] != "" {
		t.Errorf("got %q", rows)
	}
}
