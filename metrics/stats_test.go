package metrics_test

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/copnet/copnet/metrics"
)

func near(a, b float64) bool {
	return (math.IsNaN(a) && math.IsNaN(b)) || math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(b))
}

// TestAgainstNullByHand: observed 3 against draws 1, 2, 3, 4 (and one
// undefined draw): mean 2.5, sd √(5/3), z 0.5/√(5/3), p (1+2)/(1+4).
func TestAgainstNullByHand(t *testing.T) {
	got := metrics.TestAgainstNull(3, []float64{1, 2, 3, 4, math.NaN()})
	want := metrics.NullTest{Observed: 3, NullMean: 2.5, NullSD: math.Sqrt(5.0 / 3), Z: 0.5 / math.Sqrt(5.0/3), P: 0.6, Draws: 4}
	if got.Draws != want.Draws || !near(got.NullMean, want.NullMean) || !near(got.NullSD, want.NullSD) || !near(got.Z, want.Z) || !near(got.P, want.P) {
		t.Errorf("got %+v, want %+v", got, want)
	}
	// Above every draw: p is 1/(K+1), never 0.
	if got := metrics.TestAgainstNull(10, []float64{1, 2, 3}); got.P != 0.25 {
		t.Errorf("p above every draw: got %v, want 0.25", got.P)
	}
	// Constant draws: no z; no draws: nothing.
	if got := metrics.TestAgainstNull(1, []float64{1, 1}); !math.IsNaN(got.Z) || got.P != 1 || got.NullSD != 0 {
		t.Errorf("constant draws: got %+v", got)
	}
	if got := metrics.TestAgainstNull(1, nil); got.Draws != 0 || !math.IsNaN(got.P) || !math.IsNaN(got.NullMean) {
		t.Errorf("no draws: got %+v", got)
	}
	if got := metrics.TestAgainstNull(math.NaN(), []float64{1, 2}); !math.IsNaN(got.P) || got.NullMean != 1.5 {
		t.Errorf("undefined observed: got %+v", got)
	}
}

// TestBenjaminiHochbergByHand: p = .01 .04 .03 .20 (m = 4): sorted ranks
// give 4·.01/1 = .04, 4·.03/2 = .06, 4·.04/3 = .0533, 4·.20/4 = .20, and
// the step-up minimum lowers .06 to .0533 (R: p.adjust(p, "BH")).
func TestBenjaminiHochbergByHand(t *testing.T) {
	got := metrics.BenjaminiHochberg([]float64{0.01, 0.04, 0.03, 0.20, math.NaN()})
	want := []float64{0.04, 0.16 / 3, 0.16 / 3, 0.20, math.NaN()}
	for i := range want {
		if !near(got[i], want[i]) {
			t.Errorf("q[%d] = %v, want %v", i, got[i], want[i])
		}
	}
	if got := metrics.BenjaminiHochberg([]float64{0.9, 0.8}); got[0] != 0.9 || got[1] != 0.9 {
		t.Errorf("got %v, want [0.9 0.9]", got)
	}
	if got := metrics.BenjaminiHochberg(nil); len(got) != 0 {
		t.Errorf("empty: got %v", got)
	}
}

func TestMedianQuantile(t *testing.T) {
	for _, c := range []struct {
		x    []float64
		q    float64
		med  float64
		quan float64
	}{
		{[]float64{3, 1, 2}, 0.5, 2, 2},
		{[]float64{4, 1, 3, 2}, 0.25, 2.5, 1.75}, // h = 0.75 between 1 and 2
		{[]float64{4, 1, 3, 2}, 1, 2.5, 4},
		{[]float64{5, math.NaN()}, 0, 5, 5},
		{nil, 0.5, math.NaN(), math.NaN()},
	} {
		if got := metrics.Median(c.x); !near(got, c.med) {
			t.Errorf("Median(%v) = %v, want %v", c.x, got, c.med)
		}
		if got := metrics.Quantile(c.x, c.q); !near(got, c.quan) {
			t.Errorf("Quantile(%v, %v) = %v, want %v", c.x, c.q, got, c.quan)
		}
	}
}

func TestBootstrapRatio(t *testing.T) {
	// Constant samples: every draw gives the same ratio.
	got := metrics.BootstrapRatioOfMedians([]float64{10, 10, 10}, []float64{2, 2}, 99, 0.95, 1, 1)
	if got.Estimate != 5 || got.Lo != 5 || got.Hi != 5 || got.Draws != 99 {
		t.Errorf("constant: got %+v", got)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	slow, fast := make([]float64, 200), make([]float64, 300)
	for i := range slow {
		slow[i] = 20 * rng.ExpFloat64()
	}
	for i := range fast {
		fast[i] = rng.ExpFloat64()
	}
	a := metrics.BootstrapRatioOfMedians(slow, fast, 499, 0.95, 7, 1)
	b := metrics.BootstrapRatioOfMedians(slow, fast, 499, 0.95, 7, 2)
	if a != b {
		t.Errorf("depends on workers: %+v vs %+v", a, b)
	}
	if !(a.Lo < a.Estimate && a.Estimate < a.Hi) || !(a.Lo < 20 && 20 < a.Hi) {
		t.Errorf("interval %+v should hold the estimate and the true ratio 20", a)
	}
	if got := metrics.BootstrapRatioOfMedians(nil, fast, 9, 0.95, 1, 1); !math.IsNaN(got.Estimate) || !math.IsNaN(got.Lo) {
		t.Errorf("empty sample: got %+v", got)
	}
	if got := metrics.BootstrapRatioOfMedians(slow, []float64{0, 0}, 9, 0.95, 1, 1); !math.IsNaN(got.Estimate) || got.Draws != 0 {
		t.Errorf("zero denominator: got %+v", got)
	}
	if m := metrics.BootstrapMedian([]float64{1, 2, 3}, 199, 0.9, 3, 1); m.Estimate != 2 || m.Lo < 1 || m.Hi > 3 {
		t.Errorf("median: got %+v", m)
	}
}

func TestDeriveSeed(t *testing.T) {
	if metrics.DeriveSeed(1, 2, 3) != metrics.DeriveSeed(1, 2, 3) {
		t.Error("not deterministic")
	}
	seen := map[uint64]bool{}
	for i := range uint64(1000) {
		seen[metrics.DeriveSeed(1, i)] = true
		seen[metrics.DeriveSeed(2, i)] = true
	}
	if len(seen) != 2000 {
		t.Errorf("collisions: %d distinct of 2000", len(seen))
	}
}

// TestMedianRandom checks the quickselect median against sorting, with
// many ties.
func TestMedianRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for range 500 {
		n := 1 + rng.IntN(40)
		x := make([]float64, n)
		for i := range x {
			x[i] = float64(rng.IntN(8))
		}
		s := append([]float64(nil), x...)
		slices.Sort(s)
		want := s[n/2]
		if n%2 == 0 {
			want = (s[n/2-1] + s[n/2]) / 2
		}
		if got := metrics.Median(x); got != want {
			t.Fatalf("Median(%v) = %v, want %v", x, got, want)
		}
	}
}
