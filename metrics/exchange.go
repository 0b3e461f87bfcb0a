package metrics

import (
	"math"
	"slices"
	"time"
	"unsafe"

	"github.com/copnet/copnet/graph"
)

// ExchangeWindow holds the exchange-density figures of one scope in one
// window. Undefined figures are NaN.
type ExchangeWindow struct {
	Scope  graph.Scope
	Window int
	// Active members n, flows between members (self-flows excluded), arcs
	// m of the directed projection, edges of the undirected one, and the
	// total weight of the flows.
	Active, Flows, Arcs, Edges int
	Weight                     float64
	// Density is m / (n(n−1)) (NetworkX density of the directed
	// projection); Intensity is Weight / (n(n−1)). For an undirected
	// network (graph.Network.Undirected) m counts two arcs per edge, so
	// Density is the undirected density m_u/(n(n−1)/2), and Weight counts
	// each flow once, so Intensity is Weight/(n(n−1)/2).
	Density, Intensity float64
	// Reciprocity is the share of arcs whose reverse arc exists (NetworkX
	// overall_reciprocity); GLRho is Garlaschelli & Loffredo's (2004)
	// ρ = (r − ā)/(1 − ā) with ā the density, which is 0 for a random
	// graph of the same density. Both are NaN for an undirected network,
	// where every tie goes both ways by construction.
	Reciprocity, GLRho float64
	// Transitivity (3 × triangles / connected triples) and
	// AverageClustering (the mean local clustering over active members,
	// zero below two neighbours) of the undirected projection, as
	// NetworkX's transitivity and average_clustering.
	Transitivity, AverageClustering float64
	// FlowsPerMember is Flows / Active.
	FlowsPerMember float64
	// Gini of member activity (flows sent and received) among active
	// members.
	Gini float64
	// EIFlows and EIWeight are Krackhardt & Stern's E-I index,
	// (external − internal)/(external + internal), over the window's flows
	// counted by number and by weight. For a community, internal flows
	// join two of its members and external flows one of its members and
	// someone else (the whole organization's flows are used). For the
	// organization, internal flows join two members sharing a community
	// and external flows two members in communities that share none;
	// flows touching a member without community are left out.
	EIFlows, EIWeight float64
}

// ExchangeOf computes the figures of a projection; EI is filled by
// ExchangeEI.
func ExchangeOf(p *graph.Projection) ExchangeWindow { return exchangeOf(p, nil) }

// exchangeOf is ExchangeOf timing its stages.
func exchangeOf(p *graph.Projection, tm *stageTimes) ExchangeWindow {
	start := time.Now()
	e := ExchangeWindow{Scope: p.Scope, Window: p.Window.Index, Active: p.NActive, Arcs: p.Arcs(), Edges: p.Edges(),
		Flows: p.Flows - p.SelfFlows, EIFlows: math.NaN(), EIWeight: math.NaN()}
	for _, w := range p.OutW {
		e.Weight += w
	}
	if p.Symmetric {
		// Each flow made two arcs of its weight.
		e.Weight /= 2
	}
	n := float64(p.NActive)
	e.Density, e.Intensity, e.GLRho = math.NaN(), math.NaN(), math.NaN()
	if p.NActive > 1 {
		e.Density = float64(e.Arcs) / (n * (n - 1))
		e.Intensity = e.Weight / (n * (n - 1))
		if p.Symmetric {
			e.Intensity = e.Weight / (n * (n - 1) / 2)
		}
	}
	e.Reciprocity = Reciprocity(p)
	if e.Density < 1 && !p.Symmetric {
		e.GLRho = (e.Reciprocity - e.Density) / (1 - e.Density)
	}
	tm.since("density_reciprocity", start)
	start = time.Now()
	tri := Triangles(p)
	e.Transitivity, e.AverageClustering = Clustering(p, tri)
	tm.since("clustering", start)
	e.FlowsPerMember = math.NaN()
	if p.NActive > 0 {
		e.FlowsPerMember = float64(e.Flows) / n
	}
	act := activity(p)
	var vals []float64
	for i, a := range act {
		if p.Active[i] {
			vals = append(vals, a)
		}
	}
	e.Gini = Gini(vals)
	return e
}

// Reciprocity is the share of arcs u→v whose reverse v→u exists (NetworkX
// overall_reciprocity); NaN without arcs, and NaN for the symmetric
// projection of an undirected network, where it would be 1 by
// construction. Each node's sorted successor and predecessor rows are
// merged: O(m).
func Reciprocity(p *graph.Projection) float64 {
	if p.Arcs() == 0 || p.Symmetric {
		return math.NaN()
	}
	mutual := 0
	for i := range p.Nodes {
		mutual += intersectCount(p.Successors(i), p.Predecessors(i))
	}
	return float64(mutual) / float64(p.Arcs())
}

