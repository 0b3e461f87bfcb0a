package report

import (
	"fmt"
	"io"
	"reflect"
	"slices"
	"strings"

	"github.com/copnet/copnet/metrics"
)

// DictionaryTable is one output file in the data dictionary.
type DictionaryTable struct {
	// File is the file's name in an output folder.
	File string
	// Row says what one row (for summary.json, the file) stands for, and
	// Order the order of the rows.
	Row, Order string
	// Note explains what the columns share or how they differ.
	Note string
	// Columns are the table's columns in the order the writer writes them
	// (for summary.json, its keys as paths: `windows[].label`).
	Columns []DictionaryColumn
}

// DictionaryColumn is one column and its description; the description is
// empty when the column has none (a test refuses that).
type DictionaryColumn struct {
	Name string
	metrics.ColumnDoc
}

// dictTable builds the entry of a table from the writer's own column list
// (ColumnNames, the header WriteRows writes) and the descriptions of
// metrics.DocOf.
func dictTable[T any](file string) DictionaryTable {
	doc, _ := metrics.DocOf[T]()
	t := DictionaryTable{File: file, Row: doc.Row, Order: doc.Order, Note: doc.Note}
	for _, name := range ColumnNames[T]() {
		t.Columns = append(t.Columns, DictionaryColumn{Name: name, ColumnDoc: doc.Columns[name]})
	}
	return t
}

// Dictionary returns the data dictionary: summary.json's keys, then every
// table that Analysis.Files writes, in the same order, each column named
// as its writer names it and described by the metrics package.
func Dictionary() []DictionaryTable {
	return []DictionaryTable{
		summaryDictionary(),
		dictTable[metrics.MemberWindowRow]("member_windows.csv"),
		dictTable[metrics.TrajectoryRow]("trajectories.csv"),
		dictTable[metrics.TransitionRow]("transitions.csv"),
		dictTable[metrics.ScopeWindowRow]("scope_windows.csv"),
		dictTable[metrics.MemberRow]("members.csv"),
		dictTable[metrics.CommunityRow]("communities.csv"),
		dictTable[metrics.KnowledgeItemRow]("knowledge_items.csv"),
		dictTable[metrics.AdoptionRow]("adoption.csv"),
		dictTable[metrics.CycleRow]("cycle.csv"),
		dictTable[metrics.PaceRow]("pace.csv"),
		dictTable[metrics.AdvantageRowOut]("community_advantage.csv"),
		datasetsDictionary(),
	}
}

// datasetsDictionary describes datasets.csv, which a batch writes next to
// the datasets' folders.
func datasetsDictionary() DictionaryTable {
	t := DictionaryTable{File: "datasets.csv", Row: "dataset of a batch (`analyze -out OUT DIR1 DIR2 …`)", Order: "as the datasets were given (a folder of datasets: by folder name)",
		Note: "Written by a batch in OUT, next to one folder per dataset; every figure is drawn from that dataset's own tables. " +
			"Means and pooled shares run over the organization's (`*`) windows where the figure is defined."}
	for _, name := range ColumnNames[DatasetRow]() {
		t.Columns = append(t.Columns, DictionaryColumn{Name: name, ColumnDoc: datasetDocs[name]})
	}
	return t
}

