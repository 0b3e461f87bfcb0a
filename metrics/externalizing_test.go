package metrics_test

import (
	"math"
	"math/rand/v2"
	"strconv"
	"testing"
	"time"

	"github.com/copnet/copnet/graph"
	"github.com/copnet/copnet/io/csvio"
	"github.com/copnet/copnet/metrics"
)

// TestExchangeMatchesNetworkX compares density, reciprocity, transitivity
// and average clustering with NetworkX (testdata/reference/exchange.csv,
// made by externalizing.py) on karate, every quarter and department of
// email-eu-core, and every year of the demo.
func TestExchangeMatchesNetworkX(t *testing.T) {
	demo, _, err := csvio.Demo()
	if err != nil {
		t.Fatal(err)
	}
	nets := map[string]struct {
		net  *graph.Network
		unit graph.Unit
	}{
		"karate":        {loadDirected(t, "../testdata/karate"), graph.Static},
		"email-eu-core": {load(t, "../testdata/email-eu-core"), graph.Quarter},
		"demo":          {demo, graph.Year},
	}
	got := map[[3]string]metrics.ExchangeWindow{}
	for name, d := range nets {
		res, err := metrics.Externalize(d.net, metrics.ExternalizingOptions{Windows: graph.WindowSpec{Unit: d.unit}})
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range res.Exchange {
			got[[3]string{name, d.net.ScopeID(e.Scope), res.Windows[e.Window].Label()}] = e
		}
	}
	checked := 0
	for _, rec := range readTable(t, "../testdata/reference/exchange.csv") {
		e, ok := got[[3]string{rec[0], rec[1], rec[2]}]
		if !ok {
			t.Errorf("%v: no result", rec[:3])
			continue
		}
		n, _ := strconv.Atoi(rec[3])
		arcs, _ := strconv.Atoi(rec[4])
		if e.Active != n || e.Arcs != arcs {
			t.Errorf("%v: n %d arcs %d, NetworkX %d %d", rec[:3], e.Active, e.Arcs, n, arcs)
		}
		for i, v := range []float64{e.Density, e.Reciprocity, e.Transitivity, e.AverageClustering} {
			want := math.NaN()
			if rec[5+i] != "" {
				want, _ = strconv.ParseFloat(rec[5+i], 64)
			}
			if i == 2 && n == 0 {
				// NetworkX's transitivity of an empty graph is 0;
				// copnet leaves it undefined like every other figure
				// of a window without active members.
				want = math.NaN()
			}
			if !(math.IsNaN(v) && math.IsNaN(want)) && !(math.Abs(v-want) <= 1e-9) {
				t.Errorf("%v %s: %v, NetworkX %v", rec[:3], []string{"density", "reciprocity", "transitivity", "average_clustering"}[i], v, want)
			}
		}
		checked++
	}
	if checked < 300 {
		t.Errorf("only %d rows checked", checked)
	}
}

