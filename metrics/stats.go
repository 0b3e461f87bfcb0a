package metrics

import (
	"gonum.org/v1/gonum/stat/distuv"
	"math"
	"math/rand/v2"
	"slices"
)

// NullTest compares an observed value with its values on K random draws of
// a null model (random groups, rewired graphs). Undefined figures are NaN.
type NullTest struct {
	Observed float64
	// NullMean and NullSD are the mean and the standard deviation (n − 1
	// denominator) of the draws whose value is defined.
	NullMean, NullSD float64
	// Z is (Observed − NullMean) / NullSD; NaN when NullSD is 0.
	Z float64
	// P is the one-sided empirical p-value that the observed value is
	// this high by chance, with the +1 correction of North, Curtis & Sham
	// (2002): (1 + #{draws ≥ observed}) / (1 + Draws). It is never 0, so
	// it stays valid when corrected for multiple tests.
	P float64
	// Draws is the number of draws with a defined value.
	Draws int
}

// TestAgainstNull summarizes the null draws of an observed value
// (one-sided, "greater than chance"). Draws that are NaN are left out;
// with no defined draw, or an undefined observed value, every figure but
// Observed and Draws is NaN.
func TestAgainstNull(observed float64, null []float64) NullTest {
	t := NullTest{Observed: observed, NullMean: math.NaN(), NullSD: math.NaN(), Z: math.NaN(), P: math.NaN()}
	sum := 0.0
	for _, x := range null {
		if !math.IsNaN(x) {
			t.Draws++
			sum += x
		}
	}
	if t.Draws == 0 {
		return t
	}
	t.NullMean = sum / float64(t.Draws)
	if t.Draws > 1 {
		ss := 0.0
		for _, x := range null {
			if !math.IsNaN(x) {
				ss += (x - t.NullMean) * (x - t.NullMean)
			}
		}
		t.NullSD = math.Sqrt(ss / float64(t.Draws-1))
	}
	if math.IsNaN(observed) {
		return t
	}
	if t.NullSD > 0 {
		t.Z = (observed - t.NullMean) / t.NullSD
	}
	ge := 0
	for _, x := range null {
		if asHigh(x, observed) {
			ge++
		}
	}
	t.P = float64(1+ge) / float64(1+t.Draws)
	return t
}

// asHigh reports whether a draw is at least as high as the observed
// value. Values equal to it up to rounding count: an indicator recomputed
// on the same set in another order may differ in the last bit.
func asHigh(x, observed float64) bool {
	return !math.IsNaN(x) && x >= observed-1e-12*math.Max(1, math.Abs(observed))
}

// BenjaminiHochberg returns the q-values (adjusted p-values) of the
// Benjamini–Hochberg (1995) step-up procedure, as R's p.adjust(p, "BH")
// and statsmodels' fdrcorrection compute them: q_(i) = min_{j ≥ i}
// min(1, m·p_(j)/j) over the p-values sorted ascending. NaN p-values are
// left out of m and get a NaN q-value.
func BenjaminiHochberg(p []float64) []float64 {
	q := make([]float64, len(p))
	var idx []int
	for i, x := range p {
		q[i] = math.NaN()
		if !math.IsNaN(x) {
			idx = append(idx, i)
		}
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		switch {
		case p[a] < p[b]:
			return -1
		case p[a] > p[b]:
			return 1
		}
		return 0
	})
	m := float64(len(idx))
	running := 1.0
	for r := len(idx) - 1; r >= 0; r-- {
		v := math.Min(1, p[idx[r]]*m/float64(r+1))
		running = math.Min(running, v)
		q[idx[r]] = running
	}
	return q
}

// Median is the median of the values that are not NaN (the mean of the
// two middle ones for an even count); NaN when there is none. x is not
// modified.
func Median(x []float64) float64 {
	v := make([]float64, 0, len(x))
	for _, a := range x {
		if !math.IsNaN(a) {
			v = append(v, a)
		}
	}
	return medianInPlace(v)
}

