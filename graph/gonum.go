package graph

import (
	"math"

	gonumgraph "gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/iterator"
	"gonum.org/v1/gonum/graph/simple"
)

// Directed presents a projection's directed graph to gonum's algorithms.
// Node IDs are member indices; edge weights are arc weights.
type Directed struct {
	P *Projection
	// Self and Absent are the weights Weight reports for a node with itself
	// and for a missing arc (gonum's simple graphs take the same two).
	Self, Absent float64
}

// Undirected presents a projection's undirected graph to gonum's
// algorithms. Node IDs are member indices; edge weights are
// w(u→v)+w(v→u).
type Undirected struct {
	P            *Projection
	Self, Absent float64
}

var (
	_ gonumgraph.WeightedDirected   = (*Directed)(nil)
	_ gonumgraph.WeightedUndirected = (*Undirected)(nil)
)

// Directed returns the gonum view of the directed projection, with self
// weight 0 and absent weight +Inf (costs for path algorithms).
func (p *Projection) Directed() *Directed { return &Directed{P: p, Absent: math.Inf(1)} }

// Undirected returns the gonum view of the undirected projection, with
// self weight 0 and absent weight +Inf.
func (p *Projection) Undirected() *Undirected { return &Undirected{P: p, Absent: math.Inf(1)} }

func (p *Projection) node(id int64) (int, bool) {
	if id < 0 || id > math.MaxInt32 {
		return 0, false
	}
	return p.Local(int32(id))
}

func (p *Projection) gonumNode(id int64) gonumgraph.Node {
	if _, ok := p.node(id); !ok {
		return nil
	}
	return simple.Node(id)
}

func (p *Projection) gonumNodes() gonumgraph.Nodes {
	if len(p.Nodes) == 0 {
		return gonumgraph.Empty
	}
	ns := make([]gonumgraph.Node, len(p.Nodes))
	for i, m := range p.Nodes {
		ns[i] = simple.Node(m)
	}
	return iterator.NewOrderedNodes(ns)
}

func (p *Projection) row(id int64, off, adj []int32) gonumgraph.Nodes {
	i, ok := p.node(id)
	if !ok || off[i] == off[i+1] {
		return gonumgraph.Empty
	}
	r := adj[off[i]:off[i+1]]
	ns := make([]gonumgraph.Node, len(r))
	for k, j := range r {
		ns[k] = simple.Node(p.Nodes[j])
	}
	return iterator.NewOrderedNodes(ns)
}

func (p *Projection) weight(x, y int64, self, absent float64, get func(i, j int) (float64, bool)) (float64, bool) {
	i, okx := p.node(x)
	j, oky := p.node(y)
	if !okx || !oky {
		return absent, false
	}
	if w, ok := get(i, j); ok {
		return w, true
	}
	if i == j {
		return self, true
	}
	return absent, false
}

func (p *Projection) weightedEdge(u, v int64, get func(i, j int) (float64, bool)) gonumgraph.WeightedEdge {
	i, oku := p.node(u)
	j, okv := p.node(v)
	if !oku || !okv {
		return nil
	}
	w, ok := get(i, j)
	if !ok {
		return nil
	}
	return simple.WeightedEdge{F: simple.Node(u), T: simple.Node(v), W: w}
}

// Node returns the node with the given ID, or nil.
func (g *Directed) Node(id int64) gonumgraph.Node { return g.P.gonumNode(id) }

// Nodes returns every node, ordered by ID.
func (g *Directed) Nodes() gonumgraph.Nodes { return g.P.gonumNodes() }

// From returns the successors of id.
func (g *Directed) From(id int64) gonumgraph.Nodes { return g.P.row(id, g.P.OutOff, g.P.Out) }

// To returns the predecessors of id.
func (g *Directed) To(id int64) gonumgraph.Nodes { return g.P.row(id, g.P.InOff, g.P.In) }

// HasEdgeBetween reports an arc in either direction.
func (g *Directed) HasEdgeBetween(x, y int64) bool {
	return g.HasEdgeFromTo(x, y) || g.HasEdgeFromTo(y, x)
}

// HasEdgeFromTo reports the arc u→v.
func (g *Directed) HasEdgeFromTo(u, v int64) bool { return g.WeightedEdge(u, v) != nil }

// Edge returns the arc u→v, or nil.
func (g *Directed) Edge(u, v int64) gonumgraph.Edge {
	if e := g.WeightedEdge(u, v); e != nil {
		return e
	}
	return nil
}

