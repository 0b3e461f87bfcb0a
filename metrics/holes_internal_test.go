package metrics

import (
	"slices"
	"testing"
)

// TestGallop: gallop finds every key, and where each absent key would
// go, from any start below it, as a binary search of the whole row does.
func TestGallop(t *testing.T) {
	row := []int32{2, 3, 5, 8, 13, 21, 34, 55, 89, 144}
	for x := int32(0); x <= 150; x++ {
		want, wantOK := slices.BinarySearch(row, x)
		for lo := 0; lo <= want; lo++ {
			if got, ok := gallop(row, x, lo); got != want || ok != wantOK {
				t.Fatalf("gallop(%d from %d) = %d, %v; want %d, %v", x, lo, got, ok, want, wantOK)
			}
		}
	}
	if got, ok := gallop(nil, 1, 0); got != 0 || ok {
		t.Errorf("empty row: %d, %v", got, ok)
	}
}
