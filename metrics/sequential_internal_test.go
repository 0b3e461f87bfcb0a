package metrics

import (
	"math"
	"math/rand/v2"
	"testing"
)

// uniformDraws fills draw d of one indicator with a uniform from the
// stream (seed, d).
func uniformDraws(seed uint64, null [][]float64) func(struct{}, int) {
	return func(_ struct{}, d int) {
		null[0][d] = rand.New(rand.NewPCG(seed, uint64(d))).Float64()
	}
}

// TestSequentialStop: a test stops at the draw bringing the h-th value at
// or above the observed one, with p = h/L, whatever the workers; an
// observation beyond every draw uses them all; and the sequential p-value
// stays valid: under the null, P(p ≤ 0.05) ≈ 0.05.
func TestSequentialStop(t *testing.T) {
	const draws, h = 999, 10
	none := func() struct{} { return struct{}{} }
	var first NullTest
	for i, workers := range []int{1, 2, 7} {
		null := [][]float64{make([]float64, draws)}
		used, stopped := drawNull([]float64{0.5}, null, draws, h, workers, nil, none, uniformDraws(3, null))
		// The stopping draw, found by walking the same stream by hand.
		want, seen := 0, 0
		for d := range draws {
			if rand.New(rand.NewPCG(3, uint64(d))).Float64() >= 0.5 {
				if seen++; seen == h {
					want = d + 1
					break
				}
			}
		}
		if !stopped[0] || used[0] != want {
			t.Fatalf("workers %d: used %d stopped %v, want %d true", workers, used[0], stopped[0], want)
		}
		got := sequentialTest(0.5, null[0], used[0], stopped[0], h)
		if got.P != float64(h)/float64(want) || got.Draws != want {
			t.Errorf("workers %d: p %v draws %d, want %v %d", workers, got.P, got.Draws, float64(h)/float64(want), want)
		}
		if i == 0 {
			first = got
		} else if got != first {
			t.Errorf("workers %d: %+v, with 1 worker %+v", workers, got, first)
		}
	}
	null := [][]float64{make([]float64, draws)}
	used, stopped := drawNull([]float64{2}, null, draws, h, 2, nil, none, uniformDraws(4, null))
	if stopped[0] || used[0] != draws {
		t.Errorf("extreme observation: used %d stopped %v, want every draw", used[0], stopped[0])
	}
	if got := sequentialTest(2, null[0], used[0], stopped[0], h); got.P != 1.0/(draws+1) {
		t.Errorf("extreme observation: p %v, want 1/(K+1)", got.P)
	}
	// Validity under the null: the observation is one more draw.
	const reps = 2000
	low := 0
	for r := range reps {
		obs := rand.New(rand.NewPCG(99, uint64(r))).Float64()
		null := [][]float64{make([]float64, 199)}
		used, stopped := drawNull([]float64{obs}, null, 199, h, 1, nil, none, uniformDraws(uint64(1000+r), null))
		if sequentialTest(obs, null[0], used[0], stopped[0], h).P <= 0.05 {
			low++
		}
	}
	if share := float64(low) / reps; math.Abs(share-0.05) > 0.015 {
		t.Errorf("under the null, P(p ≤ 0.05) = %.3f, want about 0.05", share)
	}
}
