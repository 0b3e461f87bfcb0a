package metrics

import (
	"math"
	"math/bits"
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
	// A use is member<<ib | item, so the uses sort by member, then item,
	// as plain integers. They are counted first, so that each array is
	// made once at its size.
	ib := bits.Len(uint(len(net.Items)))
	n := 0
	for i := w.Lo; i < w.Hi; i++ {
		f := &net.Flows[i]
		if f.Source != f.Target && net.InScope(f, s) {
			n += 2 * len(net.Knowledge(f))
		}
	}
	if n == 0 {
		return nil
	}
	if n > bucketUses && n <= math.MaxInt32 {
		return profilesByMember(net, w, s, n)
	}
	uses := make([]uint64, 0, n)
	for i := w.Lo; i < w.Hi; i++ {
		f := &net.Flows[i]
		if f.Source == f.Target || !net.InScope(f, s) {
			continue
		}
		for _, k := range net.Knowledge(f) {
			uses = append(uses, uint64(f.Source)<<ib|uint64(k), uint64(f.Target)<<ib|uint64(k))
		}
	}
	radixSort(uses, bits.Len(uint(len(net.Members)))+ib)
	// The profiles and their entries, counted, then cut from two arrays.
	members, entries := 0, 0
	for i := range uses {
		if i == 0 || uses[i] != uses[i-1] {
			entries++
			if i == 0 || uses[i]>>ib != uses[i-1]>>ib {
				members++
			}
		}
	}
	out := make([]Profile, 0, members)
	items, counts := make([]int32, 0, entries), make([]int32, 0, entries)
	mask := uint64(1)<<ib - 1
	for i := 0; i < len(uses); {
		m := uses[i] >> ib
		start := len(items)
		for i < len(uses) && uses[i]>>ib == m {
			j := i + 1
			for j < len(uses) && uses[j] == uses[i] {
				j++
			}
			items = append(items, int32(uses[i]&mask))
			counts = append(counts, int32(j-i))
			i = j
		}
		out = append(out, Profile{Member: int32(m), Items: items[start:len(items):len(items)], Counts: counts[start:len(counts):len(counts)]})
	}
	return out
}

// bucketUses is the number of uses (member, item) above which Profiles
// gathers them by member rather than radix-sorting them as pairs: a third
// of the memory (the items alone, no sorting buffer), for a long period.
// Tests lower it.
var bucketUses = 1 << 20

// profilesByMember is Profiles for n < 2³¹ uses, gathered by member (a counting
// sort), each member's items sorted and counted in place.
func profilesByMember(net *graph.Network, w graph.Window, s graph.Scope, n int) []Profile {
	off := make([]int32, len(net.Members)+1)
	for i := w.Lo; i < w.Hi; i++ {
		f := &net.Flows[i]
		if f.Source != f.Target && net.InScope(f, s) {
			k := int32(len(net.Knowledge(f)))
			off[f.Source+1] += k
			off[f.Target+1] += k
		}
	}
	for m := range len(net.Members) {
		off[m+1] += off[m]
	}
	items := make([]int32, n)
	at := slices.Clone(off[:len(net.Members)])
	for i := w.Lo; i < w.Hi; i++ {
		f := &net.Flows[i]
		if f.Source == f.Target || !net.InScope(f, s) {
			continue
		}
		for _, k := range net.Knowledge(f) {
			items[at[f.Source]] = k
			at[f.Source]++
			items[at[f.Target]] = k
			at[f.Target]++
		}
	}
	// Each member's items sorted, the distinct ones counted, so that the
	// profiles and the counts are made at their size.
	members, entries := 0, 0
	for m := range len(net.Members) {
		row := items[off[m]:off[m+1]]
		if len(row) == 0 {
			continue
		}
		slices.Sort(row)
		members++
		for j := range row {
			if j == 0 || row[j] != row[j-1] {
				entries++
			}
		}
	}
	out := make([]Profile, 0, members)
	counts := make([]int32, 0, entries)
	// The distinct items move down in place: the write point never passes
	// the read point.
	put := 0
	for m := range len(net.Members) {
		row := items[off[m]:off[m+1]]
		if len(row) == 0 {
			continue
		}
		start := put
		for j := 0; j < len(row); {
			k := j + 1
			for k < len(row) && row[k] == row[j] {
				k++
			}
			items[put] = row[j]
			counts = append(counts, int32(k-j))
			put++
			j = k
		}
		out = append(out, Profile{Member: int32(m), Items: items[start:put:put], Counts: counts[start:put:put]})
	}
	return out
}

// radixSort sorts keys below 2^keyBits in ascending order: by
// least-significant-digit radix sort, 11 bits a pass, for long slices,
// and by comparisons for short ones.
func radixSort(keys []uint64, keyBits int) {
	const digit = 11
	if len(keys) < 1024 {
		slices.Sort(keys)
		return
	}
	tmp := make([]uint64, len(keys))
	src, dst := keys, tmp
	var count [1 << digit]int
	for shift := 0; shift < keyBits; shift += digit {
		clear(count[:])
		for _, k := range src {
			count[(k>>shift)&(1<<digit-1)]++
		}
		sum := 0
		for d, c := range count {
			count[d] = sum
			sum += c
		}
		for _, k := range src {
			d := (k >> shift) & (1<<digit - 1)
			dst[count[d]] = k
			count[d]++
		}
		src, dst = dst, src
	}
	if &src[0] != &keys[0] {
		copy(keys, src)
	}
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
