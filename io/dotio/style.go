package dotio

import (
	"cmp"
	"math"
	"slices"
	"strconv"

	"github.com/copnet/copnet/graph"
)

// Role is a member's place in the core/periphery structure of the
// projection drawn. The values follow metrics.Role (absent, periphery,
// semi-periphery, core), so a caller holding metrics roles converts each
// with Role(r); dotio does not import metrics.
type Role int8

// Roles, from outside to inside.
const (
	RoleNone Role = iota
	RolePeriphery
	RoleSemi
	RoleCore
)

var roleNames = [...]string{"", "periphery", "semi-periphery", "core"}

// String returns "periphery", "semi-periphery", "core", or "" for
// RoleNone and values out of range.
func (r Role) String() string {
	if r < 0 || int(r) >= len(roleNames) {
		return ""
	}
	return roleNames[r]
}

// LabelAll as Options.Labels labels every member.
const LabelAll = -1

// Default canvas of the pictures, in SVG user units (CSS pixels, also
// Graphviz points): it fits a laptop screen.
const (
	DefaultWidth  = 1400
	DefaultHeight = 1000
)

// Options adjust the DOT text and the pictures. The zero value draws the
// directed projection, without title, labels or roles, laid out by
// Graphviz's sfdp when it is installed and in-process otherwise.
type Options struct {
	// Title is the picture's title; empty for none.
	Title string
	// Undirected draws the undirected projection (one edge per pair). A
	// projection of undirected data (graph.Projection.Symmetric) is
	// always drawn so: its arcs come in pairs.
	Undirected bool
	// Labels is the number of most active members labelled (ties broken
	// by member order) with their name, or their id when they have none;
	// LabelAll labels every member and 0 none. Every node keeps its
	// tooltip.
	Labels int
	// Roles, when not nil, hold one role per node of the projection drawn
	// (aligned with Projection.Nodes): core members get a thick dark
	// outline, semi-periphery a thin one, periphery none.
	Roles []Role
	// Layout is the Graphviz layout program ("sfdp", "neato", "dot",
	// "fdp" ...). Write puts it in the DOT text when set; pictures use it
	// when Graphviz lays them out, sfdp when empty.
	Layout string
	// Engine chooses who lays pictures out (EngineAuto by default).
	Engine Engine
	// Seed fixes the in-process layout's starting positions.
	Seed uint64
	// MaxNodes and MaxEdges bound the in-process layout (0:
	// DefaultMaxNodes, DefaultMaxEdges); above them NewLayout returns
	// ErrTooLarge rather than run for minutes.
	MaxNodes, MaxEdges int
	// Width and Height bound the picture's canvas (0: DefaultWidth,
	// DefaultHeight); the picture keeps the layout's aspect ratio.
	Width, Height float64
}

// Palette colours the communities of a picture, largest first (Tableau
// 10, then four darker tones); the communities beyond it share
// otherCommunityColor and the legend says how many they are.
var Palette = []string{
	"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948",
	"#b07aa1", "#ff9da7", "#9c755f", "#17becf", "#8c564b", "#2ca02c",
	"#1f3d7a", "#7f7f00",
}

const (
	otherCommunityColor = "#9a9a9a"
	noCommunityColor    = "#d0d0d0"
)

// colouring maps communities to colours.
type colouring struct {
	// color per community index; "" for a community without a colour of
	// its own.
	color []string
	// shown are the coloured communities, largest first.
	shown []int32
	// looseColor fills the members without community: light grey beside
	// coloured communities, blue in a network without any.
	looseColor string
}

// colours gives the communities of the members in nodes (by their first
// community) a palette colour, largest first, ties by community order.
func colours(n *graph.Network, nodes []int32) *colouring {
	c := &colouring{color: make([]string, len(n.Communities)), looseColor: noCommunityColor}
	size := make([]int, len(n.Communities)) // members of nodes in each community
	if len(n.Communities) == 0 {
		c.looseColor = Palette[0]
	}
	var present []int32
	for _, mi := range nodes {
		cs := n.Members[mi].Communities
		if len(cs) == 0 {
			continue
		}
		if size[cs[0]] == 0 {
			present = append(present, cs[0])
		}
		size[cs[0]]++
	}
	slices.SortFunc(present, func(a, b int32) int {
		if d := cmp.Compare(size[b], size[a]); d != 0 {
			return d
		}
		return cmp.Compare(a, b)
	})
	for k, ci := range present[:min(len(present), len(Palette))] {
		c.color[ci] = Palette[k]
		c.shown = append(c.shown, ci)
	}
	return c
}

// of returns the fill colour of member mi.
func (c *colouring) of(n *graph.Network, mi int32) string {
	cs := n.Members[mi].Communities
	switch {
	case len(cs) == 0:
		return c.looseColor
	case c.color[cs[0]] == "":
		return otherCommunityColor
	}
	return c.color[cs[0]]
}

// activity returns the flows each node took part in and their maximum:
// those it sent or received, or, when the flows carry no direction (where
// every flow a member took part in counts as both sent and received),
// each flow once.
func activity(p *graph.Projection) ([]float64, float64) {
	sent, received := p.FlowCounts()
	act := make([]float64, p.N())
	maxAct := 0.0
	for i := range act {
		if p.Symmetric {
			act[i] = float64(sent[i])
		} else {
			act[i] = float64(sent[i] + received[i])
		}
		maxAct = max(maxAct, act[i])
	}
	return act, maxAct
}

// labelSet marks the top most active nodes (ties broken by index); nil
// means every node.
func labelSet(act []float64, top int) []bool {
	if top < 0 || top >= len(act) {
		return nil
	}
	idx := make([]int, len(act))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(act[b], act[a]) })
	set := make([]bool, len(act))
	for _, i := range idx[:top] {
		set[i] = true
	}
	return set
}

// roleOf returns node i's role, RoleNone without roles.
func roleOf(opt *Options, i int) Role {
	if i < len(opt.Roles) {
		return opt.Roles[i]
	}
	return RoleNone
}

// tooltip describes a member: name and id, flows, role.
func tooltip(m *graph.Member, act float64, r Role) string {
	s := m.ID
	if m.Name != "" {
		s = m.Name + " (" + m.ID + ")"
	}
	s += ": " + counted(int(act), "flow") // act counts flows: a whole number
	if r != RoleNone {
		s += ", " + r.String()
	}
	return s
}

// num formats a number with at most 4 significant digits, the same way on
// every platform.
func num(x float64) string { return strconv.FormatFloat(x, 'g', 4, 64) }

// coord formats a coordinate with one decimal.
func coord(x float64) string {
	x = math.Round(x*10) / 10
	if x == 0 {
		x = 0 // no "-0"
	}
	return strconv.FormatFloat(x, 'f', -1, 64)
}