// datasetDocs describes datasets.csv's columns.
var datasetDocs = map[string]metrics.ColumnDoc{
	"dataset":              {Meaning: "the dataset's name: its folder's base name, with `-2`, `-3` … added in order to a name already taken; its tables are in OUT/<dataset>/", Unit: "text"},
	"path":                 {Meaning: "the dataset's folder as given on the command line", Unit: "path"},
	"members":              {Meaning: "summary.json `dataset.members`", Unit: unitCount, Range: "≥ 0"},
	"active_members":       {Meaning: "summary.json `dataset.active_members`: members with a tie over the whole period", Unit: unitCount, Range: "0 … members"},
	"flows":                {Meaning: "summary.json `dataset.flows`, self-flows included", Unit: unitCount, Range: "≥ 0"},
	"windows":              {Meaning: "windows of the analysis", Unit: unitCount, Range: "≥ 1"},
	"communities":          {Meaning: "declared communities", Unit: unitCount, Range: "≥ 0"},
	"mean_density":         {Meaning: "mean of scope_windows.csv `density` over the organization's windows", Unit: "share", Range: "0 … 1", Empty: "no window with 2 active members"},
	"mean_reciprocity":     {Meaning: "mean of `reciprocity` over the organization's windows", Unit: "share", Range: "0 … 1", Empty: "no window with arcs", Reference: "NetworkX `overall_reciprocity`"},
	"mean_clustering":      {Meaning: "mean of `average_clustering` over the organization's windows", Unit: "share", Range: "0 … 1", Empty: "no window with active members", Reference: "NetworkX `average_clustering`"},
	"newcomers_core_share": {Meaning: "newcomers who reached the core within H windows over all newcomers, pooled over the organization's windows after the first (whose members were there when the data begin) where `newcomers_core_within_h` is defined; the `core≤H` of the summary", Unit: "share", Range: "0 … 1", Empty: "no such window (for instance a single window)"},
	"retention":            {Meaning: "newcomers active H windows later over all newcomers, pooled over the organization's windows after the first where `retention_h` is defined; the `kept@H` of the summary", Unit: "share", Range: "0 … 1", Empty: "no such window"},
	"mean_cosine":          {Meaning: "mean of `mean_cosine` over the organization's windows", Unit: "similarity", Range: "0 … 1", Empty: "no knowledge, or no window with 2 profiled members"},
	"objectified_items":    {Meaning: "items objectified in the organization (knowledge_items.csv, scope `*`)", Unit: unitCount, Range: "≥ 0", Empty: "the dataset has no knowledge items"},
	"declared_modularity":  {Meaning: "summary.json `community_structure.declared_modularity` (weighted)", Unit: "modularity", Range: "−0.5 … 1", Empty: "no declared communities, or no edges", Reference: refNXMod},
	"louvain_modularity":   {Meaning: "summary.json `community_structure.louvain_modularity` (weighted)", Unit: "modularity", Range: "−0.5 … 1", Empty: "no edges", Reference: "Blondel et al. (2008)"},
	"nmi":                  {Meaning: "summary.json `community_structure.nmi_declared_detected`", Unit: "share", Range: "0 … 1", Empty: "no active member declares a community"},
}

// SummaryKeys lists the keys of summary.json as paths, in the order they
// are written: nested objects joined by ".", arrays of objects as "[]",
// the parameters by name, and per-scope maps as "<scope>".
func SummaryKeys() []string {
	var keys []string
	walkJSON(reflect.TypeFor[AnalysisSummary](), "", &keys)
	return keys
}

// summaryParameterKeys are the keys of summary.json's parameters: the
// analysis options' and those netmetrics adds.
func summaryParameterKeys() []string {
	var keys []string
	for k := range metrics.DefaultOptions().Parameters() {
		keys = append(keys, k)
	}
	keys = append(keys, "preset", "strict")
	slices.Sort(keys)
	return keys
}

func walkJSON(t reflect.Type, prefix string, keys *[]string) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" || !f.IsExported() {
			continue
		}
		if f.Anonymous && name == "" {
			walkJSON(f.Type, prefix, keys)
			continue
		}
		if name == "" {
			name = f.Name
		}
		path := prefix + name
		ft := f.Type
		for ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		switch {
		case ft.Kind() == reflect.Map && path == "parameters":
			for _, k := range summaryParameterKeys() {
				*keys = append(*keys, path+"."+k)
			}
		case ft.Kind() == reflect.Map:
			*keys = append(*keys, path+".<scope>")
		case ft.Kind() == reflect.Slice && ft.Elem().Kind() == reflect.Struct:
			walkJSON(ft.Elem(), path+"[].", keys)
		case ft.Kind() == reflect.Struct:
			walkJSON(ft, path+".", keys)
		default:
			*keys = append(*keys, path)
		}
	}
}

func summaryDictionary() DictionaryTable {
	t := DictionaryTable{File: "summary.json", Row: "run (one JSON object)", Order: "keys in the order below",
		Note: "Keys are written as paths: `a.b` inside an object, `a[].b` in each object of an array. " +
			"Modularities are weighted (tie weight w(u→v)+w(v→u)); the parameters are every option of the run, defaults included."}
	for _, k := range SummaryKeys() {
		t.Columns = append(t.Columns, DictionaryColumn{Name: k, ColumnDoc: summaryDocs[k]})
	}
	return t
}

const (
	unitCount = "count"
	refNXMod  = "NetworkX `modularity`"
)