func TestEIKarate(t *testing.T) {
	net := load(t, "../testdata/karate")
	res, err := metrics.Externalize(net, metrics.ExternalizingOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// 11 ties across the factions, 67 inside: (11 − 67)/78.
	org := res.Exchange[0]
	if want := (11.0 - 67) / 78; math.Abs(org.EIFlows-want) > 1e-12 || math.Abs(org.EIWeight-want) > 1e-12 || math.Abs(org.EIFlows+0.718) > 5e-4 {
		t.Errorf("E-I %v (weight %v), want %v ≈ −0.718", org.EIFlows, org.EIWeight, want)
	}
	// Mr. Hi's faction: 35 internal ties, and the 11 crossing ones.
	if want := (11.0 - 35) / 46; math.Abs(res.Exchange[1].EIFlows-want) > 1e-12 {
		t.Errorf("mr-hi E-I %v, want %v", res.Exchange[1].EIFlows, want)
	}
}

func TestGini(t *testing.T) {
	cases := []struct {
		v    []float64
		want float64
	}{
		{[]float64{1, 1, 1, 1}, 0},
		{[]float64{0, 0, 0, 4}, 0.75}, // (n−1)/n for one holder
		{[]float64{1, 2, 3, 4}, 0.25}, // Σ|xi−xj| = 20 over 2·16·2.5
		{nil, math.NaN()},
	}
	for _, c := range cases {
		if got := metrics.Gini(c.v); !sameFloat(got, c.want) {
			t.Errorf("Gini(%v) = %v, want %v", c.v, got, c.want)
		}
	}
}

func randomProfiles(rng *rand.Rand, n, items int) []metrics.Profile {
	var ps []metrics.Profile
	for m := range n {
		p := metrics.Profile{Member: int32(m)}
		for k := range items {
			if rng.Float64() < 0.3 {
				p.Items = append(p.Items, int32(k))
				p.Counts = append(p.Counts, int32(1+rng.IntN(5)))
			}
		}
		if len(p.Items) == 0 {
			p.Items, p.Counts = []int32{int32(rng.IntN(items))}, []int32{1}
		}
		ps = append(ps, p)
	}
	return ps
}

// TestMeanCosineBruteForce compares the O(nnz) identity with pairwise
// cosines on random profiles.
func TestMeanCosineBruteForce(t *testing.T) {
	for seed := range 100 {
		rng := rand.New(rand.NewPCG(uint64(seed), 5))
		n, items := 2+rng.IntN(30), 1+rng.IntN(15)
		ps := randomProfiles(rng, n, items)
		dense := func(p metrics.Profile) []float64 {
			v := make([]float64, items)
			for k, it := range p.Items {
				v[it] = float64(p.Counts[k])
			}
			return v
		}
		sum := 0.0
		for i := range n {
			for j := range n {
				if i == j {
					continue
				}
				a, b := dense(ps[i]), dense(ps[j])
				dot, na, nb := 0.0, 0.0, 0.0
				for k := range a {
					dot += a[k] * b[k]
					na += a[k] * a[k]
					nb += b[k] * b[k]
				}
				sum += dot / math.Sqrt(na*nb)
			}
		}
		want := sum / float64(n*(n-1))
		if got := metrics.MeanCosine(ps, items); math.Abs(got-want) > 1e-12 {
			t.Fatalf("seed %d: mean cosine %v, brute force %v", seed, got, want)
		}
	}
}

func TestMeanJaccard(t *testing.T) {
	for seed := range 50 {
		rng := rand.New(rand.NewPCG(uint64(seed), 9))
		n, items := 2+rng.IntN(40), 1+rng.IntN(20)
		ps := randomProfiles(rng, n, items)
		sum, pairs := 0.0, 0
		for i := range n {
			for j := i + 1; j < n; j++ {
				a, b := map[int32]bool{}, map[int32]bool{}
				for _, k := range ps[i].Items {
					a[k] = true
				}
				for _, k := range ps[j].Items {
					b[k] = true
				}
				inter, union := 0, len(a)
				for k := range b {
					if a[k] {
						inter++
					} else {
						union++
					}
				}
				sum += float64(inter) / float64(union)
				pairs++
			}
		}
		exact := metrics.MeanJaccard(ps, 1000, 0, 1)
		if !exact.Exact || exact.Pairs != pairs || math.Abs(exact.Mean-sum/float64(pairs)) > 1e-12 {
			t.Fatalf("seed %d: exact %+v, brute force %v over %d pairs", seed, exact, sum/float64(pairs), pairs)
		}
		// Sampling: same seed, same estimate; close to the exact mean.
		a, b := metrics.MeanJaccard(ps, 1, 50000, 7), metrics.MeanJaccard(ps, 1, 50000, 7)
		if a != b || a.Exact || a.Pairs != 50000 || math.Abs(a.Mean-exact.Mean) > 0.02 {
			t.Fatalf("seed %d: sampled %+v / %+v, exact %v", seed, a, b, exact.Mean)
		}
	}
}

// TestSEDETagsFirstUse: every tag of the export is listed, its first use
// the first question carrying it (testdata/reference/sede_tags.csv, made
// by sede_tags.py with pandas).
func TestSEDETagsFirstUse(t *testing.T) {
	net, _, err := csvio.LoadSEDE("../testdata/sede-history-meta", csvio.Options{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := metrics.Externalize(net, metrics.ExternalizingOptions{})
	if err != nil {
		t.Fatal(err)
	}
	first := map[string]string{}
	for _, it := range res.Items {
		if it.Scope == graph.Organization {
			first[net.Items[it.Item]] = time.Unix(0, it.FirstUse).UTC().Format(time.RFC3339)
		}
	}
	ref := readTable(t, "../testdata/reference/sede_tags.csv")
	if len(first) != len(ref) {
		t.Errorf("%d tags listed, the export has %d", len(first), len(ref))
	}
	for _, rec := range ref {
		if first[rec[0]] != rec[1] {
			t.Errorf("tag %s: first use %q, first question %s", rec[0], first[rec[0]], rec[1])
		}
	}
}

// TestObjectifiedByHand follows one item through weekly windows.
func TestObjectifiedByHand(t *testing.T) {
	b := graph.NewBuilder()
	b.SetHasTime(true)
	for _, id := range []string{"a", "b", "c", "d"} {
		b.AddMember(graph.Member{ID: id})
	}
	x, y := b.Item("x"), b.Item("y")
	day := func(d int) int64 { return time.Date(2021, 1, 4+d, 0, 0, 0, 0, time.UTC).UnixNano() }
	add := func(s, t int32, d int, items ...int32) {
		if err := b.AddFlow(graph.Flow{Source: s, Target: t, Weight: 1, Time: day(d), Community: graph.None, Kind: graph.None}, items); err != nil {
			panic(err)
		}
	}
	// Week 0: a→b x, c→d y. Week 1: a→c x. Week 2: b→d x, a→b. Week 3: c→d.
	add(0, 1, 0, x)
	add(2, 3, 1, y)
	add(0, 2, 7, x)
	add(1, 3, 14, x)
	add(0, 1, 15)
	add(2, 3, 21)
	net := b.Network()
	res, err := metrics.Externalize(net, metrics.ExternalizingOptions{Windows: graph.WindowSpec{Unit: graph.Week}, Theta: 0.5, Persist: 3})
	if err != nil {
		t.Fatal(err)
	}
	it := res.Items[0]
	// x: week 0 a, b of 4 active (0.5); week 1 a, c of 2 (1); week 2 b, d
	// of 4 (0.5); week 3 none of 2 (0).
	if net.Items[it.Item] != "x" || it.FirstWindow != 0 || it.ObjectifiedWindow != 2 || it.WindowsShared != 3 ||
		it.PeakShare != 1 || it.PeakWindow != 1 || it.Uses != 3 || it.Adopters != 4 || len(it.Originators) != 1 || it.Originators[0] != 0 {
		t.Errorf("x: %+v", it)
	}
	var curve []metrics.Adoption
	for _, a := range res.Adoption {
		if a.Scope == graph.Organization && a.Item == x {
			curve = append(curve, a)
		}
	}
	wantNew := []int{2, 1, 1, 0}
	wantCum := []int{2, 3, 4, 4}
	for w, a := range curve {
		if a.NewAdopters != wantNew[w] || a.CumulativeAdopters != wantCum[w] {
			t.Errorf("x week %d: new %d cumulative %d, want %d %d", w, a.NewAdopters, a.CumulativeAdopters, wantNew[w], wantCum[w])
		}
	}
	// Week 0 convergence: uses x 1, y 1 → entropy ln 2, normalized 1,
	// Herfindahl 0.5; profiles a{x} b{x} c{y} d{y}: cosines 1 for (a,b),
	// (c,d), 0 otherwise → mean over 12 ordered pairs 4/12.
	c := res.Convergence[0]
	if c.ItemsInUse != 2 || !sameFloat(c.Entropy, math.Ln2) || !sameFloat(c.NormalizedEntropy, 1) || !sameFloat(c.Herfindahl, 0.5) || !sameFloat(c.MeanCosine, 1.0/3) || !sameFloat(c.MeanJaccard, 1.0/3) {
		t.Errorf("week 0 convergence: %+v", c)
	}
	// With θ = 0.5 both items are shared in week 0 (2 of 4 members each).
	if c.SharedItems != 2 || !sameFloat(c.SharedUseShare, 1) {
		t.Errorf("week 0 shared: %d items, share %v", c.SharedItems, c.SharedUseShare)
	}
	// Week 2 has a flow without knowledge: a and b... profiles b{x} d{x}.
	if c := res.Convergence[2]; c.Profiled != 2 || !sameFloat(c.MeanCosine, 1) {
		t.Errorf("week 2: %+v", c)
	}
	if c := res.Convergence[3]; c.ItemsInUse != 0 || !math.IsNaN(c.Entropy) || !math.IsNaN(c.MeanCosine) {
		t.Errorf("week 3 without knowledge: %+v", c)
	}
}
