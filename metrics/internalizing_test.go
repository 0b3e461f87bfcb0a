package metrics_test

import (
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/copnet/copnet/graph"
	"github.com/copnet/copnet/metrics"
)

// timed builds a network from "source target day" triples (days after
// 2021-01-04, a Monday), one community "x" holding members a..d.
func timed(t *testing.T, flows []string) *graph.Network {
	t.Helper()
	b := graph.NewBuilder()
	b.SetHasTime(true)
	x, _ := b.AddCommunity(graph.Community{ID: "x"})
	for _, id := range []string{"a", "b", "c", "d", "e", "f"} {
		m := graph.Member{ID: id}
		if id <= "d" {
			m.Communities = []int32{x}
		}
		if _, err := b.AddMember(m); err != nil {
			t.Fatal(err)
		}
	}
	start := time.Date(2021, 1, 4, 0, 0, 0, 0, time.UTC)
	for _, f := range flows {
		var s, d string
		var day int
		parts := strings.Fields(f)
		s, d = parts[0], parts[1]
		for _, ch := range parts[2] {
			day = day*10 + int(ch-'0')
		}
		si, _, _ := b.Member(s)
		di, _, _ := b.Member(d)
		if err := b.AddFlow(graph.Flow{Source: si, Target: di, Weight: 1, Community: graph.None, Kind: graph.None,
			Time: start.AddDate(0, 0, day).UnixNano()}, nil); err != nil {
			t.Fatal(err)
		}
	}
	return b.Network()
}

// TestInternalizeByHand checks a small weekly history against values
// worked out by hand.
//
//	week 0: a–b, a–c, b–c (triangle), c→d         k: a,b,c 2; d 1
//	week 1: a–b, a–e                              k: all 1
//	week 2: (nothing)
//	week 3: a–b, b–d, a–d, e→f                    k: a,b,d 2; e,f 1
func TestInternalizeByHand(t *testing.T) {
	net := timed(t, []string{
		"a b 0", "b c 1", "c a 2", "c d 3",
		"a b 7", "e a 8",
		"a b 21", "b d 22", "d a 23", "e f 24",
	})
	res, err := metrics.Internalize(net, metrics.InternalizingOptions{Windows: graph.WindowSpec{Unit: graph.Week}, Roles: metrics.RoleMethod{Kind: metrics.KCoreRoles, Threshold: 1}, Horizon: 2})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Windows) != 4 {
		t.Fatalf("%d windows, want 4", len(res.Windows))
	}
	org := func(rows []metrics.ScopeWindow) []metrics.ScopeWindow {
		var out []metrics.ScopeWindow
		for _, r := range rows {
			if r.Scope == graph.Organization {
				out = append(out, r)
			}
		}
		return out
	}(res.ScopeWindows)
	type fig struct {
		active, newcomers, kmax, core int
		turnover                      float64
	}
	want := []fig{{4, 4, 2, 3, math.NaN()}, {3, 1, 1, 3, 0.5}, {0, 0, 0, 0, 1}, {5, 1, 2, 3, 1}}
	for i, w := range want {
		g := org[i]
		if g.Active != w.active || g.Newcomers != w.newcomers || g.KMax != w.kmax || g.CoreSize != w.core || !sameFloat(g.CoreTurnover, w.turnover) {
			t.Errorf("window %d: active %d newcomers %d kmax %d core %d turnover %v; want %+v", i, g.Active, g.Newcomers, g.KMax, g.CoreSize, g.CoreTurnover, w)
		}
	}
	// Week 0 core {a,b,c}; week 1 core (k=1 = k_max) {a,b,e}: Jaccard
	// distance 1 − 2/4. Week 2 is empty: distance 1 − 0/3. Week 3 core
	// {a,b,d} against nothing: 1.
	// Newcomers of week 0 (a, b, c, d) within H=2 windows: a, b, c are core
	// in week 0 → 3/4. Retention at week 2: nobody is active → 0.
	if g := org[0]; !sameFloat(g.NewcomersToCore, 0.75) || !sameFloat(g.Retention, 0) || !sameFloat(g.MedianWindowsToCore, 0) {
		t.Errorf("week 0 newcomers: to core %v, retention %v, median %v; want 0.75, 0, 0", g.NewcomersToCore, g.Retention, g.MedianWindowsToCore)
	}
	// e arrives in week 1, core there: to core 1/1; week 1 + 2 = week 3,
	// e active → retention 1.
	if g := org[1]; !sameFloat(g.NewcomersToCore, 1) || !sameFloat(g.Retention, 1) {
		t.Errorf("week 1: to core %v, retention %v; want 1, 1", g.NewcomersToCore, g.Retention)
	}
	// Week 3: horizon runs past the end.
	if g := org[3]; !math.IsNaN(g.NewcomersToCore) || !math.IsNaN(g.Retention) {
		t.Errorf("week 3: to core %v, retention %v; want NaN (censored)", g.NewcomersToCore, g.Retention)
	}

	traj := map[string]metrics.Trajectory{}
	for _, tr := range res.Trajectories {
		if tr.Scope == graph.Organization {
			traj[net.Members[tr.Member].ID] = tr
		}
	}
	seq := func(rs []metrics.Role) string {
		var b []byte
		for _, r := range rs {
			b = append(b, r.Letter())
		}
		return string(b)
	}
	cases := map[string]struct {
		roles            string
		first, firstCore int
		left             bool
	}{
		"a": {"CC-C", 0, 0, true},
		"c": {"C---", 0, 0, true},
		"d": {"S--C", 0, 3, true},
		// In week 3, e is tied only to f, neither in the core {a,b,d}.
		"e": {"C-P", 1, 1, true},
		"f": {"P", 3, -1, false},
	}
	for id, w := range cases {
		tr := traj[id]
		if seq(tr.Roles) != w.roles || tr.FirstWindow != w.first || tr.FirstCoreWindow != w.firstCore || tr.EverLeft != w.left {
			t.Errorf("%s: roles %s first %d core %d left %v; want %+v", id, seq(tr.Roles), tr.FirstWindow, tr.FirstCoreWindow, tr.EverLeft, w)
		}
	}
	// d's normalized coreness over its tenure (weeks 0–3): 0.5, 0, 0, 1;
	// Σ(x−1.5)(y−0.375) = 0.75 and Σ(x−1.5)² = 5 → slope 0.15.
	if s := traj["d"].CorenessSlope; math.Abs(s-0.15) > 1e-12 {
		t.Errorf("d coreness slope %v, want 0.15", s)
	}
	if s := traj["f"].CorenessSlope; !math.IsNaN(s) {
		t.Errorf("f coreness slope %v, want NaN (one window)", s)
	}

	// Community x holds a..d only: e's flows are outside it.
	for _, mw := range res.MemberWindows {
		if mw.Scope == 0 && net.Members[mw.Member].ID > "d" {
			t.Errorf("member %s appears in community x", net.Members[mw.Member].ID)
		}
	}
}

