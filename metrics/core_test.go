package metrics_test

import (
	"math"
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/copnet/copnet/graph"
	"github.com/copnet/copnet/metrics"
)

// TestCoreNumbersKarate compares with NetworkX core_number
// (testdata/reference/karate_core.csv, made by internalizing.py).
func TestCoreNumbersKarate(t *testing.T) {
	net := load(t, "../testdata/karate")
	p := net.Project(net.All(), graph.Organization, graph.ProjectOptions{AllMembers: true})
	core := metrics.CoreNumbers(p)
	for _, rec := range readTable(t, "../testdata/reference/karate_core.csv") {
		m, _ := net.MemberIndex(rec[0])
		i, _ := p.Local(m)
		if want, _ := strconv.Atoi(rec[1]); int(core[i]) != want {
			t.Errorf("member %s: core %d, want %d", rec[0], core[i], want)
		}
	}
	shells := map[int32]int{}
	for _, k := range core {
		shells[k]++
	}
	if metrics.MaxCore(core) != 4 || shells[1] != 1 || shells[2] != 11 || shells[3] != 12 || shells[4] != 10 {
		t.Errorf("k_max %d, shells %v; want 4 and 1, 11, 12, 10", metrics.MaxCore(core), shells)
	}
}

// TestCoreNumbersEmailQuarters compares every quarter of email-eu-core with
// NetworkX, member by member.
func TestCoreNumbersEmailQuarters(t *testing.T) {
	net := load(t, "../testdata/email-eu-core")
	ws, err := net.Windows(graph.WindowSpec{Unit: graph.Quarter})
	if err != nil {
		t.Fatal(err)
	}
	got := map[[2]string]int32{}
	for _, w := range ws {
		p := net.Project(w, graph.Organization, graph.ProjectOptions{})
		for i, k := range metrics.CoreNumbers(p) {
			got[[2]string{w.Label(), net.Members[p.Nodes[i]].ID}] = k
		}
	}
	ref := readTable(t, "../testdata/reference/email_quarters_core.csv.gz")
	if len(ref) != len(got) {
		t.Errorf("%d member-quarters, NetworkX has %d", len(got), len(ref))
	}
	for _, rec := range ref {
		want, _ := strconv.Atoi(rec[2])
		if k, ok := got[[2]string{rec[0], rec[1]}]; !ok || int(k) != want {
			t.Errorf("%s member %s: core %d (present %v), want %d", rec[0], rec[1], k, ok, want)
		}
	}
}

// bruteCore is the definition: peel nodes of degree < k until none is left.
func bruteCore(n int, adj [][]bool) []int {
	core := make([]int, n)
	for k := 1; k <= n; k++ {
		alive := make([]bool, n)
		for i := range alive {
			alive[i] = true
		}
		for changed := true; changed; {
			changed = false
			for v := range n {
				if !alive[v] {
					continue
				}
				d := 0
				for u := range n {
					if alive[u] && adj[v][u] {
						d++
					}
				}
				if d < k {
					alive[v], changed = false, true
				}
			}
		}
		for v := range n {
			if alive[v] {
				core[v] = k
			}
		}
	}
	return core
}

func randomGraph(rng *rand.Rand, n int, p float64) ([][2]int, [][]bool) {
	adj := make([][]bool, n)
	for i := range adj {
		adj[i] = make([]bool, n)
	}
	var edges [][2]int
	for i := range n {
		for j := i + 1; j < n; j++ {
			if rng.Float64() < p {
				// Random direction, sometimes both: the undirected
				// projection must not care.
				switch rng.IntN(3) {
				case 0:
					edges = append(edges, [2]int{i, j})
				case 1:
					edges = append(edges, [2]int{j, i})
				default:
					edges = append(edges, [2]int{i, j}, [2]int{j, i})
				}
				adj[i][j], adj[j][i] = true, true
			}
		}
	}
	return edges, adj
}

func TestCoreNumbersRandom(t *testing.T) {
	for seed := range 200 {
		rng := rand.New(rand.NewPCG(uint64(seed), 3))
		n := 1 + rng.IntN(25)
		edges, adj := randomGraph(rng, n, rng.Float64())
		net := fromEdges(t, n, edges)
		p := net.Project(net.All(), graph.Organization, graph.ProjectOptions{AllMembers: true})
		got := metrics.CoreNumbers(p)
		want := bruteCore(n, adj)
		for v := range n {
			if int(got[v]) != want[v] {
				t.Fatalf("seed %d node %d: core %d, want %d", seed, v, got[v], want[v])
			}
		}
	}
}

