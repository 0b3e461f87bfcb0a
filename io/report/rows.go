package report

import (
	"fmt"
	"io"
	"iter"
	"math"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/copnet/copnet/metrics"
)

// Float is metrics.Float: a number that may be undefined, written as an
// empty cell or a JSON null.
type Float = metrics.Float

// NaN is the undefined Float.
func NaN() Float { return metrics.NaN() }

// column is one column of a row type: the field its csv tag names and how
// to write it.
type column struct {
	name  string
	field int
	kind  reflect.Kind
	ptr   bool // a nil pointer is an empty cell
	float bool // metrics.Float
}

var columnCache sync.Map // reflect.Type → []column

// columnsOf returns the columns of a struct type, in field order: every
// exported field with a csv tag other than "-".
func columnsOf(t reflect.Type) ([]column, error) {
	if c, ok := columnCache.Load(t); ok {
		return c.([]column), nil
	}
	if t.Kind() != reflect.Struct {
		return nil, fmt.Errorf("report: rows of %s: want a struct", t)
	}
	ft := reflect.TypeFor[Float]()
	var cols []column
	for i := range t.NumField() {
		f := t.Field(i)
		name := f.Tag.Get("csv")
		if name == "" || name == "-" || !f.IsExported() {
			continue
		}
		c := column{name: name, field: i}
		typ := f.Type
		if typ.Kind() == reflect.Pointer {
			c.ptr, typ = true, typ.Elem()
		}
		c.kind, c.float = typ.Kind(), typ == ft
		switch c.kind {
		case reflect.String, reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
			reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Float64:
		default:
			return nil, fmt.Errorf("report: column %s of %s: unsupported type %s", name, t, f.Type)
		}
		cols = append(cols, c)
	}
	columnCache.Store(t, cols)
	return cols, nil
}

// ColumnNames returns the header of a table of rows of type T.
func ColumnNames[T any]() []string {
	cols, err := columnsOf(reflect.TypeFor[T]())
	if err != nil {
		panic(err) // a row type without csv tags is a programming error
	}
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = c.name
	}
	return names
}

// encoder writes rows of one struct type as CSV lines. A row is copied
// into the encoder's variable, and each column's appender reads its field
// there through a typed pointer taken once, so that writing a cell needs
// no reflection for the field types the metrics tables use.
type encoder struct {
	cols  []column
	row   reflect.Value // *struct: the variable rows are copied into
	cells []func([]byte) []byte
}

// newEncoder returns an encoder of rows of type t; safe neutralises
// formulas in text cells (SafeCell).
func newEncoder(t reflect.Type, safe bool) (*encoder, error) {
	cols, err := columnsOf(t)
	if err != nil {
		return nil, err
	}
	e := &encoder{cols: cols, row: reflect.New(t), cells: make([]func([]byte) []byte, len(cols))}
	v := e.row.Elem()
	for i, c := range cols {
		e.cells[i] = cellAppender(v.Field(c.field), c, safe)
	}
	return e, nil
}

// cellAppender returns the appender of one column's cell, reading the
// field f of the encoder's variable.
func cellAppender(f reflect.Value, c column, safe bool) func([]byte) []byte {
	switch p := f.Addr().Interface().(type) {
	case *string:
		if safe {
			return func(b []byte) []byte { return appendField(b, SafeCell(*p)) }
		}
		return func(b []byte) []byte { return appendField(b, *p) }
	case *Float:
		var c floatCache
		return func(b []byte) []byte { return c.append(b, *p) }
	case *int:
		return func(b []byte) []byte { return strconv.AppendInt(b, int64(*p), 10) }
	case *bool:
		return func(b []byte) []byte { return strconv.AppendBool(b, *p) }
	case **int:
		return func(b []byte) []byte {
			if *p == nil {
				return b
			}
			return strconv.AppendInt(b, int64(**p), 10)
		}
	}
	// Any other field type, through reflection.
	return func(b []byte) []byte { return appendValue(b, f, c, safe) }
}

// appendValue appends the cell of a field of any supported type.
func appendValue(b []byte, f reflect.Value, c column, safe bool) []byte {
	if c.ptr {
		if f.IsNil() {
			return b
		}
		f = f.Elem()
	}
	switch {
	case c.float:
		return appendFloat(b, Float(f.Float()))
	case c.kind == reflect.String:
		s := f.String()
		if safe {
			s = SafeCell(s)
		}
		return appendField(b, s)
	case c.kind == reflect.Bool:
		return strconv.AppendBool(b, f.Bool())
	case c.kind == reflect.Float64:
		return strconv.AppendFloat(b, f.Float(), 'g', -1, 64)
	case c.kind >= reflect.Int && c.kind <= reflect.Int64:
		return strconv.AppendInt(b, f.Int(), 10)
	}
	return strconv.AppendUint(b, f.Uint(), 10)
}

