package metrics_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/copnet/copnet/graph"
	"github.com/copnet/copnet/metrics"
)

// TestCommunityAdvantageByHand: arcs 0→1, 1→0, 1→2, 2→0, 3→4; group
// {0, 1, 2} holds 4 arcs (density 4/6), 2 of them mutual (reciprocity
// 1/2) and a triangle (clustering 1). A random 3-subset of the 5 active
// members holds each arc with probability 3/10, so 1.5 arcs and density
// 1/4 on average; only the group itself reaches 4 arcs, so p → 1/10.
func TestCommunityAdvantageByHand(t *testing.T) {
	net := fromEdges(t, 5, [][2]int{{0, 1}, {1, 0}, {1, 2}, {2, 0}, {3, 4}})
	p := net.Project(net.All(), graph.Organization, graph.ProjectOptions{})
	vals := []float64{1, 0, math.NaN(), 5, 5}
	rows, err := metrics.CommunityAdvantage(&metrics.AdvantagePool{P: p, Values: []metrics.MemberValue{{Name: "retained", Values: vals}}},
		[]int32{2, 0, 1, 1}, metrics.AdvantageOptions{Draws: 20000, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		name     string
		observed float64
		mean     float64
	}{
		{metrics.IndicatorDensity, 4.0 / 6, 0.25},
		{metrics.IndicatorReciprocity, 0.5, math.NaN()},
		{metrics.IndicatorClustering, 1, math.NaN()},
		{"retained", 0.5, math.NaN()},
	}
	if len(rows) != len(want) {
		t.Fatalf("got %d rows, want %d", len(rows), len(want))
	}
	for i, w := range want {
		r := rows[i]
		if r.Indicator != w.name || r.Size != 3 || !near(r.Observed, w.observed) || r.Draws == 0 {
			t.Errorf("row %d: got %s size %d observed %v (%d draws), want %s 3 %v", i, r.Indicator, r.Size, r.Observed, r.Draws, w.name, w.observed)
		}
		if !math.IsNaN(w.mean) && math.Abs(r.NullMean-w.mean) > 0.01 {
			t.Errorf("%s: null mean %v, want about %v", w.name, r.NullMean, w.mean)
		}
	}
	if d := rows[0]; math.Abs(d.P-0.1) > 0.01 || d.Draws != 20000 {
		t.Errorf("density p %v over %d draws, want about 0.1", d.P, d.Draws)
	}
	// Triangle 0-1-2 is the only one: random groups have clustering 1
	// exactly when they are {0,1,2} (1/10), so p → 1/10 as well.
	if c := rows[2]; math.Abs(c.P-0.1) > 0.01 {
		t.Errorf("clustering p %v, want about 0.1", c.P)
	}
	// Retention: mean of the defined values of the members.
	if rows[3].NullMean < 1.5 || rows[3].NullMean > 4 {
		t.Errorf("retained null mean %v out of range", rows[3].NullMean)
	}
}

// TestCommunityAdvantageMatchesSubgraph checks the observed indicators on
// random graphs and groups against the induced subnetwork projected on
// its own (ExchangeOf's arcs and reciprocity, Triangles) and MeanCosine.
func TestCommunityAdvantageMatchesSubgraph(t *testing.T) {
	for seed := range 50 {
		rng := rand.New(rand.NewPCG(uint64(seed), 21))
		n := 3 + rng.IntN(30)
		edges, _ := randomGraph(rng, n, rng.Float64()*0.5)
		net := knowledgeNet(t, n, edges, rng)
		p := net.Project(net.All(), graph.Organization, graph.ProjectOptions{})
		var group []int32
		in := make([]bool, n)
		for i := range n {
			if rng.IntN(2) == 0 {
				if _, ok := p.Local(int32(i)); ok {
					group = append(group, int32(i))
					in[i] = true
				}
			}
		}
		sn := knowledgeSub(t, net, in)
		sp := sn.Project(sn.All(), graph.Organization, graph.ProjectOptions{AllMembers: true})
		profiles := metrics.Profiles(net, net.All(), graph.Organization)
		rows, err := metrics.CommunityAdvantage(&metrics.AdvantagePool{P: p, Profiles: profiles, Items: len(net.Items)}, group, metrics.AdvantageOptions{Draws: 5, Seed: 3})
		if err != nil {
			t.Fatal(err)
		}
		s := float64(len(group))
		ex := metrics.ExchangeOf(sp)
		wantDensity := math.NaN()
		if s > 1 {
			wantDensity = float64(ex.Arcs) / (s * (s - 1))
		}
		tri := metrics.Triangles(sp)
		wantClust := math.NaN()
		if s > 0 {
			sum := 0.0
			for i := range sp.Nodes {
				if d := float64(len(sp.Neighbours(i))); d > 1 {
					sum += 2 * float64(tri[i]) / (d * (d - 1))
				}
			}
			wantClust = sum / s
		}
		var subProfiles []metrics.Profile
		for _, pr := range profiles {
			if in[pr.Member] {
				subProfiles = append(subProfiles, pr)
			}
		}
		wantCos := metrics.MeanCosine(subProfiles, len(net.Items))
		for i, want := range []float64{wantDensity, ex.Reciprocity, wantClust, wantCos} {
			if !near(rows[i].Observed, want) {
				t.Errorf("seed %d %s: got %v, want %v", seed, rows[i].Indicator, rows[i].Observed, want)
			}
		}
	}
}

// knowledgeNet is fromEdges with each flow carrying one or two of four
// items.
func knowledgeNet(t testing.TB, n int, edges [][2]int, rng *rand.Rand) *graph.Network {
	t.Helper()
	b := graph.NewBuilder()
	for i := range n {
		if _, err := b.AddMember(graph.Member{ID: itoa(i)}); err != nil {
			t.Fatal(err)
		}
	}
	items := []int32{b.Item("a"), b.Item("b"), b.Item("c"), b.Item("d")}
	for _, e := range edges {
		k := []int32{items[rng.IntN(4)], items[rng.IntN(4)]}
		if err := b.AddFlow(graph.Flow{Source: int32(e[0]), Target: int32(e[1]), Weight: 1, Community: graph.None, Kind: graph.None}, k); err != nil {
			t.Fatal(err)
		}
	}
	return b.Network()
}

// knowledgeSub is the network of the flows of net between members in.
func knowledgeSub(t testing.TB, net *graph.Network, in []bool) *graph.Network {
	t.Helper()
	b := graph.NewBuilder()
	idx := map[int32]int32{}
	for i, m := range net.Members {
		if in[i] {
			j, err := b.AddMember(graph.Member{ID: m.ID})
			if err != nil {
				t.Fatal(err)
			}
			idx[int32(i)] = j
		}
	}
	for _, it := range net.Items {
		b.Item(it)
	}
	for i := range net.Flows {
		f := net.Flows[i]
		if in[f.Source] && in[f.Target] {
			g := f
			g.Source, g.Target = idx[f.Source], idx[f.Target]
			if err := b.AddFlow(graph.Flow{Source: g.Source, Target: g.Target, Weight: 1, Community: graph.None, Kind: graph.None}, net.Knowledge(&f)); err != nil {
				t.Fatal(err)
			}
		}
	}
	return b.Network()
}

// copNet generates a community-of-practice network in the manner of
// ../shared/tools/gen_cop.py, in Go: members in communities of equal
// size (labels assigned at random), fresh flows from a heavy-tailed
// sender to a member of the sender's community with probability intra and
// otherwise of another community, each answered by a reply (the reverse
// flow) with probability 0.15, or 0.6 inside community recip (-1 for
// none). It returns the network and each community's members.
func copNet(t testing.TB, seed uint64, members, communities, flows int, intra float64, recip int) (*graph.Network, [][]int32) {
	t.Helper()
	rng := rand.New(rand.NewPCG(seed, 0x636f70))
	label := make([]int, members)
	for i := range label {
		label[i] = i % communities
	}
	rng.Shuffle(members, func(i, j int) { label[i], label[j] = label[j], label[i] })
	groups := make([][]int32, communities)
	for i, c := range label {
		groups[c] = append(groups[c], int32(i))
	}
	fitness := make([]float64, members)
	total := 0.0
	for i := range fitness {
		fitness[i] = math.Min(100, 1/math.Pow(1-rng.Float64(), 0.5)) // 1+Pareto(2)-like
		total += fitness[i]
	}
	pick := func() int32 {
		x := rng.Float64() * total
		for i, f := range fitness {
			if x -= f; x < 0 {
				return int32(i)
			}
		}
		return int32(members - 1)
	}
	var edges [][2]int
	for len(edges) < flows {
		s := pick()
		var d int32
		if rng.Float64() < intra {
			g := groups[label[s]]
			d = g[rng.IntN(len(g))]
		} else {
			for {
				d = int32(rng.IntN(members))
				if label[d] != label[s] {
					break
				}
			}
		}
		if d == s {
			continue
		}
		edges = append(edges, [2]int{int(s), int(d)})
		reply := 0.15
		if label[s] == recip && label[d] == recip {
			reply = 0.6
		}
		if rng.Float64() < reply {
			edges = append(edges, [2]int{int(d), int(s)})
		}
	}
	return fromEdges(t, members, edges), groups
}

// TestCommunityAdvantageCalibration: with communities that are random
// labels (intra = 1/communities), p-values are uniform: over 200 seeded
// datasets the share of p < 0.05 is between 2% and 8%, for every
// indicator.
func TestCommunityAdvantageCalibration(t *testing.T) {
	const datasets = 200
	low := map[string]int{}
	for seed := range datasets {
		net, groups := copNet(t, uint64(seed), 120, 4, 600, 0.25, -1)
		p := net.Project(net.All(), graph.Organization, graph.ProjectOptions{})
		rows, err := metrics.CommunityAdvantage(&metrics.AdvantagePool{P: p}, groups[0], metrics.AdvantageOptions{Draws: 199, Seed: uint64(seed)})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			if r.P < 0.05 {
				low[r.Indicator]++
			}
		}
	}
	for _, ind := range []string{metrics.IndicatorDensity, metrics.IndicatorReciprocity, metrics.IndicatorClustering} {
		share := float64(low[ind]) / datasets
		t.Logf("%s: %.1f%% of p < 0.05", ind, 100*share)
		if share < 0.02 || share > 0.08 {
			t.Errorf("%s: %.1f%% of p-values below 0.05, want 2%%–8%%", ind, 100*share)
		}
	}
}

