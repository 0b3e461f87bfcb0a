package metrics

import (
	"context"
	"math"
	"slices"

	"github.com/copnet/copnet/graph"
)

// Default parameters of Externalize.
const (
	// DefaultTheta is θ, the share of a scope's active members that must
	// use an item in a window for it to count as shared: one in ten active
	// members using an item makes it common currency rather than one
	// specialist's vocabulary, yet lets an item be shared in windows with
	// hundreds of members.
	DefaultTheta = 0.1
	// DefaultPersist is w, the consecutive windows an item must stay
	// shared to be objectified: three windows separate lasting, taken for
	// granted knowledge from a burst around one thread.
	DefaultPersist = 3
	// DefaultJaccardExact is the number of profiles up to which the mean
	// Jaccard similarity visits every pair.
	DefaultJaccardExact = 2000
	// DefaultJaccardSample is the number of pairs sampled above it.
	DefaultJaccardSample = 20000
)

// ExternalizingOptions parameterize Externalize.
type ExternalizingOptions struct {
	Windows graph.WindowSpec
	// Theta and Persist define shared and objectified items; 0 means the
	// defaults.
	Theta   float64
	Persist int
	// JaccardExact and JaccardSample bound the mean Jaccard computation;
	// Seed seeds its sampling. 0 means the defaults (seed 1).
	JaccardExact, JaccardSample int
	Seed                        uint64
	// Workers analyse scopes in parallel; 0 means GOMAXPROCS. The result
	// does not depend on it.
	Workers int
}

func (o *ExternalizingOptions) defaults() {
	if o.Theta <= 0 {
		o.Theta = DefaultTheta
	}
	if o.Persist <= 0 {
		o.Persist = DefaultPersist
	}
	if o.JaccardExact <= 0 {
		o.JaccardExact = DefaultJaccardExact
	}
	if o.JaccardSample <= 0 {
		o.JaccardSample = DefaultJaccardSample
	}
	if o.Seed == 0 {
		o.Seed = 1
	}
}

// Externalizing holds exchange density and knowledge convergence of every
// scope and window, and the knowledge items' histories. Slices are sorted
// by scope (Network.Scopes order), then window or item.
type Externalizing struct {
	Options ExternalizingOptions
	Windows []graph.Window
	Scopes  []graph.Scope
	// HasKnowledge is false when no flow and no declared item carries
	// knowledge: the convergence figures are then all undefined.
	HasKnowledge bool
	Exchange     []ExchangeWindow
	Convergence  []ConvergenceWindow
	// Items has one row per scope and item used (or, for the organization,
	// declared with a creation time), in item order.
	Items []ItemHistory
	// Adoption has one row per scope, item and window from the item's
	// first window on.
	Adoption []Adoption
	// Trends has one row per scope.
	Trends []ConvergenceTrend
}

// ConvergenceWindow holds the convergence figures of one scope in one
// window; undefined figures are NaN.
type ConvergenceWindow struct {
	Scope  graph.Scope
	Window int
	// ItemsInUse counts the distinct items of the window's flows; Uses
	// counts (flow, item) pairs; Profiled counts members with a profile.
	ItemsInUse, Uses, Profiled int
	// Entropy (nats) of the items' shares of uses, NormalizedEntropy the
	// entropy over ln(ItemsInUse), Herfindahl the sum of squared shares.
	Entropy, NormalizedEntropy, Herfindahl float64
	// MeanCosine is the mean pairwise cosine similarity of the profiles.
	MeanCosine float64
	// MeanJaccard is the mean pairwise Jaccard similarity of the profiles'
	// item sets, over JaccardPairs pairs (all of them when JaccardExact).
	MeanJaccard  float64
	JaccardPairs int
	JaccardExact bool
	// SharedItems are the items used by at least θ of the active members;
	// SharedUseShare is their share of the uses.
	SharedItems    int
	SharedUseShare float64
}

// ConvergenceTrend is the least-squares slope of the mean cosine
// similarity over a scope's windows (windows where it is undefined are
// left out); NaN with fewer than two.
type ConvergenceTrend struct {
	Scope graph.Scope
	Slope float64
}

// ItemHistory is one knowledge item in one scope.
type ItemHistory struct {
	Scope graph.Scope
	Item  int32
	// FirstUse is the time of the first flow carrying the item, or for the
	// organization the item's creation time when earlier (Unix
	// nanoseconds); FirstWindow is the window holding it (the first
	// window when it precedes them).
	FirstUse    int64
	FirstWindow int
	// Originators are the members who first used the item: its creator
	// when the creation comes first, otherwise the senders of the flows at
	// the first use time; ascending.
	Originators []int32
	// Uses counts (flow, item) pairs over all windows; Adopters counts the
	// distinct members who ever used it.
	Uses, Adopters int
	// PeakShare is the largest share of a window's active members using
	// the item, reached first in PeakWindow (-1 without uses).
	PeakShare  float64
	PeakWindow int
	// WindowsShared counts windows where the share reached θ.
	WindowsShared int
	// ObjectifiedWindow is the window completing the first run of Persist
	// consecutive shared windows, -1 if none.
	ObjectifiedWindow int
}

