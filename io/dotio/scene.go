package dotio

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"unicode/utf8"

	"github.com/copnet/copnet/graph"
)

// scene is a picture in canvas coordinates (y downwards), shared by the
// SVG and PNG writers so that they draw the same thing.
type scene struct {
	w, h     float64
	title    string
	directed bool
	edges    []sceneEdge
	nodes    []sceneNode // in drawing order: least active first
	legend   []legendItem
	note     string
}

type sceneEdge struct {
	x1, y1, x2, y2 float64
	width          float64
	arrow          bool
}

type sceneNode struct {
	x, y, r       float64
	fill          string
	stroke        string // "" for none
	strokeW       float64
	label, tip    string
	labelled      bool
	member, order int
	// Where the label goes: its anchor point (the text's baseline) and
	// side, chosen by placeLabels.
	lx, ly float64
	anchor labelAnchor
}

// labelAnchor is the side of its anchor point a label's text lies on.
type labelAnchor uint8

const (
	anchorStart  labelAnchor = iota // the text starts at the point: right of the node
	anchorEnd                       // the text ends at the point: left of the node
	anchorMiddle                    // centred on the point: above or below the node
)

// legendItem is a row of the legend: a heading (kind 0), a community
// swatch (kind 1), a role sample (kind 2) or a line of text (kind 3).
type legendItem struct {
	kind    int
	text    string
	fill    string
	stroke  string
	strokeW float64
}

const (
	margin  = 16.0
	legendW = 250.0
	titleH  = 34.0
	rowH    = 18.0
	minR    = 2.5
	spanR   = 9.0
)

// roleSampleColor fills the legend's role samples.
const roleSampleColor = "#a7b1bc"

// roleStroke is the outline of a role: colour and width.
func roleStroke(r Role) (string, float64) {
	switch r {
	case RoleCore:
		return "#111111", 2.4
	case RoleSemi:
		return "#444444", 0.9
	case RolePeriphery:
		return "", 0
	}
	return "#555555", 0.5
}