// TestCommunityAdvantagePlanted: with planted communities (intra 0.95)
// every community's density beats random groups with p < 0.01 (and q <
// 0.05 across the table), and so does the reciprocity of the one
// community whose members answer each other more.
//
// Reciprocity is planted in one community only on purpose: the arcs
// inside a random group are, like the community's own, mostly arcs
// inside some community (95% with intra 0.95), so when every community
// reciprocates alike the random groups reciprocate alike too, and no
// community can beat them; gen_cop.py's replies are of that kind (see
// testdata/claims/README.md).
func TestCommunityAdvantagePlanted(t *testing.T) {
	for seed := range 5 {
		net, groups := copNet(t, uint64(seed), 200, 5, 3000, 0.95, 2)
		p := net.Project(net.All(), graph.Organization, graph.ProjectOptions{})
		var ps []float64
		for c, g := range groups {
			rows, err := metrics.CommunityAdvantage(&metrics.AdvantagePool{P: p}, g, metrics.AdvantageOptions{Draws: 199, Seed: metrics.DeriveSeed(uint64(seed), uint64(c))})
			if err != nil {
				t.Fatal(err)
			}
			d, r := rows[0], rows[1]
			ps = append(ps, d.P)
			if !(d.P < 0.01) || !(d.Z > 3) {
				t.Errorf("seed %d community %d density: observed %v null %v±%v p %v", seed, c, d.Observed, d.NullMean, d.NullSD, d.P)
			}
			if c == 2 && !(r.P < 0.01) {
				t.Errorf("seed %d community %d reciprocity: observed %v null %v±%v p %v", seed, c, r.Observed, r.NullMean, r.NullSD, r.P)
			}
			if c != 2 && r.P < 0.01 {
				t.Errorf("seed %d community %d reciprocity: p %v, but it is not planted", seed, c, r.P)
			}
		}
		for _, q := range metrics.BenjaminiHochberg(ps) {
			if !(q < 0.05) {
				t.Errorf("seed %d: q %v", seed, q)
			}
		}
	}
}

