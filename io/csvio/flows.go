package csvio

import (
	"errors"
	"io"
	"strings"

	"github.com/copnet/copnet/graph"
)

var flowColumns = []column{{"source", true}, {"target", true}, {"time", false}, {"community", false}, {"knowledge", false}, {"kind", false}, {"weight", false}}

// Flows are loaded by two goroutines: the parser decodes CSV records and
// the values that need no shared state (times, weights); the loader
// interns names and stores flows. Rows travel in batches, in file order,
// so results and the first error reported do not depend on scheduling.
const (
	batchRows = 2048
	// growAfter is the row at which the loader sizes its storage from the
	// file size; maxGrow bounds that estimate.
	growAfter = 1000
	maxGrow   = 1 << 28
)

// flowBatch holds consecutive rows: ncol fields per row, the line of each
// field, the parsed time and weight, and row errors.
type flowBatch struct {
	fields  []string
	lines   []int32
	times   []int64
	weights []float64
	errs    map[int]error // row → positioned error
	fatal   error         // the file cannot be read further
	offset  int64         // input bytes consumed after the batch
	rows    int           // rows read so far, this batch included
}

type flowParser struct {
	t       *table
	ncol    int
	iTime   int
	iW      int
	tc      timeColumn
	batches chan *flowBatch
	free    chan *flowBatch
	done    chan struct{}
	exited  chan struct{}
}

func startFlowParser(t *table, tc timeColumn) *flowParser {
	p := &flowParser{
		t: t, tc: tc, ncol: len(t.header), iTime: t.index("time"), iW: t.index("weight"),
		batches: make(chan *flowBatch, 4), free: make(chan *flowBatch, 6),
		done: make(chan struct{}), exited: make(chan struct{}),
	}
	go p.run()
	return p
}

// stop ends the parser and waits for it, so that the source may be closed.
func (p *flowParser) stop() {
	close(p.done)
	<-p.exited
}

func (p *flowParser) newBatch() *flowBatch {
	select {
	case b := <-p.free:
		b.fields, b.lines, b.times, b.weights = b.fields[:0], b.lines[:0], b.times[:0], b.weights[:0]
		clear(b.errs)
		b.fatal = nil
		return b
	default:
		return &flowBatch{errs: map[int]error{}}
	}
}

func (p *flowParser) run() {
	defer close(p.exited)
	defer close(p.batches)
	b := p.newBatch()
	send := func() bool {
		b.offset, b.rows = p.t.cr.InputOffset()+p.t.offBase, p.t.records
		select {
		case p.batches <- b:
			b = p.newBatch()
			return true
		case <-p.done:
			return false
		}
	}
	for {
		rec, err := p.t.next()
		if err == io.EOF {
			if len(b.times) > 0 {
				send()
			}
			return
		}
		row := len(b.times)
		if err != nil {
			var pe *ParseError
			var be *byteError
			if !errors.As(err, &pe) || pe.Line == 0 || errors.As(err, &be) {
				// The file cannot be read further (or the load was
				// interrupted).
				b.fatal = err
				send()
				return
			}
			// A bad row: keep its place so that errors stay in order.
			b.errs[row] = err
			rec = nil
		}
		p.add(b, rec)
		if len(b.times) == batchRows && !send() {
			return
		}
	}
}

// add appends a record (nil for a row already in error) and parses its time
// and weight.
func (p *flowParser) add(b *flowBatch, rec []string) {
	row := len(b.times)
	var tm int64
	w := 1.0
	if rec == nil {
		for range p.ncol {
			b.fields = append(b.fields, "")
			b.lines = append(b.lines, 0)
		}
	} else {
		b.fields = append(b.fields, rec...)
		for i := range rec {
			b.lines = append(b.lines, int32(p.t.line(i)))
		}
		var err error
		if p.iTime >= 0 {
			line := p.t.line(p.iTime)
			if tm, err = p.tc.parse(rec[p.iTime], line); err != nil {
				b.errs[row] = p.t.errAt(p.iTime, 0, err)
			}
		}
		if err == nil && p.iW >= 0 && rec[p.iW] != "" {
			if w, err = parseWeight(rec[p.iW]); err != nil {
				b.errs[row] = p.t.errAt(p.iW, 0, err)
			}
		}
	}
	b.times = append(b.times, tm)
	b.weights = append(b.weights, w)
}

