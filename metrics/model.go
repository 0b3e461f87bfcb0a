package metrics

import (
	"cmp"
	"context"
	"math"
	"slices"
	"time"

	"github.com/copnet/copnet/graph"
)

// The model's claims, tested on the data (DESIGN.md, "The model's claims,
// tested"): the knowledge-sharing cycle per scope and window, the pace of
// objectification against exchange per scope, each community's indicators
// against size-matched random groups, and the core/periphery fit of each
// scope and window against degree-preserving rewirings.

// Default parameters of the claims family.
const (
	// DefaultRewireDraws is the number of rewired graphs per
	// core/periphery test: every scope and window is tested, so fewer
	// draws than for the community tests (p ≥ 1/100).
	DefaultRewireDraws = 99
	// DefaultStopAfter is h of the sequential tests (Options.StopAfter):
	// Besag & Clifford suggest 10 to 20.
	DefaultStopAfter = 10
	// DefaultAlpha is the false-discovery rate at which a test counts as
	// evidence in the findings.
	DefaultAlpha = 0.05
	// MaxDetectedGroups bounds the detected (Louvain) communities tested
	// against random groups: the largest ones, by members. They are found
	// over the whole period, so they are tested over the whole period
	// only; declared communities are tested in every window too.
	MaxDetectedGroups = 10
	// MinGroupMembers is the smallest community (declared members, or
	// members of a detected community) tested against random groups.
	MinGroupMembers = 3
)

// Indicator names of the per-member values of the community-advantage
// test.
const (
	IndicatorNewcomersToCore = "newcomers_core_within_h"
	IndicatorRetention       = "retention_h"
	IndicatorObjectified     = "objectified_items_per_member"
)

// Moments name the indicators of each moment in the findings.
var Moments = []struct {
	Name       string
	Indicators []string
}{
	{"internalizing", []string{IndicatorNewcomersToCore, IndicatorRetention}},
	{"externalizing", []string{IndicatorDensity, IndicatorReciprocity, IndicatorClustering}},
	{"objectifying", []string{IndicatorCosine, IndicatorObjectified}},
}

// Claims holds the tests of the model's claims.
type Claims struct {
	// Cycle and Core have one entry per scope and window, in the order of
	// Internalizing.ScopeWindows; Core's fields are NaN where the window
	// was not tested (fewer than 4 active members, or RewireDraws 0).
	Cycle []CycleWindow
	Core  []NullTest
	// WholeCycle is the organization's cycle over the whole period.
	WholeCycle CycleWindow
	// Advantage has one row per partition (declared, then detected),
	// group, window (the whole period, Window −1, first) and indicator.
	Advantage []AdvantageResult
	// Pace has one row per scope.
	Pace []ScopePace
	// Findings word the evidence, one sentence per claim.
	Findings []Finding
}

// AdvantageResult is one community-advantage test.
type AdvantageResult struct {
	// Partition is "declared" or "detected"; Group the community index
	// (declared) or the Louvain label (detected).
	Partition string
	Group     int32
	// Window is the window index, −1 for the whole period.
	Window int
	AdvantageRow
	// Q is the Benjamini–Hochberg q-value over every test of the table.
	Q float64
}

// ScopePace is one scope's pace of exchange against objectification.
type ScopePace struct {
	Scope graph.Scope
	Pace
	// ExchangeMeasure says what the exchange times are: "thread_response"
	// (time to a thread's first response) or "pair_gap" (gaps between a
	// pair's consecutive flows) when the data has no threads.
	ExchangeMeasure string
	// LagSource says what the lags are: "acceptance" (question to
	// accepted answer) or "objectified_items" (an item's first use to the
	// end of the window where it became objectified).
	LagSource string
	// LowerBoundShare is the share of acceptance lags that are lower
	// bounds (no vote date); NaN for item lags.
	LowerBoundShare float64
}

// Finding is one claim in plain words, with the numbers behind it.
type Finding struct {
	Claim string `json:"claim"`
	Text  string `json:"text"`
	// Tested and Supporting count the tests and those that support the
	// claim at the false-discovery rate (or the estimate and interval
	// for the pace).
	Tested     int     `json:"tested,omitempty"`
	Supporting int     `json:"supporting,omitempty"`
	Estimate   float64 `json:"-"`
	Lo, Hi     float64 `json:"-"`
}

