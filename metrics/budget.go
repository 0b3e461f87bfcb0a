package metrics

import (
	"errors"
	"fmt"

	"github.com/copnet/copnet/graph"
)

// Defaults of the memory budget (Options.MaxCells, Options.MaxMemberCells).
const (
	// DefaultMaxCells bounds scopes × windows: every (scope, window) pair
	// is a row of scope_windows.csv and costs about 1 KB while the
	// analysis runs, so the default keeps that part near 1 GB.
	DefaultMaxCells = 1_000_000
	// DefaultMaxMemberCells bounds the member-window cells: for every
	// scope, each member active in it counts the windows from its first
	// active one to the last window (its trajectory's roles, one byte
	// each, and its member_windows.csv rows among them).
	DefaultMaxMemberCells = 50_000_000
)

// ErrBudget is wrapped by the error of an analysis that would exceed the
// memory budget; the error is a *BudgetError.
var ErrBudget = errors.New("analysis too large")

// BudgetError names the product that exceeds the budget.
type BudgetError struct {
	// Product names what was counted ("scopes × windows" …) and Detail
	// its factors.
	Product, Detail string
	// Option names the option (and the netmetrics flag) that bounds it.
	Option string
	Value  int64
	Limit  int64
}

func (e *BudgetError) Error() string {
	return fmt.Sprintf("metrics: %v: %s = %s = %s, above the budget of %s (%s); use coarser windows, fewer communities, or raise the budget",
		ErrBudget, e.Product, e.Detail, group(e.Value), group(e.Limit), e.Option)
}

func (e *BudgetError) Unwrap() error { return ErrBudget }

// group writes n with comma separators.
func group(n int64) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// Budget is what an analysis of a network would hold, counted before it
// starts (see Options.MaxCells).
type Budget struct {
	// Scopes and Windows: Cells = Scopes × Windows.
	Scopes, Windows int
	Cells           int64
	// Trajectories are the (scope, member) pairs of members active in the
	// scope; MemberCells the windows from each one's first active window
	// to the last window, summed; MemberWindows the (scope, window,
	// member) triples of active members, the rows of member_windows.csv.
	Trajectories, MemberCells, MemberWindows int64
}

// BudgetOf counts what an analysis of net cut into windows ws would hold,
// in one pass over the flows: O(flows × scopes per flow).
func BudgetOf(net *graph.Network, ws []graph.Window) Budget {
	b, _ := budgetOf(net, ws, false)
	return b
}

// budgetOf is BudgetOf; with cells it also counts the active members of
// each (scope, window), at (scope+1)·windows + window: the member rows the
// driver will make there, so that they can be laid out in one slice before
// the windows run.
func budgetOf(net *graph.Network, ws []graph.Window, cells bool) (Budget, []int32) {
	ns, nw := len(net.Communities)+1, len(ws)
	b := Budget{Scopes: ns, Windows: nw, Cells: int64(ns) * int64(nw)}
	// per counts the rows of each cell; first the trajectories starting
	// there (cumulative windows make their rows from these).
	var per, first []int32
	if cells {
		per, first = make([]int32, ns*nw), make([]int32, ns*nw)
	}
	// Per scope and member, the last window seen active plus one (0:
	// never): in a slice while scopes × members stays small, in a map
	// beyond.
	nm := len(net.Members)
	var dense []int32
	var sparse map[int64]int32
	if int64(ns)*int64(nm) <= maxDenseBudget {
		dense = make([]int32, ns*nm)
	} else {
		sparse = map[int64]int32{}
	}
	see := func(s, m int32, wi int) {
		k := int64(s+1)*int64(nm) + int64(m) // the organization is scope −1
		var prev int32
		if dense != nil {
			prev = dense[k]
		} else {
			prev = sparse[k]
		}
		if prev == 0 {
			b.Trajectories++
			b.MemberCells += int64(nw - wi)
			if cells {
				first[int(s+1)*nw+wi]++
			}
		}
		if prev != int32(wi)+1 {
			b.MemberWindows++
			if cells {
				per[int(s+1)*nw+wi]++
			}
			if dense != nil {
				dense[k] = int32(wi) + 1
			} else {
				sparse[k] = int32(wi) + 1
			}
		}
	}
	var scopes []graph.Scope
	hi, cumulative := 0, false
	for wi, w := range ws {
		// A cumulative window repeats the earlier flows: they keep their
		// members active, but were counted once already.
		if w.Lo < hi {
			cumulative = true
		}
		for i := max(w.Lo, hi); i < w.Hi; i++ {
			f := &net.Flows[i]
			if f.Source == f.Target {
				continue
			}
			scopes = net.FlowScopes(f, scopes[:0])
			for _, s := range scopes {
				see(int32(s), f.Source, wi)
				see(int32(s), f.Target, wi)
			}
		}
		hi = max(hi, w.Hi)
	}
	if cumulative {
		// A member stays active in every window after its first.
		b.MemberWindows = b.MemberCells
	}
	if cumulative && cells {
		for si := range ns {
			var n int32
			for wi := range nw {
				n += first[si*nw+wi]
				per[si*nw+wi] = n
			}
		}
	}
	return b, per
}

// maxDenseBudget bounds the scopes × members for which BudgetOf keeps
// its per-member state in a slice (4 bytes each) rather than a map.
var maxDenseBudget int64 = 1 << 24

// checkBudget refuses an analysis whose counts exceed the options'
// budget. With cells it returns the counts and the active members of each
// (scope, window), as budgetOf does, counted whether or not a bound asks
// for them.
func checkBudget(net *graph.Network, ws []graph.Window, opt Options, cells bool) (Budget, []int32, error) {
	ns, nw := int64(len(net.Communities)+1), int64(len(ws))
	if opt.MaxCells > 0 && ns*nw > int64(opt.MaxCells) {
		return Budget{}, nil, &BudgetError{Product: "scopes × windows", Detail: fmt.Sprintf("%s × %s", group(ns), group(nw)),
			Option: "MaxCells, netmetrics -max-cells", Value: ns * nw, Limit: int64(opt.MaxCells)}
	}
	if opt.MaxMemberCells <= 0 && !cells {
		return Budget{}, nil, nil
	}
	b, per := budgetOf(net, ws, cells)
	if opt.MaxMemberCells > 0 && b.MemberCells > int64(opt.MaxMemberCells) {
		return Budget{}, nil, &BudgetError{Product: "member-window cells (active members of each scope × the windows from their first one)",
			Detail: fmt.Sprintf("%s trajectories over %s windows", group(b.Trajectories), group(nw)),
			Option: "MaxMemberCells, netmetrics -max-member-cells", Value: b.MemberCells, Limit: int64(opt.MaxMemberCells)}
	}
	return b, per, nil
}
