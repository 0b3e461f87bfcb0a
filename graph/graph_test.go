package graph_test

import (
	"cmp"
	"errors"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/copnet/copnet/graph"
)

// build makes a network from "source target time weight [community]"
// tuples; members are declared in the order given.
type flowSpec struct {
	s, t  string
	when  string // RFC 3339, or "" for no time
	w     float64
	comm  string
	knows []string
}

func build(t *testing.T, members []graph.Member, comms []string, flows []flowSpec) *graph.Network {
	t.Helper()
	b := graph.NewBuilder()
	for _, c := range comms {
		if _, err := b.AddCommunity(graph.Community{ID: c}); err != nil {
			t.Fatal(err)
		}
	}
	for _, m := range members {
		if _, err := b.AddMember(m); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range flows {
		s, _, err := b.Member(f.s)
		if err != nil {
			t.Fatal(err)
		}
		d, _, err := b.Member(f.t)
		if err != nil {
			t.Fatal(err)
		}
		fl := graph.Flow{Source: s, Target: d, Weight: f.w, Community: graph.None, Kind: graph.None}
		if f.when != "" {
			tm, err := time.Parse(time.RFC3339, f.when)
			if err != nil {
				t.Fatal(err)
			}
			fl.Time = tm.UnixNano()
			b.SetHasTime(true)
		}
		if f.comm != "" {
			c, _, err := b.Community(f.comm)
			if err != nil {
				t.Fatal(err)
			}
			fl.Community = c
		}
		var items []int32
		for _, k := range f.knows {
			items = append(items, b.Item(k))
		}
		if err := b.AddFlow(fl, items); err != nil {
			t.Fatal(err)
		}
	}
	return b.Network()
}

func TestBuilderErrors(t *testing.T) {
	b := graph.NewBuilder()
	if _, err := b.AddMember(graph.Member{ID: "a", Name: "Ann"}); err != nil {
		t.Fatal(err)
	}
	if _, err := b.AddMember(graph.Member{ID: "a", Name: "Bob"}); !errors.Is(err, graph.ErrDuplicateID) {
		t.Errorf("duplicate member: got %v, want ErrDuplicateID", err)
	}
	if _, err := b.AddMember(graph.Member{}); !errors.Is(err, graph.ErrEmptyID) {
		t.Errorf("empty id: got %v, want ErrEmptyID", err)
	}
	if _, err := b.AddCommunity(graph.Community{ID: "c"}); err != nil {
		t.Fatal(err)
	}
	if _, err := b.AddCommunity(graph.Community{ID: "c"}); !errors.Is(err, graph.ErrDuplicateID) {
		t.Errorf("duplicate community: got %v, want ErrDuplicateID", err)
	}
	for _, w := range []float64{0, -1, nan(), inf()} {
		if err := b.AddFlow(graph.Flow{Weight: w, Community: graph.None}, nil); !errors.Is(err, graph.ErrWeight) {
			t.Errorf("weight %v: got %v, want ErrWeight", w, err)
		}
	}
	b.StrictMembers, b.StrictCommunities = true, true
	if _, _, err := b.Member("zz"); !errors.Is(err, graph.ErrUnknownMember) {
		t.Errorf("strict unknown member: got %v, want ErrUnknownMember", err)
	}
	if _, _, err := b.Community("zz"); !errors.Is(err, graph.ErrUnknownCommunity) {
		t.Errorf("strict unknown community: got %v, want ErrUnknownCommunity", err)
	}
	b.StrictMembers = false
	i, added, err := b.Member("zz")
	if err != nil || !added || i != 1 {
		t.Errorf("lenient unknown member: got %d, %v, %v; want 1, true, nil", i, added, err)
	}
}

func TestFlowsSortedStably(t *testing.T) {
	net := build(t, nil, nil, []flowSpec{
		{s: "a", t: "b", when: "2021-01-03T00:00:00Z", w: 1},
		{s: "b", t: "c", when: "2021-01-01T00:00:00Z", w: 2},
		{s: "c", t: "a", when: "2021-01-03T00:00:00Z", w: 3},
		{s: "a", t: "c", when: "2021-01-02T00:00:00Z", w: 4, knows: []string{"x", "y", "x"}},
	})
	var got []float64
	for _, f := range net.Flows {
		got = append(got, f.Weight)
	}
	if want := []float64{2, 4, 1, 3}; !slices.Equal(got, want) {
		t.Errorf("flow order by weight: got %v, want %v", got, want)
	}
	if k := net.Knowledge(&net.Flows[1]); len(k) != 2 || net.Items[k[0]] != "x" || net.Items[k[1]] != "y" {
		t.Errorf("knowledge of flow: got %v, want [x y] deduplicated", k)
	}
	if net.AddedMembers() != 3 {
		t.Errorf("added members: got %d, want 3", net.AddedMembers())
	}
}

func mustSpec(t *testing.T, s string) graph.WindowSpec {
	t.Helper()
	spec, err := graph.ParseWindowSpec(s)
	if err != nil {
		t.Fatal(err)
	}
	return spec
}

func TestWindows(t *testing.T) {
	// Wed 2021-03-31 23:00 to Mon 2021-04-12 10:00.
	net := build(t, nil, nil, []flowSpec{
		{s: "a", t: "b", when: "2021-03-31T23:00:00Z", w: 1},
		{s: "a", t: "b", when: "2021-04-01T00:00:00Z", w: 1},
		{s: "b", t: "c", when: "2021-04-05T00:00:00Z", w: 1},
		{s: "c", t: "a", when: "2021-04-12T10:00:00Z", w: 1},
	})
	type win struct {
		start  string
		lo, hi int
	}
	cases := []struct {
		spec  string
		label string // label of the first window
		want  []win
	}{
		{"month", "2021-03", []win{{"2021-03-01T00:00:00Z", 0, 1}, {"2021-04-01T00:00:00Z", 1, 4}}},
		{"quarter", "2021-Q1", []win{{"2021-01-01T00:00:00Z", 0, 1}, {"2021-04-01T00:00:00Z", 1, 4}}},
		{"year", "2021", []win{{"2021-01-01T00:00:00Z", 0, 4}}},
		{"week", "2021-W13", []win{{"2021-03-29T00:00:00Z", 0, 2}, {"2021-04-05T00:00:00Z", 2, 3}, {"2021-04-12T00:00:00Z", 3, 4}}},
		{"cumulative:week", "2021-W13", []win{{"2021-03-29T00:00:00Z", 0, 2}, {"2021-04-05T00:00:00Z", 0, 3}, {"2021-04-12T00:00:00Z", 0, 4}}},
		// 2021-03-25 is day 18711 = 7·2673 after the epoch.
		{"7d", "2021-03-25T00:00:00Z", []win{{"2021-03-25T00:00:00Z", 0, 1}, {"2021-04-01T00:00:00Z", 1, 3}, {"2021-04-08T00:00:00Z", 3, 4}}},
		// The span is 275 h; half of it after the first flow is 04-06 16:30.
		{"parts:2", "2021-03-31T23:00:00Z", []win{{"2021-03-31T23:00:00Z", 0, 3}, {"2021-04-06T16:30:00Z", 3, 4}}},
		{"all", "all", []win{{"1970-01-01T00:00:00Z", 0, 4}}},
		// 12 days: day is the coarsest unit giving at least 8 windows.
		{"auto", "2021-03-31", nil},
	}
	for _, c := range cases {
		t.Run(c.spec, func(t *testing.T) {
			ws, err := net.Windows(mustSpec(t, c.spec))
			if err != nil {
				t.Fatal(err)
			}
			if got := ws[0].Label(); got != c.label {
				t.Errorf("first label: got %q, want %q", got, c.label)
			}
			if c.want == nil {
				if len(ws) != 13 {
					t.Errorf("auto: got %d windows, want 13 days", len(ws))
				}
				return
			}
			if len(ws) != len(c.want) {
				t.Fatalf("got %d windows, want %d", len(ws), len(c.want))
			}
			for i, w := range ws {
				if got := w.StartTime().Format(time.RFC3339Nano); got != c.want[i].start || w.Lo != c.want[i].lo || w.Hi != c.want[i].hi {
					t.Errorf("window %d: got %s [%d,%d), want %s [%d,%d)", i, got, w.Lo, w.Hi, c.want[i].start, c.want[i].lo, c.want[i].hi)
				}
				if i > 0 && ws[i-1].End != w.Start {
					t.Errorf("window %d does not start where %d ends", i, i-1)
				}
			}
		})
	}
}

func TestWindowsEmptyKeptAndStatic(t *testing.T) {
	net := build(t, nil, nil, []flowSpec{
		{s: "a", t: "b", when: "2021-01-15T00:00:00Z", w: 1},
		{s: "a", t: "b", when: "2021-04-15T00:00:00Z", w: 1},
	})
	ws, err := net.Windows(mustSpec(t, "month"))
	if err != nil {
		t.Fatal(err)
	}
	if len(ws) != 4 || ws[1].Lo != ws[1].Hi || ws[2].Lo != ws[2].Hi {
		t.Errorf("months: got %d windows %+v, want 4 with two empty", len(ws), ws)
	}
	static := build(t, nil, nil, []flowSpec{{s: "a", t: "b", w: 1}})
	ws, err = static.Windows(mustSpec(t, "month"))
	if err != nil || len(ws) != 1 || ws[0].Hi != 1 {
		t.Errorf("static network: got %v, %v; want one window", ws, err)
	}
}

func TestWindowSpecErrors(t *testing.T) {
	for _, s := range []string{"", "fortnight", "0d", "-3d", "parts:0", "parts:x", "3x", "d"} {
		if _, err := graph.ParseWindowSpec(s); !errors.Is(err, graph.ErrWindowSpec) {
			t.Errorf("%q: got %v, want ErrWindowSpec", s, err)
		}
	}
	for _, s := range []string{"auto", "all", "day", "cumulative:month", "30d", "2w", "12h", "90m", "parts:7"} {
		spec, err := graph.ParseWindowSpec(s)
		if err != nil {
			t.Errorf("%q: %v", s, err)
			continue
		}
		if spec.String() != s {
			t.Errorf("round trip: got %q, want %q", spec.String(), s)
		}
	}
	net := build(t, nil, nil, []flowSpec{
		{s: "a", t: "b", when: "1990-01-01T00:00:00Z", w: 1},
		{s: "a", t: "b", when: "2021-01-01T00:00:00Z", w: 1},
	})
	if _, err := net.Windows(mustSpec(t, "1s")); !errors.Is(err, graph.ErrTooManyWindows) {
		t.Errorf("1s over 31 years: got %v, want ErrTooManyWindows", err)
	}
}

func TestProjection(t *testing.T) {
	// a→b twice, b→a, b→c, c→c (self), d declared but silent; flow c→a in
	// community x; e–f in community y only through membership.
	members := []graph.Member{{ID: "a"}, {ID: "b"}, {ID: "c"}, {ID: "d", Communities: []int32{0}}, {ID: "e", Communities: []int32{1}}, {ID: "f", Communities: []int32{1}}}
	net := build(t, members, []string{"x", "y"}, []flowSpec{
		{s: "a", t: "b", w: 1},
		{s: "a", t: "b", w: 2.5},
		{s: "b", t: "a", w: 1},
		{s: "b", t: "c", w: 2},
		{s: "c", t: "c", w: 7},
		{s: "c", t: "a", w: 1, comm: "x"},
		{s: "e", t: "f", w: 1},
	})
	p := net.Project(net.All(), graph.Organization, graph.ProjectOptions{})
	if p.N() != 5 || p.NActive != 5 || p.Arcs() != 5 || p.Edges() != 3+1 || p.Flows != 7 || p.SelfFlows != 1 || p.Weight != 15.5 {
		t.Errorf("org: got n=%d active=%d arcs=%d edges=%d flows=%d self=%d weight=%v; want 5 5 5 4 7 1 15.5",
			p.N(), p.NActive, p.Arcs(), p.Edges(), p.Flows, p.SelfFlows, p.Weight)
	}
	a, _ := p.Local(0)
	b, _ := p.Local(1)
	c, _ := p.Local(2)
	if w, ok := p.ArcWeight(a, b); !ok || w != 3.5 {
		t.Errorf("w(a→b): got %v %v, want 3.5", w, ok)
	}
	if w, ok := p.EdgeWeight(b, a); !ok || w != 4.5 {
		t.Errorf("w(a–b): got %v %v, want 4.5", w, ok)
	}
	if w, ok := p.EdgeWeight(a, c); !ok || w != 1 {
		t.Errorf("w(a–c): got %v %v, want 1", w, ok)
	}
	if _, ok := p.ArcWeight(a, c); ok {
		t.Errorf("arc a→c should not exist")
	}
	if n := p.OutFlows[p.OutOff[a]]; n != 2 {
		t.Errorf("flows on a→b: got %d, want 2", n)
	}
	// a sent 2 (to b), received 2 (from b and c); the self-flow c→c is
	// not counted.
	sent, received := p.FlowCounts()
	if sent[a] != 2 || received[a] != 2 || sent[c] != 1 || received[c] != 1 {
		t.Errorf("flow counts: a %d/%d c %d/%d, want 2/2 1/1", sent[a], received[a], sent[c], received[c])
	}
	if got := p.Predecessors(a); !slices.Equal(got, []int32{int32(b), int32(c)}) {
		t.Errorf("predecessors of a: got %v, want [b c]", got)
	}

	x := net.Project(net.All(), 0, graph.ProjectOptions{})
	if x.N() != 2 || x.Arcs() != 1 || x.Flows != 1 {
		t.Errorf("community x: got n=%d arcs=%d flows=%d, want 2 1 1", x.N(), x.Arcs(), x.Flows)
	}
	xa := net.Project(net.All(), 0, graph.ProjectOptions{AllMembers: true})
	if xa.N() != 3 || xa.NActive != 2 || xa.Active[slices.Index(xa.Nodes, 3)] {
		t.Errorf("community x with all members: got n=%d active=%d, want 3 2 with d inactive", xa.N(), xa.NActive)
	}
	y := net.Project(net.All(), 1, graph.ProjectOptions{})
	if y.N() != 2 || y.Flows != 1 {
		t.Errorf("community y through membership: got n=%d flows=%d, want 2 1", y.N(), y.Flows)
	}
	// A window with only a self-flow has no active member.
	w := net.All()
	w.Lo, w.Hi = 4, 5
	if s := net.Project(w, graph.Organization, graph.ProjectOptions{}); s.N() != 0 || s.Flows != 1 || s.SelfFlows != 1 {
		t.Errorf("self-flow window: got n=%d flows=%d, want 0 1", s.N(), s.Flows)
	}
}

func TestDGraph(t *testing.T) {
	net := build(t, nil, nil, []flowSpec{{s: "a", t: "b", w: 1.5}, {s: "b", t: "a", w: 1}, {s: "b", t: "c", w: 2}})
	p := net.Project(net.All(), graph.Organization, graph.ProjectOptions{})
	d, err := p.DGraph(net, true)
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := d.Order(); n != 3 {
		t.Errorf("order: got %d, want 3", n)
	}
	if m, _ := d.Size(); m != 3 {
		t.Errorf("directed size: got %d, want 3", m)
	}
	e, err := d.Edge("a", "b")
	if err != nil || e.Properties.Attributes["weight"] != "1.5" {
		t.Errorf("edge a→b: got %+v, %v; want weight attribute 1.5", e, err)
	}
	u, err := p.DGraph(net, false)
	if err != nil {
		t.Fatal(err)
	}
	if m, _ := u.Size(); m != 2 {
		t.Errorf("undirected size: got %d, want 2", m)
	}
	if e, err := u.Edge("b", "a"); err != nil || e.Properties.Attributes["weight"] != "2.5" {
		t.Errorf("edge b–a: got %+v, %v; want weight 2.5", e, err)
	}
}

func TestFlowOrderMatchesStableSort(t *testing.T) {
	for seed := range 40 {
		rng := rand.New(rand.NewPCG(uint64(seed), 7))
		n := 1 + rng.IntN(3000)
		b := graph.NewBuilder()
		b.SetHasTime(true)
		if _, err := b.AddMember(graph.Member{ID: "a"}); err != nil {
			t.Fatal(err)
		}
		times := make([]int64, n)
		for i := range times {
			switch seed % 3 {
			case 0: // random with ties
				times[i] = rng.Int64N(50)
			case 1: // sorted with a few outliers
				times[i] = int64(i)
				if rng.IntN(500) == 0 {
					times[i] = rng.Int64N(int64(2 * n))
				}
			default: // descending blocks
				times[i] = int64(n - i/10)
			}
			if err := b.AddFlow(graph.Flow{Time: times[i], Weight: float64(i + 1), Community: graph.None, Kind: graph.None}, nil); err != nil {
				t.Fatal(err)
			}
		}
		net := b.Network()
		idx := make([]int, n)
		for i := range idx {
			idx[i] = i
		}
		slices.SortStableFunc(idx, func(x, y int) int { return cmp.Compare(times[x], times[y]) })
		for i, f := range net.Flows {
			if int(f.Weight)-1 != idx[i] {
				t.Fatalf("seed %d: flow %d is input row %d, want %d", seed, i, int(f.Weight)-1, idx[i])
			}
		}
	}
}