// coreTest is the core/periphery test of one (scope si, window wi)
// projection whose observed ρ the driver has just fitted: NaN throughout
// without rewirings or below four active members.
func coreTest(p *graph.Projection, observed float64, si, wi int, opt Options, tm *stageTimes) NullTest {
	if opt.RewireDraws <= 0 || p.NActive < 4 {
		return NullTest{Observed: math.NaN(), NullMean: math.NaN(), NullSD: math.NaN(), Z: math.NaN(), P: math.NaN()}
	}
	defer tm.since("claims_core_periphery", time.Now())
	return coreSignificanceOf(p, observed, RewireOptions{Draws: opt.RewireDraws,
		Seed: DeriveSeed(opt.Seed, 1, uint64(si), uint64(wi)), Workers: 1, ExactNodes: opt.ExactNodes})
}

// testClaims runs the rest of the claims family after the other
// families; core holds the core/periphery tests the driver made.
func testClaims(ctx context.Context, a *Analysis, core []NullTest, opt Options, step func(string), tm *stageTimes) *Claims {
	net, ws := a.Network, a.Windows
	nw, ns := len(ws), len(a.Scopes)
	c := &Claims{}
	act := opt.Cycle.Activities(net)
	// Objectified window of each item in each scope.
	obj := make([][]int, ns)
	for si := range obj {
		obj[si] = make([]int, len(net.Items))
		for k := range obj[si] {
			obj[si][k] = -1
		}
	}
	for _, it := range a.Externalizing.Items {
		obj[int(it.Scope)+1][it.Item] = it.ObjectifiedWindow
	}
	c.Cycle = make([]CycleWindow, ns*nw)
	c.Core = core
	// The community-advantage tests run beside the cycle tables.
	var adv []AdvantageResult
	wait := beside(opt.Workers, func() {
		if opt.NullDraws > 0 {
			adv = advantage(ctx, a, opt, obj[0], step, tm)
		}
	})
	parallel(ns*nw, opt.Workers, func() any { return nil }, func(_ any, j int) {
		if ctx.Err() != nil {
			return
		}
		si, wi := j/nw, j%nw
		s := a.Scopes[si]
		start := time.Now()
		c.Cycle[j] = CycleOf(net, ws[wi], s, act, obj[si])
		c.Cycle[j].Window = wi
		tm.since("claims_cycle", start)
		step("claims")
	})
	c.WholeCycle = CycleOf(net, net.All(), graph.Organization, act, obj[0])
	wait()
	if ctx.Err() != nil {
		return c
	}
	c.Advantage = adv
	ps := make([]float64, len(c.Advantage))
	for i, r := range c.Advantage {
		ps[i] = r.P
	}
	for i, q := range BenjaminiHochberg(ps) {
		c.Advantage[i].Q = q
	}
	start := time.Now()
	c.Pace = paces(a, opt, act)
	tm.since("claims_pace", start)
	c.Findings = findings(a, c, opt)
	return c
}

// groupJob is one group tested against random groups.
type groupJob struct {
	partition string
	group     int32
	members   []int32
}

