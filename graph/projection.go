package graph

import (
	"iter"
	"slices"
)

// Projection is the simple graph of one window and one scope, in
// compressed sparse row (CSR) form over local node indices 0..N()-1.
// Node i is member Nodes[i]; rows are sorted by neighbour index.
type Projection struct {
	Window Window
	Scope  Scope
	// Symmetric is true for a network whose flows carry no direction
	// (Network.Undirected): each flow between u and v made both arcs u→v
	// and v→u, each with the flow's full weight and counted in OutFlows,
	// so the directed rows are symmetric and an arc's weight is the total
	// weight of the pair's flows; the undirected rows are then those same
	// rows (UW = w(u→v), not twice it).
	Symmetric bool
	// Nodes are the member indices of the nodes, ascending.
	Nodes []int32
	// Active[i] is true when node i sent or received a flow to or from
	// another member of the scope in the window.
	Active []bool
	// NActive is the number of active nodes.
	NActive int

	// Successors of i are Out[OutOff[i]:OutOff[i+1]] with arc weights OutW
	// (sums of flow weights) and flow counts OutFlows.
	OutOff   []int32
	Out      []int32
	OutW     []float64
	OutFlows []int32
	// Predecessors of i are In[InOff[i]:InOff[i+1]] with weights InW.
	InOff []int32
	In    []int32
	InW   []float64
	// Neighbours of i in the undirected projection are U[UOff[i]:UOff[i+1]]
	// with weights UW = w(i→j) + w(j→i) (w(i→j) alone when Symmetric).
	UOff []int32
	U    []int32
	UW   []float64

	// Flows is the number of the scope's flows in the window, self-flows
	// included; SelfFlows counts those from a member to itself.
	Flows, SelfFlows int
	// Weight is the total weight of those flows, self-flows included.
	Weight float64
}

// N is the number of nodes.
func (p *Projection) N() int { return len(p.Nodes) }

// Arcs is the number of arcs of the directed projection.
func (p *Projection) Arcs() int { return len(p.Out) }

// Edges is the number of edges of the undirected projection.
func (p *Projection) Edges() int { return len(p.U) / 2 }

// Local returns the local index of member m, and false when m is not a node.
func (p *Projection) Local(m int32) (int, bool) {
	i, ok := slices.BinarySearch(p.Nodes, m)
	return i, ok
}

// Successors returns the local indices of the successors of node i.
func (p *Projection) Successors(i int) []int32 { return p.Out[p.OutOff[i]:p.OutOff[i+1]] }

// Predecessors returns the local indices of the predecessors of node i.
func (p *Projection) Predecessors(i int) []int32 { return p.In[p.InOff[i]:p.InOff[i+1]] }

// Neighbours returns the local indices of the neighbours of node i in the
// undirected projection.
func (p *Projection) Neighbours(i int) []int32 { return p.U[p.UOff[i]:p.UOff[i+1]] }

// OutDegree is the number of successors of node i.
func (p *Projection) OutDegree(i int) int { return int(p.OutOff[i+1] - p.OutOff[i]) }

// InDegree is the number of predecessors of node i.
func (p *Projection) InDegree(i int) int { return int(p.InOff[i+1] - p.InOff[i]) }

// Degree is the number of neighbours of node i in the undirected
// projection.
func (p *Projection) Degree(i int) int { return int(p.UOff[i+1] - p.UOff[i]) }

// OutStrength is the total weight of node i's outgoing arcs.
func (p *Projection) OutStrength(i int) float64 {
	s := 0.0
	for _, w := range p.OutW[p.OutOff[i]:p.OutOff[i+1]] {
		s += w
	}
	return s
}

// InStrength is the total weight of node i's incoming arcs.
func (p *Projection) InStrength(i int) float64 {
	s := 0.0
	for _, w := range p.InW[p.InOff[i]:p.InOff[i+1]] {
		s += w
	}
	return s
}

// NeighbourWeights returns the weights of node i's undirected edges,
// aligned with Neighbours(i).
func (p *Projection) NeighbourWeights(i int) []float64 { return p.UW[p.UOff[i]:p.UOff[i+1]] }

// ArcFlows returns the number of flows on arc i→j, 0 without arc.
func (p *Projection) ArcFlows(i, j int) int {
	row := p.Successors(i)
	k, ok := slices.BinarySearch(row, int32(j))
	if !ok {
		return 0
	}
	return int(p.OutFlows[int(p.OutOff[i])+k])
}