// medianInPlace is the median of v (no NaN), which it reorders; O(n) on
// average by quickselect, as bootstrap draws call it thousands of times.
func medianInPlace(v []float64) float64 {
	n := len(v)
	if n == 0 {
		return math.NaN()
	}
	hi := selectKth(v, n/2)
	if n%2 == 1 {
		return hi
	}
	// The lower middle is the largest value left of position n/2.
	return (slices.Max(v[:n/2]) + hi) / 2
}

// selectKth reorders v so that v[k] is the value of rank k, smaller or
// equal values before it and greater or equal after (Hoare's
// quickselect with a median-of-three pivot), and returns v[k].
func selectKth(v []float64, k int) float64 {
	lo, hi := 0, len(v)-1
	for lo < hi {
		mid := lo + (hi-lo)/2
		if v[mid] < v[lo] {
			v[mid], v[lo] = v[lo], v[mid]
		}
		if v[hi] < v[lo] {
			v[hi], v[lo] = v[lo], v[hi]
		}
		if v[hi] < v[mid] {
			v[hi], v[mid] = v[mid], v[hi]
		}
		pivot := v[mid]
		i, j := lo, hi
		for i <= j {
			for v[i] < pivot {
				i++
			}
			for v[j] > pivot {
				j--
			}
			if i <= j {
				v[i], v[j] = v[j], v[i]
				i++
				j--
			}
		}
		switch {
		case k <= j:
			hi = j
		case k >= i:
			lo = i
		default:
			return v[k]
		}
	}
	return v[k]
}

// Quantile is the q-quantile (0 ≤ q ≤ 1) of the values that are not NaN,
// by linear interpolation between order statistics (NumPy's default
// "linear" method, R's type 7); NaN when there is none.
func Quantile(x []float64, q float64) float64 {
	v := make([]float64, 0, len(x))
	for _, a := range x {
		if !math.IsNaN(a) {
			v = append(v, a)
		}
	}
	if len(v) == 0 || math.IsNaN(q) {
		return math.NaN()
	}
	slices.Sort(v)
	h := math.Min(math.Max(q, 0), 1) * float64(len(v)-1)
	lo := int(math.Floor(h))
	if lo >= len(v)-1 {
		return v[len(v)-1]
	}
	return v[lo] + (h-float64(lo))*(v[lo+1]-v[lo])
}

// Interval is an estimate with a confidence interval.
type Interval struct {
	Estimate, Lo, Hi float64
	// Level is the confidence level (0.95 for a 95% interval); Draws is
	// the number of bootstrap draws whose statistic was defined.
	Level float64
	Draws int
}

// DefaultBootstrapDraws is the number of bootstrap resamples when a caller
// passes 0.
const DefaultBootstrapDraws = 1999

// BootstrapRatioOfMedians estimates median(slow) / median(fast) with a
// percentile bootstrap interval at the given level (0.95 for 95%) over
// draws resamples (0 means DefaultBootstrapDraws), each sample resampled
// with replacement on its own. Draw d is seeded by (seed, d), so the
// interval does not depend on workers. NaN values are left out; the
// interval is NaN when either sample is empty.
//
// A resample's median is drawn from its exact distribution instead of
// resampling n values (see bootMedian), so a draw costs O(1) after one
// sort, whatever the sample sizes.
func BootstrapRatioOfMedians(slow, fast []float64, draws int, level float64, seed uint64, workers int) Interval {
	return bootstrapMedians(slow, fast, draws, level, seed, workers)
}

// BootstrapMedian estimates the median of x with a percentile bootstrap
// interval, as BootstrapRatioOfMedians does.
func BootstrapMedian(x []float64, draws int, level float64, seed uint64, workers int) Interval {
	return bootstrapMedians(x, nil, draws, level, seed, workers)
}

