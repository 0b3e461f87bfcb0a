package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/gocarina/gocsv"
)

// Float is a number that may be undefined (NaN): an empty CSV cell and a
// JSON null then. Defined values are written in the shortest form that
// reads back to the same float64.
type Float float64

// NaN is the undefined Float.
func NaN() Float { return Float(math.NaN()) }

// Valid reports whether the value is defined.
func (f Float) Valid() bool { return !math.IsNaN(float64(f)) && !math.IsInf(float64(f), 0) }

// MarshalCSV implements gocsv.TypeMarshaller.
func (f Float) MarshalCSV() (string, error) {
	if !f.Valid() {
		return "", nil
	}
	return strconv.FormatFloat(float64(f), 'g', -1, 64), nil
}

// MarshalJSON writes null for an undefined value.
func (f Float) MarshalJSON() ([]byte, error) {
	if !f.Valid() {
		return []byte("null"), nil
	}
	return []byte(strconv.FormatFloat(float64(f), 'g', -1, 64)), nil
}

// CSVOptions adjust CSV output.
type CSVOptions struct {
	// Safe prefixes cells that a spreadsheet would run as a formula
	// (starting with =, +, -, @, tab or carriage return) with a single
	// quote. Numbers are left alone, so negative values stay numbers.
	Safe bool
}

// formulaSafe is a gocsv.CSVWriter that neutralizes formula-like cells.
type formulaSafe struct{ *csv.Writer }

func (w formulaSafe) Write(rec []string) error {
	out := make([]string, len(rec))
	for i, s := range rec {
		out[i] = SafeCell(s)
	}
	return w.Writer.Write(out)
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
// header row.
func WriteCSV(w io.Writer, rows any, opt CSVOptions) error {
	cw := csv.NewWriter(w)
	var out gocsv.CSVWriter = gocsv.NewSafeCSVWriter(cw)
	if opt.Safe {
		out = formulaSafe{cw}
	}
	if err := gocsv.MarshalCSV(rows, out); err != nil {
		return fmt.Errorf("report: write CSV: %w", err)
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("report: write CSV: %w", err)
	}
	return nil
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
