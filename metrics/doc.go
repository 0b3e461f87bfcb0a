// Package metrics computes copnet's indicators of organizational learning
// on the projections of package graph. This comment is copnet's design
// note for the indicators; package graph documents the model (members,
// communities, flows, windows) and the projection conventions every
// indicator shares, and the README's data dictionary (generated from
// DocOf) describes every output column.
//
// # One driver
//
// Analyze is the one way in: it cuts the windows once, and for each
// (scope, window) builds the projection once and hands it to every family;
// whole-period figures are computed once. Internalize, Externalize and
// SocialCapitalOf run the same driver with one family, so the families
// cannot disagree. Options are a typed struct checked by Validate, with
// exported defaults (DefaultOptions). The Analysis holds tidy tables whose
// rows come out as iterators (ScopeWindowRows, MemberWindowRows …) with
// member, community, item and window ids resolved.
//
// # The three moments and social capital
//
// Internalizing (legitimate peripheral participation; Lave & Wenger 1991):
// core numbers (Batagelj & Zaversnik 2003, NetworkX core_number),
// Borgatti–Everett (1999) continuous coreness and discrete core/periphery
// fit, roles per window (core, semi-periphery, periphery, absent; or the
// onion model of Crowston & Howison 2005; or a k-core threshold),
// trajectories, the role transition matrix, and per window the newcomers,
// the share reaching the core within H windows, the median windows to
// core, retention after H windows and core turnover.
//
// Externalizing (exchange density): active members n, member flows, arcs
// m, density m/(n(n−1)), intensity, reciprocity (NetworkX
// overall_reciprocity) and Garlaschelli–Loffredo ρ, transitivity and
// average clustering of the undirected projection (NetworkX transitivity,
// average_clustering), flows per member, the Gini of member activity and
// the Krackhardt E-I index.
//
// Objectifying (convergence on shared knowledge; Berger & Luckmann 1966):
// members' knowledge profiles (item counts over the flows they took part
// in), items in use, Shannon entropy and Herfindahl index of item use, the
// mean pairwise cosine similarity of profiles in O(profile entries), the
// mean Jaccard similarity of item sets, the share of use on items held by
// at least θ of the active members, the convergence trend, and per item
// its first use, originators, adoption curve and the window in which it
// became objectified (shared by at least θ in w consecutive windows).
//
// Social capital: structural (degree, Brandes betweenness normalized as
// NetworkX does with n the active members, Burt's constraint, effective
// size, efficiency and hierarchy with NetworkX's conventions for directed
// weighted graphs, Gould–Fernandez brokerage with communities as groups),
// relational (reciprocated ties, tie strength, repeated ties), cognitive
// (similarity to one's community), bonding and bridging, and community
// structure: weighted modularity of the declared communities (NetworkX
// modularity), copnet's seeded Louvain, and their NMI.
//
// # Conventions
//
//   - Where a NetworkX function exists, the figure follows its convention,
//     and the doc comment names it; the tests check against NetworkX and
//     gonum on small graphs.
//   - Self-flows count in flow totals (the `flows` column) but never in
//     exchange figures (`member_flows` and everything built on it) nor in
//     knowledge profiles; an item used only in self-flows has no history.
//   - An undefined value (the density of a window with one active member,
//     the constraint of an isolated member) is NaN in the result structs
//     and a Float that writes an empty CSV cell and a JSON null, never the
//     text "NaN".
//   - Every random choice (Louvain's order, betweenness pivots, Jaccard
//     pairs, the claims' random groups, rewirings and bootstrap
//     resamples) takes Options.Seed; results do not depend on
//     Options.Workers.
//     The same network and options give the same tables.
//   - Rows come in a fixed order: scopes as declared (organization
//     first), windows in time order, members, communities and items in
//     input order.
package metrics
