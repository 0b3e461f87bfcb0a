package metrics

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"github.com/copnet/copnet/graph"
	"github.com/copnet/copnet/io/csvio"
)

// TestBudgetCountsTheAnalysis: BudgetOf's counts are those of the
// analysis it guards (trajectories and member-window rows of every scope),
// with its per-member state in a slice and, past maxDenseBudget, in a map;
// the rows it counts per (scope, window), by which the driver lays them
// out, are those the windows make, for windows that cut the flows and for
// cumulative ones; and the rows and holes are the laid-out slices, not
// copies.
func TestBudgetCountsTheAnalysis(t *testing.T) {
	net, _, err := csvio.Load(filepath.Join("..", "testdata", "email-eu-core"), csvio.Options{})
	if err != nil {
		t.Fatal(err)
	}
	cut := graph.WindowSpec{Unit: graph.Parts, Parts: 6}
	cumulative := cut
	cumulative.Cumulative = true
	for _, spec := range []graph.WindowSpec{cut, cumulative} {
		opt := DefaultOptions()
		opt.NullDraws, opt.RewireDraws, opt.BootstrapDraws = 0, 0, 0
		opt.Windows = spec
		// The families that make member rows and holes.
		copies := gatherCopies.Load()
		a, err := analyze(context.Background(), net, opt, famInternalizing|famCapital)
		if err != nil {
			t.Fatal(err)
		}
		mw := a.Internalizing.MemberWindows
		for _, bound := range []int64{1 << 24, 0} {
			old := maxDenseBudget
			maxDenseBudget = bound
			b, per := budgetOf(net, a.Windows, true)
			maxDenseBudget = old
			if b != BudgetOf(net, a.Windows) {
				t.Errorf("%+v: budgetOf %+v, BudgetOf %+v", spec, b, BudgetOf(net, a.Windows))
			}
			if b.Trajectories != int64(len(a.Internalizing.Trajectories)) || b.MemberWindows != int64(len(mw)) {
				t.Errorf("%+v, bound %d: budget counts %d trajectories and %d member-windows, the analysis %d and %d",
					spec, bound, b.Trajectories, b.MemberWindows, len(a.Internalizing.Trajectories), len(mw))
			}
			got := make([]int32, len(per))
			for _, r := range mw {
				got[int(r.Scope+1)*len(a.Windows)+r.Window]++
			}
			if !slices.Equal(per, got) {
				t.Errorf("%+v, bound %d: rows per (scope, window) counted %v, made %v", spec, bound, per, got)
			}
		}
		if len(mw) == 0 || len(a.Capital.Holes) != len(mw) {
			t.Fatalf("%+v: %d member rows, %d holes", spec, len(mw), len(a.Capital.Holes))
		}
		if n := gatherCopies.Load() - copies; n != 0 {
			t.Errorf("%+v: %d tables copied, want the laid-out slices taken whole", spec, n)
		}
	}
}

// TestPlaced: the fold takes the laid-out slice only when every window's
// part lies in it, in order, and fills it; otherwise it gathers the parts.
func TestPlaced(t *testing.T) {
	whole := make([]int, 6)
	parts := [][]int{whole[0:2], whole[2:2], whole[2:6]}
	at := func(ps [][]int) func(int) []int { return func(j int) []int { return ps[j] } }
	if !placed(whole, at(parts), len(parts)) {
		t.Error("parts in order: not placed")
	}
	if placed(whole, at([][]int{whole[0:2], make([]int, 4)}), 2) {
		t.Error("a part made apart: placed")
	}
	if placed(whole, at([][]int{whole[2:6], whole[0:2]}), 2) {
		t.Error("parts out of order: placed")
	}
	if placed(whole, at([][]int{whole[0:2]}), 1) {
		t.Error("parts short of the whole: placed")
	}
	if placed(nil, at(nil), 0) {
		t.Error("no layout: placed")
	}
	if got := place(whole[2:2:6], 4); cap(got) != 4 || len(got) != 0 || &got[:1][0] != &whole[2] {
		t.Error("place: a part of the right size is not the part")
	}
	if got := place(whole[2:2:6], 3); cap(got) != 3 || &got[:1][0] == &whole[2] {
		t.Error("place: a count that does not match gets the part")
	}
	// gather takes the laid-out slice whole, or copies parts made apart
	// into a new one they then point into.
	in := [][]int{whole[0:2], whole[2:6]}
	if got := gather(whole, 2, func(j int) *[]int { return &in[j] }); &got[0] != &whole[0] || len(got) != 6 {
		t.Error("gather: parts in place were copied")
	}
	apart := [][]int{{1, 2}, {}, {3}}
	copies := gatherCopies.Load()
	got := gather(whole, 3, func(j int) *[]int { return &apart[j] })
	if gatherCopies.Load() != copies+1 {
		t.Error("gather: a copy not counted")
	}
	if !slices.Equal(got, []int{1, 2, 3}) || &apart[0][0] != &got[0] || &apart[2][0] != &got[2] || len(apart[1]) != 0 {
		t.Errorf("gather of parts made apart: %v, parts %v", got, apart)
	}
	apart[0][1] = 9
	if got[1] != 9 {
		t.Error("gather: a write through a part does not reach the whole")
	}
}

// TestBetweennessOfActiveNodes: betweenness over the active nodes of the
// projection of every member equals Betweenness on the projection of the
// active members, value for value and source for source, exact and
// sampled.
func TestBetweennessOfActiveNodes(t *testing.T) {
	net, _, err := csvio.Load(filepath.Join("..", "testdata", "email-eu-core"), csvio.Options{})
	if err != nil {
		t.Fatal(err)
	}
	// A window leaves many members without a tie.
	ws, err := net.Windows(graph.WindowSpec{Unit: graph.Parts, Parts: 8})
	if err != nil {
		t.Fatal(err)
	}
	all := net.Project(ws[3], graph.Organization, graph.ProjectOptions{AllMembers: true})
	act := net.Project(ws[3], graph.Organization, graph.ProjectOptions{})
	var active []int32
	for i := range all.N() {
		if all.Active[i] {
			active = append(active, int32(i))
		}
	}
	if len(active) != act.N() || len(active) == all.N() {
		t.Fatalf("%d active of %d members; the active projection has %d", len(active), all.N(), act.N())
	}
	for _, pivots := range []int{0, 50} {
		want := Betweenness(act, pivots, 7, 2)
		got := betweenness(all, active, pivots, 7, 2)
		if got.Exact != want.Exact || !slices.Equal(got.Values, want.Values) || !slices.Equal(got.Sources, want.Sources) {
			t.Errorf("pivots %d: the active nodes' betweenness differs from the active projection's", pivots)
		}
		for k, i := range active {
			if act.Nodes[k] != all.Nodes[i] {
				t.Fatalf("node %d: member %d, active projection's %d", k, all.Nodes[i], act.Nodes[k])
			}
		}
	}
}
