package metrics

import (
	"context"
	"fmt"
	"math"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/copnet/copnet/graph"
)

// Analysis is one analysis of a network: the windows and scopes it was cut
// into, the options used, and the figures of every family computed from
// the same projections. Its tables come out row by row, with member,
// community, item and window ids resolved (see the *Rows methods).
type Analysis struct {
	Network *graph.Network
	Options Options
	Windows []graph.Window
	Scopes  []graph.Scope
	// Internalizing, Externalizing and Capital are the families' figures;
	// nil for a family that was not asked for (see the family functions).
	Internalizing *Internalizing
	Externalizing *Externalizing
	Capital       *SocialCapital
	// Claims tests the model's claims on the data.
	Claims *Claims
	// Timings holds the seconds spent in each stage ("projections",
	// "core_windows", "core_periphery_fit", "density_reciprocity",
	// "clustering", "convergence", "constraint", "betweenness",
	// "brokerage", "louvain", "claims_…"), summed over the workers;
	// "claims_advantage_whole" and "claims_advantage_windows" are the wall
	// times of stages that keep every worker busy. They measure the run,
	// not the data: no table or summary holds them.
	Timings map[string]float64
}

// family selects what the driver computes.
type family uint8

const (
	famInternalizing family = 1 << iota
	famExternalizing
	famCapital
	famClaims
	famAll = famInternalizing | famExternalizing | famCapital | famClaims
)

// Analyze computes every family of indicators of the network in one pass:
// the windows are cut once by opt.Windows, each (scope, window) projection
// is built once and handed to internalizing (core numbers, core/periphery
// fits, roles), externalizing (exchange density), objectifying (knowledge
// convergence) and the per-window structural holes; trajectories,
// transitions, newcomer figures and item histories follow each scope's
// windows in order; the whole-period social capital is computed once.
// The claims family tests each window's core/periphery fit against
// rewirings of the same projection in that pass; then the rest of the
// model's claims are tested on the results (see Claims): the
// knowledge-sharing cycle, the pace of objectification and each
// community against random groups.
//
// The options must pass Validate. A cancelled ctx stops the work and
// returns its error.
func Analyze(ctx context.Context, net *graph.Network, opt Options) (*Analysis, error) {
	return analyze(ctx, net, opt, famAll)
}

// winOut is what the driver keeps of one (scope, window) pair.
type winOut struct {
	// active is the number of active members of the projection.
	active int
	sw     ScopeWindow
	rows   []MemberWindow
	holes  []MemberHoles
	ex     ExchangeWindow
	cw     ConvergenceWindow
	items  []itemWin
	// entries is what the trajectories read of the member rows, made as
	// the pairs are followed in order (see emitter).
	entries []cellEntry
	// core is the core/periphery fit against rewirings (claims family).
	core NullTest
}

// itemWin is one item's use in one window of one scope: the flows carrying
// it, the members using it (ascending), and its first use in the window
// with the senders at that time.
type itemWin struct {
	item      int32
	uses      int
	members   []int32
	first     int64
	firstFrom []int32
}

