package metrics

import (
	"math"
	"time"

	"github.com/copnet/copnet/graph"
)

// The pace of the cycle, in seconds: how fast exchange answers, and how
// slowly knowledge becomes objectified. The model says objectification
// happens "at a much slower pace"; PaceRatio gives that as a number with
// a bootstrap interval.

// flowAttr returns the attribute named name, or nil.
func flowAttr(net *graph.Network, name string) *graph.FlowAttr {
	for i := range net.FlowAttrs {
		if net.FlowAttrs[i].Name == name {
			return &net.FlowAttrs[i]
		}
	}
	return nil
}

// included reports whether a flow's kind is in the mask (nil: every
// kind).
func included(f *graph.Flow, kinds []bool) bool {
	return kinds == nil || (f.Kind >= 0 && int(f.Kind) < len(kinds) && kinds[f.Kind])
}

// PairGaps returns the gaps, in seconds, between consecutive flows of
// each unordered pair of members, over the flows of scope s in window w
// whose kind is in kinds (nil: all); self-flows are left out. Pairs come
// in order of their first flow.
func PairGaps(net *graph.Network, w graph.Window, s graph.Scope, kinds []bool) []float64 {
	last := map[[2]int32]int64{}
	var gaps []float64
	flows := w.Flows(net)
	for i := range flows {
		f := &flows[i]
		if f.Self() || !included(f, kinds) || !net.InScope(f, s) {
			continue
		}
		k := [2]int32{min(f.Source, f.Target), max(f.Source, f.Target)}
		if t, ok := last[k]; ok {
			gaps = append(gaps, float64(f.Time-t)/1e9)
		}
		last[k] = f.Time
	}
	return gaps
}

// ThreadResponses returns, per thread (the flow attribute threadAttr), the
// time in seconds from its start to its first response among the flows
// of scope s in window w whose kind is in kinds (nil: all). The start is
// the attribute startAttr (RFC 3339, as the sede preset's thread_start)
// when the flow has it, and the thread's first flow otherwise, whose
// response is then the second flow. Threads come in order of first flow;
// a thread without a response has no value. Without threadAttr the
// result is nil.
func ThreadResponses(net *graph.Network, w graph.Window, s graph.Scope, threadAttr, startAttr string, kinds []bool) []float64 {
	th := flowAttr(net, threadAttr)
	if th == nil {
		return nil
	}
	st := flowAttr(net, startAttr)
	starts := map[int32]int64{} // per start value, parsed once
	type state struct {
		start    int64
		answered bool
	}
	threads := map[int32]*state{}
	var out []float64
	for i := w.Lo; i < w.Hi; i++ {
		f := &net.Flows[i]
		if !included(f, kinds) || !net.InScope(f, s) {
			continue
		}
		id := th.Values[i]
		if th.Dict[id] == "" {
			continue
		}
		t := threads[id]
		if t == nil {
			t = &state{start: math.MinInt64}
			threads[id] = t
			if st != nil {
				v := st.Values[i]
				ts, ok := starts[v]
				if !ok {
					ts = math.MinInt64
					if p, err := time.Parse(time.RFC3339, st.Dict[v]); err == nil {
						ts = p.UnixNano()
					}
					starts[v] = ts
				}
				t.start = ts
			}
			if t.start == math.MinInt64 {
				t.start = f.Time
				continue // the first flow opens the thread
			}
		}
		if !t.answered {
			t.answered = true
			out = append(out, float64(f.Time-t.start)/1e9)
		}
	}
	return out
}

// AcceptanceLag is the time from a question to its accepted answer.
type AcceptanceLag struct {
	Seconds float64
	// LowerBound is true when the acceptance was timed by the answer's
	// creation (no vote date), so the true lag is at least Seconds.
	LowerBound bool
}

// AcceptanceLags returns, for each flow of scope s in window w whose kind
// is in kinds (the objectifying kinds, such as "accepted"), the time from
// its thread's start (the attribute startAttr, RFC 3339) to the flow;
// flows without a start are left out. lowerAttr names the attribute
// marking a lower bound (the sede preset's accepted_time, whose value
// "answer_created" marks it).
func AcceptanceLags(net *graph.Network, w graph.Window, s graph.Scope, startAttr, lowerAttr string, kinds []bool) []AcceptanceLag {
	st, lo := flowAttr(net, startAttr), flowAttr(net, lowerAttr)
	if st == nil {
		return nil
	}
	var out []AcceptanceLag
	for i := w.Lo; i < w.Hi; i++ {
		f := &net.Flows[i]
		if !included(f, kinds) || !net.InScope(f, s) {
			continue
		}
		p, err := time.Parse(time.RFC3339, st.Dict[st.Values[i]])
		if err != nil {
			continue
		}
		l := AcceptanceLag{Seconds: float64(f.Time-p.UnixNano()) / 1e9}
		if lo != nil && lo.Dict[lo.Values[i]] == "answer_created" {
			l.LowerBound = true
		}
		out = append(out, l)
	}
	return out
}

// ItemLag is what ObjectificationLags needs of an item's history in a
// scope (see ItemHistory).
type ItemLag struct {
	FirstUse          int64 // Unix nanoseconds
	FirstWindow       int
	ObjectifiedWindow int // negative: never objectified
}

// ObjectificationLags returns, for each objectified item, the time in
// seconds from its first use to the end of the window in which it became
// objectified (the first moment it is known to be), and the number of
// windows from its first window to that one. windows are the analysis'
// windows, indexed by the items' window indices.
func ObjectificationLags(items []ItemLag, windows []graph.Window) (seconds, windowCounts []float64) {
	for _, it := range items {
		o := it.ObjectifiedWindow
		if o < 0 || o >= len(windows) {
			continue
		}
		seconds = append(seconds, float64(windows[o].End-it.FirstUse)/1e9)
		windowCounts = append(windowCounts, float64(o-it.FirstWindow))
	}
	return seconds, windowCounts
}

// Pace is a scope's exchange pace against its objectification lag.
type Pace struct {
	// ResponseMedian is the median time to a thread's first response;
	// PairGapMedian the median gap between a pair's consecutive flows.
	ResponseMedian, PairGapMedian float64
	// LagMedian is the median objectification lag (items, or accepted
	// answers).
	LagMedian float64
	// Ratio is LagMedian / the exchange median, with its bootstrap
	// interval.
	Ratio Interval
	// Responses and Lags are the sample sizes.
	Responses, Lags int
}

// PaceRatio compares objectification lags with exchange times (both in
// seconds): the ratio of their medians with a percentile bootstrap
// interval at the given level (BootstrapRatioOfMedians; draws 0 means
// DefaultBootstrapDraws). pairGaps only fill PairGapMedian.
func PaceRatio(responses, pairGaps, lags []float64, draws int, level float64, seed uint64, workers int) Pace {
	return Pace{
		ResponseMedian: Median(responses),
		PairGapMedian:  Median(pairGaps),
		LagMedian:      Median(lags),
		Ratio:          BootstrapRatioOfMedians(lags, responses, draws, level, seed, workers),
		Responses:      countDefined(responses),
		Lags:           countDefined(lags),
	}
}

func countDefined(x []float64) int {
	n := 0
	for _, v := range x {
		if !math.IsNaN(v) {
			n++
		}
	}
	return n
}