// advantage tests every declared community, and the largest detected
// ones, against size-matched random groups of each window's (and the
// whole period's) active members.
func advantage(ctx context.Context, a *Analysis, opt Options, objOrg []int, step func(string), tm *stageTimes) []AdvantageResult {
	net, ws := a.Network, a.Windows
	var groups []groupJob
	for ci := range net.Communities {
		if m := net.ScopeMembers(graph.Scope(ci)); len(m) >= MinGroupMembers {
			groups = append(groups, groupJob{"declared", int32(ci), m})
		}
	}
	if a.Capital != nil {
		byLabel := map[int32][]int32{}
		for _, mc := range a.Capital.Members {
			if mc.Active {
				byLabel[mc.Detected] = append(byLabel[mc.Detected], mc.Member)
			}
		}
		var det []groupJob
		for l, m := range byLabel {
			if len(m) >= MinGroupMembers {
				det = append(det, groupJob{"detected", l, m})
			}
		}
		slices.SortFunc(det, func(x, y groupJob) int {
			if c := cmp.Compare(len(y.members), len(x.members)); c != 0 {
				return c
			}
			return cmp.Compare(x.group, y.group)
		})
		det = det[:min(len(det), MaxDetectedGroups)]
		slices.SortFunc(det, func(x, y groupJob) int { return cmp.Compare(x.group, y.group) })
		groups = append(groups, det...)
	}
	if len(groups) == 0 {
		for range len(ws) + 1 {
			step("claims") // nothing to test in any pool
		}
		return nil
	}
	// Organization trajectories by member, for the newcomer values.
	traj := map[int32]*Trajectory{}
	for i := range a.Internalizing.Trajectories {
		t := &a.Internalizing.Trajectories[i]
		if t.Scope == graph.Organization {
			traj[t.Member] = t
		}
	}
	nw := len(ws)
	// Window −1 is the whole period; windows follow. Every group of a
	// pool shares its draws (CommunitiesAdvantage). The whole period,
	// the largest pool, draws on every worker first; the windows then run
	// one per worker.
	parts := make([][]AdvantageResult, nw+1)
	pool := func(pr *graph.Projector, j, workers int) {
		if ctx.Err() != nil {
			return
		}
		wi := j - 1
		w := net.All()
		if wi >= 0 {
			w = ws[wi]
		}
		p := pr.Project(w, graph.Organization, graph.ProjectOptions{})
		pool := &AdvantagePool{P: p, Profiles: Profiles(net, w, graph.Organization), Items: len(net.Items)}
		pool.Values = memberValues(p, pool.Profiles, traj, objOrg, wi, nw, opt.Horizon)
		tester, err := newAdvantageTester(pool)
		if err != nil {
			return // a programming error: values aligned with the projection
		}
		var tested []groupJob
		var members [][]int32
		for _, g := range groups {
			if wi >= 0 && g.partition == "detected" {
				continue // detected communities are found over the whole period
			}
			tested = append(tested, g)
			members = append(members, g.members)
		}
		res := tester.test(members, AdvantageOptions{Draws: opt.NullDraws,
			Seed: DeriveSeed(opt.Seed, 2, uint64(j)), Workers: workers, StopAfter: opt.StopAfter})
		for gi, rows := range res {
			for _, r := range rows {
				parts[j] = append(parts[j], AdvantageResult{Partition: tested[gi].partition, Group: tested[gi].group, Window: wi, AdvantageRow: r, Q: math.NaN()})
			}
		}
	}
	start := time.Now()
	pool(graph.NewProjector(net), 0, opt.Workers)
	step("claims")
	tm.since("claims_advantage_whole", start)
	start = time.Now()
	parallel(nw, opt.Workers, func() *graph.Projector { return graph.NewProjector(net) }, func(pr *graph.Projector, j int) {
		pool(pr, j+1, 1)
		step("claims")
	})
	tm.since("claims_advantage_windows", start)
	// Rows by partition, group, window (whole period first), indicator.
	var out []AdvantageResult
	for _, part := range parts {
		out = append(out, part...)
	}
	part := func(s string) int {
		if s == "declared" {
			return 0
		}
		return 1
	}
	slices.SortStableFunc(out, func(x, y AdvantageResult) int {
		if c := cmp.Compare(part(x.Partition), part(y.Partition)); c != 0 {
			return c
		}
		if c := cmp.Compare(x.Group, y.Group); c != 0 {
			return c
		}
		return cmp.Compare(x.Window, y.Window)
	})
	return out
}

// memberValues are the per-member indicators of the advantage test,
// aligned with the projection's nodes: newcomers reaching the core within
// H and their retention after H windows (newcomers of window wi only; NaN
// for the others and where H runs past the data), and the number of
// objectified items in the member's profile (items objectified by the
// window's end; by the end of the data for the whole period, wi = −1).
func memberValues(p *graph.Projection, ps []Profile, traj map[int32]*Trajectory, obj []int, wi, nw, h int) []MemberValue {
	n := p.N()
	core, ret, items := make([]float64, n), make([]float64, n), make([]float64, n)
	for i := range n {
		core[i], ret[i], items[i] = math.NaN(), math.NaN(), math.NaN()
		if wi < 0 {
			continue
		}
		t := traj[p.Nodes[i]]
		if t == nil || t.FirstWindow != wi {
			continue
		}
		if wi+h-1 < nw {
			core[i] = 0
			if t.WindowsToCore >= 0 && t.WindowsToCore < h {
				core[i] = 1
			}
		}
		if wi+h < nw {
			ret[i] = 0
			if t.Roles[h] != Absent {
				ret[i] = 1
			}
		}
	}
	if len(obj) > 0 {
		for i := range n {
			if p.Active[i] {
				items[i] = 0
			}
		}
		for _, pf := range ps {
			i, ok := p.Local(pf.Member)
			if !ok {
				continue
			}
			for _, k := range pf.Items {
				if ow := obj[k]; ow >= 0 && (wi < 0 || ow <= wi) {
					items[i]++
				}
			}
		}
	}
	out := []MemberValue{{IndicatorNewcomersToCore, core}, {IndicatorRetention, ret}}
	if len(obj) > 0 {
		out = append(out, MemberValue{IndicatorObjectified, items})
	}
	return out
}

