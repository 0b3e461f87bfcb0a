package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"iter"
	"reflect"
	"strconv"
)

// The reference encoder: the reflective writer over encoding/csv that
// WriteRows replaced, on the same columns (columnsOf). Tests compare
// WriteRows' bytes with it, and the benchmarks time both.

func refCells(cols []column, v reflect.Value, rec []string, safe bool) []string {
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

// refWriteRows is the reference for WriteRows.
func refWriteRows[T any](w io.Writer, rows iter.Seq[T], opt CSVOptions) error {
	cols, err := columnsOf(reflect.TypeFor[T]())
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
	for r := range rows {
		if err := cw.Write(refCells(cols, reflect.ValueOf(&r).Elem(), rec[:0], opt.Safe)); err != nil {
			return fmt.Errorf("report: write CSV: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("report: write CSV: %w", err)
	}
	return nil
}

// refTables writes every table of an analysis with the reference encoder,
// by file name.
func refTables(a *Analysis) map[string]func(io.Writer) error {
	opt := a.CSV
	return map[string]func(io.Writer) error{
		"member_windows.csv":      func(w io.Writer) error { return refWriteRows(w, a.MemberWindowRows(), opt) },
		"trajectories.csv":        func(w io.Writer) error { return refWriteRows(w, a.TrajectoryRows(), opt) },
		"transitions.csv":         func(w io.Writer) error { return refWriteRows(w, a.TransitionRows(), opt) },
		"scope_windows.csv":       func(w io.Writer) error { return refWriteRows(w, a.ScopeWindowRows(), opt) },
		"members.csv":             func(w io.Writer) error { return refWriteRows(w, a.MemberRows(), opt) },
		"communities.csv":         func(w io.Writer) error { return refWriteRows(w, a.CommunityRows(), opt) },
		"knowledge_items.csv":     func(w io.Writer) error { return refWriteRows(w, a.KnowledgeItemRows(), opt) },
		"adoption.csv":            func(w io.Writer) error { return refWriteRows(w, a.AdoptionRows(), opt) },
		"cycle.csv":               func(w io.Writer) error { return refWriteRows(w, a.CycleRows(), opt) },
		"pace.csv":                func(w io.Writer) error { return refWriteRows(w, a.PaceRows(), opt) },
		"community_advantage.csv": func(w io.Writer) error { return refWriteRows(w, a.AdvantageRows(), opt) },
	}
}
