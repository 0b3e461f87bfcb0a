package report

import (
	"fmt"
	"html"
	"iter"
	"math"
	"reflect"
	"strconv"
	"strings"

	"github.com/copnet/copnet/metrics"
)

// The display methods follow the conventions of Go notebooks: gophernotes
// shows a value with an HTML, Markdown, SVG or PNG method by itself, and
// GoNB users pass the strings to gonbui.DisplayHTML, DisplayMarkdown,
// DisplaySVG or DisplayPNG. copnet imports neither kernel.

// DefaultHead is the number of rows a table shows by default.
const DefaultHead = 20

// Table is a result table for display: its name, its rows, and how many
// of them HTML and Markdown show. Rows come from the analysis's row
// iterator, so a table of 40,000 rows is never held whole.
type Table[T any] struct {
	// Name is the table's file name (scope_windows.csv, ...).
	Name string
	// Rows yields the rows in table order.
	Rows iter.Seq[T]
	// Head is the number of rows shown; DefaultHead when zero or less.
	Head int
}

// Columns returns the table's column names.
func (t *Table[T]) Columns() []string { return ColumnNames[T]() }

// Len returns the number of rows (it reads them all).
func (t *Table[T]) Len() int {
	n := 0
	for range t.Rows {
		n++
	}
	return n
}

// head returns the cells of the first rows, rounded for reading, and
// the number of rows.
func (t *Table[T]) head() (cols []string, rows [][]string, total int) {
	e, err := newEncoder(reflect.TypeFor[T](), false)
	if err != nil {
		return nil, nil, 0
	}
	cs := e.cols
	row := e.row.Interface().(*T)
	for _, c := range cs {
		cols = append(cols, c.name)
	}
	h := t.Head
	if h <= 0 {
		h = DefaultHead
	}
	for r := range t.Rows {
		total++
		if len(rows) < h {
			*row = r
			rec := make([]string, len(cs))
			for i, c := range cs {
				rec[i] = e.cell(i)
				if (c.float || c.kind == reflect.Float64) && rec[i] != "" {
					if x, err := strconv.ParseFloat(rec[i], 64); err == nil {
						rec[i] = strconv.FormatFloat(x, 'g', 4, 64)
					}
				}
			}
			rows = append(rows, rec)
		}
	}
	return cols, rows, total
}

// grid returns the table's head as a display grid.
func (t *Table[T]) grid() *grid {
	cols, rows, total := t.head()
	g := &grid{caption: t.Name, head: cols, rows: rows}
	g.note = fmt.Sprintf("%s rows × %d columns", metrics.Count(total), len(cols))
	if total > len(rows) {
		g.note = fmt.Sprintf("first %d of %s rows × %d columns", len(rows), metrics.Count(total), len(cols))
	}
	return g
}

// HTML returns the head of the table as an HTML table with its name and
// size in the caption; every cell is escaped.
func (t *Table[T]) HTML() string {
	var b strings.Builder
	t.grid().html(&b)
	return b.String()
}

// Markdown returns the head of the table as a Markdown table followed by
// its size.
func (t *Table[T]) Markdown() string {
	var b strings.Builder
	t.grid().markdown(&b)
	return b.String()
}

// ScopeWindowTable is scope_windows.csv for display.
func (a *Analysis) ScopeWindowTable() *Table[metrics.ScopeWindowRow] {
	return &Table[metrics.ScopeWindowRow]{Name: "scope_windows.csv", Rows: a.ScopeWindowRows()}
}

// MemberWindowTable is member_windows.csv for display.
func (a *Analysis) MemberWindowTable() *Table[metrics.MemberWindowRow] {
	return &Table[metrics.MemberWindowRow]{Name: "member_windows.csv", Rows: a.MemberWindowRows()}
}

// TrajectoryTable is trajectories.csv for display.
func (a *Analysis) TrajectoryTable() *Table[metrics.TrajectoryRow] {
	return &Table[metrics.TrajectoryRow]{Name: "trajectories.csv", Rows: a.TrajectoryRows()}
}

// TransitionTable is transitions.csv for display.
func (a *Analysis) TransitionTable() *Table[metrics.TransitionRow] {
	return &Table[metrics.TransitionRow]{Name: "transitions.csv", Rows: a.TransitionRows()}
}

// KnowledgeItemTable is knowledge_items.csv for display.
func (a *Analysis) KnowledgeItemTable() *Table[metrics.KnowledgeItemRow] {
	return &Table[metrics.KnowledgeItemRow]{Name: "knowledge_items.csv", Rows: a.KnowledgeItemRows()}
}

// AdoptionTable is adoption.csv for display.
func (a *Analysis) AdoptionTable() *Table[metrics.AdoptionRow] {
	return &Table[metrics.AdoptionRow]{Name: "adoption.csv", Rows: a.AdoptionRows()}
}