func TestCommunityAdvantageWorkers(t *testing.T) {
	net, groups := copNet(t, 9, 150, 3, 1000, 0.8, -1)
	p := net.Project(net.All(), graph.Organization, graph.ProjectOptions{})
	pool := &metrics.AdvantagePool{P: p, Profiles: metrics.Profiles(net, net.All(), graph.Organization), Items: len(net.Items)}
	a, err := metrics.CommunityAdvantage(pool, groups[1], metrics.AdvantageOptions{Draws: 101, Seed: 5, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := metrics.CommunityAdvantage(pool, groups[1], metrics.AdvantageOptions{Draws: 101, Seed: 5, Workers: 3})
	for i := range a {
		if a[i] != b[i] && !(math.IsNaN(a[i].Z) && math.IsNaN(b[i].Z)) {
			t.Errorf("row %d depends on workers: %+v vs %+v", i, a[i], b[i])
		}
	}
	// Bad input is an error, not a panic.
	if _, err := metrics.CommunityAdvantage(&metrics.AdvantagePool{}, nil, metrics.AdvantageOptions{}); err == nil {
		t.Error("no projection: want an error")
	}
	if _, err := metrics.CommunityAdvantage(&metrics.AdvantagePool{P: p, Values: []metrics.MemberValue{{Name: "x"}}}, nil, metrics.AdvantageOptions{}); err == nil {
		t.Error("misaligned values: want an error")
	}
	// An empty group: NaN everywhere, no draws.
	rows, _ := metrics.CommunityAdvantage(&metrics.AdvantagePool{P: p}, nil, metrics.AdvantageOptions{Draws: 7})
	if rows[0].Size != 0 || rows[0].Draws != 0 || !math.IsNaN(rows[0].P) {
		t.Errorf("empty group: %+v", rows[0])
	}
}
