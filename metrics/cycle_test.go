package metrics_test

import (
	"errors"
	"math"
	"testing"
	"time"

	"github.com/copnet/copnet/graph"
	"github.com/copnet/copnet/metrics"
)

func TestParseCycle(t *testing.T) {
	c, err := metrics.ParseCycle(" answer=gathering, comment=exchange,accepted=objectifying ")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := c.String(), "accepted=objectifying,answer=gathering,comment=exchange"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if got, want := metrics.DefaultCycle("sede").String(), c.String(); got != want {
		t.Errorf("sede default %q, want %q", got, want)
	}
	if c, err := metrics.ParseCycle(""); err != nil || len(c) != 0 {
		t.Errorf("empty: %v %v", c, err)
	}
	for _, bad := range []string{"answer", "answer=foo", "answer=gathering,answer=exchange", "=gathering", "answer=gathering,"} {
		if _, err := metrics.ParseCycle(bad); !errors.Is(err, metrics.ErrCycleSpec) {
			t.Errorf("%q: got %v, want ErrCycleSpec", bad, err)
		}
	}
	if metrics.Unmapped.String() != "unmapped" || metrics.Objectifying.String() != "objectifying" {
		t.Error("activity names")
	}
}

// threadNet is a hand-made Q&A network (hours from 2020-01-01 UTC):
//
//	1h  answer   b→a [x] q1 (q1 asked at 0h)
//	2h  comment  a→b [x] q1
//	3h  answer   c→a [y] q1
//	5h  accepted a→c [y] q1, timed by the answer (lower bound)
//	10h comment  c→b [x] q2 (asked at 8h)
//	12h answer   a→a [x] q3 (asked at 11h; a self-flow)
//	20h share    b→c     (no thread; not in the cycle)
func threadNet(t *testing.T) *graph.Network {
	t.Helper()
	b := graph.NewBuilder()
	for _, id := range []string{"a", "b", "c"} {
		if _, err := b.AddMember(graph.Member{ID: id}); err != nil {
			t.Fatal(err)
		}
	}
	b.SetHasTime(true)
	x, y := b.Item("x"), b.Item("y")
	t0 := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	h := func(n int) int64 { return t0.Add(time.Duration(n) * time.Hour).UnixNano() }
	at := func(n int) string { return t0.Add(time.Duration(n) * time.Hour).Format(time.RFC3339) }
	attrs := []graph.FlowAttr{{Name: "thread"}, {Name: "thread_start"}, {Name: "accepted_time"}}
	for _, f := range []struct {
		hour     int
		kind     string
		s, d     int32
		items    []int32
		thread   string
		start    int
		accepted string
	}{
		{1, "answer", 1, 0, []int32{x}, "q1", 0, ""},
		{2, "comment", 0, 1, []int32{x}, "q1", 0, ""},
		{3, "answer", 2, 0, []int32{y}, "q1", 0, ""},
		{5, "accepted", 0, 2, []int32{y}, "q1", 0, "answer_created"},
		{10, "comment", 2, 1, []int32{x}, "q2", 8, ""},
		{12, "answer", 0, 0, []int32{x}, "q3", 11, ""},
		{20, "share", 1, 2, nil, "", -1, ""},
	} {
		if err := b.AddFlow(graph.Flow{Time: h(f.hour), Weight: 1, Source: f.s, Target: f.d, Community: graph.None, Kind: b.Kind(f.kind)}, f.items); err != nil {
			t.Fatal(err)
		}
		start := ""
		if f.start >= 0 {
			start = at(f.start)
		}
		attrs[0].Append(f.thread)
		attrs[1].Append(start)
		attrs[2].Append(f.accepted)
	}
	for _, a := range attrs {
		b.AddFlowAttr(a)
	}
	return b.Network()
}