// newScene places projection p of n on a canvas with layout l.
func newScene(n *graph.Network, p *graph.Projection, l *Layout, opt Options) (*scene, error) {
	if l == nil {
		return nil, fmt.Errorf("dotio: no layout")
	}
	if opt.Roles != nil && len(opt.Roles) != p.N() {
		return nil, fmt.Errorf("dotio: %d roles for %d nodes", len(opt.Roles), p.N())
	}
	if l.net != nil && l.net != n {
		return nil, fmt.Errorf("dotio: the layout is of another network")
	}
	col := l.col
	if col == nil || len(col.color) != len(n.Communities) {
		col = colours(n, l.Nodes)
	}
	wmax, hmax := opt.Width, opt.Height
	if wmax <= 0 {
		wmax = DefaultWidth
	}
	if hmax <= 0 {
		hmax = DefaultHeight
	}
	s := &scene{title: opt.Title, directed: !opt.Undirected && !p.Symmetric}
	top := margin
	if opt.Title != "" {
		top += titleH
	}
	// The frame is the whole layout, so that pictures of several windows
	// drawn with one layout line up.
	minX, minY := math.Inf(1), math.Inf(1)
	maxX, maxY := math.Inf(-1), math.Inf(-1)
	for k := range l.Nodes {
		minX, maxX = min(minX, l.X[k]), max(maxX, l.X[k])
		minY, maxY = min(minY, l.Y[k]), max(maxY, l.Y[k])
	}
	if len(l.Nodes) == 0 {
		minX, maxX, minY, maxY = 0, 0, 0, 0
	}
	pad := minR + spanR + 2
	aw := max(wmax-legendW-2*margin-2*pad, 50)
	ah := max(hmax-top-margin-2*pad, 50)
	bw, bh := maxX-minX, maxY-minY
	scale := 1.0
	switch {
	case bw > 0 && bh > 0:
		scale = min(aw/bw, ah/bh)
	case bw > 0:
		scale = aw / bw
	case bh > 0:
		scale = ah / bh
	}
	drawW, drawH := bw*scale, bh*scale
	// Centre the drawing in its area.
	ox := margin + pad + (aw-drawW)/2
	oy := top + pad
	pos := func(mi int32) (float64, float64, error) {
		x, y, ok := l.At(mi)
		if !ok {
			return 0, 0, fmt.Errorf("dotio: member %q is not in the layout", n.Members[mi].ID)
		}
		return ox + (x-minX)*scale, oy + (maxY-y)*scale, nil
	}

	act, maxAct := activity(p)
	labelled := labelSet(act, opt.Labels)
	s.nodes = make([]sceneNode, p.N())
	for i, mi := range p.Nodes {
		x, y, err := pos(mi)
		if err != nil {
			return nil, err
		}
		frac := 0.0
		if maxAct > 0 {
			frac = math.Sqrt(act[i] / maxAct)
		}
		r := roleOf(&opt, i)
		stroke, sw := roleStroke(r)
		m := &n.Members[mi]
		s.nodes[i] = sceneNode{x: x, y: y, r: minR + spanR*frac, fill: col.of(n, mi), stroke: stroke, strokeW: sw,
			label: m.Label(), tip: tooltip(m, act[i], r), labelled: labelled == nil || labelled[i], member: int(mi), order: i}
	}

	off, adj, wts := p.UOff, p.U, p.UW
	if s.directed {
		off, adj, wts = p.OutOff, p.Out, p.OutW
	}
	maxW := 0.0
	for _, x := range wts {
		maxW = max(maxW, x)
	}
	arrows := s.directed && len(adj) <= 400
	for i := range p.Nodes {
		for k := off[i]; k < off[i+1]; k++ {
			j := int(adj[k])
			if !s.directed && j < i {
				continue
			}
			width := 0.6
			if maxW > 1 {
				width += 2.4 * math.Log(wts[k]) / math.Log(maxW)
			}
			a, b := &s.nodes[i], &s.nodes[j]
			e := sceneEdge{x1: a.x, y1: a.y, x2: b.x, y2: b.y, width: width, arrow: arrows}
			if arrows {
				// End the arc at the target's rim, where the arrow head
				// shows.
				if d := math.Hypot(b.x-a.x, b.y-a.y); d > b.r+1 {
					t := (d - b.r - 1) / d
					e.x2, e.y2 = a.x+(b.x-a.x)*t, a.y+(b.y-a.y)*t
				}
			}
			s.edges = append(s.edges, e)
		}
	}
	// Big nodes on top of small ones, core on top of periphery.
	roleRank := func(i int) Role { return roleOf(&opt, i) }
	slices.SortStableFunc(s.nodes, func(a, b sceneNode) int {
		if d := cmp.Compare(roleRank(a.order), roleRank(b.order)); d != 0 {
			return d
		}
		return cmp.Compare(a.r, b.r)
	})

	// Legend: the communities of the picture, in the layout's colour
	// order, with their members in this picture.
	count := make(map[int32]int)
	others, loose := 0, 0
	for _, mi := range p.Nodes {
		cs := n.Members[mi].Communities
		switch {
		case len(cs) == 0:
			loose++
		case col.color[cs[0]] == "":
			others++
		default:
			count[cs[0]]++
		}
	}
	s.legend = append(s.legend, legendItem{kind: 0, text: "Communities (members)"})
	for _, c := range col.shown {
		if count[c] > 0 {
			s.legend = append(s.legend, legendItem{kind: 1, text: clip(n.Communities[c].Label(), 26) + " (" + strconv.Itoa(count[c]) + ")", fill: col.color[c]})
		}
	}
	if others > 0 {
		oc := 0
		seen := map[int32]bool{}
		for _, mi := range p.Nodes {
			if cs := n.Members[mi].Communities; len(cs) > 0 && col.color[cs[0]] == "" && !seen[cs[0]] {
				seen[cs[0]] = true
				oc++
			}
		}
		s.legend = append(s.legend, legendItem{kind: 1, text: strconv.Itoa(oc) + " other communities (" + strconv.Itoa(others) + ")", fill: otherCommunityColor})
	}
	if loose > 0 {
		s.legend = append(s.legend, legendItem{kind: 1, text: "no community (" + strconv.Itoa(loose) + ")", fill: col.looseColor})
	}
	if opt.Roles != nil {
		var nr [4]int
		for _, r := range opt.Roles {
			if r >= 0 && int(r) < len(nr) {
				nr[r]++
			}
		}
		s.legend = append(s.legend, legendItem{kind: 0, text: "Roles (members)"})
		for _, r := range []Role{RoleCore, RoleSemi, RolePeriphery} {
			st, sw := roleStroke(r)
			// A grey disc with the role's outline, as the members are
			// drawn: the periphery's sample is a disc without one.
			s.legend = append(s.legend, legendItem{kind: 2, text: r.String() + " (" + strconv.Itoa(nr[r]) + ")", fill: roleSampleColor, stroke: st, strokeW: sw})
		}
	}
	s.legend = append(s.legend, legendItem{kind: 0, text: "Size"})
	size := "flows sent and received"
	if p.Symmetric {
		size = "flows taken part in"
	}
	s.legend = append(s.legend, legendItem{kind: 3, text: size})
	if maxAct > 0 {
		s.legend = append(s.legend, legendItem{kind: 3, text: "largest: " + counted(int(maxAct), "flow")})
	}
	lines := "tie"
	if s.directed {
		lines = "arc"
	}
	s.note = counted(p.N(), "member") + ", " + counted(len(s.edges), lines) + "; layout: " + l.Engine

	legendH := top + float64(len(s.legend)+2)*rowH + margin
	s.w = wmax
	s.h = min(hmax, max(top+drawH+2*pad+margin, legendH))
	s.placeLabels(act, box{margin, top, s.w - legendW - margin, s.h})
	return s, nil
}

