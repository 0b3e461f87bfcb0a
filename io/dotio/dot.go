package dotio

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/copnet/copnet/graph"
)

// Write writes projection p of network n as DOT. Nodes are the
// projection's nodes, circles sized by activity and filled with their
// community's colour (see Palette), outlined by role when opt.Roles is
// set; a member belonging to several communities is drawn in the cluster
// of its first one. Only the members opt.Labels asks for carry a label
// (their name, or their id), set beside the node; the others have an
// empty one.
func Write(w io.Writer, n *graph.Network, p *graph.Projection, opt Options) error {
	opt.Undirected = opt.Undirected || p.Symmetric
	bw := bufio.NewWriter(w)
	act, maxAct := activity(p)
	labelled := labelSet(act, opt.Labels)
	col := colours(n, p.Nodes)
	off, adj, wts := p.OutOff, p.Out, p.OutW
	if opt.Undirected {
		off, adj, wts = p.UOff, p.U, p.UW
	}
	maxW := 0.0
	for _, x := range wts {
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
	// Fixed-size circles: the size says the activity, not the label's
	// length, and an unlabelled node shows no text at all.
	bw.WriteString("\tnode [shape=circle, fixedsize=true, label=\"\", style=filled, fontname=\"Helvetica\", fontsize=10, color=\"#555555\", penwidth=0.6];\n")
	bw.WriteString("\tedge [color=\"#55555580\", arrowsize=0.5];\n")

	node := func(indent string, i int) {
		m := &n.Members[p.Nodes[i]]
		frac := 0.0
		if maxAct > 0 {
			frac = math.Sqrt(act[i] / maxAct)
		}
		r := roleOf(&opt, i)
		fmt.Fprintf(bw, "%sm%d [", indent, p.Nodes[i])
		if labelled == nil || labelled[i] {
			fmt.Fprintf(bw, "xlabel=%s, ", Quote(m.Label()))
		}
		fmt.Fprintf(bw, "tooltip=%s, fillcolor=%q, width=%s", Quote(tooltip(m, act[i], r)), col.of(n, p.Nodes[i]), num(0.12+0.5*frac))
		switch r {
		case RoleCore:
			bw.WriteString(`, color="#111111", penwidth=2.5`)
		case RoleSemi:
			bw.WriteString(`, penwidth=1`)
		case RolePeriphery:
			bw.WriteString(`, penwidth=0`)
		}
		bw.WriteString("];\n")
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
		color := col.color[c]
		if color == "" {
			color = otherCommunityColor
		}
		fmt.Fprintf(bw, "\tsubgraph cluster_c%d {\n\t\tlabel=%s;\n\t\ttooltip=%s;\n\t\tstyle=rounded;\n\t\tcolor=%q;\n",
			c, Quote(comm.Label()), Quote(comm.ID), color)
		for _, i := range nodes {
			node("\t\t", i)
		}
		bw.WriteString("\t}\n")
	}
	for _, i := range loose {
		node("\t", i)
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
