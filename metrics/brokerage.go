package metrics

import (
	"github.com/copnet/copnet/graph"
)

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
// projection. The pairs (a, b) of a predecessor and a successor of v are
// counted by group from the histograms of v's predecessors and successors;
// the pairs with a = b (mutual ties) and those closed by an arc a→b are then
// taken out. Only the closed pairs are enumerated, by marking v's
// successors once and scanning each predecessor's successors, or, for a
// predecessor whose row is hubRatio times longer than v's, looking v's
// successors up in it; the cost is thus at most Σ_v (indeg v + outdeg v) +
// Σ_a outdeg(a)², and far less on hubs, without the indeg(v)·outdeg(v)
// pairs of a direct enumeration.
func Brokerages(p *graph.Projection, groups []int32) []Brokerage {
	return BrokeragesParallel(p, groups, 1)
}

// BrokeragesParallel is Brokerages with the nodes split over workers
// (GOMAXPROCS when workers ≤ 0); the counts are the same for every number
// of workers.
func BrokeragesParallel(p *graph.Projection, groups []int32, workers int) []Brokerage {
	n := p.N()
	out := make([]Brokerage, n)
	ng := int32(0)
	for _, g := range groups {
		ng = max(ng, g+1)
	}
	parallelNodes(n, workers, func() *brokerScratch { return newBrokerScratch(n, ng) }, func(s *brokerScratch, v int) {
		s.node(p, groups, v, &out[v])
	})
	return out
}

// brokerScratch is the scratch space of one worker: succ has one bit per
// node, set for the successors of the current v (small enough to stay in
// cache while the predecessors' rows are scanned), predCnt and succCnt
// are v's predecessors and successors by group, touched the groups
// counted.
type brokerScratch struct {
	succ             []uint64
	predCnt, succCnt []int64
	touched          []int32
}

func newBrokerScratch(n int, ng int32) *brokerScratch {
	return &brokerScratch{succ: make([]uint64, (n+63)/64), predCnt: make([]int64, ng), succCnt: make([]int64, ng)}
}

// node counts the brokerage roles of v into br.
func (s *brokerScratch) node(p *graph.Projection, groups []int32, v int, br *Brokerage) {
	succV, predV := p.Successors(v), p.Predecessors(v)
	if len(succV) == 0 || len(predV) == 0 {
		return
	}
	succ, predCnt, succCnt, touched := s.succ, s.predCnt, s.succCnt, s.touched[:0]
	gv := groups[v]
	for _, b := range succV {
		succ[b>>6] |= 1 << (b & 63)
	}
	// Mutual pairs a = b and closed pairs a→b, by type.
	var mutual, closed int64
	var sub Brokerage
	classify := func(ga, gb int32) {
		switch {
		case ga < 0 || gb < 0 || gv < 0:
		case ga == gv && gv == gb:
			sub.Coordinator++
		case ga == gb:
			sub.Itinerant++
		case ga == gv:
			sub.Representative++
		case gv == gb:
			sub.Gatekeeper++
		default:
			sub.Liaison++
		}
	}
	var predGrouped, succGrouped int64
	for _, a := range predV {
		ga := groups[a]
		if succ[a>>6]&(1<<(a&63)) != 0 {
			mutual++
			classify(ga, ga)
		}
		if sa := p.Successors(int(a)); len(sa) > hubRatio*len(succV) {
			// a is a hub: look v's few successors up in a's long row
			// instead of scanning it; the pairs found are the same.
			lo := 0
			for _, b := range succV {
				k, ok := gallop(sa, b, lo)
				lo = k
				if ok {
					closed++
					classify(ga, groups[b])
				}
			}
		} else {
			for _, b := range sa {
				if succ[b>>6]&(1<<(b&63)) != 0 {
					closed++
					classify(ga, groups[b])
				}
			}
		}
		if ga >= 0 {
			if predCnt[ga] == 0 && succCnt[ga] == 0 {
				touched = append(touched, ga)
			}
			predCnt[ga]++
			predGrouped++
		}
	}
	for _, b := range succV {
		if gb := groups[b]; gb >= 0 {
			if predCnt[gb] == 0 && succCnt[gb] == 0 {
				touched = append(touched, gb)
			}
			succCnt[gb]++
			succGrouped++
		}
	}
	br.Total = int64(len(predV))*int64(len(succV)) - mutual - closed
	if gv >= 0 {
		var same int64 // Σ over groups g ≠ gv of pred[g]·succ[g]
		for _, g := range touched {
			if g != gv {
				same += predCnt[g] * succCnt[g]
			}
		}
		pv, sv := predCnt[gv], succCnt[gv]
		br.Coordinator = pv*sv - sub.Coordinator
		br.Itinerant = same - sub.Itinerant
		br.Representative = pv*(succGrouped-sv) - sub.Representative
		br.Gatekeeper = (predGrouped-pv)*sv - sub.Gatekeeper
		br.Liaison = (predGrouped-pv)*(succGrouped-sv) - same - sub.Liaison
	}
	for _, g := range touched {
		predCnt[g], succCnt[g] = 0, 0
	}
	for _, b := range succV {
		succ[b>>6] = 0
	}
	s.touched = touched
}

// Undirected returns the brokerage counts of the symmetric projection of
// an undirected network under the undirected two-path convention: a
// two-path a–v–b (a ≠ b, a and b not tied) is the unordered pair {a, b},
// counted once, where the directed count sees it twice (a→v→b and
// b→v→a). Coordinator, itinerant, liaison and the total are halved.
// Without direction, representative (a with v) and gatekeeper (v with b)
// are the same role: Representative counts the pairs with one end in v's
// group and the other in another group (once each), and Gatekeeper is -1,
// undefined (an empty cell in members.csv).
func (b Brokerage) Undirected() Brokerage {
	return Brokerage{Coordinator: b.Coordinator / 2, Itinerant: b.Itinerant / 2, Representative: b.Representative,
		Gatekeeper: -1, Liaison: b.Liaison / 2, Total: b.Total / 2}
}
