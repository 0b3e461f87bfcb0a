package dotio

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/copnet/copnet/graph"
)

// Options adjust the picture.
type Options struct {
	// Title is the graph's label; empty for none.
	Title string
	// Undirected draws the undirected projection (one edge per pair).
	Undirected bool
	// LabelTop labels only the LabelTop most active members (0: all), so
	// that large networks stay legible; every node keeps its tooltip.
	LabelTop int
	// Layout is the Graphviz layout engine ("dot", "neato", "sfdp", ...);
	// empty leaves Graphviz's default.
	Layout string
}

// Palette colours communities in declaration order (ColorBrewer Set3,
// then Pastel1); members without community are light grey.
var Palette = []string{
	"#8dd3c7", "#ffffb3", "#bebada", "#fb8072", "#80b1d3", "#fdb462",
	"#b3de69", "#fccde5", "#d9d9d9", "#bc80bd", "#ccebc5", "#ffed6f",
	"#fbb4ae", "#b3cde3", "#ccebc5", "#decbe4", "#fed9a6", "#ffffcc",
}

const noCommunityColor = "#eeeeee"

// Write writes projection p of network n as DOT. Nodes are the
// projection's nodes; a member belonging to several communities is drawn
// in the cluster of its first one.
func Write(w io.Writer, n *graph.Network, p *graph.Projection, opt Options) error {
	bw := bufio.NewWriter(w)
	// Activity: flows sent and received, the node's share of the window.
	sent, received := p.FlowCounts()
	act := make([]float64, p.N())
	maxAct := 0.0
	for i := range act {
		act[i] = float64(sent[i] + received[i])
		maxAct = max(maxAct, act[i])
	}
	labelled := labelSet(act, opt.LabelTop)
	maxW := 0.0
	for _, x := range p.OutW {
		maxW = max(maxW, x)
	}

	kind, arrow := "digraph", "->"
	if opt.Undirected {
		kind, arrow = "graph", "--"
	}
	fmt.Fprintf(bw, "%s copnet {\n", kind)
	bw.WriteString("\tgraph [fontname=\"Helvetica\", outputorder=edgesfirst")
	if opt.Title != "" {
		fmt.Fprintf(bw, ", label=%s, labelloc=t, fontsize=18", Quote(opt.Title))
	}
	if opt.Layout != "" {
		fmt.Fprintf(bw, ", layout=%s", Quote(opt.Layout))
	}
	if opt.Layout != "" && opt.Layout != "dot" {
		// Force-directed layouts: remove node overlaps (prism is fast and
		// keeps the layout's shape).
		bw.WriteString(", overlap=prism")
	}
	bw.WriteString("];\n")
	bw.WriteString("\tnode [shape=ellipse, style=filled, fontname=\"Helvetica\", color=\"#555555\", penwidth=0.6];\n")
	bw.WriteString("\tedge [color=\"#55555580\", arrowsize=0.5];\n")

	node := func(indent string, i int) {
		m := &n.Members[p.Nodes[i]]
		color := noCommunityColor
		if len(m.Communities) > 0 {
			color = Palette[int(m.Communities[0])%len(Palette)]
		}
		frac := 0.0
		if maxAct > 0 {
			frac = math.Sqrt(act[i] / maxAct)
		}
		label := ""
		if labelled == nil || labelled[i] {
			label = m.Label()
		}
		fmt.Fprintf(bw, "%sm%d [label=%s, tooltip=%s, fillcolor=%q, fontsize=%s, width=%s, height=%s];\n",
			indent, p.Nodes[i], Quote(label), Quote(tooltip(m, act[i])), color,
			num(8+14*frac), num(0.2+0.8*frac), num(0.15+0.5*frac))
	}
	// Clusters in community order, then the members without community.
	byComm := make([][]int, len(n.Communities))
	var loose []int
	for i, mi := range p.Nodes {
		if cs := n.Members[mi].Communities; len(cs) > 0 {
			byComm[cs[0]] = append(byComm[cs[0]], i)
		} else {
			loose = append(loose, i)
		}
	}
	for c, nodes := range byComm {
		if len(nodes) == 0 {
			continue
		}
		comm := &n.Communities[c]
		fmt.Fprintf(bw, "\tsubgraph cluster_c%d {\n\t\tlabel=%s;\n\t\ttooltip=%s;\n\t\tstyle=rounded;\n\t\tcolor=%q;\n",
			c, Quote(comm.Label()), Quote(comm.ID), Palette[c%len(Palette)])
		for _, i := range nodes {
			node("\t\t", i)
		}
		bw.WriteString("\t}\n")
	}
	for _, i := range loose {
		node("\t", i)
	}

	off, adj, wts := p.OutOff, p.Out, p.OutW
	if opt.Undirected {
		off, adj, wts = p.UOff, p.U, p.UW
	}
	for i := range p.Nodes {
		for k := off[i]; k < off[i+1]; k++ {
			j := int(adj[k])
			if opt.Undirected && j < i {
				continue
			}
			pen := 0.5
			if maxW > 0 {
				pen += 3 * math.Log1p(wts[k]) / math.Log1p(maxW)
			}
			fmt.Fprintf(bw, "\tm%d %s m%d [weight=%s, penwidth=%s, tooltip=%s];\n",
				p.Nodes[i], arrow, p.Nodes[j], num(wts[k]), num(pen),
				Quote(n.Members[p.Nodes[i]].Label()+" "+arrow+" "+n.Members[p.Nodes[j]].Label()+": weight "+num(wts[k])))
		}
	}
	bw.WriteString("}\n")
	return bw.Flush()
}

func tooltip(m *graph.Member, act float64) string {
	s := m.ID
	if m.Name != "" {
		s = m.Name + " (" + m.ID + ")"
	}
	return s + ": " + num(act) + " flows"
}

// labelSet marks the top most active nodes (ties broken by index); nil
// means every node.
func labelSet(act []float64, top int) []bool {
	if top <= 0 || top >= len(act) {
		return nil
	}
	idx := make([]int, len(act))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		switch {
		case act[a] > act[b]:
			return -1
		case act[a] < act[b]:
			return 1
		}
		return 0
	})
	set := make([]bool, len(act))
	for _, i := range idx[:top] {
		set[i] = true
	}
	return set
}

// num formats a number with at most 4 significant digits, the same way on
// every platform.
func num(x float64) string { return strconv.FormatFloat(x, 'g', 4, 64) }

// Quote returns s as a DOT quoted string that Graphviz reads and renders
// as written: backslashes and quotes are escaped, so are ampersands (which
// Graphviz would read as HTML entities); line breaks become \n (a line
// break in the label); other control characters and invalid UTF-8 become
// U+FFFD.
func Quote(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	for _, r := range s {
		switch {
		case r == '\\':
			b.WriteString(`\\`)
		case r == '"':
			b.WriteString(`\"`)
		case r == '&':
			b.WriteString("&amp;")
		case r == '\n' || r == '\r':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteByte(' ')
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
			b.WriteRune('\uFFFD')
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