// FlowCounts returns the number of flows each node sent and received
// (self-flows excluded).
func (p *Projection) FlowCounts() (sent, received []int) {
	sent, received = make([]int, p.N()), make([]int, p.N())
	for i := range p.Nodes {
		for k := p.OutOff[i]; k < p.OutOff[i+1]; k++ {
			sent[i] += int(p.OutFlows[k])
			received[p.Out[k]] += int(p.OutFlows[k])
		}
	}
	return sent, received
}

// ArcWeight returns w(i→j) and whether the arc exists.
func (p *Projection) ArcWeight(i, j int) (float64, bool) {
	row := p.Successors(i)
	k, ok := slices.BinarySearch(row, int32(j))
	if !ok {
		return 0, false
	}
	return p.OutW[int(p.OutOff[i])+k], true
}

// EdgeWeight returns w(i→j)+w(j→i) (w(i→j) when the projection is
// Symmetric) and whether i and j are tied.
func (p *Projection) EdgeWeight(i, j int) (float64, bool) {
	row := p.Neighbours(i)
	k, ok := slices.BinarySearch(row, int32(j))
	if !ok {
		return 0, false
	}
	return p.UW[int(p.UOff[i])+k], true
}

// ProjectOptions adjust a projection.
type ProjectOptions struct {
	// AllMembers makes every member of the scope a node, active or not
	// (NetworkX-style node sets where isolated members count in n).
	AllMembers bool
}

// Projector builds projections of one network, reusing scratch space
// between calls. It is not safe for concurrent use; give each goroutine
// its own.
type Projector struct {
	net   *Network
	local []int32 // member index → local index, -1 outside the projection
	// arcs and sorted are scratch space kept from one projection to the
	// next: the window's arcs, which buildCSR sorts by source and target,
	// and the buffer its first pass sorts them into by target.
	arcs, sorted []arc
	// once marks a Projector made for one projection (Network.Project):
	// it keeps no scratch and builds the rows by bucketCSR.
	once bool
}

type arc struct {
	s, t int32
	w    float64
}

// NewProjector returns a Projector for n.
func NewProjector(n *Network) *Projector {
	local := make([]int32, len(n.Members))
	for i := range local {
		local[i] = -1
	}
	return &Projector{net: n, local: local}
}

// Project returns the projection of a window and a scope.
func (n *Network) Project(w Window, s Scope, opt ProjectOptions) *Projection {
	pr := NewProjector(n)
	pr.once = true
	return pr.Project(w, s, opt)
}

// All returns one window holding every flow.
func (n *Network) All() Window {
	w := Window{Hi: len(n.Flows), Unit: Static}
	if n.HasTime && len(n.Flows) > 0 {
		w.Start, w.End = n.Flows[0].Time, n.Flows[len(n.Flows)-1].Time+1
	}
	return w
}

// Project returns the projection of a window and a scope.
func (pr *Projector) Project(w Window, s Scope, opt ProjectOptions) *Projection {
	net := pr.net
	p := &Projection{Window: w, Scope: s, Symmetric: net.Undirected}
	// A Projector made for one projection reads the flows again to
	// bucket the arcs by source (bucketCSR); one that is reused gathers
	// them in its buffer.
	arcs := pr.arcs[:0]
	var nodes []int32
	mark := func(m int32) {
		if pr.local[m] < 0 {
			pr.local[m] = 0
			nodes = append(nodes, m)
		}
	}
	for i := w.Lo; i < w.Hi; i++ {
		f := &net.Flows[i]
		if !net.InScope(f, s) {
			continue
		}
		p.Flows++
		p.Weight += f.Weight
		if f.Source == f.Target {
			p.SelfFlows++
			continue
		}
		mark(f.Source)
		mark(f.Target)
		if pr.once {
			continue
		}
		arcs = append(arcs, arc{f.Source, f.Target, f.Weight})
		if net.Undirected {
			arcs = append(arcs, arc{f.Target, f.Source, f.Weight})
		}
	}
	activeSet := len(nodes)
	if opt.AllMembers {
		for m := range net.Members {
			if (s == Organization || net.Members[m].InCommunity(int32(s))) && pr.local[m] < 0 {
				pr.local[m] = 0
				nodes = append(nodes, int32(m))
			}
		}
	}
	slices.Sort(nodes)
	for i, m := range nodes {
		pr.local[m] = int32(i)
	}
	nn := len(nodes)
	p.Nodes = nodes
	p.Active = make([]bool, nn)
	p.NActive = activeSet
	if pr.once {
		pr.bucketCSR(p)
	} else {
		for i := range arcs {
			a := &arcs[i]
			a.s, a.t = pr.local[a.s], pr.local[a.t]
			p.Active[a.s], p.Active[a.t] = true, true
		}
	}
	for _, m := range nodes {
		pr.local[m] = -1
	}
	if !pr.once {
		pr.arcs, pr.sorted = buildCSR(p, arcs, pr.sorted)
		pr.arcs = pr.arcs[:0]
	}
	return p
}

