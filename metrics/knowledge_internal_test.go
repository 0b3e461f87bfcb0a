package metrics

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestRadixSort: radixSort orders keys of every width as a comparison sort
// does, over lengths on both sides of the switch to radix passes.
func TestRadixSort(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	for _, keyBits := range []int{1, 11, 12, 33, 62} {
		for _, n := range []int{0, 5, 1023, 1024, 5000} {
			keys := make([]uint64, n)
			for i := range keys {
				keys[i] = rng.Uint64() >> (64 - keyBits)
				if i > 0 && rng.IntN(4) == 0 {
					keys[i] = keys[rng.IntN(i)] // repeated keys
				}
			}
			want := slices.Clone(keys)
			slices.Sort(want)
			radixSort(keys, keyBits)
			if !slices.Equal(keys, want) {
				t.Errorf("%d keys of %d bits: not sorted as slices.Sort sorts them", n, keyBits)
			}
		}
	}
}
