package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"iter"
	"reflect"
	"strconv"
	"sync"

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

// cells appends the cells of one row to rec.
func cells(cols []column, v reflect.Value, rec []string, safe bool) []string {
	for _, c := range cols {
		f := v.Field(c.field)
		if c.ptr {
			if f.IsNil() {
				rec = append(rec, "")
				continue
			}
			f = f.Elem()
		}
		var s string
		switch {
		case c.float:
			s = Float(f.Float()).String()
		case c.kind == reflect.String:
			s = f.String()
			if safe {
				s = SafeCell(s)
			}
		case c.kind == reflect.Bool:
			s = strconv.FormatBool(f.Bool())
		case c.kind == reflect.Float64:
			s = strconv.FormatFloat(f.Float(), 'g', -1, 64)
		case c.kind >= reflect.Int && c.kind <= reflect.Int64:
			s = strconv.FormatInt(f.Int(), 10)
		default:
			s = strconv.FormatUint(f.Uint(), 10)
		}
		rec = append(rec, s)
	}
	return rec
}

// WriteRows writes a table as CSV with a header row, one row at a time as
// the iterator yields them, so that a table is never held whole. Columns
// are the rows' fields with a csv tag; undefined Floats and nil pointers
// are empty cells.
func WriteRows[T any](w io.Writer, rows iter.Seq[T], opt CSVOptions) error {
	return writeRecords(w, reflect.TypeFor[T](), func(yield func(reflect.Value) bool) {
		for r := range rows {
			if !yield(reflect.ValueOf(&r).Elem()) {
				return
			}
		}
	}, opt)
}

// writeRecords writes the header of a row type, then each row.
func writeRecords(w io.Writer, t reflect.Type, rows iter.Seq[reflect.Value], opt CSVOptions) error {
	cols, err := columnsOf(t)
	if err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	rec := make([]string, 0, len(cols))
	for _, c := range cols {
		rec = append(rec, c.name)
	}
	if err := cw.Write(rec); err != nil {
		return fmt.Errorf("report: write CSV: %w", err)
	}
	for v := range rows {
		if err := cw.Write(cells(cols, v, rec[:0], opt.Safe)); err != nil {
			return fmt.Errorf("report: write CSV: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("report: write CSV: %w", err)
	}
	return nil
}