func analyze(ctx context.Context, net *graph.Network, opt Options, fam family) (*Analysis, error) {
	if err := opt.Validate(); err != nil {
		return nil, err
	}
	ws, err := net.Windows(opt.Windows)
	if err != nil {
		return nil, fmt.Errorf("metrics: %w", err)
	}
	budget, perCell, err := checkBudget(net, ws, opt, fam&(famInternalizing|famCapital) != 0)
	if err != nil {
		return nil, err
	}
	a := &Analysis{Network: net, Options: opt, Windows: ws, Scopes: net.Scopes()}
	if fam != famAll {
		a.Options.Stream = nil
	}
	streamRows := a.Options.Stream.StreamsMemberWindows()
	// A stream's error stops the work as an interrupt would, and is what
	// Analyze returns; an interrupt returns the caller's ctx.Err().
	parent := ctx
	ctx, stop := context.WithCancelCause(parent)
	defer stop(nil)
	stopped := func() error {
		if err := parent.Err(); err != nil {
			return err
		}
		return context.Cause(ctx)
	}
	tm := newStageTimes()
	nw, ns := len(ws), len(a.Scopes)
	if streamRows {
		// Each pair makes its own rows, handed on and dropped in turn.
		perCell = nil
	}
	lay := newRowLayout(perCell, fam)
	var ei [][]EICounts
	if fam&famExternalizing != 0 {
		ei = make([][]EICounts, nw)
		for wi, w := range ws {
			ei[wi] = ExchangeEI(net, w)
		}
	}
	out := make([]winOut, ns*nw)
	em := newEmitter(a, out, fam, stop)
	total := ns * nw
	if fam&famCapital != 0 {
		total++
	}
	if fam&famClaims != 0 {
		total += ns * nw // the cycle tables
		if opt.NullDraws > 0 {
			total += nw + 1 // the advantage tests of each window and of the whole period
		}
	}
	var mu sync.Mutex
	done := 0
	step := func(stage string) {
		if opt.Progress == nil {
			return
		}
		mu.Lock()
		done++
		opt.Progress(Progress{Stage: stage, Done: done, Total: total})
		mu.Unlock()
	}
	type scratch struct{ pr *graph.Projector }
	parallel(ns*nw, opt.Workers, func() *scratch { return &scratch{graph.NewProjector(net)} }, func(st *scratch, j int) {
		if ctx.Err() != nil {
			em.finish(j, true)
			return
		}
		em.start(j)
		if ctx.Err() != nil {
			em.finish(j, true)
			return
		}
		si, wi := j/nw, j%nw
		out[j] = analyzeWindow(net, st.pr, ws[wi], a.Scopes[si], si, wi, ei, lay.cell(j), opt, fam, tm)
		em.finish(j, false)
		step("windows")
	})
	if ctx.Err() != nil {
		return nil, stopped()
	}
	// The folds and the whole period read different fields of out, so
	// they can run side by side.
	var folds sync.WaitGroup
	if fam&famInternalizing != 0 {
		folds.Go(func() {
			start := time.Now()
			a.Internalizing = foldInternalizing(out, a.Scopes, ws, lay.rows, !streamRows, int(budget.Trajectories), opt, len(net.Members))
			tm.since("trajectories", start)
		})
	}
	if fam&famExternalizing != 0 {
		folds.Go(func() {
			start := time.Now()
			var sink *adoptionSink
			if a.Options.Stream.StreamsAdoption() {
				sink = newAdoptionSink(a, stop)
			}
			a.Externalizing = foldExternalizing(net, out, a.Scopes, ws, opt, sink)
			tm.since("item_histories", start)
		})
	}
	if streamRows {
		// Streaming is for memory: the scratch the folds let go is not
		// held beside the whole-period projection.
		folds.Wait()
	}
	if fam&famCapital != 0 {
		a.Capital = wholeCapital(net, out, a.Scopes, ws, lay.holes, !streamRows, opt, tm)
		step("whole period")
	}
	folds.Wait()
	if fam&famClaims != 0 && ctx.Err() == nil {
		core := make([]NullTest, len(out))
		for j := range out {
			core[j] = out[j].core
		}
		a.Claims = testClaims(ctx, a, core, opt, step, tm)
	}
	a.Timings = tm.seconds()
	if ctx.Err() != nil {
		return nil, stopped()
	}
	return a, nil
}

// rowLayout places the member rows and holes of every (scope, window) in
// one slice each, in the order of the tables, before the windows run: a
// window writes its rows in its own part, and the families take the
// slices whole, with no copy of every row held beside the rows.
type rowLayout struct {
	off   []int // the rows of cell j are [off[j], off[j+1])
	rows  []MemberWindow
	holes []MemberHoles
}

// newRowLayout lays out the rows counted per cell (nil: none, each
// window then makes its own).
func newRowLayout(perCell []int32, fam family) rowLayout {
	var l rowLayout
	if perCell == nil {
		return l
	}
	l.off = make([]int, len(perCell)+1)
	for j, n := range perCell {
		l.off[j+1] = l.off[j] + int(n)
	}
	total := l.off[len(perCell)]
	if fam&famInternalizing != 0 {
		l.rows = make([]MemberWindow, total)
	}
	if fam&famCapital != 0 {
		l.holes = make([]MemberHoles, total)
	}
	return l
}

// cell is the part of cell j, empty with the rows' capacity.
func (l rowLayout) cell(j int) rowLayout {
	if l.off == nil {
		return rowLayout{}
	}
	lo, hi := l.off[j], l.off[j+1]
	var c rowLayout
	if l.rows != nil {
		c.rows = l.rows[lo:lo:hi]
	}
	if l.holes != nil {
		c.holes = l.holes[lo:lo:hi]
	}
	return c
}