// bootstrapMedians is the percentile bootstrap of median(a), or of
// median(a)/median(b) when b is not nil.
func bootstrapMedians(a, b []float64, draws int, level float64, seed uint64, workers int) Interval {
	if draws <= 0 {
		draws = DefaultBootstrapDraws
	}
	if !(level > 0 && level < 1) {
		level = 0.95
	}
	sorted := func(x []float64) []float64 {
		v := make([]float64, 0, len(x))
		for _, y := range x {
			if !math.IsNaN(y) {
				v = append(v, y)
			}
		}
		slices.Sort(v)
		return v
	}
	useB := b != nil
	a, b = sorted(a), sorted(b)
	out := Interval{Estimate: math.NaN(), Lo: math.NaN(), Hi: math.NaN(), Level: level}
	if len(a) == 0 || (useB && len(b) == 0) {
		return out
	}
	ratio := func(x, y float64) float64 {
		if !useB {
			return x
		}
		if r := x / y; !math.IsInf(r, 0) {
			return r
		}
		return math.NaN()
	}
	median := func(v []float64) float64 {
		n := len(v)
		if n == 0 {
			return math.NaN()
		}
		if n%2 == 1 {
			return v[n/2]
		}
		return (v[n/2-1] + v[n/2]) / 2
	}
	out.Estimate = ratio(median(a), median(b))
	vals := make([]float64, draws)
	parallel(draws, workers, func() struct{} { return struct{}{} }, func(_ struct{}, d int) {
		rng := rand.New(rand.NewPCG(seed, uint64(d)))
		x, y := bootMedian(a, rng), 1.0
		if useB {
			y = bootMedian(b, rng)
		}
		vals[d] = ratio(x, y)
	})
	for _, v := range vals {
		if !math.IsNaN(v) {
			out.Draws++
		}
	}
	out.Lo = Quantile(vals, (1-level)/2)
	out.Hi = Quantile(vals, (1+level)/2)
	return out
}

// bootMedian draws the median of a resample with replacement of the
// sorted values v, from its exact distribution. A resample picks indices
// ⌈n·U⌉ of n independent uniforms U, so its k-th smallest value is
// v[⌈n·U₍ₖ₎⌉ − 1] with U₍ₖ₎ ~ Beta(k, n − k + 1), the k-th order statistic
// of n uniforms; given U₍ₖ₎ = u, the next one is u + (1 − u)·Beta(1, n − k)
// (the smallest of the n − k uniforms above u). The median is the k-th
// value for odd n (k = (n+1)/2) and the mean of the k-th and (k+1)-th for
// even n (k = n/2).
func bootMedian(v []float64, rng *rand.Rand) float64 {
	n := len(v)
	at := func(u float64) float64 {
		i := int(math.Ceil(float64(n)*u)) - 1
		return v[min(max(i, 0), n-1)]
	}
	if n == 1 {
		return v[0]
	}
	k := (n + 1) / 2
	if n%2 == 0 {
		k = n / 2
	}
	u := distuv.Beta{Alpha: float64(k), Beta: float64(n - k + 1), Src: rng}.Rand()
	if n%2 == 1 {
		return at(u)
	}
	next := u + (1-u)*distuv.Beta{Alpha: 1, Beta: float64(n - k), Src: rng}.Rand()
	return (at(u) + at(next)) / 2
}

// DeriveSeed mixes a base seed with indices (a scope, a window, a
// community) into an independent-looking seed, by SplitMix64 (Steele,
// Lea & Flood 2014), so that each test of a table draws its own stream
// while the whole table stays reproducible from one seed.
func DeriveSeed(seed uint64, parts ...uint64) uint64 {
	z := splitmix(seed)
	for _, p := range parts {
		z = splitmix(z ^ splitmix(p+0x632be59bd9b4e019))
	}
	return z
}

// splitmix is SplitMix64's output function applied to x + γ.
func splitmix(x uint64) uint64 {
	z := x + 0x9e3779b97f4a7c15
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}
