// Package dotio draws copnet networks: Graphviz DOT text, and pictures
// (SVG, PNG) sized for a screen.
//
// The DOT is deterministic: nodes in member order, clusters in community
// order, arcs in adjacency order, numbers formatted the same way on every
// platform, so the same input gives the same bytes. Members are nodes
// (sized by activity, coloured by community, outlined by role); declared
// communities are clusters; arcs carry their weight. Only the members
// asked for are labelled. Every user-supplied string is escaped so that
// no name can end a string, add an attribute, or be read by Graphviz as
// an escape sequence or an HTML entity: the label reads as written.
//
// Pictures are made in two steps. NewLayout places the nodes: with
// Graphviz's own layout program (sfdp by default) when it is on PATH,
// run under the caller's context so that an interrupt kills it at once;
// otherwise with an in-process force-directed layout (ForceAtlas2-style
// forces, Barnes–Hut approximation, a fixed number of iterations, seeded),
// which refuses projections beyond a size bound (ErrTooLarge) rather than
// run for minutes. WriteSVG and WritePNG then draw the projection at
// those positions with a legend, on a canvas of at most 1400 × 1000
// units; a layout of the whole period can draw each window, so members
// keep their place from one picture to the next.
//
// Nothing is started at package initialization: a program that links
// dotio pays for a renderer only when it draws.
package dotio
