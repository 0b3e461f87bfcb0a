package report

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/copnet/copnet/metrics"
)

// A batch's comparison: datasets.csv (netmetrics analyze -out OUT DIR1
// DIR2 …) read back and shown as one table, in a page of its own or as a
// section of a dataset's report.

// ReadDatasets reads a batch's comparison table, datasets.csv, named name
// in errors. Columns are found by their header, in any order; every
// column of DatasetRow is required. An empty cell of a figure is
// undefined (NaN; nil objectified items). A malformed cell is an error
// naming the file, line and column.
func ReadDatasets(r io.Reader, name string) ([]DatasetRow, error) {
	cr := csv.NewReader(r)
	cr.ReuseRecord = false
	head, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("report: %s: empty file, want a header row", name)
	}
	if err != nil {
		return nil, fmt.Errorf("report: %s: %w", name, err)
	}
	col := map[string]int{}
	for i, h := range head {
		col[strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))] = i
	}
	for _, c := range ColumnNames[DatasetRow]() {
		if _, ok := col[c]; !ok {
			return nil, fmt.Errorf("report: %s:1: no column %q (want a datasets.csv of netmetrics analyze -out)", name, c)
		}
	}
	var rows []DatasetRow
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return rows, nil
		}
		if err != nil {
			return nil, fmt.Errorf("report: %s: %w", name, err)
		}
		var perr error
		cell := func(c string) string { return rec[col[c]] }
		fail := func(c, want string) {
			if perr == nil {
				line, column := cr.FieldPos(col[c])
				perr = fmt.Errorf("report: %s:%d:%d: %s %q: want %s", name, line, column, c, cell(c), want)
			}
		}
		integer := func(c string) int {
			n, err := strconv.Atoi(cell(c))
			if err != nil || n < 0 {
				fail(c, "a count")
			}
			return n
		}
		float := func(c string) Float {
			s := cell(c)
			if s == "" {
				return NaN()
			}
			x, err := strconv.ParseFloat(s, 64)
			if err != nil || math.IsInf(x, 0) || math.IsNaN(x) {
				fail(c, "a number or an empty cell")
			}
			return Float(x)
		}
		r := DatasetRow{Dataset: cell("dataset"), Path: cell("path"), Members: integer("members"), ActiveMembers: integer("active_members"),
			Flows: integer("flows"), Windows: integer("windows"), Communities: integer("communities"),
			MeanDensity: float("mean_density"), MeanReciprocity: float("mean_reciprocity"), MeanClustering: float("mean_clustering"),
			NewcomersCoreShare: float("newcomers_core_share"), Retention: float("retention"), MeanCosine: float("mean_cosine"),
			DeclaredModularity: float("declared_modularity"), LouvainModularity: float("louvain_modularity"), NMI: float("nmi")}
		if s := cell("objectified_items"); s != "" {
			n := integer("objectified_items")
			r.ObjectifiedItems = &n
		}
		if perr != nil {
			return nil, perr
		}
		rows = append(rows, r)
	}
}

// comparisonSection tabulates the datasets of a batch, read from source.
func comparisonSection(rows []DatasetRow, source string) section {
	g := &grid{
		groups: []groupHead{{"", 6}, {"internalizing", 2}, {"externalizing", 3}, {"objectifying", 2}, {"structure", 3}},
		head: []string{"dataset", "members", "active", "flows", "windows", "comm.", "core ≤ H", "retained",
			"density", "recip.", "clustering", "cosine", "objectified", "Q declared", "Q Louvain", "NMI"},
	}
	var next list
	for _, r := range rows {
		obj := "–"
		if r.ObjectifiedItems != nil {
			obj = metrics.Count(*r.ObjectifiedItems)
		}
		g.rows = append(g.rows, []string{r.Dataset, metrics.Count(r.Members), metrics.Count(r.ActiveMembers), metrics.Count(r.Flows), metrics.Count(r.Windows),
			metrics.Count(r.Communities), Percent(float64(r.NewcomersCoreShare)), Percent(float64(r.Retention)), num(float64(r.MeanDensity)),
			Percent(float64(r.MeanReciprocity)), num(float64(r.MeanClustering)), num(float64(r.MeanCosine)), obj,
			num(float64(r.DeclaredModularity)), num(float64(r.LouvainModularity)), num(float64(r.NMI))})
		if r.Path != "" {
			cmd := "netmetrics report -o " + ShellQuote(r.Dataset+".html")
			for _, f := range r.Flags {
				cmd += " " + ShellQuote(f)
			}
			next = append(next, cmd+" "+ShellQuote(r.Path))
		}
	}
	blocks := []block{
		para(fmt.Sprintf("%s compared, from %s: each dataset's headline indicators over its own windows (the organization's figures; "+
			"the shares of newcomers reaching the core within H windows and retained after H windows pooled over the windows after the first "+
			"where they are defined; density, reciprocity, clustering and mean cosine, means over windows; the items objectified in the organization; "+
			"comm., the declared communities; Q, the modularity of the declared communities and of Louvain's; NMI, their agreement). Datasets cut into windows of different lengths, "+
			"or of very different sizes, are not directly comparable: read differences as leads to look into, not as findings.",
			metrics.Counted(len(rows), "dataset"), source)),
		g,
	}
	if len(next) > 0 {
		blocks = append(blocks, para("Each dataset's own report (the dataset folders as the batch read them, with the batch's settings):"), next)
	}
	return section{id: "comparison", title: "Datasets compared", blocks: blocks}
}

// ComparisonReport returns a self-contained HTML page comparing the
// datasets of a batch (rows read from source, datasets.csv): one table of
// their headline indicators, and the command drawing each one's report.
func ComparisonReport(rows []DatasetRow, source string) string {
	var b strings.Builder
	renderHTML(&b, []section{comparisonSection(rows, source)}, 2)
	return page(fmt.Sprintf("Organizational learning: %s compared", metrics.Counted(len(rows), "dataset")), b.String())
}

// ComparisonFile returns the comparison page as a File for WriteFiles.
func ComparisonFile(name string, rows []DatasetRow, source string) File {
	return File{Name: name, Write: func(w io.Writer) error {
		if _, err := io.WriteString(w, ComparisonReport(rows, source)); err != nil {
			return fmt.Errorf("report: write comparison: %w", err)
		}
		return nil
	}}
}
