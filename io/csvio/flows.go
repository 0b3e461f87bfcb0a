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

func startFlowParser(t *table) *flowParser {
	p := &flowParser{
		t: t, ncol: len(t.header), iTime: t.index("time"), iW: t.index("weight"),
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
		b.offset, b.rows = p.t.cr.InputOffset(), p.t.records
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
			line, _ := p.t.cr.FieldPos(i)
			b.lines = append(b.lines, int32(line))
		}
		var err error
		if p.iTime >= 0 {
			line, _ := p.t.cr.FieldPos(p.iTime)
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

func (l *loader) loadFlows(src *source) error {
	t := newTable(src, &l.opt)
	t.cr.ReuseRecord = true
	if err := t.readHeader(flowColumns); err != nil {
		return err
	}
	iSrc, iDst := t.index("source"), t.index("target")
	iComm, iKnow, iKind := t.index("community"), t.index("knowledge"), t.index("kind")
	l.b.SetHasTime(t.index("time") >= 0)
	extra := t.extras(flowColumns)
	attrs := make([]graph.FlowAttr, len(extra))
	for k, i := range extra {
		attrs[k].Name = t.header[i]
	}
	p := startFlowParser(t)
	defer p.stop()
	var items []int32
	grown := false
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
		if !grown && b.rows >= growAfter && src.size > 0 {
			// Size the storage from the bytes per row seen so far.
			grown = true
			perRow := float64(b.offset) / float64(b.rows)
			rows := int(float64(src.size)/perRow*1.02) - b.rows
			if rows > 0 && rows < maxGrow {
				l.b.Grow(rows, rows*len(items))
			}
		}
		if b.fatal != nil {
			return b.fatal
		}
		select {
		case p.free <- b:
		default:
		}
	}
	for _, a := range attrs {
		l.b.AddFlowAttr(a)
	}
	l.rep.TimeFormat = p.tc.format
	return nil
}
