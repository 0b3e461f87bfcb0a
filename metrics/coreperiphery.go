package metrics

import (
	"cmp"
	"math"
	"slices"

	"gonum.org/v1/gonum/optimize"

	"github.com/copnet/copnet/graph"
)

// Continuous is the Borgatti–Everett (1999) continuous core/periphery model
// of the undirected, unweighted projection.
type Continuous struct {
	// Coreness[i] is node i's coreness c_i: c_i·c_j approximates the tie
	// a_ij in the least-squares sense, so values are on the scale of tie
	// probabilities (they are not normalized).
	Coreness []float64
	// Rho is the correlation between a_ij and c_i·c_j over pairs i < j
	// (NaN when undefined, for instance with fewer than 3 nodes).
	Rho float64
	// Sweeps is the number of optimizer iterations used.
	Sweeps int
}

// ContinuousCoreness fits c minimizing Σ_{i≠j} (a_ij − c_i c_j)², the
// continuous model of Borgatti & Everett (1999) as UCINET computes it
// (MINRES, diagonal excluded). The loss and its gradient cost O(n + m):
//
//	f(c) = 2m − 4 Σ_{edges} c_i c_j + (Σc²)² − Σc⁴
//	∂f/∂c_k = −4 (Ac)_k + 4 c_k (Σc² − c_k²)
//
// and L-BFGS (gonum/optimize) minimizes it from the degrees, scaled, until
// the gradient norm is below 1e-9 or after maxIter iterations (0 means
// 1000).
//
// The model is often described as the c maximizing the correlation between
// A and ccᵀ; taken literally that problem has no maximum (near-constant
// vectors approach an additive pattern, ρ ≈ 0.4805 on the karate club), so
// copnet fits the least-squares model and reports its correlation, as
// UCINET does (ρ ≈ 0.4525 on the karate club).
func ContinuousCoreness(p *graph.Projection, maxIter int) Continuous {
	n := p.N()
	if maxIter <= 0 {
		maxIter = 1000
	}
	c := make([]float64, n)
	s2 := 0.0
	for i := range n {
		c[i] = float64(p.UOff[i+1] - p.UOff[i])
		s2 += c[i] * c[i]
	}
	out := Continuous{Coreness: c, Rho: math.NaN()}
	if s2 == 0 {
		return out
	}
	for i := range c {
		c[i] /= math.Sqrt(s2)
	}
	ac := make([]float64, n)
	eval := func(x []float64, grad []float64) float64 {
		s2, s4, edges := 0.0, 0.0, 0.0
		for k := range n {
			sum := 0.0
			for _, j := range p.Neighbours(k) {
				sum += x[j]
			}
			ac[k] = sum
			x2 := x[k] * x[k]
			s2 += x2
			s4 += x2 * x2
			edges += x[k] * sum
		}
		if grad != nil {
			for k := range n {
				grad[k] = -4*ac[k] + 4*x[k]*(s2-x[k]*x[k])
			}
		}
		// edges counts each edge twice.
		return 2*float64(p.Edges()) - 2*edges + s2*s2 - s4
	}
	// The line search asks for the loss and then the gradient at the same
	// point: one pass computes both, and the gradient waits for the call
	// that asks for it at that point.
	lastX, lastG := make([]float64, n), make([]float64, n)
	haveLast := false
	problem := optimize.Problem{
		Func: func(x []float64) float64 {
			f := eval(x, lastG)
			copy(lastX, x)
			haveLast = true
			return f
		},
		Grad: func(grad, x []float64) {
			if haveLast && slices.EqualFunc(x, lastX, func(a, b float64) bool { return math.Float64bits(a) == math.Float64bits(b) }) {
				copy(grad, lastG)
				return
			}
			eval(x, grad)
		},
	}
	settings := &optimize.Settings{GradientThreshold: 1e-9, MajorIterations: maxIter, Converger: &optimize.FunctionConverge{Absolute: 1e-14, Relative: 1e-14, Iterations: 20}}
	res, err := optimize.Minimize(problem, c, settings, &optimize.LBFGS{})
	if err == nil || res != nil {
		if res != nil {
			copy(c, res.X)
			out.Sweeps = res.Stats.MajorIterations
		}
	}
	// c and −c fit equally; report the orientation with positive sum.
	sum := 0.0
	for _, x := range c {
		sum += x
	}
	if sum < 0 {
		for i := range c {
			c[i] = -c[i]
		}
	}
	out.Rho = productCorrelation(p, c)
	return out
}

