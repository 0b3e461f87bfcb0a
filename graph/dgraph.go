package graph

import (
	"math"
	"strconv"

	dgraph "github.com/dominikbraun/graph"
)

// DGraph converts the projection to a github.com/dominikbraun/graph graph
// for traversals of one's own: vertices are member ids (with attributes
// "name" and "label"), edges carry the weight rounded to an integer as
// their weight (that library's weights are integers) and the exact weight
// in the attribute "weight". directed selects the directed or the
// undirected projection.
func (p *Projection) DGraph(n *Network, directed bool) (dgraph.Graph[string, string], error) {
	traits := []func(*dgraph.Traits){dgraph.Weighted()}
	off, adj, w := p.UOff, p.U, p.UW
	if directed {
		traits = append(traits, dgraph.Directed())
		off, adj, w = p.OutOff, p.Out, p.OutW
	}
	g := dgraph.New(dgraph.StringHash, traits...)
	for _, m := range p.Nodes {
		mem := &n.Members[m]
		if err := g.AddVertex(mem.ID, dgraph.VertexAttribute("name", mem.Name), dgraph.VertexAttribute("label", mem.Label())); err != nil {
			return nil, err
		}
	}
	for i, m := range p.Nodes {
		for k := off[i]; k < off[i+1]; k++ {
			j := int(adj[k])
			if !directed && j < i {
				continue
			}
			err := g.AddEdge(n.Members[m].ID, n.Members[p.Nodes[j]].ID,
				dgraph.EdgeWeight(int(math.Round(w[k]))),
				dgraph.EdgeAttribute("weight", strconv.FormatFloat(w[k], 'g', -1, 64)))
			if err != nil {
				return nil, err
			}
		}
	}
	return g, nil
}