// bucketCSR fills the directed and undirected rows of p from the flows of
// its window and scope, for a projection made once: the flows are read
// again to count each source's arcs, then to lay their targets and
// weights in the sources' buckets, in flow order; each row then sums its
// arcs by target in that order, as buildCSR does. The buckets take 12
// bytes an arc, where buildCSR's arcs and its sorting buffer take 32, and
// no buffer is kept: at the size of a whole period, what building the
// rows takes above the rows is a third.
func (pr *Projector) bucketCSR(p *Projection) {
	nn := len(p.Nodes)
	off := make([]int32, nn+1)
	for a := range pr.arcsOf(p) {
		off[a.s+1]++
		p.Active[a.s], p.Active[a.t] = true, true
	}
	for i := range nn {
		off[i+1] += off[i]
	}
	ts := make([]int32, off[nn])
	ws := make([]float64, off[nn])
	pos := slices.Clone(off[:nn])
	for a := range pr.arcsOf(p) {
		ts[pos[a.s]], ws[pos[a.s]] = a.t, a.w
		pos[a.s]++
	}
	pos = nil
	// The rows' distinct targets first, so that the rows are made at
	// their size.
	seen := make([]int32, nn) // seen[t] = i+1 once t is in row i
	distinct := 0
	for i := range nn {
		for _, t := range ts[off[i]:off[i+1]] {
			if seen[t] != int32(i)+1 {
				seen[t] = int32(i) + 1
				distinct++
			}
		}
	}
	p.OutOff = make([]int32, nn+1)
	out := make([]int32, 0, distinct)
	outW := make([]float64, 0, distinct)
	outN := make([]int32, 0, distinct)
	sum := make([]float64, nn)
	count := seen // reused: each target's flows in the current row
	clear(count)
	var targets []int32
	for i := range nn {
		targets = targets[:0]
		row := ts[off[i]:off[i+1]]
		rw := ws[off[i]:off[i+1]]
		rw = rw[:len(row)]
		for k, t := range row {
			if count[t] == 0 {
				targets = append(targets, t)
			}
			count[t]++
			sum[t] += rw[k]
		}
		slices.Sort(targets)
		for _, t := range targets {
			out, outW, outN = append(out, t), append(outW, sum[t]), append(outN, count[t])
			sum[t], count[t] = 0, 0
		}
		p.OutOff[i+1] = int32(len(out))
	}
	p.Out, p.OutW, p.OutFlows = out, outW, outN
	finishCSR(p)
}

// arcsOf yields the arcs of p's window and scope in flow order, in local
// indices: a flow's arc, then, without direction, its reverse; self-flows
// make none.
func (pr *Projector) arcsOf(p *Projection) iter.Seq[arc] {
	return func(yield func(arc) bool) {
		net, local := pr.net, pr.local
		for i := p.Window.Lo; i < p.Window.Hi; i++ {
			f := &net.Flows[i]
			if !net.InScope(f, p.Scope) || f.Source == f.Target {
				continue
			}
			a, b := local[f.Source], local[f.Target]
			if !yield(arc{a, b, f.Weight}) || net.Undirected && !yield(arc{b, a, f.Weight}) {
				return
			}
		}
	}
}