// flowLoad is the state of one flows.csv load, shared by the fast path
// and the serial path that may take over from it.
type flowLoad struct {
	t                               *table
	iSrc, iDst, iComm, iKnow, iKind int
	extra                           []int
	attrs                           []graph.FlowAttr
	tc                              timeColumn
	grown                           bool
}

// bind sets the column indices once t's header is read.
func (fl *flowLoad) bind(l *loader) {
	t := fl.t
	fl.iSrc, fl.iDst = t.index("source"), t.index("target")
	fl.iComm, fl.iKnow, fl.iKind = t.index("community"), t.index("knowledge"), t.index("kind")
	l.b.SetHasTime(t.index("time") >= 0)
	fl.extra = t.extras(flowColumns)
	fl.attrs = make([]graph.FlowAttr, len(fl.extra))
	for k, i := range fl.extra {
		fl.attrs[k].Name = t.header[i]
	}
}

// grow sizes the network's storage from the bytes per row seen so far,
// once.
func (fl *flowLoad) grow(l *loader, offset int64, rows, itemsPerRow int) {
	if fl.grown || rows < growAfter || fl.t.src.size <= 0 {
		return
	}
	fl.grown = true
	perRow := float64(offset) / float64(rows)
	more := int(float64(fl.t.src.size)/perRow*1.02) - rows
	if more > 0 && more < maxGrow {
		l.b.Grow(more, more*itemsPerRow)
	}
}

func (l *loader) loadFlows(src *source) error {
	fl := &flowLoad{}
	done := false
	if fastFlowsUsable(&l.opt) {
		var err error
		if done, err = l.fastFlows(src, fl); err != nil {
			return err
		}
	}
	if !done {
		if fl.t == nil {
			// From the start of the file.
			fl.t = newTable(src, &l.opt)
			fl.t.cr.ReuseRecord = true
			if err := fl.t.readHeader(flowColumns); err != nil {
				return err
			}
			fl.bind(l)
		}
		if err := l.serialFlows(fl); err != nil {
			return err
		}
	}
	for _, a := range fl.attrs {
		l.b.AddFlowAttr(a)
	}
	l.rep.TimeFormat = fl.tc.format
	return nil
}

// serialFlows reads the rest of flows.csv with encoding/csv.
func (l *loader) serialFlows(fl *flowLoad) error {
	t := fl.t
	src := t.src
	iSrc, iDst, iComm, iKnow, iKind := fl.iSrc, fl.iDst, fl.iComm, fl.iKnow, fl.iKind
	extra, attrs := fl.extra, fl.attrs
	p := startFlowParser(t, fl.tc)
	defer func() {
		p.stop()
		fl.tc = p.tc
	}()
	var items []int32
	for b := range p.batches {
		ncol := p.ncol
		for row := range b.times {
			if err, bad := b.errs[row]; bad {
				if err := l.fail(err); err != nil {
					return err
				}
				continue
			}
			rec := b.fields[row*ncol : (row+1)*ncol]
			at := func(i int, err error) error {
				return l.fail(&ParseError{File: src.name, Line: int(b.lines[row*ncol+i]), Column: i + 1, Err: err})
			}
			f := graph.Flow{Time: b.times[row], Weight: b.weights[row], Community: graph.None, Kind: graph.None}
			var err error
			if f.Source, err = l.member(rec[iSrc]); err != nil {
				if err := at(iSrc, &causeError{"source " + err.Error(), err}); err != nil {
					return err
				}
				continue
			}
			if f.Target, err = l.member(rec[iDst]); err != nil {
				if err := at(iDst, &causeError{"target " + err.Error(), err}); err != nil {
					return err
				}
				continue
			}
			if iComm >= 0 {
				if c := strings.TrimSpace(rec[iComm]); c != "" {
					if f.Community, err = l.community(c); err != nil {
						if err := at(iComm, trimPkg(err)); err != nil {
							return err
						}
						continue
					}
				}
			}
			if iKind >= 0 {
				f.Kind = l.b.Kind(strings.TrimSpace(rec[iKind]))
			}
			items = items[:0]
			if iKnow >= 0 {
				for it := range splitList(rec[iKnow]) {
					items = append(items, l.b.Item(it))
				}
			}
			for k, i := range extra {
				attrs[k].Append(rec[i])
			}
			if err := l.b.AddFlow(f, items); err != nil {
				return at(0, trimPkg(err))
			}
		}
		fl.grow(l, b.offset, b.rows, len(items))
		if b.fatal != nil {
			return b.fatal
		}
		select {
		case p.free <- b:
		default:
		}
	}
	return nil
}
