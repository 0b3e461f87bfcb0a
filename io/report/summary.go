package report

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/copnet/copnet/graph"
	"github.com/copnet/copnet/metrics"
)

// Summary describes a loaded dataset.
type Summary struct {
	Dataset       string `json:"dataset"`
	Members       int    `json:"members"`
	AddedMembers  int    `json:"added_members"`
	ActiveMembers int    `json:"active_members"`
	Communities   int    `json:"communities"`
	Flows         int    `json:"flows"`
	SelfFlows     int    `json:"self_flows"`
	// Directed is false for undirected data (-undirected, or dataset.json
	// declaring "directed": false): reciprocity is then undefined.
	Directed       bool        `json:"directed"`
	KnowledgeItems int         `json:"knowledge_items"`
	Kinds          []KindCount `json:"kinds"`
	// FirstTime and LastTime are RFC 3339, null for a dataset without time.
	FirstTime  *string `json:"first_time"`
	LastTime   *string `json:"last_time"`
	Windows    int     `json:"windows"`
	WindowSpec string  `json:"window_spec"`
	WindowUnit string  `json:"window_unit"`
	// SkippedRows counts rows a preset left out.
	SkippedRows int      `json:"skipped_rows"`
	Warnings    []string `json:"warnings"`
}

// KindCount is the number of flows of one kind.
type KindCount struct {
	Kind  string `json:"kind"`
	Flows int    `json:"flows"`
}

var unitNames = map[graph.Unit]string{graph.Static: "all", graph.Minute: "minute", graph.Hour: "hour", graph.Day: "day",
	graph.Week: "week", graph.Month: "month", graph.Quarter: "quarter", graph.Year: "year", graph.Fixed: "fixed", graph.Parts: "parts"}

// Describe summarizes a network, cutting it into windows by spec.
func Describe(n *graph.Network, spec graph.WindowSpec) (Summary, error) {
	s := Summary{
		Members: len(n.Members), AddedMembers: n.AddedMembers(), Communities: len(n.Communities),
		Flows: len(n.Flows), SelfFlows: n.SelfFlows(), Directed: !n.Undirected, KnowledgeItems: len(n.Items),
		WindowSpec: spec.String(), Warnings: []string{}, Kinds: []KindCount{},
	}
	active := make([]bool, len(n.Members))
	kinds := make([]int, len(n.Kinds))
	for i := range n.Flows {
		f := &n.Flows[i]
		if f.Source != f.Target {
			active[f.Source], active[f.Target] = true, true
		}
		if f.Kind != graph.None {
			kinds[f.Kind]++
		}
	}
	for _, a := range active {
		if a {
			s.ActiveMembers++
		}
	}
	for k, c := range kinds {
		s.Kinds = append(s.Kinds, KindCount{n.Kinds[k], c})
	}
	if first, last, ok := n.TimeSpan(); ok {
		f, l := first.Format("2006-01-02T15:04:05Z07:00"), last.Format("2006-01-02T15:04:05Z07:00")
		s.FirstTime, s.LastTime = &f, &l
	}
	ws, err := n.Windows(spec)
	if err != nil {
		return s, err
	}
	s.Windows = len(ws)
	if len(ws) > 0 {
		s.WindowUnit = unitNames[ws[0].Unit]
	}
	return s, nil
}

// WriteText writes the summary for people.
func (s Summary) WriteText(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	row := func(k, format string, args ...any) { fmt.Fprintf(tw, "%s\t"+format+"\n", append([]any{k}, args...)...) }
	// Long values wrap under themselves, within the screen's width (the
	// keys take up to 17 columns).
	long := func(k, v string) {
		for i, l := range wrap(v, ScreenWidth-17, "") {
			if i > 0 {
				k = ""
			}
			row(k, "%s", l)
		}
	}
	if s.Dataset != "" {
		long("dataset", s.Dataset)
	}
	row("members", "%s (%s active; %s added from flows)", metrics.Count(s.Members), metrics.Count(s.ActiveMembers), metrics.Count(s.AddedMembers))
	row("communities", "%s", metrics.Count(s.Communities))
	row("flows", "%s (%s self-flows)", metrics.Count(s.Flows), metrics.Count(s.SelfFlows))
	if !s.Directed {
		row("direction", "undirected: each flow counts both ways; reciprocity is undefined")
	}
	if len(s.Kinds) > 0 {
		var ks []string
		for _, k := range s.Kinds {
			ks = append(ks, k.Kind+" "+metrics.Count(k.Flows))
		}
		row("kinds", "%s", strings.Join(ks, ", "))
	}
	row("knowledge items", "%s", metrics.Count(s.KnowledgeItems))
	if s.FirstTime != nil {
		row("first time", "%s", *s.FirstTime)
		row("last time", "%s", *s.LastTime)
	} else {
		row("time", "none (one static window)")
	}
	row("windows", "%d (%s, spec %s)", s.Windows, s.WindowUnit, s.WindowSpec)
	if s.SkippedRows > 0 {
		row("skipped rows", "%s", metrics.Count(s.SkippedRows))
	}
	if len(s.Warnings) == 0 {
		row("warnings", "none")
	}
	for _, wn := range s.Warnings {
		row("warning", "%s", wn) // one line each, for grep
	}
	return tw.Flush()
}