// buildCSR fills the directed and undirected rows from the arcs (local
// indices, duplicates allowed), sorting them through scratch. Both
// buffers are returned (grown if they had to be) for the next call, the
// arcs' first.
func buildCSR(p *Projection, arcs, scratch []arc) (arcsBuf, scratchBuf []arc) {
	nn := len(p.Nodes)
	// The arcs by source, each row by target, ties in input order (so
	// that the weights of one arc are summed in input order and the
	// result is the same bytes on every run): two stable counting sorts,
	// by target into scratch, then by source back into arcs' buffer.
	byT := make([]int32, nn+1)
	for _, a := range arcs {
		byT[a.t+1]++
	}
	for i := 0; i < nn; i++ {
		byT[i+1] += byT[i]
	}
	tmp := slices.Grow(scratch[:0], len(arcs))[:len(arcs)]
	for _, a := range arcs {
		tmp[byT[a.t]] = a
		byT[a.t]++
	}
	off := byT // reused: the sources' offsets
	clear(off)
	for _, a := range arcs {
		off[a.s+1]++
	}
	for i := 0; i < nn; i++ {
		off[i+1] += off[i]
	}
	sorted := arcs
	pos := slices.Clone(off[:nn])
	for _, a := range tmp {
		sorted[pos[a.s]] = a
		pos[a.s]++
	}
	p.OutOff = make([]int32, nn+1)
	out := make([]int32, 0, len(arcs))
	outW := make([]float64, 0, len(arcs))
	outN := make([]int32, 0, len(arcs))
	for i := 0; i < nn; i++ {
		row := sorted[off[i]:off[i+1]]
		for j := 0; j < len(row); {
			k := j
			sum := 0.0
			for ; k < len(row) && row[k].t == row[j].t; k++ {
				sum += row[k].w
			}
			out = append(out, row[j].t)
			outW = append(outW, sum)
			outN = append(outN, int32(k-j))
			j = k
		}
		p.OutOff[i+1] = int32(len(out))
	}
	p.Out, p.OutW, p.OutFlows = slices.Clip(out), slices.Clip(outW), slices.Clip(outN)
	finishCSR(p)
	return sorted, tmp
}

// finishCSR fills the predecessor rows and the undirected rows from the
// successor rows.
func finishCSR(p *Projection) {
	nn := len(p.Nodes)
	// Transpose: iterating sources in order leaves every row sorted.
	p.InOff = make([]int32, nn+1)
	for _, t := range p.Out {
		p.InOff[t+1]++
	}
	for i := 0; i < nn; i++ {
		p.InOff[i+1] += p.InOff[i]
	}
	p.In = make([]int32, len(p.Out))
	p.InW = make([]float64, len(p.Out))
	fill := slices.Clone(p.InOff[:nn])
	for i := 0; i < nn; i++ {
		for k := p.OutOff[i]; k < p.OutOff[i+1]; k++ {
			t := p.Out[k]
			p.In[fill[t]] = int32(i)
			p.InW[fill[t]] = p.OutW[k]
			fill[t]++
		}
	}

	if p.Symmetric {
		// The rows are symmetric: a tie's weight is its arc's, the total
		// weight of the pair's flows. The rows are shared, read-only.
		p.UOff, p.U, p.UW = p.OutOff, p.Out, p.OutW
		return
	}
	// Undirected rows: merge the sorted successor and predecessor rows.
	// The rows' lengths first, so that they are made at their size.
	p.UOff = make([]int32, nn+1)
	for i := 0; i < nn; i++ {
		a, b := p.Out[p.OutOff[i]:p.OutOff[i+1]], p.In[p.InOff[i]:p.InOff[i+1]]
		n, x, y := 0, 0, 0
		for x < len(a) && y < len(b) {
			switch {
			case a[x] < b[y]:
				x++
			case b[y] < a[x]:
				y++
			default:
				x++
				y++
			}
			n++
		}
		p.UOff[i+1] = p.UOff[i] + int32(n+len(a)-x+len(b)-y)
	}
	u := make([]int32, 0, p.UOff[nn])
	uw := make([]float64, 0, p.UOff[nn])
	for i := 0; i < nn; i++ {
		a, aw := p.Out[p.OutOff[i]:p.OutOff[i+1]], p.OutW[p.OutOff[i]:p.OutOff[i+1]]
		b, bw := p.In[p.InOff[i]:p.InOff[i+1]], p.InW[p.InOff[i]:p.InOff[i+1]]
		x, y := 0, 0
		for x < len(a) || y < len(b) {
			switch {
			case y == len(b) || (x < len(a) && a[x] < b[y]):
				u, uw = append(u, a[x]), append(uw, aw[x])
				x++
			case x == len(a) || b[y] < a[x]:
				u, uw = append(u, b[y]), append(uw, bw[y])
				y++
			default:
				u, uw = append(u, a[x]), append(uw, aw[x]+bw[y])
				x++
				y++
			}
		}
	}
	p.U, p.UW = u, uw
}