// Adoption is one point of an item's adoption curve.
type Adoption struct {
	Scope  graph.Scope
	Item   int32
	Window int
	// Adopters used the item in the window; NewAdopters used it for the
	// first time; CumulativeAdopters ever used it up to this window.
	Adopters, NewAdopters, CumulativeAdopters int
	// Uses counts (flow, item) pairs; Share is Adopters over the window's
	// active members.
	Uses  int
	Share float64
}

// Externalize computes exchange density and knowledge convergence for
// every scope and window. It runs the driver of Analyze with this family
// only, so its figures equal those of Analyze with the same options.
func Externalize(net *graph.Network, opt ExternalizingOptions) (*Externalizing, error) {
	opt.defaults()
	o := DefaultOptions()
	o.Windows, o.Theta, o.Persist, o.Seed, o.Workers = opt.Windows, opt.Theta, opt.Persist, opt.Seed, opt.Workers
	o.JaccardExact, o.JaccardSample = opt.JaccardExact, opt.JaccardSample
	a, err := analyze(context.Background(), net, o, famExternalizing)
	if err != nil {
		return nil, err
	}
	a.Externalizing.Options = opt
	return a.Externalizing, nil
}

// windowOf returns the window holding t, the first window before them and
// the last after them.
func windowOf(ws []graph.Window, t int64) int {
	i, _ := slices.BinarySearchFunc(ws, t, func(w graph.Window, t int64) int {
		switch {
		case w.End <= t:
			return -1
		case w.Start > t:
			return 1
		}
		return 0
	})
	return min(i, len(ws)-1)
}

func convergence(cw *ConvergenceWindow, ps []Profile, uses, holders map[int32]int, active, nItems int, opt Options, wi int) {
	cw.Entropy, cw.NormalizedEntropy, cw.Herfindahl = math.NaN(), math.NaN(), math.NaN()
	cw.MeanCosine, cw.MeanJaccard, cw.SharedUseShare = math.NaN(), math.NaN(), math.NaN()
	cw.ItemsInUse, cw.Profiled = len(uses), len(ps)
	// Sum in item order so that the result does not depend on map order.
	keys := make([]int32, 0, len(uses))
	for k, u := range uses {
		keys = append(keys, k)
		cw.Uses += u
	}
	slices.Sort(keys)
	if cw.Uses > 0 {
		h, hh, shared := 0.0, 0.0, 0
		for _, k := range keys {
			p := float64(uses[k]) / float64(cw.Uses)
			h -= p * math.Log(p)
			hh += p * p
			if float64(holders[k]) >= opt.Theta*float64(active) {
				cw.SharedItems++
				shared += uses[k]
			}
		}
		cw.Entropy, cw.Herfindahl = h, hh
		if len(keys) > 1 {
			// Rounding can push an even spread a hair above 1.
			cw.NormalizedEntropy = clamp01(h / math.Log(float64(len(keys))))
		}
		cw.SharedUseShare = float64(shared) / float64(cw.Uses)
	}
	cw.MeanCosine = clamp01(MeanCosine(ps, nItems))
	j := MeanJaccard(ps, opt.JaccardExact, opt.JaccardSample, opt.Seed+uint64(wi))
	cw.MeanJaccard, cw.JaccardPairs, cw.JaccardExact = j.Mean, j.Pairs, j.Exact
}

// regressionSlope is the least-squares slope of y on x; NaN with fewer
// than two points.
func regressionSlope(x, y []float64) float64 {
	if len(x) < 2 {
		return math.NaN()
	}
	n := float64(len(x))
	mx, my := 0.0, 0.0
	for i := range x {
		mx += x[i]
		my += y[i]
	}
	mx, my = mx/n, my/n
	num, den := 0.0, 0.0
	for i := range x {
		num += (x[i] - mx) * (y[i] - my)
		den += (x[i] - mx) * (x[i] - mx)
	}
	return num / den
}

// clamp01 bounds a share or similarity to [0, 1] (NaN stays NaN): the
// closed-form sums behind it round to values like 1.0000000000000004.
func clamp01(x float64) float64 {
	switch {
	case x > 1:
		return 1
	case x < 0:
		return 0
	}
	return x
}
