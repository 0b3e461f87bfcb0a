package metrics

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"
)

// TestBootMedianExact: the median drawn from its exact distribution has
// the distribution of the median of a real resample: for odd n it equals
// P(M* ≤ v₍ⱼ₎) = P(Binomial(n, j/n) ≥ (n+1)/2) at every j, and for odd and
// even n it matches brute-force resampling.
func TestBootMedianExact(t *testing.T) {
	const draws = 40000
	for _, v := range [][]float64{{1, 2, 3, 5, 8, 13, 21}, {1, 2, 3, 5, 8, 13, 21, 34}, {2, 3}} {
		n := len(v)
		fast, brute := make([]float64, draws), make([]float64, draws)
		rng := rand.New(rand.NewPCG(1, 2))
		sample := make([]float64, n)
		for d := range draws {
			fast[d] = bootMedian(v, rng)
			for i := range sample {
				sample[i] = v[rng.IntN(n)]
			}
			slices.Sort(sample)
			if n%2 == 1 {
				brute[d] = sample[n/2]
			} else {
				brute[d] = (sample[n/2-1] + sample[n/2]) / 2
			}
		}
		// Compare the CDFs at every value either takes.
		values := slices.Concat(fast, brute)
		slices.Sort(values)
		values = slices.Compact(values)
		cdf := func(x []float64, at float64) float64 {
			c := 0
			for _, y := range x {
				if y <= at {
					c++
				}
			}
			return float64(c) / float64(len(x))
		}
		for _, at := range values {
			if f, b := cdf(fast, at), cdf(brute, at); math.Abs(f-b) > 0.012 {
				t.Errorf("n=%d: P(M* ≤ %v) exact draw %.4f, resampling %.4f", n, at, f, b)
			}
		}
		if n%2 == 1 {
			for j := 1; j <= n; j++ {
				want := 1 - distuv.Binomial{N: float64(n), P: float64(j) / float64(n)}.CDF(float64((n+1)/2-1))
				if got := cdf(fast, v[j-1]); math.Abs(got-want) > 0.01 {
					t.Errorf("n=%d: P(M* ≤ v_(%d)) %.4f, binomial %.4f", n, j, got, want)
				}
			}
		}
	}
}
