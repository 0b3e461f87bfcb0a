package metrics

import (
	"fmt"
	"math"
	"slices"
	"sync"
)

// Stream receives member_windows.csv and adoption.csv, the tables that
// grow with members × windows and items × windows, while Analyze makes
// them, so that a writer writes them as they come and nothing holds them
// whole. The rows are those of the Analysis' MemberWindowRows and
// AdoptionRows, in the same order, cut in batches; a batch is the
// receiver's to keep. A table whose function is nil is held in the
// Analysis as usual; a streamed one is not: Internalizing.MemberWindows
// and Capital.Holes (for MemberWindows) or Externalizing.Adoption (for
// Adoption) are nil, and the row iterators yield nothing.
//
// The functions are called from one goroutine at a time, each batch after
// the one before it. An error returned stops Analyze, which returns it
// (wrapped); a batch already received stays received, so a writer of a
// failed analysis discards what it wrote.
type Stream struct {
	// MemberWindows receives the member rows of each (scope, window) pair
	// in turn, with their structural holes: scope, window and member
	// order.
	MemberWindows func([]MemberWindowRow) error
	// Adoption receives each scope's item adoption curves: scope, item
	// and window order.
	Adoption func([]AdoptionRow) error
}

// StreamsMemberWindows reports whether the member rows are streamed (s
// may be nil: nothing is).
func (s *Stream) StreamsMemberWindows() bool { return s != nil && s.MemberWindows != nil }

// StreamsAdoption reports whether the adoption rows are streamed (s may be
// nil: nothing is).
func (s *Stream) StreamsAdoption() bool { return s != nil && s.Adoption != nil }

// adoptionBatch is the number of adoption rows handed to Stream.Adoption
// at a time.
const adoptionBatch = 4096

// cellEntry is what the trajectories read of one member row.
type cellEntry struct {
	member   int32
	role     Role
	coreness float64
}

// emitter takes the (scope, window) pairs as the workers finish them and
// follows them in table order: it marks newcomers, counts them and the
// core's turnover, keeps what the trajectories need, and hands the member
// rows to the stream, if any. Pairs finished early wait for those before
// them; when the rows are streamed, a worker does not start a pair while
// more than waitingRows rows wait, unless the pair is the next to follow,
// so that many small pairs finished beside a large one do not pile up.
type emitter struct {
	a     *Analysis
	out   []winOut
	fam   family
	fail  func(error) // stops the analysis with the stream's error
	mu    sync.Mutex
	room  *sync.Cond // signalled as pairs are followed
	next  int
	ready []bool
	// waiting counts the rows of the pairs finished and not yet
	// followed; bound is waitingRows when streaming, else no bound.
	waiting, bound int
	// seen[m] is the scope index + 1 of the last scope where member m was
	// active; prevCore and core the core members of the window before and
	// of this one, ascending.
	seen           []int32
	prevCore, core []int32
	starts, scopes []string
	failed         bool
	// stopped is set once a pair is skipped: the analysis is stopped, and
	// no pair is followed any more.
	stopped bool
}

// waitingRows bounds the member rows of pairs finished early that wait,
// while the rows are streamed: about 40 MB of rows, holes and entries.
// Tests lower it.
var waitingRows = 1 << 18

func newEmitter(a *Analysis, out []winOut, fam family, fail func(error)) *emitter {
	e := &emitter{a: a, out: out, fam: fam, fail: fail, ready: make([]bool, len(out)), bound: math.MaxInt}
	e.room = sync.NewCond(&e.mu)
	if fam&famInternalizing != 0 {
		e.seen = make([]int32, len(a.Network.Members))
	}
	if a.Options.Stream.StreamsMemberWindows() {
		e.starts, e.scopes = a.windowStarts(), a.ScopeIDs()
		e.bound = waitingRows
	}
	return e
}

// start waits, before pair j is computed, while too many rows wait to be
// followed; the next pair to follow never waits, so the work goes on.
func (e *emitter) start(j int) {
	e.mu.Lock()
	for j > e.next && e.waiting > e.bound {
		e.room.Wait()
	}
	e.mu.Unlock()
}

// finish records that pair j is computed (or skipped, once the analysis
// is stopped) and follows every pair now ready in order.
func (e *emitter) finish(j int, skipped bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.ready[j] = true
	e.stopped = e.stopped || skipped
	e.waiting += len(e.out[j].rows)
	for e.next < len(e.ready) && e.ready[e.next] {
		n := len(e.out[e.next].rows)
		if !e.stopped {
			e.follow(e.next)
		}
		e.waiting -= n
		e.next++
	}
	e.room.Broadcast()
}

// follow does pair j's part of the table order.
func (e *emitter) follow(j int) {
	if e.fam&famInternalizing == 0 {
		return
	}
	nw := len(e.a.Windows)
	si, wi := j/nw, j%nw
	o := &e.out[j]
	if wi == 0 {
		e.prevCore = e.prevCore[:0]
	}
	e.core = e.core[:0]
	o.entries = make([]cellEntry, len(o.rows))
	for k := range o.rows {
		row := &o.rows[k]
		m := row.Member
		if e.seen[m] != int32(si)+1 {
			e.seen[m] = int32(si) + 1
			row.Newcomer = true
			o.sw.Newcomers++
		}
		if row.Role == Core {
			e.core = append(e.core, m)
		}
		o.entries[k] = cellEntry{member: m, role: row.Role, coreness: row.Coreness}
	}
	slices.Sort(e.core)
	if wi > 0 {
		o.sw.CoreTurnover = jaccardDistance(e.prevCore, e.core)
	}
	e.prevCore, e.core = e.core, e.prevCore
	if !e.a.Options.Stream.StreamsMemberWindows() {
		return
	}
	if !e.failed && len(o.rows) > 0 {
		rows := make([]MemberWindowRow, len(o.rows))
		for k := range o.rows {
			var h *MemberHoles
			if len(o.holes) == len(o.rows) {
				h = &o.holes[k]
			}
			rows[k] = e.a.memberWindowRow(&o.rows[k], h, e.starts, e.scopes)
		}
		if err := e.a.Options.Stream.MemberWindows(rows); err != nil {
			e.failed = true
			e.fail(fmt.Errorf("metrics: stream member_windows.csv: %w", err))
		}
	}
	o.rows, o.holes = nil, nil
}

// adoptionSink batches the adoption rows for Stream.Adoption.
type adoptionSink struct {
	a              *Analysis
	fail           func(error)
	starts, scopes []string
	batch          []AdoptionRow
	failed         bool
}

func newAdoptionSink(a *Analysis, fail func(error)) *adoptionSink {
	return &adoptionSink{a: a, fail: fail, starts: a.windowStarts(), scopes: a.ScopeIDs()}
}

// add takes one row, handing a full batch on.
func (s *adoptionSink) add(ad Adoption) {
	if s.failed {
		return
	}
	if s.batch == nil {
		s.batch = make([]AdoptionRow, 0, adoptionBatch)
	}
	s.batch = append(s.batch, s.a.adoptionRow(&ad, s.starts, s.scopes))
	if len(s.batch) >= adoptionBatch {
		s.flush()
	}
}

// flush hands on the rows taken since the last batch.
func (s *adoptionSink) flush() {
	if s.failed || len(s.batch) == 0 {
		return
	}
	if err := s.a.Options.Stream.Adoption(s.batch); err != nil {
		s.failed = true
		s.fail(fmt.Errorf("metrics: stream adoption.csv: %w", err))
	}
	s.batch = nil
}