// MemberTable is members.csv for display.
func (a *Analysis) MemberTable() *Table[metrics.MemberRow] {
	return &Table[metrics.MemberRow]{Name: "members.csv", Rows: a.MemberRows()}
}

// CommunityTable is communities.csv for display.
func (a *Analysis) CommunityTable() *Table[metrics.CommunityRow] {
	return &Table[metrics.CommunityRow]{Name: "communities.csv", Rows: a.CommunityRows()}
}

// HTML returns the analysis for a notebook: the dataset, the headline
// indicators of each scope, social capital per community, the role
// transitions and the list of tables with their sizes, as an HTML
// fragment with its own style. Every name from the data is escaped.
func (a *Analysis) HTML() string {
	var b strings.Builder
	b.WriteString(`<div class="copnet">` + "\n<style>" + scopedCSS + "</style>\n")
	renderHTML(&b, a.notebookSections(), 2)
	b.WriteString("</div>\n")
	return b.String()
}

// Markdown returns the same pieces as HTML, in Markdown.
func (a *Analysis) Markdown() string {
	var b strings.Builder
	renderMarkdown(&b, a.notebookSections(), 2)
	return b.String()
}

// section is one part of a summary or report: a heading and its blocks.
type section struct {
	id, title string
	blocks    []block
}

// block is a piece of a section, rendered as Markdown or HTML.
type block interface {
	markdown(b *strings.Builder)
	html(b *strings.Builder)
}

// para is a paragraph of plain text.
type para string

func (p para) markdown(b *strings.Builder) { b.WriteString(mdEscape(string(p)) + "\n\n") }
func (p para) html(b *strings.Builder) {
	b.WriteString("<p>" + html.EscapeString(string(p)) + "</p>\n")
}

// facts is a list of name–value pairs.
type facts [][2]string

func (f facts) markdown(b *strings.Builder) {
	for _, kv := range f {
		b.WriteString("- **" + mdEscape(kv[0]) + "**: " + mdEscape(kv[1]) + "\n")
	}
	b.WriteString("\n")
}

func (f facts) html(b *strings.Builder) {
	b.WriteString(`<dl class="facts">` + "\n")
	for _, kv := range f {
		b.WriteString("<dt>" + html.EscapeString(kv[0]) + "</dt><dd>" + html.EscapeString(kv[1]) + "</dd>\n")
	}
	b.WriteString("</dl>\n")
}

// grid is a table of text cells; columns whose cells are all numbers (or
// empty) are right-aligned.
type grid struct {
	caption string
	// groups, when set, are spanning headings above head: name and span.
	groups []groupHead
	head   []string
	rows   [][]string
	note   string
}

type groupHead struct {
	name string
	span int
}

// numeric reports which columns hold only numbers, percentages or dashes.
func (g *grid) numeric() []bool {
	num := make([]bool, len(g.head))
	for j := range num {
		num[j] = true
		for _, r := range g.rows {
			if j < len(r) && !isNumber(r[j]) {
				num[j] = false
				break
			}
		}
	}
	return num
}

func isNumber(s string) bool {
	s = strings.TrimSuffix(strings.ReplaceAll(s, ",", ""), "%")
	if s == "" || s == "–" {
		return true
	}
	_, err := strconv.ParseFloat(s, 64)
	return err == nil
}

func (g *grid) markdown(b *strings.Builder) {
	if g.caption != "" {
		b.WriteString("*" + mdEscape(g.caption) + "*\n\n")
	}
	num := g.numeric()
	row := func(cells []string) {
		b.WriteString("|")
		for _, c := range cells {
			b.WriteString(" " + mdEscape(c) + " |")
		}
		b.WriteString("\n")
	}
	head := g.head
	if len(g.groups) > 0 {
		// Markdown has no spanning headings: prefix the group's name.
		head = make([]string, 0, len(g.head))
		j := 0
		for _, gr := range g.groups {
			for k := 0; k < gr.span && j < len(g.head); k++ {
				if gr.name != "" {
					head = append(head, gr.name+": "+g.head[j])
				} else {
					head = append(head, g.head[j])
				}
				j++
			}
		}
		head = append(head, g.head[j:]...)
	}
	row(head)
	b.WriteString("|")
	for j := range head {
		if num[j] {
			b.WriteString("---:|")
		} else {
			b.WriteString("---|")
		}
	}
	b.WriteString("\n")
	for _, r := range g.rows {
		row(r)
	}
	if g.note != "" {
		b.WriteString("\n" + mdEscape(g.note) + "\n")
	}
	b.WriteString("\n")
}