// appendFloat appends Float.String: nothing for an undefined value, else
// the shortest form that reads back to the same float64.
func appendFloat(b []byte, f Float) []byte {
	x := float64(f)
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return b
	}
	// Integers below 1e6 print as such in the shortest 'g' form (larger
	// ones take an exponent); -0 keeps its sign there.
	if i := int64(x); float64(i) == x && i > -1e6 && i < 1e6 && (i != 0 || !math.Signbit(x)) {
		return strconv.AppendInt(b, i, 10)
	}
	return strconv.AppendFloat(b, x, 'g', -1, 64)
}

// floatCache remembers the cells of recently written Floats: a column of
// a large table repeats values (coreness k/k_max, tie strengths), and
// copying a cell is much cheaper than finding the shortest digits again.
type floatCache struct {
	slots *[floatSlots]floatSlot // allocated at the first value worth keeping
}

const floatSlotBits = 8
const floatSlots = 1 << floatSlotBits

// floatSlot holds a value's bits and its cell; no cell is longer than 24
// bytes ("-2.2250738585072014e-308").
type floatSlot struct {
	bits uint64
	n    uint8 // 0: empty
	cell [24]byte
}

// append appends the cell of f, as appendFloat.
func (c *floatCache) append(b []byte, f Float) []byte {
	x := float64(f)
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return b
	}
	if i := int64(x); float64(i) == x && i > -1e6 && i < 1e6 && (i != 0 || !math.Signbit(x)) {
		return strconv.AppendInt(b, i, 10)
	}
	if c.slots == nil {
		c.slots = new([floatSlots]floatSlot)
	}
	bits := math.Float64bits(x)
	s := &c.slots[(bits*0x9e3779b97f4a7c15)>>(64-floatSlotBits)]
	if s.n > 0 && s.bits == bits {
		return append(b, s.cell[:s.n]...)
	}
	start := len(b)
	b = strconv.AppendFloat(b, x, 'g', -1, 64)
	if n := len(b) - start; n <= len(s.cell) {
		s.bits, s.n = bits, uint8(copy(s.cell[:], b[start:]))
	}
	return b
}

// appendField appends a text cell the way encoding/csv's Writer writes it
// with a comma and without UseCRLF: quoted, with inner quotes doubled,
// when it holds a comma, a quote, \r or \n, starts with a space (Unicode),
// or is `\.`.
func appendField(b []byte, s string) []byte {
	if !fieldNeedsQuotes(s) {
		return append(b, s...)
	}
	b = append(b, '"')
	for {
		i := strings.IndexByte(s, '"')
		if i < 0 {
			break
		}
		b = append(b, s[:i+1]...)
		b = append(b, '"')
		s = s[i+1:]
	}
	b = append(b, s...)
	return append(b, '"')
}

// quoted marks the bytes that make encoding/csv quote a field.
var quoted = [256]bool{',': true, '"': true, '\r': true, '\n': true}

// fieldNeedsQuotes is encoding/csv's rule for a comma-separated field.
func fieldNeedsQuotes(s string) bool {
	if s == "" {
		return false
	}
	if s == `\.` {
		return true
	}
	for i := 0; i < len(s); i++ {
		if quoted[s[i]] {
			return true
		}
	}
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsSpace(r)
}

// appendHeader appends the header line.
func (e *encoder) appendHeader(b []byte) []byte {
	for i, c := range e.cols {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendField(b, c.name)
	}
	return append(b, '\n')
}

// appendRow appends the line of the row in the encoder's variable.
func (e *encoder) appendRow(b []byte) []byte {
	for i, cell := range e.cells {
		if i > 0 {
			b = append(b, ',')
		}
		b = cell(b)
	}
	return append(b, '\n')
}

// cell returns the text of column i of the row in the encoder's variable,
// unquoted.
func (e *encoder) cell(i int) string {
	if c := e.cols[i]; c.kind == reflect.String {
		f := e.row.Elem().Field(c.field)
		if c.ptr {
			if f.IsNil() {
				return ""
			}
			f = f.Elem()
		}
		return f.String()
	}
	// Other cells are never quoted.
	return string(e.cells[i](nil))
}

// flushSize is the size at which the lines are handed to the writer.
const flushSize = 64 << 10

// lineWriter collects lines and hands them to w in blocks.
type lineWriter struct {
	w   io.Writer
	buf []byte
}

func (lw *lineWriter) flush() error {
	if len(lw.buf) == 0 {
		return nil
	}
	n, err := lw.w.Write(lw.buf)
	if err == nil && n < len(lw.buf) {
		err = io.ErrShortWrite
	}
	lw.buf = lw.buf[:0]
	if err != nil {
		return fmt.Errorf("report: write CSV: %w", err)
	}
	return nil
}

