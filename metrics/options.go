package metrics

import (
	"errors"
	"fmt"

	"github.com/copnet/copnet/graph"
)

// DefaultResolution is the default γ of modularity and Louvain: Newman's
// modularity.
const DefaultResolution = 1.0

// DefaultSeed seeds every random choice when the caller names none.
const DefaultSeed = 1

// MaxExactNodes bounds Options.ExactNodes: the exhaustive discrete fit
// examines 2^n splits.
const MaxExactNodes = 30

// Options parameterize Analyze. Start from DefaultOptions and change what
// you need: the zero value is not valid (a zero horizon or θ has no
// meaning), and Analyze refuses options that Validate rejects rather than
// replacing zeros by defaults.
type Options struct {
	// Windows cuts time into the windows every family uses (the zero
	// value is graph.Auto).
	Windows graph.WindowSpec
	// Roles assigns roles in each window (the zero value is BERoles).
	Roles RoleMethod
	// Horizon H, in windows, for newcomers reaching the core and for
	// retention; at least 1.
	Horizon int
	// ExactNodes is the size up to which the discrete core/periphery fit
	// examines every split; 0 never does, at most MaxExactNodes.
	ExactNodes int
	// Theta (θ) is the share of a window's active members that must use an
	// item for it to count as shared, in (0, 1]; Persist (w) the
	// consecutive shared windows after which it is objectified, at least 1.
	Theta   float64
	Persist int
	// JaccardExact is the number of profiles up to which the mean Jaccard
	// similarity visits every pair (0: always sample); JaccardSample the
	// number of pairs sampled above it, at least 1.
	JaccardExact, JaccardSample int
	// Resolution γ of modularity and Louvain, positive.
	Resolution float64
	// BetweennessExact is the number of active members up to which
	// betweenness is exact (0: always sampled); Pivots the number of
	// sampled sources above it, at least 1.
	BetweennessExact, Pivots int
	// Seed seeds every random choice: Louvain's node order, betweenness
	// pivots, Jaccard pairs, and the claims' random groups, rewirings and
	// bootstrap resamples. Any value, 0 included, is a seed.
	Seed uint64
	// Cycle maps flow kinds to the knowledge-sharing cycle
	// (DefaultCycle("canonical") by default).
	Cycle Cycle
	// NullDraws is K, the random groups drawn per community-advantage
	// test (0: no such tests); RewireDraws the degree-preserving
	// rewirings per core/periphery test (0: none); BootstrapDraws the
	// resamples of the pace ratio's interval (0: no interval).
	NullDraws, RewireDraws, BootstrapDraws int
	// StopAfter h makes the community-advantage tests sequential: a test
	// stops once h draws reach the observed value, with
	// Besag & Clifford's p-value h/L after L draws, so unremarkable
	// observations cost a few dozen draws and only those in the tail use
	// all of them; 0 makes every draw.
	StopAfter int
	// Alpha is the false-discovery rate at which the findings count a
	// test as evidence, in (0, 1).
	Alpha float64
	// MaxCells bounds scopes × windows and MaxMemberCells the
	// member-window cells (see BudgetOf): Analyze refuses a larger
	// analysis with a *BudgetError before it starts, instead of
	// exhausting memory. 0 means no bound; DefaultOptions sets
	// DefaultMaxCells and DefaultMaxMemberCells. They bound the work, not
	// the results, so Parameters leaves them out.
	MaxCells, MaxMemberCells int
	// Workers run (scope, window) pairs and betweenness sources in
	// parallel; 0 means GOMAXPROCS. Results do not depend on it.
	Workers int
	// Progress, when not nil, is called as work is done, from one
	// goroutine at a time.
	Progress func(Progress)
	// Stream, when not nil, receives the rows of the largest tables as
	// Analyze makes them, and the Analysis does not hold them (see
	// Stream). The family functions (Internalize …) ignore it.
	Stream *Stream
}

// Progress reports how far Analyze has come: Done of Total units of a
// stage ("windows": (scope, window) pairs, each with its core/periphery
// test; "whole period": the whole-period social capital; "claims": the
// cycle table of each (scope, window) pair and, with NullDraws, the
// community-advantage tests of each window and of the whole period).
type Progress struct {
	Stage       string
	Done, Total int
}

