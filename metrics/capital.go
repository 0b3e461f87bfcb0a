package metrics

import (
	"context"
	"math"
	"runtime"
	"time"

	"github.com/copnet/copnet/graph"
)

// Defaults of SocialCapitalOptions.
const (
	// DefaultBetweennessExact is the node count up to which betweenness is
	// exact; above it, DefaultPivots sources are sampled.
	DefaultBetweennessExact = 5000
	DefaultPivots           = 500
)

// SocialCapitalOptions parameterize SocialCapitalOf.
type SocialCapitalOptions struct {
	// Windows cuts time for the per-window structural holes.
	Windows graph.WindowSpec
	// Resolution of modularity and Louvain; 0 means 1.
	Resolution float64
	// Seed seeds Louvain's node order and betweenness sampling; 0 means 1.
	Seed uint64
	// BetweennessExact and Pivots: betweenness is exact up to
	// BetweennessExact nodes, estimated from Pivots sampled sources above;
	// 0 means the defaults.
	BetweennessExact, Pivots int
	// Workers run scopes (and betweenness sources) in parallel; 0 means
	// GOMAXPROCS. The result does not depend on it.
	Workers int
}

func (o *SocialCapitalOptions) defaults() {
	if o.Resolution == 0 {
		o.Resolution = 1
	}
	if o.Seed == 0 {
		o.Seed = 1
	}
	if o.BetweennessExact <= 0 {
		o.BetweennessExact = DefaultBetweennessExact
	}
	if o.Pivots <= 0 {
		o.Pivots = DefaultPivots
	}
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
}

// SocialCapital holds the social-capital indicators: per member over the
// whole period (structural, relational, cognitive, bonding and bridging),
// per member and window (structural holes, every scope), per community,
// and the community structure.
type SocialCapital struct {
	Options SocialCapitalOptions
	Windows []graph.Window
	Scopes  []graph.Scope
	// Members has one row per member, in member order, for the whole
	// organization over the whole period.
	Members []MemberCapital
	// Holes has one row per scope, window and active member, in the order
	// of Internalizing.MemberWindows.
	Holes []MemberHoles
	// Communities has one row per community, in declaration order.
	Communities []CommunityCapital
	Structure   CommunityStructure
	// Betweenness says how betweenness was computed.
	BetweennessExact   bool
	BetweennessSources []int32 // member indices of the sampled sources
}

// MemberCapital is one member's social capital over the whole period.
type MemberCapital struct {
	Member int32
	// Active is false for members without a tie: their measures are NaN.
	Active                      bool
	InDegree, OutDegree, Degree int
	Strength                    float64
	Constraint, EffectiveSize   float64
	Efficiency, Hierarchy       float64
	Betweenness                 float64
	Brokerage                   Brokerage
	// Relational capital: the share of ties (neighbours) with arcs both
	// ways, the mean tie weight w(u→v)+w(v→u), and the share of ties
	// carrying at least two flows. For an undirected network the shared
	// ties are NaN (every tie goes both ways) and a tie weighs the total
	// weight of the pair's flows.
	ReciprocatedShare, MeanTieStrength, RepeatedTieShare float64
	// CognitiveSimilarity is the cosine similarity of the member's
	// knowledge profile to the sum of the unit profiles of the other
	// members of its first community; NaN without community or profile.
	CognitiveSimilarity float64
	// BondingShare is the share of the member's tie weight going to
	// members who share one of its communities; BridgingShare the rest;
	// EI is (external − internal)/(external + internal) over its ties.
	// NaN for members without community.
	BondingShare, BridgingShare, EI float64
	// Detected is the member's Louvain community.
	Detected int32
}

// MemberHoles is one member's structural holes in one window of one scope.
type MemberHoles struct {
	Scope                                            graph.Scope
	Member                                           int32
	Window                                           int
	Constraint, EffectiveSize, Efficiency, Hierarchy float64
}