// place gives the part of a cell for n rows: the laid-out part when its
// capacity is n, else (a count that does not match the projection's) a
// new slice, which the fold then copies.
func place[T any](part []T, n int) []T {
	if cap(part) == n {
		return part[:0]
	}
	return make([]T, 0, n)
}

// gather returns the parts of the n cells as one slice, in order: laid
// when they lie there (see placed), else a new slice that each part is
// copied into and then points into, so that writes through the parts
// reach the whole.
func gather[T any](laid []T, n int, part func(j int) *[]T) []T {
	if placed(laid, func(j int) []T { return *part(j) }, n) {
		return laid
	}
	gatherCopies.Add(1)
	total := 0
	for j := range n {
		total += len(*part(j))
	}
	whole := make([]T, 0, total)
	for j := range n {
		p := part(j)
		at := len(whole)
		whole = append(whole, *p...)
		*p = whole[at:len(whole):len(whole)]
	}
	return whole
}

// gatherCopies counts the tables gather had to copy: none when the
// budget's counts are right (the tests hold it to that).
var gatherCopies atomic.Int64

// placed reports whether every cell's part lies in whole, in order, at
// its place in the laid-out slice.
func placed[T any](whole []T, parts func(j int) []T, n int) bool {
	if whole == nil {
		return false
	}
	at := 0
	for j := range n {
		p := parts(j)
		if len(p) > 0 && (at+len(p) > len(whole) || &p[0] != &whole[at]) {
			return false
		}
		at += len(p)
	}
	return at == len(whole)
}

// analyzeWindow builds the projection of one scope and window once and
// computes every asked family's per-window figures from it, writing its
// member rows and holes in the parts of lay.
func analyzeWindow(net *graph.Network, pr *graph.Projector, w graph.Window, s graph.Scope, si, wi int, ei [][]EICounts, lay rowLayout, opt Options, fam family, tm *stageTimes) winOut {
	var o winOut
	start := time.Now()
	p := pr.Project(w, s, graph.ProjectOptions{})
	tm.since("projections", start)
	o.active = p.NActive
	if fam&famInternalizing != 0 {
		o.sw, o.rows = internalizeWindow(p, s, wi, place(lay.rows, p.NActive), opt, tm)
	}
	if fam&famClaims != 0 && fam&famInternalizing != 0 {
		// The claims family (which runs only with every family) tests the
		// window's fit, just made, on the same projection.
		o.core = coreTest(p, o.sw.BERho, si, wi, opt, tm)
	}
	if fam&famExternalizing != 0 {
		o.ex = exchangeOf(p, tm)
		o.ex.Window = wi
		c := ei[wi][int(s)+1]
		o.ex.EIFlows, o.ex.EIWeight = c.Index()
		start = time.Now()
		o.cw, o.items = convergenceWindow(net, p, w, s, wi, opt)
		tm.since("convergence", start)
	}
	if fam&famCapital != 0 {
		start = time.Now()
		defer tm.since("constraint", start)
		h := StructuralHoles(p)
		o.holes = place(lay.holes, p.NActive)
		for i, m := range p.Nodes {
			if p.Active[i] {
				o.holes = append(o.holes, MemberHoles{Scope: s, Window: wi, Member: m,
					Constraint: h.Constraint[i], EffectiveSize: h.EffectiveSize[i], Efficiency: h.Efficiency[i], Hierarchy: h.Hierarchy[i]})
			}
		}
	}
	return o
}

// internalizeWindow computes the roles and member rows of one window,
// appended to rows; the figures that need earlier windows (newcomers,
// turnover) are left to foldInternalizing.
func internalizeWindow(p *graph.Projection, s graph.Scope, wi int, rows []MemberWindow, opt Options, tm *stageTimes) (ScopeWindow, []MemberWindow) {
	wr := assignRoles(p, opt.Roles, opt.ExactNodes, tm)
	sw := ScopeWindow{Scope: s, Window: wi, Active: p.NActive, Flows: p.Flows, Arcs: p.Arcs(), Edges: p.Edges(),
		KMax: int(wr.KMax), BERho: wr.Discrete.Rho, ContinuousRho: wr.Continuous.Rho, CoreTurnover: math.NaN()}
	sent, received := p.FlowCounts()
	for i, m := range p.Nodes {
		if !p.Active[i] {
			continue
		}
		row := MemberWindow{Scope: s, Window: wi, Member: m,
			InDegree: p.InDegree(i), OutDegree: p.OutDegree(i), Degree: p.Degree(i),
			InStrength: p.InStrength(i), OutStrength: p.OutStrength(i),
			FlowsSent: sent[i], FlowsReceived: received[i],
			CoreNumber: int(wr.Core[i]), BECoreness: wr.Continuous.Coreness[i], Role: wr.Roles[i]}
		if wr.KMax > 0 {
			row.Coreness = float64(wr.Core[i]) / float64(wr.KMax)
		}
		switch row.Role {
		case Core:
			sw.CoreSize++
		case Semi:
			sw.SemiSize++
		case Periphery:
			sw.PeripherySize++
		}
		rows = append(rows, row)
	}
	return sw, rows
}

