package metrics

import (
	"math/rand/v2"
	"testing"
)

// TestRewireKeepsDegrees: swaps keep every degree, make no self-loop or
// multi-edge, keep the set in step with the list, and do change edges.
func TestRewireKeepsDegrees(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	n := 60
	var edges [][2]int32
	seen := map[[2]int32]bool{}
	for len(edges) < 300 {
		a, b := int32(rng.IntN(n)), int32(rng.IntN(n))
		if a >= b || seen[[2]int32{a, b}] {
			continue
		}
		seen[[2]int32{a, b}] = true
		edges = append(edges, [2]int32{a, b})
	}
	deg := func(e [][2]int32) []int {
		d := make([]int, n)
		for _, x := range e {
			d[x[0]]++
			d[x[1]]++
		}
		return d
	}
	want := deg(edges)
	e := append([][2]int32(nil), edges...)
	set := newEdgeSet(len(e))
	for _, x := range e {
		set.add(x[0], x[1])
	}
	rewire(e, &set, 50*len(e), rng) // enough to force rehashes
	got := deg(e)
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("node %d: degree %d, want %d", i, got[i], want[i])
		}
	}
	after := map[uint64]bool{}
	changed := 0
	for _, x := range e {
		k := edgeKey(x[0], x[1])
		if x[0] == x[1] || after[k] {
			t.Fatalf("self-loop or multi-edge %v", x)
		}
		after[k] = true
		if !set.has(x[0], x[1]) {
			t.Fatalf("edge %v missing from the set", x)
		}
		a, b := min(x[0], x[1]), max(x[0], x[1])
		if !seen[[2]int32{a, b}] {
			changed++
		}
	}
	if changed < len(e)/2 {
		t.Errorf("only %d of %d edges changed", changed, len(e))
	}
}
