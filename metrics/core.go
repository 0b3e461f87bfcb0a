package metrics

import "github.com/copnet/copnet/graph"

// CoreNumbers returns the core number of every node of the undirected,
// unweighted projection: the largest k such that the node belongs to a
// subgraph where every node has at least k neighbours. It is the bucket
// algorithm of Batagelj & Zaversnik (2003), O(n + m), and equals NetworkX's
// core_number (self-flows are never edges of a projection). Nodes without
// neighbours have core number 0.
func CoreNumbers(p *graph.Projection) []int32 {
	n := p.N()
	deg := make([]int32, n)
	maxDeg := int32(0)
	for i := range n {
		deg[i] = p.UOff[i+1] - p.UOff[i]
		maxDeg = max(maxDeg, deg[i])
	}
	// bin[d] is the start of the nodes of degree d in vert; pos[v] is v's
	// place in vert.
	bin := make([]int32, maxDeg+2)
	for _, d := range deg {
		bin[d+1]++
	}
	for d := int32(1); d <= maxDeg+1; d++ {
		bin[d] += bin[d-1]
	}
	vert := make([]int32, n)
	pos := make([]int32, n)
	fill := make([]int32, maxDeg+1)
	copy(fill, bin[:maxDeg+1])
	for v := range n {
		pos[v] = fill[deg[v]]
		vert[pos[v]] = int32(v)
		fill[deg[v]]++
	}
	for i := range n {
		v := vert[i]
		for _, u := range p.Neighbours(int(v)) {
			if deg[u] > deg[v] {
				// Move u to the front of its bin, then shrink the bin.
				du := deg[u]
				pu, pw := pos[u], bin[du]
				w := vert[pw]
				if u != w {
					vert[pu], vert[pw] = w, u
					pos[u], pos[w] = pw, pu
				}
				bin[du]++
				deg[u]--
			}
		}
	}
	return deg
}

// MaxCore returns the largest core number, 0 for an empty slice.
func MaxCore(core []int32) int32 {
	m := int32(0)
	for _, k := range core {
		m = max(m, k)
	}
	return m
}
