package metrics_test

import (
	"math"
	"testing"

	"github.com/copnet/copnet/graph"
	"github.com/copnet/copnet/metrics"
)

func TestClaims(t *testing.T) {
	nan := math.NaN()
	for _, c := range []struct{ got, want string }{
		{metrics.PaceClaim(metrics.Pace{ResponseMedian: 5.5 * 3600, LagMedian: 3.2 * 86400, Responses: 40, Lags: 12,
			Ratio: metrics.Interval{Estimate: 14.2, Lo: 9.4, Hi: 21, Level: 0.95}}),
			"Objectification is 14× slower than exchange (95% CI 9.4–21; median 3.2 days to objectify against 5.5 hours to a first response; 12 and 40 cases), as the model expects."},
		{metrics.PaceClaim(metrics.Pace{ResponseMedian: 60, LagMedian: 90, Responses: 3, Lags: 2,
			Ratio: metrics.Interval{Estimate: 1.5, Lo: 0.5, Hi: 3, Level: 0.9}}),
			"The data do not show whether objectification is slower than exchange (1.5×, 90% CI 0.5–3; median 90 seconds to objectify against 60 seconds to a first response; 2 and 3 cases)."},
		{metrics.PaceClaim(metrics.Pace{ResponseMedian: 7200, LagMedian: 600, Ratio: metrics.Interval{Estimate: 0.083, Lo: 0.05, Hi: 0.2, Level: 0.95}}),
			"Objectification is faster than exchange here (0.083×, 95% CI 0.05–0.2; median 10 minutes to objectify against 2 hours to a first response; 0 and 0 cases), against the model's expectation."},
		{metrics.PaceClaim(metrics.Pace{Ratio: metrics.Interval{Estimate: nan}}),
			"There are not enough answered threads and objectified items to compare the pace of objectification with that of exchange."},
		{metrics.AdvantageClaim(metrics.IndicatorDensity, 4, 6, 0.05),
			"4 of 6 communities show denser exchange than random groups of their size (q < 0.05); this is evidence for the advantage of communities only where they outnumber what chance gives."},
		{metrics.AdvantageClaim(metrics.IndicatorRetention, 2, 1234, 0.05),
			"2 of 1,234 communities show a larger share of newcomers staying than random groups of their size (q < 0.05); this is evidence for the advantage of communities only where they outnumber what chance gives."},
		{metrics.AdvantageClaim("retention", 0, 3, 0.05),
			"None of 3 communities shows a higher retention than random groups of its size (q < 0.05): no evidence here for an advantage of communities on this indicator."},
		{metrics.AdvantageClaim("retention", 0, 0, 0.05), "No community could be compared with random groups on retention."},
		{metrics.CoreClaim(5, 8, 1, 0.05),
			"In 5 of 8 windows the core/periphery structure is stronger than the members' degrees alone would give (p < 0.05 against degree-preserving rewirings); in the others, roles may reflect activity more than structure."},
		{metrics.CoreClaim(23, 215, 40, 0.05),
			"In 23 of 215 scope-windows (the organization and each community, window by window) the core/periphery structure is stronger than the members' degrees alone would give (p < 0.05 against degree-preserving rewirings); in the others, roles may reflect activity more than structure."},
		{metrics.CoreClaim(0, 0, 1, 0.05), "No window had enough ties to test its core/periphery structure."},
		{metrics.CycleClaim(metrics.CycleWindow{Flows: [3]int{3, 2, 1}, Shares: [3]float64{0.5, 1.0 / 3, 1.0 / 6}, Gatherers: 1, Providers: 2}),
			"Of 6 flows in the cycle, 50% gather knowledge, 33% exchange it and 17% objectify it; 1 member gathered knowledge from 2 providers."},
		{metrics.CycleClaim(metrics.CycleWindow{Flows: [3]int{1200, 3000, 234}, Shares: [3]float64{0.27, 0.68, 0.05}, Gatherers: 1, Providers: 1234567}),
			"Of 4,434 flows in the cycle, 27% gather knowledge, 68% exchange it and 5% objectify it; 1 member gathered knowledge from 1,234,567 providers."},
		{metrics.CycleClaim(metrics.CycleWindow{Flows: [3]int{1, 6, 1}, Shares: [3]float64{0.125, 0.75, 0.125}, Gatherers: 0, Providers: 1}),
			"Of 8 flows in the cycle, 13% gather knowledge, 75% exchange it and 13% objectify it; 0 members gathered knowledge from 1 provider."},
		{metrics.CycleClaim(metrics.CycleWindow{}), "No flow kind is mapped to the knowledge-sharing cycle."},
		{metrics.LowerBoundNote(nan), ""},
		{metrics.LowerBoundNote(0), ""},
		{metrics.LowerBoundNote(0.125), "13% of the lags are lower bounds (no vote date: timed by the accepted answer), so the true ratio can only be larger."},
		{metrics.LowerBoundNote(1), "Every lag is a lower bound (no vote dates: acceptances are timed by the accepted answer), so the true ratio can only be larger."},
	} {
		if c.got != c.want {
			t.Errorf("got  %q\nwant %q", c.got, c.want)
		}
	}
}

func TestCountAndCounted(t *testing.T) {
	for n, want := range map[int]string{0: "0", 7: "7", 999: "999", 1000: "1,000", 4434: "4,434", 1234567: "1,234,567", -1000: "-1,000", -999: "-999"} {
		if got := metrics.Count(n); got != want {
			t.Errorf("Count(%d) = %q, want %q", n, got, want)
		}
	}
	for _, c := range []struct {
		n          int
		noun, want string
	}{
		{1, "member", "1 member"}, {0, "member", "0 members"}, {4434, "member", "4,434 members"},
		{2, "community", "2 communities"}, {1, "community", "1 community"}, {3, "day", "3 days"},
		{2, "knowledge item", "2 knowledge items"}, {5, "key", "5 keys"},
	} {
		if got := metrics.Counted(c.n, c.noun); got != c.want {
			t.Errorf("Counted(%d, %q) = %q, want %q", c.n, c.noun, got, c.want)
		}
	}
}

// TestPaceRowsLevel: pace.csv gives the confidence level only beside an
// interval, as the dictionary says (empty: no interval).
func TestPaceRowsLevel(t *testing.T) {
	nan := math.NaN()
	net := fromEdges(t, 2, [][2]int{{0, 1}})
	a := &metrics.Analysis{Network: net, Claims: &metrics.Claims{Pace: []metrics.ScopePace{
		{Scope: graph.Organization, Pace: metrics.Pace{Ratio: metrics.Interval{Estimate: nan, Lo: nan, Hi: nan, Level: 0.95}}},
		{Scope: graph.Organization, Pace: metrics.Pace{Ratio: metrics.Interval{Estimate: 2, Lo: 1, Hi: 3, Level: 0.95, Draws: 1999}}},
	}}}
	var levels []string
	for r := range a.PaceRows() {
		levels = append(levels, r.Level.String())
	}
	if len(levels) != 2 || levels[0] != "" || levels[1] != "0.95" {
		t.Errorf("levels %q, want an empty one without an interval and 0.95 with one", levels)
	}
}