func sameFloat(a, b float64) bool {
	return a == b || (math.IsNaN(a) && math.IsNaN(b)) || math.Abs(a-b) < 1e-12
}

// TestTransitionsAddUp: every active member-window is the target of
// exactly one transition, and row shares sum to 1.
func TestTransitionsAddUp(t *testing.T) {
	net := load(t, "../testdata/email-eu-core")
	for _, roles := range []string{"be", "onion", "kcore:0.5"} {
		m, err := metrics.ParseRoleMethod(roles)
		if err != nil {
			t.Fatal(err)
		}
		res, err := metrics.Internalize(net, metrics.InternalizingOptions{Windows: graph.WindowSpec{Unit: graph.Quarter}, Roles: m})
		if err != nil {
			t.Fatal(err)
		}
		active := map[graph.Scope]int{}
		for _, mw := range res.MemberWindows {
			active[mw.Scope]++
		}
		targets := map[graph.Scope]int{}
		rowSum := map[[2]int]float64{}
		for _, tr := range res.Transitions {
			if tr.To != metrics.State(metrics.Absent) {
				targets[tr.Scope] += tr.Count
			}
			if !math.IsNaN(tr.Share) {
				rowSum[[2]int{int(tr.Scope), int(tr.From)}] += tr.Share
			}
		}
		for _, s := range res.Scopes {
			if active[s] != targets[s] {
				t.Errorf("%s scope %d: %d active member-windows, %d transition targets", roles, s, active[s], targets[s])
			}
		}
		for k, v := range rowSum {
			if math.Abs(v-1) > 1e-9 {
				t.Errorf("%s scope %d from %v: shares sum to %v", roles, k[0], metrics.State(k[1]), v)
			}
		}
	}
}

func TestOnionRoles(t *testing.T) {
	// a sends 8 flows to b, c sends 1 to d, e 1 to f: activity a 8, b 8,
	// c 1, d 1, e 1, f 1 (total 20). Ranked: a, b (16 = 80%), then c, d, e
	// (19 = 95%), then f.
	var flows []string
	for range 8 {
		flows = append(flows, "a b 0")
	}
	flows = append(flows, "c d 0", "e f 0")
	net := timed(t, flows)
	p := net.Project(net.All(), graph.Organization, graph.ProjectOptions{})
	wr := metrics.AssignRoles(p, metrics.RoleMethod{Kind: metrics.OnionRoles}, 0)
	var got []string
	for i := range p.Nodes {
		got = append(got, wr.Roles[i].String())
	}
	want := []string{"core", "core", "semi", "semi", "semi", "periphery"}
	if !slices.Equal(got, want) {
		t.Errorf("onion roles %v, want %v", got, want)
	}
}

func TestParseRoleMethod(t *testing.T) {
	for _, s := range []string{"be", "onion", "kcore:0.5", "kcore:1"} {
		m, err := metrics.ParseRoleMethod(s)
		if err != nil || m.String() != s {
			t.Errorf("%q: %v %v", s, m, err)
		}
	}
	for _, s := range []string{"", "kcore", "kcore:0", "kcore:1.5", "ring"} {
		if _, err := metrics.ParseRoleMethod(s); err == nil {
			t.Errorf("%q: no error", s)
		}
	}
}