func (g *grid) html(b *strings.Builder) {
	num := g.numeric()
	b.WriteString("<div class=\"table\"><table>\n")
	if g.caption != "" || g.note != "" {
		b.WriteString("<caption>" + html.EscapeString(g.caption))
		if g.note != "" {
			b.WriteString(` <span class="note">(` + html.EscapeString(g.note) + ")</span>")
		}
		b.WriteString("</caption>\n")
	}
	b.WriteString("<thead>")
	if len(g.groups) > 0 {
		b.WriteString("<tr>")
		for _, gr := range g.groups {
			fmt.Fprintf(b, `<th colspan="%d" class="group">%s</th>`, gr.span, html.EscapeString(gr.name))
		}
		b.WriteString("</tr>")
	}
	b.WriteString("<tr>")
	for j, h := range g.head {
		b.WriteString("<th" + numClass(num, j) + ">" + html.EscapeString(h) + "</th>")
	}
	b.WriteString("</tr></thead>\n<tbody>\n")
	for _, r := range g.rows {
		b.WriteString("<tr>")
		for j, c := range r {
			b.WriteString("<td" + numClass(num, j) + ">" + html.EscapeString(c) + "</td>")
		}
		b.WriteString("</tr>\n")
	}
	b.WriteString("</tbody></table></div>\n")
}

func numClass(num []bool, j int) string {
	if j < len(num) && num[j] {
		return ` class="num"`
	}
	return ""
}

// figure is a chart with its caption.
type figure struct {
	chart   *Chart
	caption string
}

func (f figure) markdown(b *strings.Builder) {
	b.WriteString("*Figure: " + mdEscape(f.chart.Title) + ".* " + mdEscape(f.caption) + "\n\n")
}

func (f figure) html(b *strings.Builder) {
	b.WriteString(`<figure class="chart">` + f.chart.InlineSVG() + "<figcaption>" + html.EscapeString(f.caption) + "</figcaption></figure>\n")
}

// trustedHTML is markup copnet produced itself (an SVG picture of the
// network); it is written as is.
type trustedHTML string

func (t trustedHTML) markdown(b *strings.Builder) {}
func (t trustedHTML) html(b *strings.Builder)     { b.WriteString(string(t) + "\n") }

// renderHTML writes sections with headings of the given level.
func renderHTML(b *strings.Builder, secs []section, level int) {
	for _, s := range secs {
		id := ""
		if s.id != "" {
			id = ` id="` + html.EscapeString(s.id) + `"`
		}
		fmt.Fprintf(b, "<section%s>\n<h%d>%s</h%d>\n", id, level, html.EscapeString(s.title), level)
		for _, bl := range s.blocks {
			bl.html(b)
		}
		b.WriteString("</section>\n")
	}
}

// renderMarkdown writes sections with headings of the given level.
func renderMarkdown(b *strings.Builder, secs []section, level int) {
	for _, s := range secs {
		b.WriteString(strings.Repeat("#", level) + " " + mdEscape(s.title) + "\n\n")
		for _, bl := range s.blocks {
			bl.markdown(b)
		}
	}
}

// mdEscaper escapes the characters Markdown (CommonMark and GitHub's)
// would read as markup or HTML, with backslashes: CommonMark takes any
// backslash-escaped ASCII punctuation as a plain character, so "\<b\>"
// opens no tag, and the raw text still reads "q \< 0.05", not
// "q &lt; 0.05".
var mdEscaper = strings.NewReplacer(`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`,
	"<", `\<`, ">", `\>`, "&", `\&`, "|", `\|`, "#", `\#`, "\n", " ", "\r", " ")

func mdEscape(s string) string { return mdEscaper.Replace(s) }

// Number formats for people.

// num writes x with three significant digits, no exponent below 1e15
// and whole numbers from 100 on; "–" when undefined.
func num(x float64) string {
	switch {
	case !finite(x):
		return "–"
	case math.Abs(x) >= 100:
		return thousands64(math.Round(x))
	case x == 0:
		return "0"
	}
	return strconv.FormatFloat(x, 'g', 3, 64)
}

// Percent writes a share as a whole percentage, as the summaries print
// shares (0.285 is 29%); "–" when undefined.
func Percent(x float64) string {
	if !finite(x) {
		return "–"
	}
	return strconv.FormatFloat(roundHalfUp(x*100), 'f', 0, 64) + "%"
}

// roundHalfUp rounds to the nearest integer, halves away from zero (1
// of 8 is 13%, not the 12% of rounding halves to even), and never
// gives −0.
func roundHalfUp(x float64) float64 {
	return math.Round(x) + 0
}

func thousands64(x float64) string {
	if math.Abs(x) > 1e15 {
		return strconv.FormatFloat(x, 'g', 3, 64)
	}
	return metrics.Count(int(x))
}