func TestCycleByHand(t *testing.T) {
	net := threadNet(t)
	act := metrics.DefaultCycle("sede").Activities(net)
	for _, c := range []struct {
		name        string
		objectified []int
		on, later   int
		never       int
		share       float64
	}{
		{"y objectified in window 0", []int{-1, 0}, 1, 0, 0, 1},
		{"y objectified later", []int{-1, 3}, 0, 1, 0, 1},
		{"nothing objectified", nil, 0, 0, 1, 0},
	} {
		got := metrics.CycleOf(net, net.All(), graph.Organization, act, c.objectified)
		if got.Flows != [3]int{3, 2, 1} || got.Unmapped != 1 {
			t.Errorf("%s: flows %v unmapped %d, want [3 2 1] 1", c.name, got.Flows, got.Unmapped)
		}
		if !near(got.Shares[0], 0.5) || !near(got.Shares[1], 1.0/3) || !near(got.Shares[2], 1.0/6) {
			t.Errorf("%s: shares %v", c.name, got.Shares)
		}
		// Gathering flows between members: b→a and c→a (a→a is a self-flow).
		if got.Gatherers != 1 || got.Providers != 2 || got.Both != 0 {
			t.Errorf("%s: gatherers %d providers %d both %d, want 1 2 0", c.name, got.Gatherers, got.Providers, got.Both)
		}
		if got.OnObjectified != c.on || got.OnLater != c.later || got.OnNever != c.never || !near(got.ShareObjectified, c.share) {
			t.Errorf("%s: on %d later %d never %d share %v, want %d %d %d %v", c.name, got.OnObjectified, got.OnLater, got.OnNever, got.ShareObjectified, c.on, c.later, c.never, c.share)
		}
	}
	empty := metrics.CycleOf(net, graph.Window{Index: 0}, graph.Organization, act, nil)
	if !math.IsNaN(empty.Shares[0]) || !math.IsNaN(empty.ShareObjectified) {
		t.Errorf("empty window: %+v", empty)
	}
}

func kindsOf(net *graph.Network, names ...string) []bool {
	m := make([]bool, len(net.Kinds))
	for i, k := range net.Kinds {
		for _, n := range names {
			if k == n {
				m[i] = true
			}
		}
	}
	return m
}

func TestPaceByHand(t *testing.T) {
	net := threadNet(t)
	all := net.All()
	eq := func(name string, got, want []float64) {
		t.Helper()
		if len(got) != len(want) {
			t.Errorf("%s: got %v, want %v", name, got, want)
			return
		}
		for i := range want {
			if !near(got[i], want[i]) {
				t.Errorf("%s: got %v, want %v", name, got, want)
				return
			}
		}
	}
	// {a,b}: 1h → 2h; {a,c}: 3h → 5h; {b,c}: 10h → 20h.
	eq("pair gaps", metrics.PairGaps(net, all, graph.Organization, nil), []float64{3600, 7200, 36000})
	eq("pair gaps of answers", metrics.PairGaps(net, all, graph.Organization, kindsOf(net, "answer")), nil)
	dialogue := kindsOf(net, "answer", "comment")
	// q1 asked 0h, answered 1h; q2 asked 8h, commented 10h; q3 asked 11h, answered 12h.
	eq("responses", metrics.ThreadResponses(net, all, graph.Organization, "thread", "thread_start", dialogue), []float64{3600, 7200, 3600})
	// Without start times: q1's first flow (1h) opens it, the second (2h)
	// answers; q2 and q3 have one flow each.
	eq("responses without starts", metrics.ThreadResponses(net, all, graph.Organization, "thread", "nope", dialogue), []float64{3600})
	if got := metrics.ThreadResponses(net, all, graph.Organization, "nope", "thread_start", nil); got != nil {
		t.Errorf("no thread attribute: got %v", got)
	}
	lags := metrics.AcceptanceLags(net, all, graph.Organization, "thread_start", "accepted_time", kindsOf(net, "accepted"))
	if len(lags) != 1 || lags[0].Seconds != 5*3600 || !lags[0].LowerBound {
		t.Errorf("acceptance lags: got %+v, want [{18000 true}]", lags)
	}
	ws, err := net.Windows(graph.WindowSpec{Unit: graph.Hour})
	if err != nil {
		t.Fatal(err)
	}
	// Hourly windows from 1h: x first used at 1h (window 0), objectified
	// in window 4 = [5h, 6h): 5 h and 4 windows.
	sec, win := metrics.ObjectificationLags([]metrics.ItemLag{{FirstUse: net.Flows[0].Time, FirstWindow: 0, ObjectifiedWindow: 4}, {ObjectifiedWindow: -1}, {ObjectifiedWindow: 999}}, ws)
	eq("objectification seconds", sec, []float64{5 * 3600})
	eq("objectification windows", win, []float64{4})
	// Responses 3600, 7200, 3600 (median 3600) against the lag 18000: 5×.
	p := metrics.PaceRatio([]float64{3600, 7200, 3600}, []float64{3600, 7200, 36000}, []float64{18000}, 199, 0.95, 1, 1)
	if p.ResponseMedian != 3600 || p.PairGapMedian != 7200 || p.LagMedian != 18000 || p.Ratio.Estimate != 5 || p.Responses != 3 || p.Lags != 1 {
		t.Errorf("pace: got %+v", p)
	}
	// A resampled response median is 3600 or 7200: ratios 5 or 2.5.
	if p.Ratio.Lo < 2.5 || p.Ratio.Hi > 5 {
		t.Errorf("interval %+v outside [2.5, 5]", p.Ratio)
	}
}
