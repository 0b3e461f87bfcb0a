package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"reflect"
	"strconv"
	"strings"
)

// CSVOptions adjust CSV output.
type CSVOptions struct {
	// Safe prefixes cells that a spreadsheet would run as a formula
	// (starting with =, +, -, @, tab or carriage return) with a single
	// quote. Numbers are left alone, so negative values stay numbers.
	Safe bool
}

// SafeCell returns s prefixed with a single quote when a spreadsheet would
// read it as a formula; numbers are returned unchanged.
func SafeCell(s string) string {
	if s == "" || !strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return s
	}
	if _, err := strconv.ParseFloat(s, 64); err == nil {
		return s
	}
	return "'" + s
}

// WriteCSV writes rows (a slice of structs with csv tags) as CSV with a
// header row; see WriteRows.
func WriteCSV(w io.Writer, rows any, opt CSVOptions) error {
	v := reflect.ValueOf(rows)
	if v.Kind() != reflect.Slice {
		return fmt.Errorf("report: write CSV: %T is not a slice", rows)
	}
	return writeRecords(w, v.Type().Elem(), func(yield func(reflect.Value) bool) {
		for i := range v.Len() {
			if !yield(v.Index(i)) {
				return
			}
		}
	}, opt)
}

// WriteJSON writes v as indented JSON.
func WriteJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("report: write JSON: %w", err)
	}
	return nil
}

// records marshals rows to CSV records (header first).
func records(rows any) ([][]string, error) {
	var b bytes.Buffer
	if err := WriteCSV(&b, rows, CSVOptions{}); err != nil {
		return nil, err
	}
	recs, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	return recs, nil
}

// WriteMarkdown writes rows as a Markdown table.
func WriteMarkdown(w io.Writer, rows any) error {
	recs, err := records(rows)
	if err != nil {
		return err
	}
	var b strings.Builder
	for i, rec := range recs {
		b.WriteString("|")
		for _, cell := range rec {
			cell = strings.NewReplacer("|", `\|`, "\n", " ", "\r", " ").Replace(cell)
			b.WriteString(" " + cell + " |")
		}
		b.WriteString("\n")
		if i == 0 {
			b.WriteString("|" + strings.Repeat("---|", len(rec)) + "\n")
		}
	}
	_, err = io.WriteString(w, b.String())
	return err
}

// WriteHTML writes rows as an HTML table (every cell escaped), for
// notebooks and reports.
func WriteHTML(w io.Writer, rows any) error {
	recs, err := records(rows)
	if err != nil {
		return err
	}
	var b strings.Builder
	b.WriteString("<table>\n")
	for i, rec := range recs {
		tag := "td"
		if i == 0 {
			tag = "th"
			b.WriteString("<thead>")
		}
		b.WriteString("<tr>")
		for _, cell := range rec {
			b.WriteString("<" + tag + ">" + html.EscapeString(cell) + "</" + tag + ">")
		}
		b.WriteString("</tr>")
		if i == 0 {
			b.WriteString("</thead><tbody>")
		}
		b.WriteString("\n")
	}
	if len(recs) > 0 {
		b.WriteString("</tbody>")
	}
	b.WriteString("</table>\n")
	_, err = io.WriteString(w, b.String())
	return err
}
