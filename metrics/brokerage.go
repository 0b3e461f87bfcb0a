package metrics

import "github.com/copnet/copnet/graph"

// Brokerage counts, for one member v, the two-paths a→v→b (a ≠ b, no arc
// a→b) it brokers, typed by Gould & Fernandez (1989) from the groups of a,
// v and b.
type Brokerage struct {
	// Coordinator: a, v and b in one group. Itinerant (consultant): a and
	// b in one group, v in another. Representative: a and v in one group,
	// b in another. Gatekeeper: v and b in one group, a in another.
	// Liaison: three different groups.
	Coordinator, Itinerant, Representative, Gatekeeper, Liaison int64
	// Total counts every brokered two-path, including those touching a
	// member without a group, which get no type.
	Total int64
}

// Groups returns each node's group for brokerage: the member's first
// declared community, or -1 when it has none. A member of several
// communities is typed by its first one, so that every path has exactly
// one type.
func Groups(net *graph.Network, p *graph.Projection) []int32 {
	g := make([]int32, p.N())
	for i, m := range p.Nodes {
		g[i] = -1
		if cs := net.Members[m].Communities; len(cs) > 0 {
			g[i] = cs[0]
		}
	}
	return g
}

// Brokerages counts the brokerage roles of every node of the directed
// projection. For each v and each predecessor a, a's successors are marked
// once, so the cost is Σ_v Σ_{a→v} (outdeg a + outdeg v).
func Brokerages(p *graph.Projection, groups []int32) []Brokerage {
	n := p.N()
	out := make([]Brokerage, n)
	stamp := make([]int32, n)
	for i := range stamp {
		stamp[i] = -1
	}
	// Stamps must differ for every (v, a) pair: count them.
	next := int32(0)
	for v := range n {
		succV := p.Successors(v)
		if len(succV) == 0 {
			continue
		}
		gv := groups[v]
		for _, a := range p.Predecessors(v) {
			if next == 1<<31-1 {
				for i := range stamp {
					stamp[i] = -1
				}
				next = 0
			}
			s := next
			next++
			for _, x := range p.Successors(int(a)) {
				stamp[x] = s
			}
			ga := groups[a]
			for _, b := range succV {
				if b == a || stamp[b] == s {
					continue
				}
				br := &out[v]
				br.Total++
				gb := groups[b]
				if ga < 0 || gv < 0 || gb < 0 {
					continue
				}
				switch {
				case ga == gv && gv == gb:
					br.Coordinator++
				case ga == gb:
					br.Itinerant++
				case ga == gv:
					br.Representative++
				case gv == gb:
					br.Gatekeeper++
				default:
					br.Liaison++
				}
			}
		}
	}
	return out
}