// WriteRows writes a table as CSV with a header row, one row at a time as
// the iterator yields them, so that a table is never held whole. Columns
// are the rows' fields with a csv tag; undefined Floats and nil pointers
// are empty cells. The bytes are those of encoding/csv's Writer.
//
// A table of more than batchRows rows is encoded by GOMAXPROCS goroutines,
// batch by batch, while the iterator runs on the caller's goroutine and
// one goroutine writes the blocks in row order; the bytes do not depend
// on the number of goroutines.
func WriteRows[T any](w io.Writer, rows iter.Seq[T], opt CSVOptions) error {
	e, err := newEncoder(reflect.TypeFor[T](), opt.Safe)
	if err != nil {
		return err
	}
	header := e.appendHeader(make([]byte, 0, flushSize+1024))
	pending := make([]T, 0, batchRows)
	var p *pipeline[T]
	defer func() {
		if p != nil {
			p.stop()
		}
	}()
	for r := range rows {
		pending = append(pending, r)
		if len(pending) < batchRows {
			continue
		}
		if p == nil {
			p = startPipeline[T](w, header, opt.Safe)
		}
		if pending = p.send(pending); pending == nil {
			break // the writer failed
		}
	}
	if p != nil {
		p.send(pending)
		return p.stop()
	}
	// A small table, encoded here.
	row := e.row.Interface().(*T)
	lw := lineWriter{w: w, buf: header}
	for i := range pending {
		*row = pending[i]
		lw.buf = e.appendRow(lw.buf)
	}
	return lw.flush()
}

// batchRows is the number of rows an encoding goroutine takes at a time.
const batchRows = 512

// pipeline encodes batches of rows concurrently and writes the blocks in
// the order of the batches.
type pipeline[T any] struct {
	jobs  chan *batch[T] // to the encoders
	order chan *batch[T] // to the writer, in row order
	free  chan *batch[T] // blocks written, for reuse
	done  chan error     // the writer's result
	fail  atomic.Bool    // the writer failed: stop sending
	wg    sync.WaitGroup // the encoders
	err   error
	shut  bool // stop was called
}

// batch is a batch of rows and its encoded lines.
type batch[T any] struct {
	rows  []T
	buf   []byte
	ready chan struct{} // buf is encoded
}

// inFlight is the most blocks sent and not yet written, per encoder.
const inFlight = 2

// startPipeline starts the encoders and the writer, which writes header
// first.
func startPipeline[T any](w io.Writer, header []byte, safe bool) *pipeline[T] {
	n := max(1, runtime.GOMAXPROCS(0))
	c := n * inFlight
	// Blocks exist only in order, in the writer's hands, in free, or
	// being sent: at most c+2, so the writer never waits on free.
	p := &pipeline[T]{jobs: make(chan *batch[T], c), order: make(chan *batch[T], c), free: make(chan *batch[T], c+2), done: make(chan error, 1)}
	for range n {
		e, _ := newEncoder(reflect.TypeFor[T](), safe) // as the caller's, which succeeded
		row := e.row.Interface().(*T)
		p.wg.Go(func() {
			for b := range p.jobs {
				b.buf = b.buf[:0]
				for i := range b.rows {
					*row = b.rows[i]
					b.buf = e.appendRow(b.buf)
				}
				b.ready <- struct{}{}
			}
		})
	}
	go func() {
		lw := lineWriter{w: w, buf: header}
		err := lw.flush()
		for b := range p.order {
			<-b.ready
			if err == nil {
				lw.buf = b.buf
				if err = lw.flush(); err != nil {
					p.fail.Store(true)
				}
			}
			p.free <- b
		}
		p.done <- err
	}()
	return p
}

// send hands a batch to the encoders and returns an empty batch to fill
// next, or nil once the writer has failed.
func (p *pipeline[T]) send(rows []T) []T {
	if p.fail.Load() {
		return nil
	}
	if len(rows) == 0 {
		return rows
	}
	var b *batch[T]
	select {
	case b = <-p.free:
	default:
		b = &batch[T]{ready: make(chan struct{}, 1)}
	}
	next := b.rows[:0]
	if next == nil {
		next = make([]T, 0, batchRows)
	}
	b.rows = rows
	p.order <- b
	p.jobs <- b
	return next
}

// stop waits for the blocks sent to be written, ends the goroutines and
// returns the writer's error.
func (p *pipeline[T]) stop() error {
	if p.shut {
		return p.err
	}
	p.shut = true
	close(p.order)
	close(p.jobs)
	p.err = <-p.done
	p.wg.Wait()
	return p.err
}

// writeRecords writes the header of a row type, then each row.
func writeRecords(w io.Writer, t reflect.Type, rows iter.Seq[reflect.Value], opt CSVOptions) error {
	e, err := newEncoder(t, opt.Safe)
	if err != nil {
		return err
	}
	row := e.row.Elem()
	lw := lineWriter{w: w, buf: e.appendHeader(nil)}
	for v := range rows {
		row.Set(v)
		lw.buf = e.appendRow(lw.buf)
		if len(lw.buf) >= flushSize {
			if err := lw.flush(); err != nil {
				return err
			}
		}
	}
	return lw.flush()
}