// foldInternalizing follows each scope's windows in order (their
// newcomers and turnover were counted as the pairs were followed, see
// emitter): trajectories, transitions and the newcomer figures. laid is
// the laid-out member rows (see rowLayout), held tells whether the
// Analysis holds them (else they were streamed), trajectories the number
// of trajectories when the budget counted them (0: not counted).
func foldInternalizing(out []winOut, scopes []graph.Scope, ws []graph.Window, laid []MemberWindow, held bool, trajectories int, opt Options, members int) *Internalizing {
	nw := len(ws)
	res := &Internalizing{Windows: ws, Scopes: scopes}
	if trajectories > 0 {
		// Counted by the budget: the table is made at its size.
		res.Trajectories = make([]Trajectory, 0, trajectories)
	}
	if held {
		res.MemberWindows = gather(laid, len(out), func(j int) *[]MemberWindow { return &out[j].rows })
	}
	// Each scope's rows are gathered by member, in window order, by a
	// counting sort: count[m] rows of member m, from at[m] in series.
	count, at := make([]int32, members), make([]int32, members)
	var series []memberWindowEntry
	var x, y []float64 // scratch of the slopes
	for si, s := range scopes {
		var order []int32 // the scope's members, in order of first window
		first := len(res.ScopeWindows)
		rows := 0
		for wi := range nw {
			o := &out[si*nw+wi]
			for _, e := range o.entries {
				if count[e.member] == 0 {
					order = append(order, e.member)
				}
				count[e.member]++
			}
			rows += len(o.entries)
			res.ScopeWindows = append(res.ScopeWindows, o.sw)
		}
		slices.Sort(order)
		next := int32(0)
		for _, m := range order {
			at[m] = next
			next += count[m]
		}
		series = slices.Grow(series[:0], rows)[:rows]
		for wi := range nw {
			o := &out[si*nw+wi]
			for _, e := range o.entries {
				series[at[e.member]] = memberWindowEntry{window: int32(wi), role: e.role, coreness: e.coreness}
				at[e.member]++
			}
			o.rows, o.entries = nil, nil
		}
		// Every trajectory's roles, from its first window to the last,
		// cut from one array (Absent, the zero role, where not active).
		cells := 0
		for _, m := range order {
			cells += nw - int(series[at[m]-count[m]].window)
		}
		roles := make([]Role, cells)
		trans := map[[2]State]int{}
		firstTraj := len(res.Trajectories)
		for _, m := range order {
			es := series[at[m]-count[m] : at[m]]
			count[m] = 0
			t := Trajectory{Scope: s, Member: m, FirstWindow: int(es[0].window), LastWindow: int(es[len(es)-1].window),
				FirstCoreWindow: -1, WindowsToCore: -1, ActiveWindows: len(es)}
			n := nw - t.FirstWindow
			t.Roles, roles = roles[:n:n], roles[n:]
			tenure := t.LastWindow - t.FirstWindow + 1
			y = slices.Grow(y[:0], tenure)[:tenure]
			clear(y)
			for _, e := range es {
				w := int(e.window) - t.FirstWindow
				t.Roles[w] = e.role
				y[w] = e.coreness
				if e.role == Core {
					t.CoreWindows++
					if t.FirstCoreWindow < 0 {
						t.FirstCoreWindow, t.WindowsToCore = int(e.window), w
					}
				}
			}
			for len(x) < tenure {
				x = append(x, float64(len(x)))
			}
			t.CorenessSlope = regressionSlope(x[:tenure], y)
			for k, r := range t.Roles {
				from := New
				if k > 0 {
					from = State(t.Roles[k-1])
				}
				trans[[2]State{from, State(r)}]++
			}
			t.EverLeft = slices.Contains(t.Roles, Absent)
			res.Trajectories = append(res.Trajectories, t)
		}
		res.Transitions = append(res.Transitions, transitions(s, trans)...)
		newcomerFigures(res.ScopeWindows[first:], res.Trajectories[firstTraj:], nw, opt.Horizon)
	}
	return res
}