// TestContinuousKarate compares with the least-squares fit computed by
// SciPy (testdata/reference/karate_be.csv).
func TestContinuousKarate(t *testing.T) {
	net := load(t, "../testdata/karate")
	p := net.Project(net.All(), graph.Organization, graph.ProjectOptions{AllMembers: true})
	fit := metrics.ContinuousCoreness(p, 0)
	for _, rec := range readTable(t, "../testdata/reference/karate_be.csv") {
		want, _ := strconv.ParseFloat(rec[1], 64)
		if rec[0] == "*" {
			if math.Abs(fit.Rho-want) > 1e-6 {
				t.Errorf("rho %.6f, want %.6f", fit.Rho, want)
			}
			continue
		}
		m, _ := net.MemberIndex(rec[0])
		i, _ := p.Local(m)
		if math.Abs(fit.Coreness[i]-want) > 1e-3 {
			t.Errorf("member %s: coreness %.6f, want %.6f", rec[0], fit.Coreness[i], want)
		}
	}
	if math.Abs(fit.Rho-0.45) > 0.01 {
		t.Errorf("rho %.4f, want about 0.45", fit.Rho)
	}
}

// bruteRho is the discrete fit's definition, recomputed for one split.
func bruteRho(n int, adj [][]bool, core []bool) float64 {
	var a, d []float64
	for i := range n {
		for j := i + 1; j < n; j++ {
			if core[i] != core[j] {
				continue
			}
			x := 0.0
			if adj[i][j] {
				x = 1
			}
			y := 0.0
			if core[i] {
				y = 1
			}
			a, d = append(a, x), append(d, y)
		}
	}
	return pearson(a, d)
}

func pearson(a, b []float64) float64 {
	n := float64(len(a))
	var sa, sb float64
	for i := range a {
		sa += a[i]
		sb += b[i]
	}
	ma, mb := sa/n, sb/n
	var cov, va, vb float64
	for i := range a {
		cov += (a[i] - ma) * (b[i] - mb)
		va += (a[i] - ma) * (a[i] - ma)
		vb += (b[i] - mb) * (b[i] - mb)
	}
	if va == 0 || vb == 0 {
		return math.NaN()
	}
	return cov / math.Sqrt(va*vb)
}

// TestDiscreteMatchesBruteForce compares the fit with every split of
// random graphs up to 12 nodes, and checks that the degree-ordered search
// (forced with exactNodes 1) never reports more than the optimum and
// reports the correlation of the core it returns.
func TestDiscreteMatchesBruteForce(t *testing.T) {
	heuristicHits, cases := 0, 0
	for seed := range 300 {
		rng := rand.New(rand.NewPCG(uint64(seed), 11))
		n := 2 + rng.IntN(11)
		edges, adj := randomGraph(rng, n, 0.1+0.6*rng.Float64())
		net := fromEdges(t, n, edges)
		p := net.Project(net.All(), graph.Organization, graph.ProjectOptions{AllMembers: true})
		best := math.Inf(-1)
		for mask := 0; mask < 1<<n; mask++ {
			core := make([]bool, n)
			for v := range n {
				core[v] = mask>>v&1 == 1
			}
			if r := bruteRho(n, adj, core); r > best {
				best = r
			}
		}
		fit := metrics.DiscreteCore(p, 0)
		if math.IsInf(best, -1) {
			if !math.IsNaN(fit.Rho) {
				t.Errorf("seed %d: rho %v for a graph without a defined split", seed, fit.Rho)
			}
			continue
		}
		cases++
		if !fit.Exact || math.Abs(fit.Rho-best) > 1e-12 {
			t.Errorf("seed %d (n=%d): rho %.15f, brute force %.15f", seed, n, fit.Rho, best)
		}
		if r := bruteRho(n, adj, fit.Core); math.Abs(r-fit.Rho) > 1e-12 {
			t.Errorf("seed %d: reported rho %v but its core has %v", seed, fit.Rho, r)
		}
		h := metrics.DiscreteCore(p, 1)
		if h.Exact || h.Rho > best+1e-12 {
			t.Errorf("seed %d: heuristic rho %v above the optimum %v", seed, h.Rho, best)
		}
		if r := bruteRho(n, adj, h.Core); !math.IsNaN(h.Rho) && math.Abs(r-h.Rho) > 1e-12 {
			t.Errorf("seed %d: heuristic reported %v, its core has %v", seed, h.Rho, r)
		}
		if math.Abs(h.Rho-best) <= 1e-12 {
			heuristicHits++
		}
	}
	t.Logf("degree-ordered search with refinement reached the optimum on %d of %d graphs", heuristicHits, cases)
}