// summaryDocs describes summary.json's keys.
var summaryDocs = map[string]metrics.ColumnDoc{
	"dataset.dataset":         {Meaning: "the dataset as named on the command line (folder, flows file, `standard input`, or the demo's name)", Unit: "text"},
	"dataset.members":         {Meaning: "members, declared or added from flows", Unit: unitCount, Range: "≥ 0"},
	"dataset.added_members":   {Meaning: "members named by flows but missing from members.csv (a warning; an error with `-strict`)", Unit: unitCount, Range: "0 … members"},
	"dataset.active_members":  {Meaning: "members with a flow to or from another member over the whole period", Unit: unitCount, Range: "0 … members"},
	"dataset.communities":     {Meaning: "declared communities", Unit: unitCount, Range: "≥ 0"},
	"dataset.flows":           {Meaning: "every flow, self-flows included", Unit: unitCount, Range: "≥ 0"},
	"dataset.self_flows":      {Meaning: "flows whose source is their target: counted in flow totals, never arcs", Unit: unitCount, Range: "0 … flows"},
	"dataset.directed":        {Meaning: "false for undirected data (`-undirected`, or `\"directed\": false` in the dataset's dataset.json): each flow counted both ways, reciprocity and the other directed measures empty", Unit: "true/false"},
	"dataset.knowledge_items": {Meaning: "distinct knowledge items in flows and knowledge.csv", Unit: unitCount, Range: "≥ 0"},
	"dataset.kinds[].kind":    {Meaning: "a value of the flows' `kind` column", Unit: "text"},
	"dataset.kinds[].flows":   {Meaning: "flows of that kind", Unit: unitCount, Range: "≥ 1"},
	"dataset.first_time":      {Meaning: "time of the first flow", Unit: "RFC 3339 time", Empty: "the dataset has no time column"},
	"dataset.last_time":       {Meaning: "time of the last flow", Unit: "RFC 3339 time", Empty: "the dataset has no time column"},
	"dataset.windows":         {Meaning: "windows the flows were cut into", Unit: unitCount, Range: "≥ 1"},
	"dataset.window_spec":     {Meaning: "the window specification (`-windows`), as parsed", Unit: "text"},
	"dataset.window_unit":     {Meaning: "the unit of the windows: year, quarter, month, week, day, hour, minute, fixed, parts or all", Unit: "text"},
	"dataset.skipped_rows":    {Meaning: "input rows a preset left out (for `sede`, posts of deleted users)", Unit: unitCount, Range: "≥ 0"},
	"dataset.warnings":        {Meaning: "what the load noticed without failing, one sentence each", Unit: "list of text"},

	"parameters.windows":                   {Meaning: "`-window`: the window specification", Unit: "text"},
	"parameters.roles":                     {Meaning: "`-roles`: be, onion or kcore:X", Unit: "text"},
	"parameters.horizon":                   {Meaning: "`-horizon` H: windows within which newcomers reach the core, and after which retention is measured", Unit: "windows", Range: "≥ 1"},
	"parameters.exact_nodes":               {Meaning: "`-exact`: windows up to this many active members get the exhaustive discrete core/periphery fit", Unit: "members", Range: "0 … 30"},
	"parameters.theta":                     {Meaning: "`-theta` θ: share of a window's active members using an item for it to count as shared", Unit: "share", Range: "(0, 1]"},
	"parameters.persist":                   {Meaning: "`-persist` w: consecutive shared windows after which an item is objectified", Unit: "windows", Range: "≥ 1"},
	"parameters.seed":                      {Meaning: "`-seed`: seeds every random choice (Louvain's order, betweenness pivots, Jaccard pairs, the claims' random groups, rewirings and bootstrap resamples)", Unit: "integer"},
	"parameters.jaccard_exact_members":     {Meaning: "profiles up to which `mean_jaccard` visits every pair", Unit: "members", Range: "≥ 0"},
	"parameters.jaccard_sample_pairs":      {Meaning: "pairs sampled for `mean_jaccard` above that", Unit: "pairs", Range: "≥ 1"},
	"parameters.resolution":                {Meaning: "`-resolution` γ of modularity and Louvain (1: Newman's modularity)", Unit: "number", Range: "> 0"},
	"parameters.betweenness_exact_members": {Meaning: "`-bc-exact`: betweenness is exact up to this many active members", Unit: "members", Range: "≥ 0"},
	"parameters.betweenness_pivots":        {Meaning: "`-pivots`: sampled betweenness sources above that", Unit: "members", Range: "≥ 1"},
	"parameters.preset":                    {Meaning: "`-preset`: the input layout (canonical or sede); set by netmetrics", Unit: "text"},
	"parameters.strict":                    {Meaning: "`-strict`: undeclared members and communities were errors; set by netmetrics", Unit: "true/false"},
	"parameters.cycle":                     {Meaning: "`-cycle`: flow kinds mapped to the knowledge-sharing cycle (kind=activity, comma-separated)", Unit: "text"},
	"parameters.null_draws":                {Meaning: "`-draws` K: random groups per community-advantage test (0: none)", Unit: "count", Range: "≥ 0"},
	"parameters.rewire_draws":              {Meaning: "`-rewire-draws`: degree-preserving rewirings per core/periphery test (0: none)", Unit: "count", Range: "≥ 0"},
	"parameters.bootstrap_draws":           {Meaning: "`-bootstrap`: resamples of the pace ratio's interval (0: none)", Unit: "count", Range: "≥ 0"},
	"parameters.stop_after":                {Meaning: "`-stop-after` h: a community-advantage test stops once h draws reach the observed value, with the sequential p-value h/L (Besag & Clifford 1991); 0: every draw", Unit: "count", Range: "≥ 0"},
	"parameters.alpha":                     {Meaning: "`-alpha`: false-discovery rate at which a test counts as evidence in the findings", Unit: "probability", Range: "(0, 1)"},
	"claims[].claim":                       {Meaning: "which claim: `cycle`, `pace`, `advantage_<indicator>` or `core_periphery`", Unit: "text"},
	"claims[].text":                        {Meaning: "the finding in plain words, with its numbers, worded as evidence rather than proof", Unit: "text"},
	"claims[].tested":                      {Meaning: "tests behind the finding: communities tested, scope-windows tested (the core/periphery tests), or lags measured", Unit: "count", Empty: "absent when 0"},
	"claims[].supporting":                  {Meaning: "tests supporting the claim at the false-discovery rate α", Unit: "count", Empty: "absent when 0"},

	"scopes":                    {Meaning: "scope ids in table order: `*` (the whole organization), then each community", Unit: "list of ids"},
	"windows[].window":          {Meaning: "the window's index, as in the tables' `window` column", Unit: "window", Range: "0 … windows−1"},
	"windows[].label":           {Meaning: "the window's label (`2021-Q3` …), as in scope_windows.csv", Unit: "text"},
	"windows[].start":           {Meaning: "the window's start, inclusive", Unit: "RFC 3339 time", Empty: "\"\" without time"},
	"windows[].end":             {Meaning: "the window's end, exclusive", Unit: "RFC 3339 time", Empty: "\"\" without time"},
	"windows[].flows":           {Meaning: "flows in the window, self-flows included, every scope", Unit: unitCount, Range: "≥ 0"},
	"convergence_trend.<scope>": {Meaning: "per scope id: least-squares slope of `mean_cosine` over the window index, windows where it is undefined left out; positive when members converge on shared knowledge", Unit: "similarity per window", Range: "−1 … 1", Empty: "fewer than 2 windows with a mean cosine (the key is absent without the objectifying family)"},

	"community_structure.declared_modularity":   {Meaning: "weighted modularity of the declared communities (each member in its first community; members without one each alone) on the undirected, weighted projection of the whole period", Unit: "modularity", Range: "−0.5 … 1", Empty: "no declared communities, or no edges", Reference: refNXMod + " (weighted, resolution γ); Newman (2006)"},
	"community_structure.louvain_modularity":    {Meaning: "weighted modularity of the partition found by copnet's seeded Louvain on the same projection", Unit: "modularity", Range: "−0.5 … 1", Empty: "no edges", Reference: "Blondel et al. (2008); " + refNXMod},
	"community_structure.louvain_communities":   {Meaning: "communities found by Louvain among active members", Unit: unitCount, Range: "≥ 0"},
	"community_structure.nmi_declared_detected": {Meaning: "normalized mutual information 2·I(X;Y)/(H(X)+H(Y)) between declared (first) and detected communities, over active members that declare one", Unit: "share", Range: "0 … 1", Empty: "no such member", Reference: "scikit-learn `normalized_mutual_info_score` (arithmetic)"},
	"community_structure.seed":                  {Meaning: "the seed of Louvain and of the betweenness sample", Unit: "integer"},
	"community_structure.resolution":            {Meaning: "γ of both modularities", Unit: "number", Range: "> 0"},
	"community_structure.betweenness_exact":     {Meaning: "true when members.csv `betweenness` is exact (every active member a source)", Unit: "true/false"},
	"community_structure.betweenness_pivots":    {Meaning: "sampled sources when it is not exact", Unit: unitCount, Range: "0 when exact"},
	"community_structure.betweenness_sources":   {Meaning: "the sampled sources' member ids, ascending by member index", Unit: "list of member ids", Range: "[] when exact"},

	"provenance.tool.module":     {Meaning: "the Go module that built the program", Unit: "text", Empty: "the caller set no provenance (the whole object is null)"},
	"provenance.tool.version":    {Meaning: "copnet's module version: a pseudo-version `v0.0.0-<date>-<commit>` for a build from a clone, `(devel)` when VCS stamping is off", Unit: "text"},
	"provenance.tool.revision":   {Meaning: "the VCS revision of the build, `(unknown)` when the go command recorded none", Unit: "text"},
	"provenance.tool.modified":   {Meaning: "the working tree had uncommitted changes at build time", Unit: "true/false"},
	"provenance.tool.go_version": {Meaning: "the Go toolchain that built the program", Unit: "text"},
	"provenance.command":         {Meaning: "the netmetrics subcommand (`analyze`)", Unit: "text"},
	"provenance.arguments":       {Meaning: "every flag bearing on the results as `-name=value` in name order, defaults included, then `--` and the dataset folder (`-out` and `-format` left out); what `netmetrics verify` reruns", Unit: "list of text"},
	"provenance.inputs[].name":   {Meaning: "the input's name as the loader saw it (`flows.csv` …)", Unit: "text"},
	"provenance.inputs[].path":   {Meaning: "its path as given, relative to the folder netmetrics ran in", Unit: "path", Empty: "absent for standard input and the embedded demo"},
	"provenance.inputs[].size":   {Meaning: "bytes read (compressed bytes for `.csv.gz`)", Unit: "bytes", Range: "≥ 0"},
	"provenance.inputs[].sha256": {Meaning: "SHA-256 of those bytes, as `sha256sum` prints it", Unit: "hex digest"},
}

