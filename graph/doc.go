// Package graph is copnet's domain model: the members, communities and
// knowledge flows of an organization's communities of practice, the time
// windows that cut the flows into periods, and the projections of a window
// and a scope onto a compact, index-based network.
//
// A Network holds members, communities and flows, with every name interned
// to a dense int32 index. Flows are kept sorted by time, so a window is a
// contiguous range of them. A Projection is the directed and undirected
// simple graph of one window and one scope (the whole organization or one
// community) in compressed sparse row form; the metrics run on it.
//
// Conventions shared by every metric (see DESIGN.md):
//   - the directed projection has one arc u→v per ordered pair with at least
//     one flow, weighted by the sum of the flow weights;
//   - the undirected projection has one edge per unordered pair, weighted
//     w(u→v)+w(v→u);
//   - self-flows count in flow totals but are not arcs and do not make a
//     member active;
//   - a member is active in a window when it sends or receives a flow to or
//     from another member there.
//
// Projections also satisfy gonum's graph interfaces (see Projection.Directed
// and Projection.Undirected), and convert to a github.com/dominikbraun/graph
// graph for traversals of one's own (see Projection.DGraph).
package graph
