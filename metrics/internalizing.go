package metrics

import (
	"context"
	"math"
	"sort"
	"time"

	"github.com/copnet/copnet/graph"
)

// InternalizingOptions parameterize Internalize.
type InternalizingOptions struct {
	// Windows cuts time (the zero value is Auto).
	Windows graph.WindowSpec
	// Roles is the role method (the zero value is BERoles).
	Roles RoleMethod
	// Horizon H, in windows, for the newcomer figures; 0 means 4.
	Horizon int
	// ExactNodes bounds the windows whose discrete core/periphery fit
	// examines every split; 0 means DefaultExactNodes.
	ExactNodes int
	// Workers analyse scopes in parallel; 0 means GOMAXPROCS. The result
	// does not depend on it.
	Workers int
}

// DefaultHorizon is the default H.
const DefaultHorizon = 4

// Internalizing holds the peripheral-to-core figures of every scope and
// window. Slices are sorted: scopes in Network.Scopes order (organization
// first), then windows in time order, then members in member order.
type Internalizing struct {
	Options InternalizingOptions
	Windows []graph.Window
	Scopes  []graph.Scope
	// MemberWindows has one row per active member, scope and window.
	MemberWindows []MemberWindow
	// Trajectories has one row per member ever active in a scope.
	Trajectories []Trajectory
	// Transitions has one row per scope and pair of states, in state
	// order: the counts of consecutive-window moves of members.
	Transitions []Transition
	// ScopeWindows has one row per scope and window.
	ScopeWindows []ScopeWindow
}

// MemberWindow is one active member in one window of one scope.
//
// Its fields are ordered by size, so that a row takes no padding but the
// last few bytes: one is held per active member, window and scope.
type MemberWindow struct {
	Scope  graph.Scope
	Member int32
	Window int
	// InDegree and OutDegree count distinct predecessors and successors;
	// Degree counts neighbours in the undirected projection.
	InDegree, OutDegree, Degree int
	// InStrength and OutStrength sum the weights of incoming and outgoing
	// flows (self-flows excluded).
	InStrength, OutStrength float64
	// FlowsSent and FlowsReceived count flows (self-flows excluded).
	FlowsSent, FlowsReceived int
	// CoreNumber is the k-core number; Coreness is CoreNumber / k_max.
	CoreNumber int
	Coreness   float64
	// BECoreness is the Borgatti–Everett continuous coreness.
	BECoreness float64
	// Newcomer is true in the member's first active window in the scope.
	Newcomer bool
	Role     Role
}

// Trajectory follows one member through the windows of one scope.
type Trajectory struct {
	Scope  graph.Scope
	Member int32
	// FirstWindow and LastWindow are the first and last active windows.
	FirstWindow, LastWindow int
	// FirstCoreWindow is the first window with role core, -1 if none;
	// WindowsToCore is FirstCoreWindow − FirstWindow, -1 if none.
	FirstCoreWindow, WindowsToCore int
	ActiveWindows, CoreWindows     int
	// EverLeft is true when the member was absent in a window after its
	// first active one.
	EverLeft bool
	// CorenessSlope is the least-squares slope of the normalized coreness
	// per window over the member's tenure (first to last active window,
	// absent windows counting 0); NaN for a one-window tenure.
	CorenessSlope float64
	// Roles holds the role in every window from FirstWindow to the last
	// window of the observation.
	Roles []Role
}

// State is a member's state in a transition: a role, or New for the
// window before the first active one.
type State int8

// New is the state before a member's first active window; the other states
// are the roles.
const New State = -1

// String names the state.
func (s State) String() string {
	if s == New {
		return "new"
	}
	return Role(s).String()
}

// Transition counts members moving From a state in one window To a state
// in the next.
type Transition struct {
	Scope    graph.Scope
	From, To State
	Count    int
	// Share is Count over the row total (every move from From).
	Share float64
}

// ScopeWindow holds one window of one scope.
type ScopeWindow struct {
	Scope  graph.Scope
	Window int
	// Active is the number of active members; Flows counts the scope's
	// flows in the window (self-flows included); Arcs and Edges size the
	// directed and undirected projections.
	Active, Flows, Arcs, Edges int
	KMax                       int
	// BERho is the discrete fit's correlation, ContinuousRho the
	// continuous model's; NaN when undefined.
	BERho, ContinuousRho float64
	// CoreSize, SemiSize and PeripherySize count members by role.
	CoreSize, SemiSize, PeripherySize int
	// Newcomers are the members whose first active window in the scope is
	// this one.
	Newcomers int
	// NewcomersToCore is the share of newcomers with role core within
	// Horizon windows (including this one), NaN when the horizon runs past
	// the last window or there are no newcomers.
	NewcomersToCore float64
	// MedianWindowsToCore is the median of windows to core of this
	// window's newcomers that reached the core; NaN when none did.
	MedianWindowsToCore float64
	// Retention is the share of newcomers active Horizon windows later;
	// NaN when that window is past the last one or there are no
	// newcomers.
	Retention float64
	// CoreTurnover is the Jaccard distance between this window's core and
	// the previous window's; NaN for the first window or two empty cores.
	CoreTurnover float64
}