// CommunityCapital holds a community's indicators over the whole period.
type CommunityCapital struct {
	Community int32
	// Members declared, and those with a tie over the whole period.
	Members, Active int
	// Structural: the density of the community's own projection, its
	// members' mean constraint and mean betweenness.
	Density, MeanConstraint, MeanBetweenness float64
	// Relational: the reciprocity of the community's projection (NaN for
	// an undirected network) and the mean weight of its internal ties.
	Reciprocity, MeanTieStrength float64
	// Cognitive: the mean cognitive similarity of its members.
	MeanSimilarity float64
	// Bonding and bridging: internal and external tie weight of its
	// members (whole organization's flows), the internal share, and the
	// E-I index by flows and by weight.
	InternalWeight, ExternalWeight float64
	BondingShare, BridgingShare    float64
	EIFlows, EIWeight              float64
}

// CommunityStructure compares declared and detected communities on the
// undirected, weighted projection of the whole period.
type CommunityStructure struct {
	// DeclaredModularity of the members' first communities (members
	// without community each form their own).
	DeclaredModularity float64
	// DetectedModularity and DetectedCommunities of the Louvain partition.
	DetectedModularity  float64
	DetectedCommunities int
	// NMI between declared and detected communities over the active
	// members that declare one.
	NMI float64
}

// SocialCapitalOf computes the social-capital indicators. It runs the
// driver of Analyze with this family only, so its figures equal those of
// Analyze with the same options.
func SocialCapitalOf(net *graph.Network, opt SocialCapitalOptions) (*SocialCapital, error) {
	opt.defaults()
	o := DefaultOptions()
	o.Windows, o.Resolution, o.Seed, o.Workers = opt.Windows, opt.Resolution, opt.Seed, opt.Workers
	o.BetweennessExact, o.Pivots = opt.BetweennessExact, opt.Pivots
	a, err := analyze(context.Background(), net, o, famCapital)
	if err != nil {
		return nil, err
	}
	a.Capital.Options = opt
	return a.Capital, nil
}

// memberCapital computes the members' figures on the whole period's
// projection p of every member; waitCognitive returns the members'
// cognitive similarity once computed.
func (res *SocialCapital) memberCapital(net *graph.Network, p *graph.Projection, opt Options, tm *stageTimes, waitCognitive func() []float64) {
	n := p.N()
	start := time.Now()
	holes := StructuralHolesParallel(p, opt.Workers)
	tm.since("constraint", start)
	start = time.Now()
	// Betweenness runs on the active members only: n in its normalization
	// and the pool of sampled sources are the members with a tie, as for
	// every other figure; members without one keep 0.
	var active []int32
	for i := range n {
		if p.Active[i] {
			active = append(active, int32(i))
		}
	}
	pivots := 0
	if len(active) > opt.BetweennessExact {
		pivots = opt.Pivots
	}
	abc := betweenness(p, active, pivots, opt.Seed, opt.Workers)
	bc := BetweennessResult{Values: make([]float64, n), Exact: abc.Exact}
	for k, i := range active {
		bc.Values[i] = abc.Values[k]
	}
	res.BetweennessExact = bc.Exact
	for _, s := range abc.Sources {
		res.BetweennessSources = append(res.BetweennessSources, p.Nodes[active[s]])
	}
	tm.since("betweenness", start)
	start = time.Now()
	brok := BrokeragesParallel(p, Groups(net, p), opt.Workers)
	if p.Symmetric {
		for i := range brok {
			brok[i] = brok[i].Undirected()
		}
	}
	tm.since("brokerage", start)
	cog := waitCognitive()
	res.Members = make([]MemberCapital, n)
	for i, m := range p.Nodes {
		mc := MemberCapital{Member: m, Active: p.Active[i],
			InDegree: p.InDegree(i), OutDegree: p.OutDegree(i), Degree: p.Degree(i),
			Constraint: holes.Constraint[i], EffectiveSize: holes.EffectiveSize[i], Efficiency: holes.Efficiency[i], Hierarchy: holes.Hierarchy[i],
			Betweenness: bc.Values[i], Brokerage: brok[i], CognitiveSimilarity: cog[m]}
		nb := p.Neighbours(i)
		w := p.NeighbourWeights(i)
		mc.ReciprocatedShare, mc.MeanTieStrength, mc.RepeatedTieShare = math.NaN(), math.NaN(), math.NaN()
		mc.BondingShare, mc.BridgingShare, mc.EI = math.NaN(), math.NaN(), math.NaN()
		if len(nb) > 0 {
			recip, repeated, strength := 0, 0, 0.0
			for k, j := range nb {
				strength += w[k]
				fwd := p.ArcFlows(i, int(j))
				back := p.ArcFlows(int(j), i)
				if fwd > 0 && back > 0 {
					recip++
				}
				if p.Symmetric {
					// Both arcs count every flow of the pair.
					back = 0
				}
				if fwd+back >= 2 {
					repeated++
				}
			}
			mc.Strength = strength
			d := float64(len(nb))
			mc.ReciprocatedShare, mc.MeanTieStrength, mc.RepeatedTieShare = float64(recip)/d, strength/d, float64(repeated)/d
			if p.Symmetric {
				mc.ReciprocatedShare = math.NaN()
			}
			own := net.Members[m].Communities
			if len(own) > 0 {
				inW, inTies := 0.0, 0
				for k, j := range nb {
					if sharesCommunity(own, net.Members[p.Nodes[j]].Communities) {
						inW += w[k]
						inTies++
					}
				}
				mc.BondingShare = inW / strength
				mc.BridgingShare = 1 - mc.BondingShare
				mc.EI = float64(len(nb)-2*inTies) / d
			}
		}
		res.Members[i] = mc
	}
}

