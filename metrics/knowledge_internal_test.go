package metrics

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/copnet/copnet/graph"
	"github.com/copnet/copnet/io/csvio"
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

// TestProfilesByMember: profiles gathered by member are those of the
// radix-sorted pairs, item by item and count by count, for every scope and
// a few windows of the demo (real Stack Exchange data).
func TestProfilesByMember(t *testing.T) {
	demo, _, err := csvio.Demo()
	if err != nil {
		t.Fatal(err)
	}
	compared := 0
	defer func() {
		if compared == 0 {
			t.Error("no profile was compared")
		}
	}()
	for _, net := range []*graph.Network{demo} {
		ws, err := net.Windows(graph.WindowSpec{Unit: graph.Parts, Parts: 3})
		if err != nil {
			t.Fatal(err)
		}
		ws = append(ws, net.All())
		for _, w := range ws {
			for _, s := range net.Scopes() {
				defer func(b int) { bucketUses = b }(bucketUses)
				bucketUses = 1 << 62
				want := Profiles(net, w, s)
				bucketUses = 0
				got := Profiles(net, w, s)
				compared += len(got)
				if len(got) != len(want) {
					t.Fatalf("scope %d window %d: %d profiles by member, want %d", s, w.Index, len(got), len(want))
				}
				for i := range got {
					if got[i].Member != want[i].Member || !slices.Equal(got[i].Items, want[i].Items) || !slices.Equal(got[i].Counts, want[i].Counts) {
						t.Fatalf("scope %d window %d: profile %d is %+v, want %+v", s, w.Index, i, got[i], want[i])
					}
				}
			}
		}
	}
}