// productCorrelation is the correlation between a_ij and c_i c_j over the
// pairs i < j, in O(n + m) from sums of powers.
func productCorrelation(p *graph.Projection, c []float64) float64 {
	n := float64(p.N())
	pairs := n * (n - 1) / 2
	if pairs < 2 {
		return math.NaN()
	}
	s1, s2, s4 := 0.0, 0.0, 0.0
	for _, x := range c {
		s1 += x
		s2 += x * x
		s4 += x * x * x * x
	}
	sumX := (s1*s1 - s2) / 2
	sumX2 := (s2*s2 - s4) / 2
	sumA := float64(p.Edges())
	sumAX := 0.0
	for i := range p.Nodes {
		for _, j := range p.Neighbours(i) {
			if int(j) > i {
				sumAX += c[i] * c[j]
			}
		}
	}
	return correlation(pairs, sumA, sumA, sumX, sumX2, sumAX)
}

// correlation returns Pearson's r from N and the sums Σa, Σa², Σx, Σx²,
// Σax; NaN when either variance is zero.
func correlation(n, sa, saa, sx, sxx, sax float64) float64 {
	va := n*saa - sa*sa
	vx := n*sxx - sx*sx
	if !(va > 0) || !(vx > 0) {
		return math.NaN()
	}
	return (n*sax - sa*sx) / math.Sqrt(va*vx)
}

// Discrete is the Borgatti–Everett discrete core/periphery fit.
type Discrete struct {
	// Core[i] is true for the core nodes.
	Core []bool
	// Size is the number of core nodes.
	Size int
	// Rho is the correlation between a_ij and the ideal pattern δ_ij (1 for
	// core–core pairs, 0 for periphery–periphery pairs; core–periphery
	// pairs ignored); NaN when no split gives both kinds of pairs and ties
	// that vary, for instance below 4 nodes.
	Rho float64
	// Exact is true when every split was examined.
	Exact bool
}

// DefaultExactNodes is the size up to which DiscreteCore examines every
// split (2^n of them, by Gray code, O(degree) each).
const DefaultExactNodes = 16

// DiscreteCore finds the core set maximizing the correlation between the
// undirected, unweighted adjacency matrix and the ideal core/periphery
// pattern with the core–periphery block ignored (Borgatti & Everett 1999).
//
// Up to exactNodes nodes (0 means DefaultExactNodes) every split is
// examined, so the fit is optimal. Above, the search is degree-ordered:
// every prefix of the nodes sorted by degree (then index) is a candidate
// core, which costs O(n log n + m), and the best prefix is then refined by
// moving single nodes in or out of the core while the correlation improves
// (each pass O(n + m)). A degree-ordered search alone is not exact: on
// random graphs of 4 to 11 nodes it misses the optimum about a quarter of
// the time, and the refinement halves that.
func DiscreteCore(p *graph.Projection, exactNodes int) Discrete {
	if exactNodes <= 0 {
		exactNodes = DefaultExactNodes
	}
	return discreteCore(p, exactNodes)
}