// Internalize computes the peripheral-to-core figures of every scope and
// window of the network. It runs the driver of Analyze with this family
// only, so its figures equal those of Analyze with the same options.
func Internalize(net *graph.Network, opt InternalizingOptions) (*Internalizing, error) {
	o := DefaultOptions()
	o.Windows, o.Roles, o.Workers = opt.Windows, opt.Roles, opt.Workers
	if opt.Horizon > 0 {
		o.Horizon = opt.Horizon
	}
	if opt.ExactNodes > 0 {
		o.ExactNodes = opt.ExactNodes
	}
	a, err := analyze(context.Background(), net, o, famInternalizing)
	if err != nil {
		return nil, err
	}
	opt.Horizon, opt.ExactNodes = o.Horizon, o.ExactNodes
	a.Internalizing.Options = opt
	return a.Internalizing, nil
}

// WindowRoles computes the core numbers, continuous coreness, discrete
// fit and roles of one projection; the slices are indexed by local node.
type WindowRoles struct {
	Core       []int32
	KMax       int32
	Continuous Continuous
	Discrete   Discrete
	Roles      []Role
}

// AssignRoles computes WindowRoles for a projection with a role method;
// exactNodes is DiscreteCore's (0 means DefaultExactNodes).
func AssignRoles(p *graph.Projection, m RoleMethod, exactNodes int) WindowRoles {
	if exactNodes <= 0 {
		exactNodes = DefaultExactNodes
	}
	return assignRoles(p, m, exactNodes, nil)
}

// assignRoles is AssignRoles with the exhaustive fit up to exactNodes
// nodes, none for 0.
func assignRoles(p *graph.Projection, m RoleMethod, exactNodes int, tm *stageTimes) WindowRoles {
	start := time.Now()
	wr := WindowRoles{Core: CoreNumbers(p)}
	tm.since("core_windows", start)
	start = time.Now()
	wr.Continuous, wr.Discrete = ContinuousCoreness(p, 0), discreteCore(p, exactNodes)
	defer tm.since("core_periphery_fit", start)
	wr.KMax = MaxCore(wr.Core)
	wr.Roles = make([]Role, p.N())
	switch m.Kind {
	case OnionRoles:
		onionRoles(p, activity(p), wr.Roles)
	case KCoreRoles:
		core := make([]bool, p.N())
		for i, k := range wr.Core {
			core[i] = wr.KMax > 0 && float64(k)/float64(wr.KMax) >= m.Threshold
		}
		tiedRoles(p, core, wr.Roles)
	default:
		tiedRoles(p, wr.Discrete.Core, wr.Roles)
	}
	return wr
}

// activity is the number of flows each node sent or received.
func activity(p *graph.Projection) []float64 {
	sent, received := p.FlowCounts()
	a := make([]float64, p.N())
	for i := range a {
		a[i] = float64(sent[i] + received[i])
	}
	return a
}

// jaccardDistance is 1 − |a ∩ b| / |a ∪ b| of two ascending sets of
// members; NaN when both are empty.
func jaccardDistance(a, b []int32) float64 {
	inter := intersectCount(a, b)
	union := len(a) + len(b) - inter
	if union == 0 {
		return math.NaN()
	}
	return 1 - float64(inter)/float64(union)
}

// allStates lists the states in table order.
var allStates = []State{New, State(Absent), State(Periphery), State(Semi), State(Core)}

func transitions(s graph.Scope, counts map[[2]State]int) []Transition {
	var out []Transition
	for _, from := range allStates {
		total := 0
		for _, to := range allStates[1:] {
			total += counts[[2]State{from, to}]
		}
		for _, to := range allStates[1:] {
			if from == New && to == State(Absent) {
				continue // nobody arrives absent
			}
			c := counts[[2]State{from, to}]
			share := math.NaN()
			if total > 0 {
				share = float64(c) / float64(total)
			}
			out = append(out, Transition{Scope: s, From: from, To: to, Count: c, Share: share})
		}
	}
	return out
}

func newcomerFigures(sws []ScopeWindow, trajs []Trajectory, nw, h int) {
	byWindow := make([][]*Trajectory, nw)
	for i := range trajs {
		t := &trajs[i]
		byWindow[t.FirstWindow] = append(byWindow[t.FirstWindow], t)
	}
	for wi := range sws {
		sw := &sws[wi]
		sw.NewcomersToCore, sw.MedianWindowsToCore, sw.Retention = math.NaN(), math.NaN(), math.NaN()
		ts := byWindow[wi]
		if len(ts) == 0 {
			continue
		}
		var toCore []float64
		reached, retained := 0, 0
		for _, t := range ts {
			if t.WindowsToCore >= 0 {
				toCore = append(toCore, float64(t.WindowsToCore))
				if t.WindowsToCore < h {
					reached++
				}
			}
			if wi+h < nw && t.Roles[h] != Absent {
				retained++
			}
		}
		if wi+h-1 < nw {
			sw.NewcomersToCore = float64(reached) / float64(len(ts))
		}
		if wi+h < nw {
			sw.Retention = float64(retained) / float64(len(ts))
		}
		if len(toCore) > 0 {
			sort.Float64s(toCore)
			k := len(toCore)
			sw.MedianWindowsToCore = (toCore[(k-1)/2] + toCore[k/2]) / 2
		}
	}
}
