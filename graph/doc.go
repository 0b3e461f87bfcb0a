// Package graph is copnet's domain model: the members, communities and
// knowledge flows of an organization's communities of practice, the time
// windows that cut the flows into periods, and the projections of a window
// and a scope onto a compact, index-based network. This comment is
// copnet's design note for the model; package metrics documents the
// indicators computed on it.
//
// # The model
//
// copnet measures organizational learning in communities of practice
// following Huysman's social-constructivist model (after Berger &
// Luckmann): an organization learns when individual knowledge is
// externalized (exchanged among members), objectified (becomes shared,
// taken-for-granted knowledge) and internalized (newcomers learn it
// through legitimate peripheral participation, moving from the periphery
// to the core). The data that shows it are flows: a member (source) gives
// something to another (target) at a time, in a community, carrying
// knowledge items (tags, topics), of a kind (ask, answer, comment …) and
// with a weight (1 by default).
//
// A Network holds members, communities and flows, with every name interned
// to a dense int32 index. Flows are kept sorted by time (ties keep input
// order), so a window is a contiguous range of them. A member may declare
// several communities; the first one is its primary community where a
// measure needs one group per member (brokerage, cognitive similarity,
// declared modularity). A flow with an empty community belongs to every
// community that declares both its ends. A knowledge list names each item
// once: "kd;kd" is the item kd.
//
// # Windows
//
// A window is the half-open interval [Start, End) of time. WindowSpec
// cuts time calendar-aligned in UTC (year, quarter, month, week from
// Monday, day, hour, minute), in fixed durations aligned to the Unix epoch
// (floor(t/d)·d), in N equal parts of the observed span, or as one window;
// the Auto unit picks the coarsest calendar unit giving at least 8 windows.
// Cumulative windows count every flow up to their end. A window with no
// flows is still a window (zero activity), never an error; a network
// without time is one static window.
//
// # Projections (conventions every metric shares)
//
// A Projection is the simple graph of one window and one scope in
// compressed sparse row form:
//   - scopes are the whole organization (Organization, written "*" in
//     tables) and each declared community (its flows);
//   - the directed projection has one arc u→v per ordered pair with at
//     least one flow, weighted by the sum of the flow weights;
//   - the undirected projection has one edge per unordered pair, weighted
//     w(u→v)+w(v→u);
//   - self-flows (u→u) count in flow totals (Projection.Flows) but are not
//     arcs and do not make a member active;
//   - a member is active in a window when it sends or receives a flow to or
//     from another member there, and n in every density is the number of
//     active members of the scope (NActive).
//
// # Undirected data
//
// Contacts and co-authorship have no direction: the order of source and
// target means nothing. A network marked Undirected (the -undirected flag,
// or "directed": false in a dataset's dataset.json) counts each flow both
// ways: the flow {u, v} of weight w adds w to the arc u→v and to the arc
// v→u, and one flow to each arc's count. The directed projection is then
// symmetric (Projection.Symmetric), its arcs are twice the edges, and the undirected projection
// is the same rows with the same weights: an edge weighs the total weight
// of the pair's flows, once (not w(u→v)+w(v→u), which would count it
// twice). Measures read from the symmetric projection equal the
// undirected graph's: the density m/(n(n−1)) is m_u/(n(n−1)/2) with m_u
// the edges, and normalized directed betweenness is NetworkX's
// betweenness_centrality of the undirected graph. Measures that only a
// direction gives (reciprocity, who sends and who receives) are left
// undefined by package metrics.
//
// Hot kernels run on this compact representation (dense int32 ids, CSR
// adjacency). Projections also satisfy gonum's graph interfaces (see
// Projection.Directed and Projection.Undirected), which the tests use as a
// reference, and convert to a github.com/dominikbraun/graph graph for
// traversals of one's own (see Projection.DGraph).
package graph
