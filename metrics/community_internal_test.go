package metrics

import (
	"fmt"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/copnet/copnet/graph"
)

// weightedProjection is the whole-period projection of members members
// sending flows flows, each to a member of the sender's block of 500
// with probability 0.8, with lognormal weights whose sums depend on their
// order.
func weightedProjection(t *testing.T, seed uint64, members, flows int) *graph.Projection {
	t.Helper()
	rng := rand.New(rand.NewPCG(seed, 31))
	b := graph.NewBuilder()
	for m := range members {
		if _, err := b.AddMember(graph.Member{ID: fmt.Sprint("m", m)}); err != nil {
			t.Fatal(err)
		}
	}
	for range flows {
		s := rng.IntN(members)
		d := rng.IntN(members)
		if rng.Float64() < 0.8 {
			d = s/500*500 + rng.IntN(min(500, members-s/500*500))
		}
		f := graph.Flow{Source: int32(s), Target: int32(d), Weight: math.Exp(rng.NormFloat64() * 3), Community: graph.None, Kind: graph.None}
		if err := b.AddFlow(f, nil); err != nil {
			t.Fatal(err)
		}
	}
	net := b.Network()
	return net.Project(net.All(), graph.Organization, graph.ProjectOptions{AllMembers: true})
}

// TestLouvainPartsAgree: on a weighted graph large enough for Louvain to
// build its strengths and its graph of communities in parts, the
// partition and its modularity are the same with one worker or four, and
// are those of the sequential implementation that came before the parts
// (its labels' FNV-1a hash and modularity, taken from it on this graph).
func TestLouvainPartsAgree(t *testing.T) {
	p := weightedProjection(t, 7, 20000, 200000)
	if len(p.U) < shareArcs {
		t.Fatalf("%d arcs: too few to build in parts", len(p.U))
	}
	type result struct {
		hash uint64
		q    float64
	}
	var got [2]result
	for k, workers := range []int{1, 4} {
		labels, q := louvain(p, 1, 42, workers)
		h := fnv.New64a()
		for _, l := range labels {
			h.Write([]byte{byte(l), byte(l >> 8), byte(l >> 16), byte(l >> 24)})
		}
		got[k] = result{h.Sum64(), q}
		t.Logf("%d workers: %d arcs, hash %#x, modularity %v", workers, len(p.U), got[k].hash, q)
	}
	if got[0] != got[1] {
		t.Fatalf("one worker %+v, four %+v", got[0], got[1])
	}
	want := result{0x769259d1094acb87, 0.9441298576916628}
	if got[0] != want {
		t.Errorf("got %+v, the sequential implementation gave %+v", got[0], want)
	}
}

// TestAggregatePartsAgree: the graph of communities and its strengths are
// the same bits built by one worker or in parts by four as by the plain
// sequential construction below, and the node strengths summed in blocks
// are those summed in one loop.
func TestAggregatePartsAgree(t *testing.T) {
	p := weightedProjection(t, 8, 20000, 200000)
	if len(p.U) < shareArcs {
		t.Fatalf("%d arcs: too few to build in parts", len(p.U))
	}
	n := p.N()
	lg := levelGraph{off: p.UOff, adj: p.U, w: p.UW, strength: make([]float64, n)}
	parallelNodes(n, 4, func() struct{} { return struct{}{} }, func(_ struct{}, i int) {
		for _, w := range lg.w[lg.off[i]:lg.off[i+1]] {
			lg.strength[i] += w
		}
	})
	for i := range n {
		s := 0.0
		for k := lg.off[i]; k < lg.off[i+1]; k++ {
			s += lg.w[k]
		}
		if math.Float64bits(s) != math.Float64bits(lg.strength[i]) {
			t.Fatalf("node %d: strength %v in blocks, %v in one loop", i, lg.strength[i], s)
		}
	}
	comm, moved := lg.moveNodes(1, rand.New(rand.NewPCG(3, 4)))
	if !moved {
		t.Fatal("no node moved")
	}
	one, r1 := lg.aggregate(comm, 1)
	four, r4 := lg.aggregate(comm, 4)
	bits := func(x []float64) []uint64 {
		out := make([]uint64, len(x))
		for i, v := range x {
			out[i] = math.Float64bits(v)
		}
		return out
	}
	ref, rr := aggregatePlain(&lg, comm)
	for name, g := range map[string]levelGraph{"one worker": one, "four workers": four} {
		if !slices.Equal(rr, r1) || !slices.Equal(rr, r4) || !slices.Equal(ref.off, g.off) || !slices.Equal(ref.adj, g.adj) ||
			!slices.Equal(bits(ref.w), bits(g.w)) || !slices.Equal(bits(ref.strength), bits(g.strength)) {
			t.Fatalf("%s: the graph of %d communities differs from the plain construction", name, len(ref.strength))
		}
	}
	t.Logf("%d communities, %d arcs", len(one.strength), len(one.adj))
}

// aggregatePlain builds the graph of communities one community at a time:
// communities numbered in order of their lowest node, each community's
// nodes ascending, each node's arcs in row order summed by target
// community, rows sorted.
func aggregatePlain(g *levelGraph, comm []int32) (levelGraph, []int32) {
	n := len(g.strength)
	relabel := make([]int32, n)
	for i := range relabel {
		relabel[i] = -1
	}
	var k int32
	for i := range n {
		if relabel[comm[i]] < 0 {
			relabel[comm[i]] = k
			k++
		}
	}
	members := make([][]int32, k)
	for i := range n {
		a := relabel[comm[i]]
		members[a] = append(members[a], int32(i))
	}
	out := levelGraph{off: make([]int32, k+1), strength: make([]float64, k)}
	for a := range k {
		sums := map[int32]float64{}
		for _, i := range members[a] {
			out.strength[a] += g.strength[i]
			for e := g.off[i]; e < g.off[i+1]; e++ {
				if b := relabel[comm[g.adj[e]]]; b != a {
					sums[b] += g.w[e]
				}
			}
		}
		var bs []int32
		for b := range sums {
			bs = append(bs, b)
		}
		slices.Sort(bs)
		for _, b := range bs {
			out.adj = append(out.adj, b)
			out.w = append(out.w, sums[b])
		}
		out.off[a+1] = int32(len(out.adj))
	}
	return out, relabel
}