// memberWindowEntry is what a trajectory reads of a member-window row.
type memberWindowEntry struct {
	window   int32
	role     Role
	coreness float64
}

// convergenceWindow computes the knowledge figures of one window and the
// items' use in it.
func convergenceWindow(net *graph.Network, p *graph.Projection, w graph.Window, s graph.Scope, wi int, opt Options) (ConvergenceWindow, []itemWin) {
	cw := ConvergenceWindow{Scope: s, Window: wi}
	ps := Profiles(net, w, s)
	uses := make(map[int32]int)
	holders := make(map[int32]int)
	byItem := map[int32]*itemWin{}
	for _, pf := range ps {
		for _, k := range pf.Items {
			holders[k]++
		}
	}
	for i := w.Lo; i < w.Hi; i++ {
		f := &net.Flows[i]
		if f.Source == f.Target || !net.InScope(f, s) {
			continue
		}
		for _, k := range net.Knowledge(f) {
			uses[k]++
			iw := byItem[k]
			if iw == nil {
				iw = &itemWin{item: k, first: f.Time}
				byItem[k] = iw
			}
			iw.uses++
			if f.Time == iw.first && !slices.Contains(iw.firstFrom, f.Source) {
				iw.firstFrom = append(iw.firstFrom, f.Source)
			}
			if f.Time == iw.first && net.Undirected && !slices.Contains(iw.firstFrom, f.Target) {
				// Without direction, both ends of the first use brought it.
				iw.firstFrom = append(iw.firstFrom, f.Target)
			}
		}
	}
	convergence(&cw, ps, uses, holders, p.NActive, len(net.Items), opt, wi)
	for _, pf := range ps {
		for _, k := range pf.Items {
			byItem[k].members = append(byItem[k].members, pf.Member)
		}
	}
	items := make([]itemWin, 0, len(byItem))
	for _, iw := range byItem {
		items = append(items, *iw)
	}
	slices.SortFunc(items, func(a, b itemWin) int { return int(a.item) - int(b.item) })
	return cw, items
}