// dictCell escapes a table cell: pipes would end it, newlines the row.
func dictCell(s string) string { return dictCellEscaper.Replace(s) }

var dictCellEscaper = strings.NewReplacer("|", `\|`, "\n", " ")

// WriteDictionary writes the data dictionary as the Markdown that the
// README holds between its `<!-- tables:begin -->` and
// `<!-- tables:end -->` markers: an index of the files, then one table
// per file with every column's meaning, unit, range, when it is empty, and
// reference.
func WriteDictionary(w io.Writer) error {
	var b strings.Builder
	tables := Dictionary()
	b.WriteString("<!-- Generated by `go test ./io/report -run TestDictionaryREADME -update` from metrics/dictionary.go and the writers' column lists; do not edit by hand. -->\n\n")
	b.WriteString("| file | one row per | columns |\n|---|---|---|\n")
	for _, t := range tables {
		fmt.Fprintf(&b, "| [%s](#%s) | %s | %d |\n", t.File, anchor(t.File), dictCell(t.Row), len(t.Columns))
	}
	b.WriteString("\nAn empty cell (JSON `null`) is an undefined value; the column *empty when* says when that happens, and a blank there means never.\n")
	for _, t := range tables {
		fmt.Fprintf(&b, "\n#### %s\n\nOne row per %s. Order: %s.", t.File, dictCell(t.Row), dictCell(t.Order))
		if t.Note != "" {
			fmt.Fprintf(&b, " %s", dictCell(t.Note))
		}
		b.WriteString("\n\n")
		b.WriteString("| column | meaning | unit | range | empty when | reference |\n|---|---|---|---|---|---|\n")
		for _, c := range t.Columns {
			fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s | %s |\n", c.Name, dictCell(c.Meaning), dictCell(c.Unit), dictCell(c.Range), dictCell(c.Empty), dictCell(c.Reference))
		}
	}
	_, err := io.WriteString(w, b.String())
	if err != nil {
		return fmt.Errorf("report: write dictionary: %w", err)
	}
	return nil
}

// anchor is GitHub's heading anchor of a file name: lower case, dots
// dropped.
func anchor(file string) string {
	return strings.ReplaceAll(strings.ToLower(file), ".", "")
}