// WeightedEdge returns the arc u→v, or nil.
func (g *Directed) WeightedEdge(u, v int64) gonumgraph.WeightedEdge {
	return g.P.weightedEdge(u, v, g.P.ArcWeight)
}

// Weight returns the weight of x→y; see Self and Absent.
func (g *Directed) Weight(x, y int64) (float64, bool) {
	return g.P.weight(x, y, g.Self, g.Absent, g.P.ArcWeight)
}

// WeightedEdges returns every arc, by source then target.
func (g *Directed) WeightedEdges() gonumgraph.WeightedEdges {
	es := g.P.weightedEdges(g.P.OutOff, g.P.Out, g.P.OutW, false)
	if len(es) == 0 {
		return gonumgraph.Empty
	}
	return iterator.NewOrderedWeightedEdges(es)
}

// Edges returns every arc, by source then target.
func (g *Directed) Edges() gonumgraph.Edges {
	es := g.P.weightedEdges(g.P.OutOff, g.P.Out, g.P.OutW, false)
	if len(es) == 0 {
		return gonumgraph.Empty
	}
	e := make([]gonumgraph.Edge, len(es))
	for i := range es {
		e[i] = es[i]
	}
	return iterator.NewOrderedEdges(e)
}

func (p *Projection) weightedEdges(off, adj []int32, w []float64, once bool) []gonumgraph.WeightedEdge {
	var es []gonumgraph.WeightedEdge
	for i := range p.Nodes {
		for k := off[i]; k < off[i+1]; k++ {
			j := int(adj[k])
			if once && j < i {
				continue
			}
			es = append(es, simple.WeightedEdge{F: simple.Node(p.Nodes[i]), T: simple.Node(p.Nodes[j]), W: w[k]})
		}
	}
	return es
}

// Node returns the node with the given ID, or nil.
func (g *Undirected) Node(id int64) gonumgraph.Node { return g.P.gonumNode(id) }

// Nodes returns every node, ordered by ID.
func (g *Undirected) Nodes() gonumgraph.Nodes { return g.P.gonumNodes() }

// From returns the neighbours of id.
func (g *Undirected) From(id int64) gonumgraph.Nodes { return g.P.row(id, g.P.UOff, g.P.U) }

// HasEdgeBetween reports an edge between x and y.
func (g *Undirected) HasEdgeBetween(x, y int64) bool { return g.WeightedEdge(x, y) != nil }

// Edge returns the edge from u to v, or nil.
func (g *Undirected) Edge(u, v int64) gonumgraph.Edge {
	if e := g.WeightedEdge(u, v); e != nil {
		return e
	}
	return nil
}

// EdgeBetween returns the edge between x and y, or nil.
func (g *Undirected) EdgeBetween(x, y int64) gonumgraph.Edge { return g.Edge(x, y) }

// WeightedEdge returns the edge from u to v, or nil.
func (g *Undirected) WeightedEdge(u, v int64) gonumgraph.WeightedEdge {
	return g.P.weightedEdge(u, v, g.P.EdgeWeight)
}

// WeightedEdgeBetween returns the edge between x and y, or nil.
func (g *Undirected) WeightedEdgeBetween(x, y int64) gonumgraph.WeightedEdge {
	return g.WeightedEdge(x, y)
}

// Weight returns the weight of the edge x–y; see Self and Absent.
func (g *Undirected) Weight(x, y int64) (float64, bool) {
	return g.P.weight(x, y, g.Self, g.Absent, g.P.EdgeWeight)
}

// WeightedEdges returns every edge once, from the lower to the higher ID.
func (g *Undirected) WeightedEdges() gonumgraph.WeightedEdges {
	es := g.P.weightedEdges(g.P.UOff, g.P.U, g.P.UW, true)
	if len(es) == 0 {
		return gonumgraph.Empty
	}
	return iterator.NewOrderedWeightedEdges(es)
}

// Edges returns every edge once, from the lower to the higher ID.
func (g *Undirected) Edges() gonumgraph.Edges {
	es := g.P.weightedEdges(g.P.UOff, g.P.U, g.P.UW, true)
	if len(es) == 0 {
		return gonumgraph.Empty
	}
	e := make([]gonumgraph.Edge, len(es))
	for i := range es {
		e[i] = es[i]
	}
	return iterator.NewOrderedEdges(e)
}
