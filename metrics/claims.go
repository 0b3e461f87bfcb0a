package metrics

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// Findings in plain words: one sentence per claim of the model, with its
// numbers, worded as evidence on the user's data, never as proof.

// PaceClaim words the pace of objectification against exchange.
func PaceClaim(p Pace) string {
	r := p.Ratio
	if math.IsNaN(r.Estimate) {
		return "There are not enough answered threads and objectified items to compare the pace of objectification with that of exchange."
	}
	ci := fmt.Sprintf("%.0f%% CI %s–%s", 100*r.Level, num(r.Lo), num(r.Hi))
	detail := fmt.Sprintf("median %s to objectify against %s to a first response; %s and %s cases", Duration(p.LagMedian), Duration(p.ResponseMedian), Count(p.Lags), Count(p.Responses))
	switch {
	case r.Lo > 1:
		return fmt.Sprintf("Objectification is %s× slower than exchange (%s; %s), as the model expects.", num(r.Estimate), ci, detail)
	case r.Hi < 1:
		return fmt.Sprintf("Objectification is faster than exchange here (%s×, %s; %s), against the model's expectation.", num(r.Estimate), ci, detail)
	}
	return fmt.Sprintf("The data do not show whether objectification is slower than exchange (%s×, %s; %s).", num(r.Estimate), ci, detail)
}

// LowerBoundNote words the share of objectification lags that are lower
// bounds (acceptances timed by the answer's creation, without a vote
// date); "" when none is. Each such lag is at most the true one, so the
// median lag, and the ratio, can only be larger than measured.
func LowerBoundNote(share float64) string {
	switch {
	case math.IsNaN(share) || share <= 0:
		return ""
	case share >= 1:
		return "Every lag is a lower bound (no vote dates: acceptances are timed by the accepted answer), so the true ratio can only be larger."
	}
	return fmt.Sprintf("%s of the lags are lower bounds (no vote date: timed by the accepted answer), so the true ratio can only be larger.", pct(share))
}

// indicatorPhrase says what beating random groups means for an indicator.
var indicatorPhrase = map[string]string{
	IndicatorDensity:         "denser exchange",
	IndicatorReciprocity:     "more reciprocated exchange",
	IndicatorClustering:      "more clustered ties",
	IndicatorCosine:          "more similar knowledge profiles",
	IndicatorNewcomersToCore: "a larger share of newcomers reaching the core",
	IndicatorRetention:       "a larger share of newcomers staying",
	IndicatorObjectified:     "more objectified items per member",
}

// AdvantageClaim words how many of the tested communities beat their
// size-matched random groups on an indicator at false-discovery level q.
func AdvantageClaim(indicator string, beating, tested int, q float64) string {
	what, ok := indicatorPhrase[indicator]
	if !ok {
		what = "a higher " + indicator
	}
	if tested == 0 {
		return fmt.Sprintf("No community could be compared with random groups on %s.", indicator)
	}
	if beating == 0 {
		return fmt.Sprintf("None of %s shows %s than random groups of its size (q < %s): no evidence here for an advantage of communities on this indicator.",
			Counted(tested, "community"), what, num(q))
	}
	return fmt.Sprintf("%s of %s show %s than random groups of their size (q < %s); this is evidence for the advantage of communities only where they outnumber what chance gives.",
		Count(beating), Counted(tested, "community"), what, num(q))
}

// CoreClaim words the core/periphery tests of the windows of scopes
// scopes that were tested (windows when 1; scope-windows, the
// organization's and the communities', otherwise).
func CoreClaim(significant, tested, scopes int, alpha float64) string {
	if tested == 0 {
		return "No window had enough ties to test its core/periphery structure."
	}
	of := Counted(tested, "window")
	if scopes > 1 {
		of = Counted(tested, "scope-window") + " (the organization and each community, window by window)"
	}
	return fmt.Sprintf("In %s of %s the core/periphery structure is stronger than the members' degrees alone would give (p < %s against degree-preserving rewirings); in the others, roles may reflect activity more than structure.",
		Count(significant), of, num(alpha))
}

// CycleClaim words the shares of the knowledge-sharing cycle.
func CycleClaim(c CycleWindow) string {
	mapped := c.Flows[0] + c.Flows[1] + c.Flows[2]
	if mapped == 0 {
		return "No flow kind is mapped to the knowledge-sharing cycle."
	}
	return fmt.Sprintf("Of %s flows in the cycle, %s gather knowledge, %s exchange it and %s objectify it; %s gathered knowledge from %s.",
		Count(mapped), pct(c.Shares[Gathering]), pct(c.Shares[Exchange]), pct(c.Shares[Objectifying]),
		Counted(c.Gatherers, "member"), Counted(c.Providers, "provider"))
}

// Count writes a count with thousands separators ("4,434"), as the
// findings, the summaries and the report print counts.
func Count(n int) string {
	s := strconv.Itoa(n)
	neg := n < 0
	if neg {
		s = s[1:]
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	if neg {
		s = "-" + s
	}
	return s
}

// Counted writes a count and its noun, singular for one and otherwise
// the regular English plural ("1 member", "4,434 members",
// "2 communities"; a noun ending in a vowel and y takes an s: "3 days").
func Counted(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	if k := len(noun); k >= 2 && noun[k-1] == 'y' && !strings.ContainsRune("aeiou", rune(noun[k-2])) {
		noun = noun[:k-1] + "ies"
	} else {
		noun += "s"
	}
	return Count(n) + " " + noun
}

// num prints a number with two significant digits below 10 and none
// above ("0.012", "2.5", "14").
func num(x float64) string {
	switch {
	case math.IsNaN(x):
		return "–"
	case math.Abs(x) >= 10:
		return strconv.FormatFloat(math.Round(x), 'f', -1, 64)
	}
	return strconv.FormatFloat(x, 'g', 2, 64)
}

func pct(x float64) string {
	if math.IsNaN(x) {
		return "–"
	}
	return strconv.FormatFloat(roundPercent(100*x), 'f', 0, 64) + "%"
}

// roundPercent rounds to the nearest integer, halves away from zero (1 of
// 8 is 13%), and never gives −0.
func roundPercent(x float64) float64 {
	return math.Round(x) + 0
}

// Duration writes seconds in the largest fitting unit ("5.5 hours"),
// "–" when undefined.
func Duration(sec float64) string {
	if math.IsNaN(sec) || math.IsInf(sec, 0) {
		return "–"
	}
	d := time.Duration(sec * float64(time.Second))
	switch {
	case d >= 48*time.Hour:
		return num(d.Hours()/24) + " days"
	case d >= 2*time.Hour:
		return num(d.Hours()) + " hours"
	case d >= 2*time.Minute:
		return num(d.Minutes()) + " minutes"
	}
	return num(sec) + " seconds"
}