// discreteCore is DiscreteCore examining every split up to exactNodes
// nodes, never for 0.
func discreteCore(p *graph.Projection, exactNodes int) Discrete {
	n := p.N()
	st := newSplit(p)
	if n <= exactNodes && n <= 30 {
		return st.exhaustive()
	}
	order := make([]int32, n)
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortStableFunc(order, func(a, b int32) int { return cmp.Compare(st.deg[b], st.deg[a]) })
	best, bestK := math.Inf(-1), -1
	for k, v := range order {
		st.flip(int(v))
		if r := st.rho(); r > best {
			best, bestK = r, k+1
		}
	}
	// Back to the best prefix.
	for k := n - 1; k >= bestK && k >= 0; k-- {
		st.flip(int(order[k]))
	}
	if bestK < 0 {
		return Discrete{Core: make([]bool, n), Rho: math.NaN()}
	}
	// Refine by single moves while the correlation improves.
	for pass := 0; pass < 100; pass++ {
		improved := false
		for _, v := range order {
			before := st.rho()
			st.flip(int(v))
			if after := st.rho(); after > before+1e-12 {
				improved = true
			} else {
				st.flip(int(v))
			}
		}
		if !improved {
			break
		}
	}
	return st.result(false)
}

// split tracks a core set with the counts the correlation needs.
type split struct {
	p        *graph.Projection
	n        int
	deg      []int32
	inCore   []bool
	tieCore  []int32 // neighbours in the core
	k        int     // core size
	ecc, epp int     // edges inside the core, inside the periphery
}

func newSplit(p *graph.Projection) *split {
	n := p.N()
	st := &split{p: p, n: n, deg: make([]int32, n), inCore: make([]bool, n), tieCore: make([]int32, n), epp: p.Edges()}
	for i := range n {
		st.deg[i] = p.UOff[i+1] - p.UOff[i]
	}
	return st
}

// flip moves node v across the split in O(degree).
func (st *split) flip(v int) {
	tc := int(st.tieCore[v])
	tp := int(st.deg[v]) - tc
	d := int32(1)
	if st.inCore[v] {
		st.ecc -= tc
		st.epp += tp
		st.k--
		d = -1
	} else {
		st.ecc += tc
		st.epp -= tp
		st.k++
	}
	st.inCore[v] = !st.inCore[v]
	for _, u := range st.p.Neighbours(v) {
		st.tieCore[u] += d
	}
}

// rho is the correlation of the current split; -Inf when undefined so that
// comparisons skip it.
func (st *split) rho() float64 {
	k, n := float64(st.k), float64(st.n)
	ncc := k * (k - 1) / 2
	npp := (n - k) * (n - k - 1) / 2
	sa := float64(st.ecc + st.epp)
	r := correlation(ncc+npp, sa, sa, ncc, ncc, float64(st.ecc))
	if math.IsNaN(r) {
		return math.Inf(-1)
	}
	return r
}

func (st *split) result(exact bool) Discrete {
	r := st.rho()
	d := Discrete{Core: slices.Clone(st.inCore), Size: st.k, Rho: r, Exact: exact}
	if math.IsInf(r, -1) {
		d = Discrete{Core: make([]bool, st.n), Rho: math.NaN(), Exact: exact}
	}
	return d
}

// exhaustive visits every split in Gray-code order (one flip per step)
// and keeps the best; ties keep the first found.
func (st *split) exhaustive() Discrete {
	best := math.Inf(-1)
	var bestCore []bool
	total := uint64(1) << st.n
	for i := uint64(1); i < total; i++ {
		// The bit that changes between gray(i-1) and gray(i) is the lowest
		// set bit of i.
		v := 0
		for x := i; x&1 == 0; x >>= 1 {
			v++
		}
		st.flip(v)
		if r := st.rho(); r > best {
			best = r
			bestCore = slices.Clone(st.inCore)
		}
	}
	if bestCore == nil {
		return Discrete{Core: make([]bool, st.n), Rho: math.NaN(), Exact: true}
	}
	size := 0
	for _, c := range bestCore {
		if c {
			size++
		}
	}
	return Discrete{Core: bestCore, Size: size, Rho: best, Exact: true}
}
