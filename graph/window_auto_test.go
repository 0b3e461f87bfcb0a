package graph_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/copnet/copnet/graph"
)

// rotating builds a network over days days from start: on day d, members
// 3d, 3d+1, 3d+2 (modulo members) exchange two flows, so 3 members are
// active each day and 21 distinct ones in any 7 consecutive days when
// members ≥ 21.
func rotating(t *testing.T, start time.Time, days, members int) *graph.Network {
	t.Helper()
	b := graph.NewBuilder()
	b.SetHasTime(true)
	for i := range members {
		if _, err := b.AddMember(graph.Member{ID: fmt.Sprint("m", i)}); err != nil {
			t.Fatal(err)
		}
	}
	for d := range days {
		at := start.AddDate(0, 0, d).Add(10 * time.Hour).UnixNano()
		a, c, e := int32(3*d%members), int32((3*d+1)%members), int32((3*d+2)%members)
		for _, f := range [][2]int32{{a, c}, {c, e}} {
			if err := b.AddFlow(graph.Flow{Source: f[0], Target: f[1], Time: at, Weight: 1, Community: graph.None, Kind: graph.None}, nil); err != nil {
				t.Fatal(err)
			}
		}
		// A self-flow does not make anyone active.
		if err := b.AddFlow(graph.Flow{Source: a, Target: a, Time: at, Weight: 1, Community: graph.None, Kind: graph.None}, nil); err != nil {
			t.Fatal(err)
		}
	}
	return b.Network()
}

// TestAutoMinimumActiveMembers checks the two rules of the auto unit on
// networks whose windows were counted by hand.
func TestAutoMinimumActiveMembers(t *testing.T) {
	monday := time.Date(2015, 1, 5, 0, 0, 0, 0, time.UTC)
	cases := []struct {
		name    string
		net     *graph.Network
		unit    graph.Unit
		windows int
	}{
		// 40 days from a Monday: by day 40 windows of 3 active members
		// (median 3 < 10); by week 6 windows (5 of 21 members, 1 of 15):
		// no unit meets both rules, and week is the finest whose median
		// reaches 10. The rule of 8 windows alone would pick day.
		{"40 days of 3 members", rotating(t, monday, 40, 60), graph.Week, 6},
		// 300 days from 1 January: 10 months of at least 60 members each;
		// month is the coarsest with 8 windows and a median ≥ 10.
		{"10 months", rotating(t, time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC), 300, 60), graph.Month, 10},
		// 4 members over 20 days: no window ever holds 10 active members;
		// the coarsest unit giving 8 windows is then day (3 weeks only).
		{"small", rotating(t, monday, 20, 4), graph.Day, 20},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ws, err := c.net.Windows(graph.WindowSpec{Unit: graph.Auto})
			if err != nil {
				t.Fatal(err)
			}
			if len(ws) != c.windows || ws[0].Unit != c.unit {
				t.Errorf("got %d windows of unit %v, want %d of %v", len(ws), ws[0].Unit, c.windows, c.unit)
			}
		})
	}
}
