package metrics

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/copnet/copnet/graph"
)

// Activity is a moment of the knowledge-sharing cycle a flow kind stands
// for: gathering supports internalization, exchange externalization, and
// objectifying makes knowledge collectively accepted.
type Activity int8

// Cycle activities; Unmapped is a kind the cycle does not name.
const (
	Unmapped Activity = iota - 1
	Gathering
	Exchange
	Objectifying
)

var activityNames = [...]string{"gathering", "exchange", "objectifying"}

// String returns the activity's name ("gathering", "exchange",
// "objectifying"), or "unmapped".
func (a Activity) String() string {
	if a >= 0 && int(a) < len(activityNames) {
		return activityNames[a]
	}
	return "unmapped"
}

// ErrCycleSpec reports a cycle mapping that cannot be parsed.
var ErrCycleSpec = errors.New("invalid cycle mapping")

// Cycle maps flow kinds to cycle activities.
type Cycle map[string]Activity

// ParseCycle reads "kind=activity,kind=activity": activities are
// gathering, exchange and objectifying; a kind may be named once.
func ParseCycle(s string) (Cycle, error) {
	c := Cycle{}
	if strings.TrimSpace(s) == "" {
		return c, nil
	}
	for _, part := range strings.Split(s, ",") {
		kind, act, ok := strings.Cut(part, "=")
		kind, act = strings.TrimSpace(kind), strings.TrimSpace(act)
		if !ok || kind == "" {
			return nil, fmt.Errorf("metrics: cycle %q: %q is not kind=activity: %w", s, part, ErrCycleSpec)
		}
		a := Activity(slices.Index(activityNames[:], act))
		if a == Unmapped {
			return nil, fmt.Errorf("metrics: cycle %q: activity %q is not gathering, exchange or objectifying: %w", s, act, ErrCycleSpec)
		}
		if _, dup := c[kind]; dup {
			return nil, fmt.Errorf("metrics: cycle %q: kind %q mapped twice: %w", s, kind, ErrCycleSpec)
		}
		c[kind] = a
	}
	return c, nil
}

// String writes the mapping as ParseCycle reads it, kinds sorted.
func (c Cycle) String() string {
	kinds := make([]string, 0, len(c))
	for k := range c {
		kinds = append(kinds, k)
	}
	slices.Sort(kinds)
	for i, k := range kinds {
		kinds[i] = k + "=" + c[k].String()
	}
	return strings.Join(kinds, ",")
}

// DefaultCycle is the mapping of a preset ("sede", "canonical" or ""):
// for SEDE an answer is gathering (knowledge moving to the asker who
// sought it), a comment exchange and an accepted answer objectifying; the
// canonical layout uses the same kind names, with reply as exchange too.
func DefaultCycle(preset string) Cycle {
	c := Cycle{"answer": Gathering, "comment": Exchange, "accepted": Objectifying}
	if preset != "sede" {
		c["reply"] = Exchange
	}
	return c
}

// Activities returns the activity of each of the network's kinds
// (aligned with net.Kinds).
func (c Cycle) Activities(net *graph.Network) []Activity {
	out := make([]Activity, len(net.Kinds))
	for i, k := range net.Kinds {
		a, ok := c[k]
		if !ok {
			a = Unmapped
		}
		out[i] = a
	}
	return out
}

// CycleWindow is the knowledge-sharing cycle of one scope in one window.
// Shares are NaN when undefined.
type CycleWindow struct {
	Scope  graph.Scope
	Window int
	// Flows counts the scope's flows of each activity (self-flows
	// included, as in flow totals); Unmapped those of other kinds or no
	// kind.
	Flows    [3]int
	Unmapped int
	// Shares are Flows over the mapped flows.
	Shares [3]float64
	// Gatherers received a gathering flow from another member, Providers
	// sent one; Both did both.
	Gatherers, Providers, Both int
	// Objectifying events by the objectified status of their items in the
	// scope: OnObjectified carry an item already objectified by the
	// event's window (objectified window ≤ this one), OnLater one that
	// becomes objectified later and none already, OnNever none that ever
	// is. ShareObjectified is (OnObjectified + OnLater) / events.
	OnObjectified, OnLater, OnNever int
	ShareObjectified                float64
}

// CycleOf counts the cycle of scope s in window w. act gives each kind's
// activity (Cycle.Activities); objectifiedWindow gives, per item, the
// index of the window in which it became objectified in this scope, or a
// negative number when it never does (nil: no item is).
func CycleOf(net *graph.Network, w graph.Window, s graph.Scope, act []Activity, objectifiedWindow []int) CycleWindow {
	c := CycleWindow{Scope: s, Window: w.Index}
	gathered, provided := map[int32]bool{}, map[int32]bool{}
	flows := w.Flows(net)
	for i := range flows {
		f := &flows[i]
		if !net.InScope(f, s) {
			continue
		}
		a := Unmapped
		if f.Kind >= 0 && int(f.Kind) < len(act) {
			a = act[f.Kind]
		}
		if a == Unmapped {
			c.Unmapped++
			continue
		}
		c.Flows[a]++
		switch a {
		case Gathering:
			if !f.Self() {
				gathered[f.Target] = true
				provided[f.Source] = true
			}
		case Objectifying:
			status := 2 // never
			for _, it := range net.Knowledge(f) {
				if int(it) < len(objectifiedWindow) && objectifiedWindow[it] >= 0 {
					if objectifiedWindow[it] <= w.Index {
						status = 0
						break
					}
					status = 1
				}
			}
			switch status {
			case 0:
				c.OnObjectified++
			case 1:
				c.OnLater++
			default:
				c.OnNever++
			}
		}
	}
	mapped := c.Flows[0] + c.Flows[1] + c.Flows[2]
	for a := range c.Shares {
		c.Shares[a] = ratio(c.Flows[a], mapped)
	}
	c.Gatherers, c.Providers = len(gathered), len(provided)
	for m := range gathered {
		if provided[m] {
			c.Both++
		}
	}
	c.ShareObjectified = ratio(c.OnObjectified+c.OnLater, c.Flows[Objectifying])
	return c
}

func ratio(a, b int) float64 {
	if b == 0 {
		return math.NaN()
	}
	return float64(a) / float64(b)
}