func sharesCommunity(a, b []int32) bool {
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return true
			}
		}
	}
	return false
}

// cognitive returns, per member index, the cosine similarity of its
// profile to the other members of its first community (NaN when
// undefined). With S_c the sum of the unit profiles of community c,
// cos(x_i, S_c − u_i) needs one pass over the profile entries.
func cognitive(net *graph.Network, w graph.Window) []float64 {
	out := make([]float64, len(net.Members))
	for i := range out {
		out[i] = math.NaN()
	}
	ps := Profiles(net, w, graph.Organization)
	if len(ps) == 0 {
		return out
	}
	sums := make([]map[int32]float64, len(net.Communities))
	norms := make([]float64, len(ps))
	primary := func(m int32) int32 {
		if cs := net.Members[m].Communities; len(cs) > 0 {
			return cs[0]
		}
		return -1
	}
	for k, pf := range ps {
		for _, c := range pf.Counts {
			norms[k] += float64(c) * float64(c)
		}
		norms[k] = math.Sqrt(norms[k])
		c := primary(pf.Member)
		if c < 0 {
			continue
		}
		if sums[c] == nil {
			sums[c] = map[int32]float64{}
		}
		for j, it := range pf.Items {
			sums[c][it] += float64(pf.Counts[j]) / norms[k]
		}
	}
	// |S_c|² per community, for |S_c − u_i|² = |S_c|² − 2 S_c·u_i + 1.
	sq := make([]float64, len(sums))
	for c, s := range sums {
		for _, k := range sortedKeys(s) {
			sq[c] += s[k] * s[k]
		}
	}
	for k, pf := range ps {
		c := primary(pf.Member)
		if c < 0 {
			continue
		}
		dot := 0.0
		for j, it := range pf.Items {
			dot += float64(pf.Counts[j]) / norms[k] * sums[c][it]
		}
		// u_i · (S_c − u_i) = dot − 1.
		rest := sq[c] - 2*dot + 1
		if rest > 1e-12 {
			out[pf.Member] = (dot - 1) / math.Sqrt(rest)
		}
	}
	return out
}

// detection is Louvain's partition of the whole period and the
// modularity of the declared communities, which need nothing of the
// members' figures.
type detection struct {
	declared []int32 // each node's first declared community, or a block of its own
	labels   []int32
	q, dq    float64
}