// Triangles returns the number of triangles through each node of the
// undirected projection, in O(m^1.5): edges are oriented from lower to
// higher (degree, index) and each node's forward neighbours are marked.
func Triangles(p *graph.Projection) []int64 {
	n := p.N()
	tri := make([]int64, n)
	off := p.UOff
	before := func(a, b int32) bool {
		da, db := off[a+1]-off[a], off[b+1]-off[b]
		return da < db || (da == db && a < b)
	}
	// The forward neighbours of every node, in one row-major array.
	fOff := make([]int32, n+1)
	fAdj := make([]int32, 0, len(p.U)/2)
	for i := range n {
		for _, j := range p.U[off[i]:off[i+1]] {
			if before(int32(i), j) {
				fAdj = append(fAdj, j)
			}
		}
		fOff[i+1] = int32(len(fAdj))
	}
	// mark has a bit per node, set for the forward neighbours of the
	// current node u: small enough to stay in the nearest cache, where
	// the tests of the wedges u–v–w are the work. A triangle found adds
	// one to u's count and v's, summed in registers, and to its edge v–w
	// in top, beside that edge's place in fAdj, so that the test is
	// arithmetic and not a branch; top goes to the nodes w at the end.
	mark := make([]uint64, (n+63)/64)
	top := make([]int32, len(fAdj))
	for u := range n {
		fu := fAdj[fOff[u]:fOff[u+1]]
		if len(fu) < 2 {
			// A triangle needs two forward neighbours of its first node.
			continue
		}
		for _, v := range fu {
			mark[v>>6] |= 1 << (uint(v) & 63)
		}
		tu := int64(0)
		for x, v := range fu {
			// The rows lie anywhere: ask for the next ones ahead.
			if x+2 < len(fu) {
				prefetch(unsafe.Pointer(&fOff[fu[x+2]]))
			}
			if x+1 < len(fu) {
				if o := fOff[fu[x+1]]; int(o) < len(fAdj) {
					prefetch(unsafe.Pointer(&fAdj[o]))
					prefetch(unsafe.Pointer(&top[o]))
				}
			}
			lo, hi := fOff[v], fOff[v+1]
			row, t := fAdj[lo:hi], top[lo:hi]
			t = t[:len(row)]
			tv := int32(0)
			for k, w := range row {
				b := int32(mark[w>>6]>>(uint(w)&63)) & 1
				tv += b
				t[k] += b
			}
			tri[v] += int64(tv)
			tu += int64(tv)
		}
		tri[u] += tu
		for _, v := range fu {
			mark[v>>6] = 0
		}
	}
	for k, w := range fAdj {
		tri[w] += int64(top[k])
	}
	return tri
}

// Clustering returns the transitivity and the average local clustering of
// the undirected projection over its active nodes, as NetworkX computes
// them (transitivity 0 without triangles); both are NaN without active
// nodes.
func Clustering(p *graph.Projection, tri []int64) (transitivity, average float64) {
	var triangles, triples int64
	sum := 0.0
	for i := range p.Nodes {
		if !p.Active[i] {
			continue
		}
		d := int64(p.UOff[i+1] - p.UOff[i])
		triangles += tri[i]
		triples += d * (d - 1)
		if d > 1 {
			sum += 2 * float64(tri[i]) / float64(d*(d-1))
		}
	}
	if triangles > 0 {
		transitivity = 2 * float64(triangles) / float64(triples)
	}
	if p.NActive == 0 {
		transitivity = math.NaN()
	}
	average = math.NaN()
	if p.NActive > 0 {
		average = sum / float64(p.NActive)
	}
	return transitivity, average
}

// Gini is the Gini coefficient of non-negative values, NaN when they are
// empty or all zero.
func Gini(v []float64) float64 {
	n := float64(len(v))
	s := slices.Clone(v)
	slices.Sort(s)
	total, weighted := 0.0, 0.0
	for i, x := range s {
		total += x
		weighted += float64(i+1) * x
	}
	if len(v) == 0 || total == 0 {
		return math.NaN()
	}
	return 2*weighted/(n*total) - (n+1)/n
}

// EICounts holds the internal and external flows (and weights) of a group.
type EICounts struct {
	Internal, External             int
	InternalWeight, ExternalWeight float64
}

// Index returns the E-I index by flows and by weight.
func (c EICounts) Index() (flows, weight float64) {
	return ei(float64(c.Internal), float64(c.External)), ei(c.InternalWeight, c.ExternalWeight)
}

func ei(in, ex float64) float64 {
	if in+ex == 0 {
		return math.NaN()
	}
	return (ex - in) / (ex + in)
}

// ExchangeEI counts internal and external flows of a window for the
// organization (index 0) and every community (index c+1); see
// ExchangeWindow.EIFlows for the definitions. Self-flows are left out.
func ExchangeEI(net *graph.Network, w graph.Window) []EICounts {
	out := make([]EICounts, len(net.Communities)+1)
	for _, f := range w.Flows(net) {
		if f.Source == f.Target {
			continue
		}
		a, b := net.Members[f.Source].Communities, net.Members[f.Target].Communities
		shared := false
		for _, c := range a {
			if slices.Contains(b, c) {
				shared = true
				out[c+1].Internal++
				out[c+1].InternalWeight += f.Weight
			} else {
				out[c+1].External++
				out[c+1].ExternalWeight += f.Weight
			}
		}
		for _, c := range b {
			if !slices.Contains(a, c) {
				out[c+1].External++
				out[c+1].ExternalWeight += f.Weight
			}
		}
		if len(a) == 0 || len(b) == 0 {
			continue
		}
		if shared {
			out[0].Internal++
			out[0].InternalWeight += f.Weight
		} else {
			out[0].External++
			out[0].ExternalWeight += f.Weight
		}
	}
	return out
}
