package metrics

import (
	"math"
	"math/rand/v2"
	"slices"

	"github.com/copnet/copnet/graph"
)

// Profile is one member's knowledge profile in a window: how many of the
// flows the member took part in (sending or receiving, self-flows
// excluded) carried each item.
type Profile struct {
	Member int32
	// Items are item indices, ascending; Counts are aligned with them.
	Items  []int32
	Counts []int32
}

// Profiles returns the knowledge profiles of the members of a scope in a
// window, ordered by member; members whose flows carry no item have none.
func Profiles(net *graph.Network, w graph.Window, s graph.Scope) []Profile {
	// A use is member<<32 | item: both are non-negative, so the uses sort
	// by member, then item, as plain integers.
	var uses []uint64
	for i := w.Lo; i < w.Hi; i++ {
		f := &net.Flows[i]
		if f.Source == f.Target || !net.InScope(f, s) {
			continue
		}
		for _, k := range net.Knowledge(f) {
			uses = append(uses, uint64(f.Source)<<32|uint64(k), uint64(f.Target)<<32|uint64(k))
		}
	}
	slices.Sort(uses)
	var out []Profile
	for i := 0; i < len(uses); {
		m := uses[i] >> 32
		p := Profile{Member: int32(m)}
		for i < len(uses) && uses[i]>>32 == m {
			j := i
			for j < len(uses) && uses[j] == uses[i] {
				j++
			}
			p.Items = append(p.Items, int32(uint32(uses[i])))
			p.Counts = append(p.Counts, int32(j-i))
			i = j
		}
		out = append(out, p)
	}
	return out
}

// MeanCosine is the mean cosine similarity over all pairs of profiles, in
// O(total profile entries): with u_i the profiles scaled to unit length
// and S = Σ u_i, Σ_{i≠j} u_i·u_j = |S|² − n, so the mean over the
// n(n−1) ordered pairs is (|S|² − n)/(n(n−1)). NaN below two profiles.
func MeanCosine(ps []Profile, items int) float64 {
	n := float64(len(ps))
	if len(ps) < 2 {
		return math.NaN()
	}
	sum := make([]float64, items)
	for _, p := range ps {
		norm := 0.0
		for _, c := range p.Counts {
			norm += float64(c) * float64(c)
		}
		norm = math.Sqrt(norm)
		for k, it := range p.Items {
			sum[it] += float64(p.Counts[k]) / norm
		}
	}
	s2 := 0.0
	for _, x := range sum {
		s2 += x * x
	}
	return (s2 - n) / (n * (n - 1))
}

// JaccardResult is a mean pairwise Jaccard similarity of item sets.
type JaccardResult struct {
	Mean float64
	// Pairs is the number of pairs averaged: all of them when Exact,
	// otherwise the sample size.
	Pairs int
	Exact bool
}

// MeanJaccard is the mean Jaccard similarity |A∩B|/|A∪B| of the item sets
// over pairs of profiles: every pair when there are at most exactMembers
// profiles, otherwise samplePairs pairs drawn uniformly (without the pair
// of a profile with itself) from a PCG source seeded with seed.
func MeanJaccard(ps []Profile, exactMembers, samplePairs int, seed uint64) JaccardResult {
	n := len(ps)
	if n < 2 {
		// No pair: nothing to sample, the (empty) mean is exact.
		return JaccardResult{Mean: math.NaN(), Exact: true}
	}
	if n <= exactMembers {
		sum := 0.0
		for i := range n {
			for j := i + 1; j < n; j++ {
				sum += jaccard(ps[i].Items, ps[j].Items)
			}
		}
		pairs := n * (n - 1) / 2
		return JaccardResult{Mean: sum / float64(pairs), Pairs: pairs, Exact: true}
	}
	rng := rand.New(rand.NewPCG(seed, 0x636f706e6574))
	sum := 0.0
	for range samplePairs {
		i := rng.IntN(n)
		j := rng.IntN(n - 1)
		if j >= i {
			j++
		}
		sum += jaccard(ps[i].Items, ps[j].Items)
	}
	return JaccardResult{Mean: sum / float64(samplePairs), Pairs: samplePairs}
}

// jaccard of two ascending sets.
func jaccard(a, b []int32) float64 {
	inter := intersectCount(a, b)
	union := len(a) + len(b) - inter
	if union == 0 {
		return math.NaN()
	}
	return float64(inter) / float64(union)
}
