// Package dotio writes copnet networks as Graphviz DOT and renders them to
// SVG without an installed Graphviz.
//
// The DOT is deterministic: nodes in member order, clusters in community
// order, arcs in adjacency order, numbers formatted the same way on every
// platform, so the same input gives the same bytes. Members are nodes
// (labelled with their name, sized by activity, coloured by community);
// declared communities are clusters; arcs carry their weight. Every
// user-supplied string is escaped so that no name can end a string, add an
// attribute, or be read by Graphviz as an escape sequence or an HTML
// entity: the label reads as written.
//
// RenderSVG uses github.com/goccy/go-graphviz, Graphviz compiled to
// WebAssembly and run in pure Go. Its PNG renderer drops edges and node
// outlines, so copnet renders SVG only.
package dotio