// Label metrics at the pictures' 11-pixel font: an average glyph's width
// and the text's extent above and below its baseline.
const (
	glyphW    = 6.2
	ascent    = 9.0
	descent   = 3.0
	obstacleR = 5.0 // nodes at least this large keep labels off them
)

// box is a rectangle: its left, top, right and bottom edges.
type box struct{ x0, y0, x1, y1 float64 }

func (a box) overlaps(b box) bool { return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1 }

func (a box) inside(b box) bool { return a.x0 >= b.x0 && a.x1 <= b.x1 && a.y0 >= b.y0 && a.y1 <= b.y1 }

// hitsCircle reports whether the box comes within r of (x, y).
func (a box) hitsCircle(x, y, r float64) bool {
	dx := max(a.x0-x, 0, x-a.x1)
	dy := max(a.y0-y, 0, y-a.y1)
	return dx*dx+dy*dy < r*r
}

// placeLabels puts each label, most active member first, on the first
// side of its node (right, left, above, below) where it stays in area
// and clear of the labels placed before it and of the large nodes; a
// label with no clear side goes to the right.
func (s *scene) placeLabels(act []float64, area box) {
	var todo []int
	var big []int
	for k := range s.nodes {
		if s.nodes[k].labelled {
			todo = append(todo, k)
		}
		if s.nodes[k].r >= obstacleR {
			big = append(big, k)
		}
	}
	slices.SortStableFunc(todo, func(a, b int) int {
		if d := cmp.Compare(act[s.nodes[b].order], act[s.nodes[a].order]); d != 0 {
			return d
		}
		return cmp.Compare(s.nodes[a].order, s.nodes[b].order)
	})
	var placed []box
	for _, k := range todo {
		nd := &s.nodes[k]
		w := float64(utf8.RuneCountInString(nd.label)) * glyphW
		type spot struct {
			x, y   float64
			anchor labelAnchor
			b      box
		}
		right := spot{nd.x + nd.r + 2, nd.y + 4, anchorStart, box{nd.x + nd.r + 2, nd.y + 4 - ascent, nd.x + nd.r + 2 + w, nd.y + 4 + descent}}
		spots := []spot{
			right,
			{nd.x - nd.r - 2, nd.y + 4, anchorEnd, box{nd.x - nd.r - 2 - w, nd.y + 4 - ascent, nd.x - nd.r - 2, nd.y + 4 + descent}},
			{nd.x, nd.y - nd.r - 3, anchorMiddle, box{nd.x - w/2, nd.y - nd.r - 3 - ascent, nd.x + w/2, nd.y - nd.r - 3 + descent}},
			{nd.x, nd.y + nd.r + 2 + ascent, anchorMiddle, box{nd.x - w/2, nd.y + nd.r + 2, nd.x + w/2, nd.y + nd.r + 2 + ascent + descent}},
		}
		chosen := right
	search:
		for _, sp := range spots {
			if !sp.b.inside(area) {
				continue
			}
			for _, b := range placed {
				if sp.b.overlaps(b) {
					continue search
				}
			}
			for _, j := range big {
				if j != k && sp.b.hitsCircle(s.nodes[j].x, s.nodes[j].y, s.nodes[j].r) {
					continue search
				}
			}
			chosen = sp
			break
		}
		nd.lx, nd.ly, nd.anchor = chosen.x, chosen.y, chosen.anchor
		placed = append(placed, chosen.b)
	}
}

// clip shortens s to at most n runes, ending with an ellipsis when cut.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// counted writes a count with thousands separators and its noun, "1 arc",
// "1,762 arcs", as metrics.Counted does for the nouns a picture uses;
// dotio imports graph only (DESIGN.md's layering), so it keeps its own.
func counted(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s + " " + noun + "s"
}
