// Package metrics computes copnet's indicators of organizational learning
// on the projections of package graph.
package metrics