// foldExternalizing follows each scope's windows in order (exchange,
// convergence and its trend), then each item's windows in order: its
// history and adoption curve.
//
// With a sink, the adoption rows go to it rather than into the result.
func foldExternalizing(net *graph.Network, out []winOut, scopes []graph.Scope, ws []graph.Window, opt Options, sink *adoptionSink) *Externalizing {
	nw := len(ws)
	res := &Externalizing{Windows: ws, Scopes: scopes, HasKnowledge: len(net.Items) > 0}
	// uses[k] lists item k's windows in the scope, in order, as the
	// window and the index of its itemWin there.
	type use struct{ wi, at int32 }
	uses := make([][]use, len(net.Items))
	// adopted[m] is the stamp of the last (scope, item) that member m
	// adopted: each item's adopters are counted with a stamp of its own.
	adopted := make([]int32, len(net.Members))
	stamp := int32(0)
	// The adoption rows, counted first (an item's rows run from its first
	// window in a scope to the last window), so that the table is made at
	// its size rather than doubled as it fills.
	rows, firstIn := 0, make([]int32, len(net.Items)) // firstIn: scope+1 once seen there
	for si := range scopes {
		for wi := range nw {
			for _, iw := range out[si*nw+wi].items {
				if firstIn[iw.item] != int32(si)+1 {
					firstIn[iw.item] = int32(si) + 1
					rows += nw - wi
				}
			}
		}
	}
	if rows > 0 && sink == nil {
		res.Adoption = make([]Adoption, 0, rows)
	}
	for si, s := range scopes {
		for k := range uses {
			uses[k] = uses[k][:0]
		}
		var cosX, cosY []float64
		for wi := range nw {
			o := &out[si*nw+wi]
			res.Exchange = append(res.Exchange, o.ex)
			res.Convergence = append(res.Convergence, o.cw)
			if !math.IsNaN(o.cw.MeanCosine) {
				cosX, cosY = append(cosX, float64(wi)), append(cosY, o.cw.MeanCosine)
			}
			for at := range o.items {
				k := o.items[at].item
				uses[k] = append(uses[k], use{int32(wi), int32(at)})
			}
		}
		res.Trends = append(res.Trends, ConvergenceTrend{Scope: s, Slope: regressionSlope(cosX, cosY)})
		for k := range net.Items {
			h := ItemHistory{Scope: s, Item: int32(k), PeakWindow: -1, ObjectifiedWindow: -1}
			seen := len(uses[k]) > 0
			adopters := 0
			if seen {
				stamp++
				first := &out[si*nw+int(uses[k][0].wi)].items[uses[k][0].at]
				h.FirstUse, h.FirstWindow = first.first, int(uses[k][0].wi)
				h.Originators = append(h.Originators, first.firstFrom...)
				next, run := 0, 0
				for wi := h.FirstWindow; wi < nw; wi++ {
					o := &out[si*nw+wi]
					a := Adoption{Scope: s, Item: int32(k), Window: wi, Share: math.NaN()}
					if next < len(uses[k]) && int(uses[k][next].wi) == wi {
						iw := &o.items[uses[k][next].at]
						next++
						a.Adopters, a.Uses = len(iw.members), iw.uses
						for _, m := range iw.members {
							if adopted[m] != stamp {
								adopted[m] = stamp
								a.NewAdopters++
							}
						}
					}
					adopters += a.NewAdopters
					a.CumulativeAdopters = adopters
					if o.active > 0 {
						a.Share = float64(a.Adopters) / float64(o.active)
					}
					h.Uses += a.Uses
					if a.Share > h.PeakShare {
						h.PeakShare, h.PeakWindow = a.Share, wi
					}
					if a.Share >= opt.Theta {
						h.WindowsShared++
						run++
						if run >= opt.Persist && h.ObjectifiedWindow < 0 {
							h.ObjectifiedWindow = wi
						}
					} else {
						run = 0
					}
					if sink != nil {
						sink.add(a)
					} else {
						res.Adoption = append(res.Adoption, a)
					}
				}
			}
			meta := net.ItemMeta[k]
			if s == graph.Organization && meta.HasCreated && (!seen || meta.Created <= h.FirstUse) {
				// The item was introduced before any flow carried it.
				h.FirstUse, h.FirstWindow, h.Originators = meta.Created, windowOf(ws, meta.Created), nil
				if meta.Creator != graph.None {
					h.Originators = []int32{meta.Creator}
				}
				seen = true
			}
			if !seen {
				continue
			}
			slices.Sort(h.Originators)
			h.Adopters = adopters
			res.Items = append(res.Items, h)
		}
		for wi := range nw {
			out[si*nw+wi].items = nil
		}
	}
	if sink != nil {
		sink.flush()
	}
	return res
}

// wholeCapital gathers the per-window structural holes and computes the
// whole-period social capital once.
func wholeCapital(net *graph.Network, out []winOut, scopes []graph.Scope, ws []graph.Window, laid []MemberHoles, held bool, opt Options, tm *stageTimes) *SocialCapital {
	res := &SocialCapital{Windows: ws, Scopes: scopes}
	if held {
		res.Holes = gather(laid, len(out), func(j int) *[]MemberHoles { return &out[j].holes })
	}
	for j := range out {
		out[j].holes = nil
	}
	// One projection of every member serves every whole-period figure.
	// Louvain runs first: its moves are sequential, the rest is shared
	// among the workers, and nothing else of this phase competes with it
	// for the processors and their caches (with the rows held, the
	// windows' folds may still be running). The cognitive similarity, on
	// one goroutine, then runs beside the member measures, which split
	// their work over the workers.
	start := time.Now()
	whole := net.Project(net.All(), graph.Organization, graph.ProjectOptions{AllMembers: true})
	tm.since("projections", start)
	d := detect(net, whole, opt, tm)
	var cog []float64
	waitCognitive := beside(opt.Workers, func() {
		start := time.Now()
		cog = cognitive(net, net.All())
		tm.since("cognitive", start)
	})
	res.memberCapital(net, whole, opt, tm, func() []float64 { waitCognitive(); return cog })
	res.structure(net, whole, d)
	start = time.Now()
	res.communityCapital(net, opt.Workers)
	tm.since("community_capital", start)
	return res
}