// DefaultOptions returns the documented defaults: automatic windows,
// Borgatti–Everett roles, H = DefaultHorizon, θ = DefaultTheta,
// w = DefaultPersist, γ = DefaultResolution, seed DefaultSeed.
func DefaultOptions() Options {
	return Options{
		Horizon: DefaultHorizon, ExactNodes: DefaultExactNodes,
		Theta: DefaultTheta, Persist: DefaultPersist,
		JaccardExact: DefaultJaccardExact, JaccardSample: DefaultJaccardSample,
		Resolution: DefaultResolution, BetweennessExact: DefaultBetweennessExact, Pivots: DefaultPivots,
		Seed: DefaultSeed, Cycle: DefaultCycle("canonical"),
		NullDraws: DefaultNullDraws, RewireDraws: DefaultRewireDraws, BootstrapDraws: DefaultBootstrapDraws, StopAfter: DefaultStopAfter, Alpha: DefaultAlpha,
		MaxCells: DefaultMaxCells, MaxMemberCells: DefaultMaxMemberCells,
	}
}

// ErrOptions is wrapped by every problem Validate reports.
var ErrOptions = errors.New("invalid option")

// Validate returns every problem of the options joined (errors.Join),
// each wrapping ErrOptions, or nil.
func (o Options) Validate() error {
	var errs []error
	bad := func(format string, args ...any) {
		errs = append(errs, fmt.Errorf("metrics: %w: "+format, append([]any{ErrOptions}, args...)...))
	}
	if o.Windows.Unit < graph.Auto || o.Windows.Unit > graph.Parts {
		bad("unknown window unit %d", o.Windows.Unit)
	}
	switch o.Roles.Kind {
	case BERoles, OnionRoles:
	case KCoreRoles:
		if !(o.Roles.Threshold > 0 && o.Roles.Threshold <= 1) {
			bad("k-core role threshold %v: want 0 < X ≤ 1", o.Roles.Threshold)
		}
	default:
		bad("unknown role method %d", o.Roles.Kind)
	}
	if o.Horizon < 1 {
		bad("horizon %d: want at least 1", o.Horizon)
	}
	if o.ExactNodes < 0 || o.ExactNodes > MaxExactNodes {
		bad("exact nodes %d: want 0 to %d", o.ExactNodes, MaxExactNodes)
	}
	if !(o.Theta > 0 && o.Theta <= 1) {
		bad("theta %v: want 0 < θ ≤ 1", o.Theta)
	}
	if o.Persist < 1 {
		bad("persist %d: want at least 1", o.Persist)
	}
	if o.JaccardExact < 0 {
		bad("jaccard exact %d: want at least 0", o.JaccardExact)
	}
	if o.JaccardSample < 1 {
		bad("jaccard sample %d: want at least 1", o.JaccardSample)
	}
	if !(o.Resolution > 0) || o.Resolution > 1e6 {
		bad("resolution %v: want a positive number", o.Resolution)
	}
	if o.BetweennessExact < 0 {
		bad("betweenness exact %d: want at least 0", o.BetweennessExact)
	}
	if o.Pivots < 1 {
		bad("pivots %d: want at least 1", o.Pivots)
	}
	if o.NullDraws < 0 || o.RewireDraws < 0 || o.BootstrapDraws < 0 {
		bad("draws %d, %d, %d: want at least 0", o.NullDraws, o.RewireDraws, o.BootstrapDraws)
	}
	if o.StopAfter < 0 {
		bad("stop after %d: want at least 0", o.StopAfter)
	}
	if !(o.Alpha > 0 && o.Alpha < 1) {
		bad("alpha %v: want 0 < α < 1", o.Alpha)
	}
	if o.MaxCells < 0 || o.MaxMemberCells < 0 {
		bad("budget %d, %d: want at least 0", o.MaxCells, o.MaxMemberCells)
	}
	if o.Workers < 0 {
		bad("workers %d: want at least 0", o.Workers)
	}
	return errors.Join(errs...)
}

// Parameters returns every parameter by the name summary.json gives it.
func (o Options) Parameters() map[string]any {
	return map[string]any{
		"windows": o.Windows.String(), "roles": o.Roles.String(), "horizon": o.Horizon, "exact_nodes": o.ExactNodes,
		"theta": o.Theta, "persist": o.Persist, "seed": o.Seed,
		"jaccard_exact_members": o.JaccardExact, "jaccard_sample_pairs": o.JaccardSample,
		"resolution": o.Resolution, "betweenness_exact_members": o.BetweennessExact, "betweenness_pivots": o.Pivots,
		"cycle": o.Cycle.String(), "null_draws": o.NullDraws, "rewire_draws": o.RewireDraws, "bootstrap_draws": o.BootstrapDraws,
		"stop_after": o.StopAfter,
		"alpha":      o.Alpha,
	}
}