func detect(net *graph.Network, p *graph.Projection, opt Options, tm *stageTimes) detection {
	d := detection{declared: make([]int32, p.N()), dq: math.NaN()}
	for i, m := range p.Nodes {
		d.declared[i] = int32(len(net.Communities)) + m // its own block
		if cs := net.Members[m].Communities; len(cs) > 0 {
			d.declared[i] = cs[0]
		}
	}
	start := time.Now()
	d.labels, d.q = louvain(p, opt.Resolution, opt.Seed, opt.Workers)
	tm.since("louvain", start)
	if len(net.Communities) > 0 {
		d.dq = Modularity(p, d.declared, opt.Resolution)
	}
	return d
}

// structure records a detection in the members' rows and the community
// structure.
func (res *SocialCapital) structure(net *graph.Network, p *graph.Projection, d detection) {
	res.Structure = CommunityStructure{DeclaredModularity: d.dq, DetectedModularity: d.q}
	seen := map[int32]bool{}
	var x, y []int32
	for i, l := range d.labels {
		res.Members[i].Detected = l
		if p.Active[i] {
			seen[l] = true
			if len(net.Members[p.Nodes[i]].Communities) > 0 {
				x, y = append(x, d.declared[i]), append(y, l)
			}
		}
	}
	res.Structure.DetectedCommunities = len(seen)
	res.Structure.NMI = NMI(x, y)
}

func (res *SocialCapital) communityCapital(net *graph.Network, workers int) {
	if len(net.Communities) == 0 {
		return
	}
	ei := ExchangeEI(net, net.All())
	res.Communities = make([]CommunityCapital, len(net.Communities))
	// Each community's projection on its own worker; rows are stored by
	// community.
	parallel(len(net.Communities), workers, func() *graph.Projector { return graph.NewProjector(net) }, func(pr *graph.Projector, c int) {
		cc := CommunityCapital{Community: int32(c)}
		p := pr.Project(net.All(), graph.Scope(c), graph.ProjectOptions{})
		// The density, reciprocity and weight of ExchangeOf, without its
		// clustering and Gini.
		cc.Density = math.NaN()
		if n := float64(p.NActive); p.NActive > 1 {
			cc.Density = float64(p.Arcs()) / (n * (n - 1))
		}
		cc.Reciprocity = Reciprocity(p)
		weight := 0.0
		for _, w := range p.OutW {
			weight += w
		}
		if p.Symmetric {
			// Each flow made two arcs of its weight.
			weight /= 2
		}
		cc.MeanTieStrength = math.NaN()
		if p.Edges() > 0 {
			cc.MeanTieStrength = weight / float64(p.Edges())
		}
		var cons, bet, sim []float64
		for _, mc := range res.Members {
			if !net.Members[mc.Member].InCommunity(int32(c)) {
				continue
			}
			cc.Members++
			if mc.Active {
				cc.Active++
				cons, bet = append(cons, mc.Constraint), append(bet, mc.Betweenness)
			}
			if !math.IsNaN(mc.CognitiveSimilarity) {
				sim = append(sim, mc.CognitiveSimilarity)
			}
		}
		cc.MeanConstraint, cc.MeanBetweenness, cc.MeanSimilarity = mean(cons), mean(bet), mean(sim)
		counts := ei[c+1]
		cc.InternalWeight, cc.ExternalWeight = counts.InternalWeight, counts.ExternalWeight
		cc.BondingShare, cc.BridgingShare = math.NaN(), math.NaN()
		if t := counts.InternalWeight + counts.ExternalWeight; t > 0 {
			cc.BondingShare = counts.InternalWeight / t
			cc.BridgingShare = 1 - cc.BondingShare
		}
		cc.EIFlows, cc.EIWeight = counts.Index()
		res.Communities[c] = cc
	})
}

func mean(v []float64) float64 {
	if len(v) == 0 {
		return math.NaN()
	}
	s := 0.0
	for _, x := range v {
		s += x
	}
	return s / float64(len(v))
}