// paces compares each scope's exchange times with its objectification
// lags over the whole period.
func paces(a *Analysis, opt Options, act []Activity) []ScopePace {
	net := a.Network
	all := net.All()
	var exchange, objectifying []bool
	mapped := false
	for k, ac := range act {
		if exchange == nil {
			exchange, objectifying = make([]bool, len(act)), make([]bool, len(act))
		}
		exchange[k] = ac == Gathering || ac == Exchange
		objectifying[k] = ac == Objectifying
		mapped = mapped || ac != Unmapped
	}
	if !mapped {
		exchange = nil // no kinds: every flow is exchange
	}
	out := make([]ScopePace, len(a.Scopes))
	parallel(len(a.Scopes), opt.Workers, func() struct{} { return struct{}{} }, func(_ struct{}, si int) {
		s := a.Scopes[si]
		sp := ScopePace{Scope: s, ExchangeMeasure: "thread_response", LagSource: "acceptance", LowerBoundShare: math.NaN()}
		responses := ThreadResponses(net, all, s, "thread", "thread_start", exchange)
		gaps := PairGaps(net, all, s, exchange)
		if len(responses) == 0 {
			responses, sp.ExchangeMeasure = gaps, "pair_gap"
		}
		var lags []float64
		if objectifying != nil {
			acc := AcceptanceLags(net, all, s, "thread_start", "accepted_time", objectifying)
			lower := 0
			for _, l := range acc {
				lags = append(lags, l.Seconds)
				if l.LowerBound {
					lower++
				}
			}
			if len(acc) > 0 {
				sp.LowerBoundShare = float64(lower) / float64(len(acc))
			}
		}
		if len(lags) == 0 {
			sp.LagSource = "objectified_items"
			var items []ItemLag
			for _, it := range a.Externalizing.Items {
				if it.Scope == s {
					items = append(items, ItemLag{FirstUse: it.FirstUse, FirstWindow: it.FirstWindow, ObjectifiedWindow: it.ObjectifiedWindow})
				}
			}
			lags, _ = ObjectificationLags(items, a.Windows)
		}
		if opt.BootstrapDraws > 0 {
			sp.Pace = PaceRatio(responses, gaps, lags, opt.BootstrapDraws, 0.95, DeriveSeed(opt.Seed, 3, uint64(si)), 1)
		} else {
			sp.Pace = Pace{ResponseMedian: Median(responses), PairGapMedian: Median(gaps), LagMedian: Median(lags),
				Responses: countDefined(responses), Lags: countDefined(lags)}
			r := sp.LagMedian / sp.ResponseMedian
			if math.IsInf(r, 0) {
				r = math.NaN()
			}
			sp.Ratio = Interval{Estimate: r, Lo: math.NaN(), Hi: math.NaN(), Level: math.NaN()}
		}
		out[si] = sp
	})
	return out
}

// findings words the evidence for each claim.
func findings(a *Analysis, c *Claims, opt Options) []Finding {
	var out []Finding
	if c.WholeCycle.Flows != [3]int{} {
		out = append(out, Finding{Claim: "cycle", Text: CycleClaim(c.WholeCycle)})
	}
	if len(c.Pace) > 0 {
		p := c.Pace[0]
		text := PaceClaim(p.Pace)
		if note := LowerBoundNote(p.LowerBoundShare); note != "" && !math.IsNaN(p.Ratio.Estimate) {
			text += " " + note
		}
		out = append(out, Finding{Claim: "pace", Text: text, Tested: p.Lags})
	}
	for _, mo := range Moments {
		for _, ind := range mo.Indicators {
			tested, beating := map[int32]bool{}, map[int32]bool{}
			for _, r := range c.Advantage {
				if r.Partition != "declared" || r.Indicator != ind || math.IsNaN(r.P) {
					continue
				}
				tested[r.Group] = true
				if r.Q < opt.Alpha && r.Z > 0 {
					beating[r.Group] = true
				}
			}
			if len(tested) > 0 {
				out = append(out, Finding{Claim: "advantage_" + ind, Text: AdvantageClaim(ind, len(beating), len(tested), opt.Alpha),
					Tested: len(tested), Supporting: len(beating)})
			}
		}
	}
	tested, significant := 0, 0
	scopes := map[int]bool{} // the scopes with a test
	for j, t := range c.Core {
		if !math.IsNaN(t.P) {
			tested++
			scopes[j/len(a.Windows)] = true
			if t.P < opt.Alpha {
				significant++
			}
		}
	}
	if tested > 0 {
		out = append(out, Finding{Claim: "core_periphery", Text: CoreClaim(significant, tested, len(scopes), opt.Alpha), Tested: tested, Supporting: significant})
	}
	return out
}
