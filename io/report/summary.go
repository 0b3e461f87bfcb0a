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

// facts lists the summary as (key, value) rows, for the text summary and
// the report's dataset section. page asks for the report's form: the time
// as one span, and no row when there is no warning.
func (s Summary) facts(page bool) facts {
	f := facts{}
	if s.Dataset != "" {
		f = append(f, [2]string{"dataset", s.Dataset})
	}
	f = append(f,
		[2]string{"members", fmt.Sprintf("%s (%s active; %s added from flows)", metrics.Count(s.Members), metrics.Count(s.ActiveMembers), metrics.Count(s.AddedMembers))},
		[2]string{"communities", metrics.Count(s.Communities)},
		[2]string{"flows", fmt.Sprintf("%s (%s self-flows)", metrics.Count(s.Flows), metrics.Count(s.SelfFlows))})
	if !s.Directed {
		f = append(f, [2]string{"direction", "undirected: each flow counts both ways; reciprocity is undefined"})
	}
	if len(s.Kinds) > 0 {
		var ks []string
		for _, k := range s.Kinds {
			ks = append(ks, k.Kind+" "+metrics.Count(k.Flows))
		}
		f = append(f, [2]string{"kinds", strings.Join(ks, ", ")})
	}
	f = append(f, [2]string{"knowledge items", metrics.Count(s.KnowledgeItems)})
	switch {
	case s.FirstTime == nil:
		f = append(f, [2]string{"time", "none (one static window)"})
	case page:
		f = append(f, [2]string{"time span", *s.FirstTime + " to " + *s.LastTime})
	default:
		f = append(f, [2]string{"first time", *s.FirstTime}, [2]string{"last time", *s.LastTime})
	}
	f = append(f, [2]string{"windows", fmt.Sprintf("%d (%s, spec %s)", s.Windows, s.WindowUnit, s.WindowSpec)})
	if s.SkippedRows > 0 {
		f = append(f, [2]string{"skipped rows", metrics.Count(s.SkippedRows)})
	}
	if len(s.Warnings) == 0 && !page {
		f = append(f, [2]string{"warnings", "none"})
	}
	for _, wn := range s.Warnings {
		f = append(f, [2]string{"warning", wn})
	}
	return f
}

// WriteText writes the summary for people.
func (s Summary) WriteText(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, kv := range s.facts(false) {
		lines := []string{kv[1]} // a warning stays on one line, for grep
		if kv[0] == "dataset" {
			// Wraps under itself within the screen's width (the keys
			// take up to 17 columns).
			lines = wrap(kv[1], ScreenWidth-17, "")
		}
		for i, l := range lines {
			k := kv[0]
			if i > 0 {
				k = ""
			}
			fmt.Fprintf(tw, "%s\t%s\n", k, l)
		}
	}
	return tw.Flush()
}
