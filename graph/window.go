package graph

import (
	"errors"
	"fmt"
	"math"
	"math/bits"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Unit is how a WindowSpec cuts time.
type Unit int

// Window units. Calendar units are aligned in UTC; weeks start on Monday.
const (
	// Auto picks the coarsest calendar unit that yields at least
	// AutoMinWindows windows with a median of at least AutoMinActive active
	// members per window (see Network.Windows).
	Auto Unit = iota
	// Static is one window holding every flow.
	Static
	Minute
	Hour
	Day
	Week
	Month
	Quarter
	Year
	// Fixed windows last WindowSpec.Duration and are aligned to the Unix
	// epoch: [floor(t/d)·d, floor(t/d)·d + d).
	Fixed
	// Parts cuts the observed span into WindowSpec.Parts equal windows.
	Parts
)

var unitNames = [...]string{Auto: "auto", Static: "all", Minute: "minute", Hour: "hour", Day: "day",
	Week: "week", Month: "month", Quarter: "quarter", Year: "year"}

// The two rules of the Auto unit.
const (
	AutoMinWindows = 8
	AutoMinActive  = 10
)

// MaxWindows bounds the number of windows a spec may produce, so that a
// fine unit over a long span fails clearly instead of exhausting memory.
const MaxWindows = 100_000

// ErrWindowSpec reports a window specification that cannot be parsed.
var ErrWindowSpec = errors.New("invalid window spec")

// ErrTooManyWindows reports a spec that would produce more than MaxWindows.
var ErrTooManyWindows = errors.New("too many windows")

// WindowSpec says how flows are cut into time windows.
type WindowSpec struct {
	Unit Unit
	// Duration of Fixed windows.
	Duration time.Duration
	// Parts is the number of windows of the Parts unit.
	Parts int
	// Cumulative windows count every flow up to their end.
	Cumulative bool
}

// ParseWindowSpec reads a window specification: "auto", "all",
// "minute", "hour", "day", "week", "month", "quarter", "year", a fixed
// duration ("30d", "2w", "12h", "90m", "45s"), or "parts:N". A "cumulative:"
// prefix makes the windows cumulative.
func ParseWindowSpec(s string) (WindowSpec, error) {
	var spec WindowSpec
	str := strings.TrimSpace(s)
	if rest, ok := strings.CutPrefix(str, "cumulative:"); ok {
		spec.Cumulative = true
		str = rest
	}
	for u, name := range unitNames {
		if name != "" && str == name {
			spec.Unit = Unit(u)
			return spec, nil
		}
	}
	if rest, ok := strings.CutPrefix(str, "parts:"); ok {
		n, err := strconv.Atoi(rest)
		if err != nil || n < 1 || n > MaxWindows {
			return spec, fmt.Errorf("graph: window %q: parts must be an integer from 1 to %d: %w", s, MaxWindows, ErrWindowSpec)
		}
		spec.Unit, spec.Parts = Parts, n
		return spec, nil
	}
	if len(str) >= 2 {
		num, suffix := str[:len(str)-1], str[len(str)-1]
		unit := map[byte]time.Duration{'s': time.Second, 'm': time.Minute, 'h': time.Hour, 'd': 24 * time.Hour, 'w': 7 * 24 * time.Hour}[suffix]
		n, err := strconv.ParseInt(num, 10, 64)
		if unit != 0 && err == nil && n > 0 && n <= int64(100*365*24*time.Hour/unit) {
			spec.Unit, spec.Duration = Fixed, time.Duration(n)*unit
			return spec, nil
		}
	}
	hint := ""
	if _, err := strconv.Atoi(str); err == nil {
		hint = " (a window's index is dot's -window; this one cuts the windows)"
	}
	return spec, fmt.Errorf("graph: window %q: %w: want auto, all, minute, hour, day, week, month, quarter, year, a duration such as 30d, parts:N, or cumulative: before one of them%s", s, ErrWindowSpec, hint)
}

// String returns the spec in the syntax ParseWindowSpec reads.
func (s WindowSpec) String() string {
	var b string
	switch s.Unit {
	case Fixed:
		d := s.Duration
		switch {
		case d%(7*24*time.Hour) == 0:
			b = fmt.Sprintf("%dw", d/(7*24*time.Hour))
		case d%(24*time.Hour) == 0:
			b = fmt.Sprintf("%dd", d/(24*time.Hour))
		case d%time.Hour == 0:
			b = fmt.Sprintf("%dh", d/time.Hour)
		case d%time.Minute == 0:
			b = fmt.Sprintf("%dm", d/time.Minute)
		default:
			b = fmt.Sprintf("%ds", d/time.Second)
		}
	case Parts:
		b = fmt.Sprintf("parts:%d", s.Parts)
	default:
		if int(s.Unit) < len(unitNames) {
			b = unitNames[s.Unit]
		}
	}
	if s.Cumulative {
		return "cumulative:" + b
	}
	return b
}

// Window is a half-open time interval [Start, End) and the flows in it.
type Window struct {
	// Index counts windows from 0 in time order.
	Index int
	// Start and End are Unix nanoseconds; for a static network both are 0.
	Start, End int64
	// Lo and Hi delimit the window's flows in Network.Flows; Lo is 0 for a
	// cumulative window.
	Lo, Hi int
	// Unit is the resolved unit (never Auto).
	Unit Unit
}

// Flows returns the window's flows.
func (w Window) Flows(n *Network) []Flow { return n.Flows[w.Lo:w.Hi] }

// StartTime is the window's start as a UTC time.
func (w Window) StartTime() time.Time { return time.Unix(0, w.Start).UTC() }

// EndTime is the window's (exclusive) end as a UTC time.
func (w Window) EndTime() time.Time { return time.Unix(0, w.End).UTC() }

// Label names the window by its calendar unit: "2021", "2021-Q3",
// "2021-07", "2021-W28", "2021-07-14", "2021-07-14T09", or the RFC 3339
// start for fixed and equal-part windows; "all" for a static window.
func (w Window) Label() string {
	t := w.StartTime()
	switch w.Unit {
	case Static:
		return "all"
	case Year:
		return t.Format("2006")
	case Quarter:
		return fmt.Sprintf("%d-Q%d", t.Year(), (int(t.Month())-1)/3+1)
	case Month:
		return t.Format("2006-01")
	case Week:
		y, wk := t.ISOWeek()
		return fmt.Sprintf("%d-W%02d", y, wk)
	case Day:
		return t.Format("2006-01-02")
	case Hour:
		return t.Format("2006-01-02T15")
	case Minute:
		return t.Format("2006-01-02T15:04")
	}
	return t.Format(time.RFC3339Nano)
}

// Windows cuts the network's flows into windows. Windows with no flows
// between the first and the last flow are kept. A network without time, or
// the Static unit, gives one window; a network without flows gives none
// unless static.
func (n *Network) Windows(spec WindowSpec) ([]Window, error) {
	if !n.HasTime || spec.Unit == Static {
		return []Window{{Hi: len(n.Flows), Unit: Static}}, nil
	}
	if len(n.Flows) == 0 {
		return nil, nil
	}
	first, last := n.Flows[0].Time, n.Flows[len(n.Flows)-1].Time
	unit := spec.Unit
	if unit == Auto {
		unit = n.autoUnit(first, last)
	}
	bounds, err := boundaries(unit, spec, first, last)
	if err != nil {
		return nil, err
	}
	ws := make([]Window, len(bounds)-1)
	lo := 0
	for i := range ws {
		hi := lo + sort.Search(len(n.Flows)-lo, func(j int) bool { return n.Flows[lo+j].Time >= bounds[i+1] })
		ws[i] = Window{Index: i, Start: bounds[i], End: bounds[i+1], Lo: lo, Hi: hi, Unit: unit}
		if spec.Cumulative {
			ws[i].Lo = 0
		}
		lo = hi
	}
	return ws, nil
}

// autoUnit picks the window unit of Auto among year, quarter, month,
// week, day, hour and minute: the coarsest giving at least AutoMinWindows
// windows whose median number of active members (empty windows counting
// 0) is at least AutoMinActive. When none meets both rules, enough members
// per window comes first: the finest unit whose median is at least
// AutoMinActive (fewer windows, each large enough for shares to mean
// something). When no unit reaches that median (a small dataset), the
// coarsest unit giving AutoMinWindows windows, or Minute.
func (n *Network) autoUnit(first, last int64) Unit {
	units := []Unit{Year, Quarter, Month, Week, Day, Hour, Minute}
	var enough []Unit // units whose median meets AutoMinActive, coarse to fine
	for _, u := range units {
		k := count(u, first, last)
		if k > MaxWindows {
			break
		}
		if n.medianActive(u, first, last) < AutoMinActive {
			continue
		}
		if k >= AutoMinWindows {
			return u
		}
		enough = append(enough, u)
	}
	if len(enough) > 0 {
		return enough[len(enough)-1]
	}
	for _, u := range units[:len(units)-1] {
		if count(u, first, last) >= AutoMinWindows {
			return u
		}
	}
	return Minute
}

// medianActive is the median over the calendar windows of unit u of the
// number of active members (members with a flow to or from another
// member; self-flows do not count), empty windows included.
func (n *Network) medianActive(u Unit, first, last int64) float64 {
	bounds, err := boundaries(u, WindowSpec{Unit: u}, first, last)
	if err != nil {
		return 0
	}
	counts := make([]int, len(bounds)-1)
	seen := make([]int32, len(n.Members)) // member → 1 + last window counted
	w := 0
	for _, f := range n.Flows {
		if f.Source == f.Target {
			continue
		}
		for w+1 < len(bounds)-1 && f.Time >= bounds[w+1] {
			w++
		}
		for _, m := range [2]int32{f.Source, f.Target} {
			if m < 0 || int(m) >= len(seen) {
				continue
			}
			if seen[m] != int32(w+1) {
				seen[m] = int32(w + 1)
				counts[w]++
			}
		}
	}
	sort.Ints(counts)
	k := len(counts)
	if k%2 == 1 {
		return float64(counts[k/2])
	}
	return float64(counts[k/2-1]+counts[k/2]) / 2
}

// count is the number of calendar windows of unit u covering [first, last].
func count(u Unit, first, last int64) int64 {
	a, b := time.Unix(0, first).UTC(), time.Unix(0, last).UTC()
	switch u {
	case Year:
		return int64(b.Year()-a.Year()) + 1
	case Quarter:
		return int64((b.Year()*12+int(b.Month())-1)/3-(a.Year()*12+int(a.Month())-1)/3) + 1
	case Month:
		return int64(b.Year()*12+int(b.Month())-a.Year()*12-int(a.Month())) + 1
	}
	d := fixedUnit(u)
	return floorDiv(last-floorOf(u, first), d) + 1
}

func fixedUnit(u Unit) int64 {
	switch u {
	case Minute:
		return int64(time.Minute)
	case Hour:
		return int64(time.Hour)
	case Day:
		return int64(24 * time.Hour)
	case Week:
		return int64(7 * 24 * time.Hour)
	}
	panic("graph: not a fixed calendar unit")
}

// floorOf returns the start of the calendar window of unit u holding t.
func floorOf(u Unit, t int64) int64 {
	switch u {
	case Year, Quarter, Month:
		tt := time.Unix(0, t).UTC()
		m := tt.Month()
		switch u {
		case Year:
			m = time.January
		case Quarter:
			m = (m-1)/3*3 + 1
		}
		return time.Date(tt.Year(), m, 1, 0, 0, 0, 0, time.UTC).UnixNano()
	case Week:
		// The Unix epoch was a Thursday: Mondays are 4 days later modulo 7.
		const day = int64(24 * time.Hour)
		return floorDiv(t-4*day, 7*day)*7*day + 4*day
	}
	d := fixedUnit(u)
	return floorDiv(t, d) * d
}

func next(u Unit, start int64) int64 {
	switch u {
	case Year, Quarter, Month:
		months := map[Unit]int{Year: 12, Quarter: 3, Month: 1}[u]
		return time.Unix(0, start).UTC().AddDate(0, months, 0).UnixNano()
	}
	return start + fixedUnit(u)
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// boundaries returns the window edges b[0] < b[1] < … ; window i is
// [b[i], b[i+1]).
func boundaries(unit Unit, spec WindowSpec, first, last int64) ([]int64, error) {
	tooMany := func(k uint64) error {
		return fmt.Errorf("graph: window %s over %s gives %d windows, more than %d: %w",
			spec, time.Duration(last-first), k, MaxWindows, ErrTooManyWindows)
	}
	switch unit {
	case Parts:
		// Edges first + ⌊(span+1)·i/N⌋ so that the last flow is inside.
		k := spec.Parts
		if k < 1 {
			return nil, fmt.Errorf("graph: %d parts: %w", k, ErrWindowSpec)
		}
		if k > MaxWindows {
			return nil, tooMany(uint64(k))
		}
		span := uint64(last-first) + 1
		b := make([]int64, k+1)
		for i := range b {
			hi, lo := bits.Mul64(span, uint64(i))
			q, _ := bits.Div64(hi, lo, uint64(k))
			b[i] = first + int64(q)
		}
		return dedupe(b), nil
	case Fixed:
		d := int64(spec.Duration)
		if d <= 0 {
			return nil, fmt.Errorf("graph: duration %v: %w", spec.Duration, ErrWindowSpec)
		}
		start := floorDiv(first, d) * d
		k := uint64(floorDiv(last-start, d)) + 1
		if k > MaxWindows {
			return nil, tooMany(k)
		}
		if start > math.MaxInt64-int64(k)*d {
			return nil, fmt.Errorf("graph: window %s: the last window ends after %s: %w", spec, time.Unix(0, math.MaxInt64).UTC().Format(time.DateOnly), ErrWindowSpec)
		}
		b := make([]int64, k+1)
		for i := range b {
			b[i] = start + int64(i)*d
		}
		return b, nil
	}
	if k := count(unit, first, last); k > MaxWindows {
		return nil, tooMany(uint64(k))
	}
	b := []int64{floorOf(unit, first)}
	for b[len(b)-1] <= last {
		b = append(b, next(unit, b[len(b)-1]))
	}
	return b, nil
}

// dedupe drops repeated edges (equal-part windows narrower than a
// nanosecond), which would make empty, zero-length windows.
func dedupe(b []int64) []int64 {
	out := b[:1]
	for _, x := range b[1:] {
		if x > out[len(out)-1] {
			out = append(out, x)
		}
	}
	return out
}
