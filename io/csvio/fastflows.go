package csvio

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"math/bits"
	"runtime"
	"strings"
	"sync"
	"unicode/utf8"
	"unsafe"

	"github.com/copnet/copnet/graph"
)

// The fast path of flows.csv reads the file in blocks of whole lines and
// parses them on every core, then adds the flows to the network in file
// order. It handles only what needs no judgement: blocks without a quote,
// a NUL byte or invalid UTF-8, rows with the header's number of fields,
// every value valid. Anything else (a quoted field, which may span lines;
// a bad row; a limit reached; a read error) hands the rest of the file,
// from the start of the first block not yet added, to the serial path of
// serialFlows, which then reads and reports exactly as it does from the
// start of a file. No block is added to the network before it is known
// to be clean, so the network and the report do not depend on which path
// read which rows, nor does the error of a bad file (but see doc.go for
// two problems a few KiB apart).
//
// Names are resolved without a shared lock: the members and communities
// declared before flows.csv are looked up in a read-only map; other names
// (and members first named by flows) get a block-local number in order of
// first appearance, which the adding goroutine turns into the network's
// index in block order, so indices are assigned as a row-by-row load
// assigns them. Each parsing goroutine remembers the indices of its
// blocks' new names for the next blocks.

// fastBlockBytes is the size of a block: large enough that per-block
// work is small, small enough to keep both cores busy on a small file.
// Tests make it small to cut small files into many blocks.
var fastBlockBytes = 1 << 20

// fastFlowsOn turns the fast path on; tests turn it off to compare.
var fastFlowsOn = true

// Name spaces of the names a row refers to.
const (
	nsMember = iota
	nsCommunity
	nsKind
	nsItem
	nsCount
)

// A reference in a parsed block is the network's index (>= 0), None
// (-1), or -2-k for the block's k-th new name of its name space.
func localRef(k int32) int32 { return -2 - k }

// fastFlowsUsable reports whether the fast path can read with opt's
// delimiter; encoding/csv rejects the others, which the serial path
// reports.
func fastFlowsUsable(opt *Options) bool {
	r := opt.comma()
	return fastFlowsOn && r != '"' && r != '\r' && r != '\n' && r != utf8.RuneError && utf8.ValidRune(r) && r != 0
}

// fblock is a block of whole lines and what a worker parsed from it.
type fblock struct {
	buf   []byte // storage of data, reused
	data  []byte // whole lines; the last block may end without a line break
	start int64  // offset of data in the decompressed file
	bad   bool   // the serial path must read this block
	done  chan struct{}
	owner int // worker that parsed the block

	lines, recs int // line breaks and records in data
	src, dst    []int32
	comm, kind  []int32
	times       []int64
	weights     []float64
	kEnd        []int32 // end of row i's items in kn
	kn          []int32
	extra       []string // the extra columns, row by row
	// names are the block's new names of each name space, in order of
	// first appearance; learnt their indices in the network, once added.
	names  [nsCount][]string
	learnt [nsCount][]int32
}

func (b *fblock) reset() {
	b.bad, b.lines, b.recs = false, 0, 0
	b.src, b.dst, b.comm, b.kind = b.src[:0], b.dst[:0], b.comm[:0], b.kind[:0]
	b.times, b.weights, b.kEnd, b.kn, b.extra = b.times[:0], b.weights[:0], b.kEnd[:0], b.kn[:0], b.extra[:0]
	for ns := range b.names {
		b.names[ns] = b.names[ns][:0]
	}
	b.done = make(chan struct{})
}

// freader cuts the decompressed file into blocks of whole lines.
type freader struct {
	r        io.Reader
	maxBytes int64
	total    int64
	carry    []byte // bytes after the last line break of the last block
	next     []byte
	unsent   []byte // a block read but not passed on (the load stopped)
	eof      bool
	err      error // a read error, returned after the bytes before it
}

// read fills buf with the carried bytes and new ones, and returns the
// whole lines; bad is true when the serial path must take over at this
// block (a line longer than the block, a read error, too many bytes).
func (fr *freader) read(buf []byte) (data []byte, bad bool) {
	buf = buf[:cap(buf)]
	m := copy(buf, fr.carry)
	for m < len(buf) && !fr.eof && fr.err == nil {
		n, err := fr.r.Read(buf[m:])
		m += n
		fr.total += int64(n)
		if err == io.EOF {
			fr.eof = true
		} else if err != nil {
			fr.err = err
		}
	}
	fr.carry = fr.carry[:0]
	if fr.total > fr.maxBytes {
		return buf[:m], true
	}
	if fr.eof || fr.err != nil {
		return buf[:m], fr.err != nil
	}
	i := bytes.LastIndexByte(buf[:m], '\n')
	if i < 0 {
		return buf[:m], true
	}
	fr.carry = append(fr.carry, buf[i+1:m]...)
	return buf[:i+1], false
}

// stopped reports whether the reader has nothing more to read.
func (fr *freader) stopped() bool { return fr.eof || fr.err != nil }

// rest returns what the serial path reads after the given blocks: the
// block not passed on, the carried bytes, and the stream (or its error).
// The bytes already read and the stream read on as one, so that the
// serial reader takes them in chunks as large as from the stream alone.
func (fr *freader) rest(pending [][]byte) io.Reader {
	var read []byte
	for _, p := range append(pending, fr.unsent, fr.carry) {
		read = append(read, p...)
	}
	j := &joinReader{read: read}
	switch {
	case fr.err != nil:
		j.err = fr.err
	case !fr.eof:
		j.r = fr.r
	default:
		j.err = io.EOF
	}
	return j
}

// joinReader reads bytes already read, then a stream (r), or then an
// error. A read that empties the bytes goes on into the stream.
type joinReader struct {
	read []byte
	r    io.Reader
	err  error
}

func (j *joinReader) Read(p []byte) (int, error) {
	n := copy(p, j.read)
	j.read = j.read[n:]
	if n == len(p) || (n > 0 && j.r == nil) {
		return n, nil
	}
	if j.r == nil {
		return 0, j.err
	}
	m, err := j.r.Read(p[n:])
	if n+m > 0 && err != nil {
		// The error comes with the next read, as a bufio.Reader gives it.
		j.r, j.err = nil, err
		return n + m, nil
	}
	return n + m, err
}

// fastFlows is the fast path's configuration for one file.
type fastFlows struct {
	fl              *flowLoad
	comma           string
	ncol            int
	iTime, iW       int
	maxLine, maxFld int
	format          TimeFormat
	frozen          [nsCount]*idTable
	strict          [nsCount]bool
}

// fworker is a parsing goroutine's state.
type fworker struct {
	known  [nsCount]*idTable         // indices learnt from earlier blocks
	local  [nsCount]map[string]int32 // the current block's new names
	learn  chan *fblock
	fields []string
	mn, in []string // member and item names of the rows not yet resolved
	mkeys  []idKey  // their keys
	ikeys  []idKey
	sink   int32
	dates  dateCache
	// small holds the indices of a few communities and kinds, which
	// most rows repeat.
	small [nsCount][smallSlots]smallEntry
}

// fastFlows reads flows.csv, or as much of it as it can. done reports a
// finished load (err is its result); otherwise src.r reads the rest of
// the file and fl says where the serial path takes over: fl.t is nil to
// start from the header, or a table whose header was read.
func (l *loader) fastFlows(src *source, fl *flowLoad) (done bool, err error) {
	opt := &l.opt
	maxBytes := opt.MaxBytes
	if maxBytes <= 0 {
		maxBytes = DefaultMaxBytes
	}
	fr := &freader{r: src.raw, maxBytes: maxBytes}
	data, bad := fr.read(make([]byte, fastBlockBytes))
	fromStart := func() (bool, error) {
		src.r = newLineLimitReader(fr.rest([][]byte{data}), opt)
		return false, nil
	}
	hdrEnd := bytes.IndexByte(data, '\n') + 1
	if bad || hdrEnd <= 0 || !cleanBytes(data) || data[0] == '\n' || data[0] == '\r' {
		return fromStart()
	}
	// The header, checked and bound by the serial reader.
	hsrc := &source{name: src.name, size: src.size, r: newLineLimitReader(bytes.NewReader(data[:hdrEnd]), opt)}
	t := newTable(hsrc, opt)
	if err := t.readHeader(flowColumns); err != nil {
		return fromStart()
	}
	t.src = src
	fl.t = t
	fl.bind(l)
	var comma [utf8.UTFMax]byte
	ff := &fastFlows{
		fl: fl, comma: string(comma[:utf8.EncodeRune(comma[:], opt.comma())]), ncol: len(t.header),
		iTime: t.index("time"), iW: t.index("weight"),
		maxLine: orDefault(opt.MaxLineBytes, DefaultMaxLineBytes), maxFld: t.maxFld,
	}
	first := data[hdrEnd:]
	// resume hands the rest, from the start of pending, to the serial path.
	resume := func(pending [][]byte, line int, off int64, recs int) (bool, error) {
		src.r = newLineLimitReaderAt(fr.rest(pending), opt, line, off)
		t.cr = csv.NewReader(src.r)
		t.cr.Comma = opt.comma()
		t.cr.ReuseRecord = true
		t.cr.FieldsPerRecord = len(t.header)
		t.lineBase, t.offBase, t.records = line-1, off, recs
		return false, nil
	}
	if ff.iTime >= 0 {
		// The time format, from the first row, before the rows are
		// parsed in parallel.
		tc, ok := ff.detectTime(first)
		if !ok {
			return resume([][]byte{first}, 2, int64(hdrEnd), 0)
		}
		fl.tc, ff.format = tc, tc.format
	}
	ff.frozen[nsMember], ff.frozen[nsCommunity] = l.members, l.comms
	l.members, l.comms = nil, nil
	if m := ff.frozen[nsMember]; m != nil {
		m.narrowed()
	}
	ff.strict[nsMember], ff.strict[nsCommunity] = l.b.StrictMembers, l.b.StrictCommunities
	for ns, t := range ff.frozen {
		if t != nil && t.used == 0 && len(t.long) == 0 && !ff.strict[ns] {
			ff.frozen[ns] = nil
		}
	}

	nw := runtime.GOMAXPROCS(0)
	order := make(chan *fblock, 2*nw+2)
	todo := make(chan *fblock, 2*nw+2)
	free := make(chan *fblock, 4*nw+8)
	stop := make(chan struct{})
	workers := make([]*fworker, nw)
	var wg sync.WaitGroup
	for i := range workers {
		w := &fworker{learn: make(chan *fblock, 2*nw+4), fields: make([]string, ff.ncol)}
		for ns := range w.known {
			w.known[ns] = newIDTable(0)
			w.local[ns] = map[string]int32{}
		}
		workers[i] = w
		wg.Add(1)
		go func() {
			defer wg.Done()
			for b := range todo {
				select {
				case <-stop:
				default:
					w.learnFrom(free)
					if !b.bad {
						ff.parse(w, b)
					}
				}
				close(b.done)
			}
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer close(todo)
		defer close(order)
		start, data, bad := int64(hdrEnd), first, false
		for seq := 0; ; seq++ {
			b := &fblock{}
			if seq > 0 {
				select {
				case b = <-free:
				default:
				}
				if cap(b.buf) < fastBlockBytes {
					b.buf = make([]byte, fastBlockBytes)
				}
				data, bad = fr.read(b.buf)
				if len(data) == 0 && fr.err == nil {
					return
				}
			}
			b.reset()
			b.data, b.start, b.bad, b.owner = data, start, bad, seq%nw
			start += int64(len(data))
			select {
			case order <- b:
			case <-stop:
				fr.unsent = data
				return
			}
			select {
			case todo <- b:
			case <-stop:
				return
			}
			if bad || fr.stopped() {
				return
			}
		}
	}()
	finish := func() {
		close(stop)
		for range order {
		}
		wg.Wait()
	}

	line, off, recs := 2, int64(hdrEnd), 0
	maxRows := t.maxRows
	var res [nsCount][]int32
	var items []int32
	for b := range order {
		<-b.done
		if b.bad || int64(recs+b.recs) > maxRows {
			close(stop)
			pending := [][]byte{b.data}
			for b := range order {
				pending = append(pending, b.data)
			}
			wg.Wait()
			return resume(pending, line, off, recs)
		}
		for ns := range res {
			res[ns] = res[ns][:0]
			for _, name := range b.names[ns] {
				i, err := l.resolve(ns, name)
				if err != nil {
					finish()
					return true, fmt.Errorf("csvio: %s: %w", src.name, err)
				}
				res[ns] = append(res[ns], i)
			}
		}
		ref := func(v int32, ns int) int32 {
			if v >= graph.None {
				return v
			}
			return res[ns][-2-v]
		}
		ne := len(fl.extra)
		k0 := int32(0)
		for i := range b.times {
			f := graph.Flow{Time: b.times[i], Weight: b.weights[i], Source: ref(b.src[i], nsMember), Target: ref(b.dst[i], nsMember),
				Community: ref(b.comm[i], nsCommunity), Kind: ref(b.kind[i], nsKind)}
			items = items[:0]
			for _, v := range b.kn[k0:b.kEnd[i]] {
				items = append(items, ref(v, nsItem))
			}
			k0 = b.kEnd[i]
			for k := range ne {
				fl.attrs[k].Append(b.extra[i*ne+k])
			}
			if err := l.b.AddFlow(f, items); err != nil {
				finish()
				return true, fmt.Errorf("csvio: %s: %w", src.name, err)
			}
		}
		line += b.lines
		off += int64(len(b.data))
		recs += b.recs
		if recs > 0 {
			fl.grow(l, off, recs, (len(b.kn)+len(b.times)-1)/max(1, len(b.times)))
		}
		// Teach the worker that parsed the block the indices of its new
		// names; it then gives the block back to the reader.
		res, b.learnt = b.learnt, res
		select {
		case workers[b.owner].learn <- b:
		default:
		}
	}
	wg.Wait()
	if recs == 0 {
		// No row: the serial path reports it.
		return resume(nil, line, off, recs)
	}
	t.records = recs
	return true, nil
}

// cleanBytes reports whether data has no quote, no NUL byte and only
// valid UTF-8: what the fast path can read without the serial checks.
func cleanBytes(data []byte) bool {
	return bytes.IndexByte(data, '"') < 0 && bytes.IndexByte(data, 0) < 0 && utf8.Valid(data)
}

// nextLine cuts the next line off s, as encoding/csv reads it: without
// its line break, a \r before it, or a \r ending the file. raw is the
// line's length for the line limit; nl tells whether it ended with \n.
func nextLine(s string) (line, rest string, raw int, nl bool) {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		line, rest, nl = s[:i], s[i+1:], true
	} else {
		line = s
	}
	raw = len(line)
	if raw > 0 && line[raw-1] == '\r' {
		line = line[:raw-1]
	}
	return line, rest, raw, nl
}

// split cuts line into exactly len(fields) fields; false when the count
// differs or a field is too long.
func (ff *fastFlows) split(line string, fields []string) bool {
	if len(ff.comma) == 1 {
		return splitByte(line, ff.comma[0], ff.maxFld, fields)
	}
	return splitFields(line, ff.comma, ff.maxFld, fields)
}

// splitByte is splitFields for a one-byte comma. It finds the commas
// eight bytes at a time, which is faster than a search per field for
// the short fields of flows.csv.
func splitByte(line string, comma byte, maxFld int, fields []string) bool {
	const lo7, ones = 0x7F7F7F7F7F7F7F7F, 0x0101010101010101
	pat := ones * uint64(comma)
	n, start, i := 0, 0, 0
	for ; i+8 <= len(line); i += 8 {
		// The high bit of each byte of m is set where the byte is the
		// comma (exactly, without the borrows of the shorter test).
		x := load64(line[i:]) ^ pat
		m := ^((x&lo7 + lo7) | x | lo7)
		for m != 0 {
			j := i + bits.TrailingZeros64(m)>>3
			if n == len(fields)-1 || j-start > maxFld {
				return false
			}
			fields[n] = line[start:j]
			n++
			start = j + 1
			m &= m - 1
		}
	}
	for ; i < len(line); i++ {
		if line[i] == comma {
			if n == len(fields)-1 || i-start > maxFld {
				return false
			}
			fields[n] = line[start:i]
			n++
			start = i + 1
		}
	}
	if n != len(fields)-1 || len(line)-start > maxFld {
		return false
	}
	fields[n] = line[start:]
	return true
}

// trimSpace is strings.TrimSpace, quicker for a value that starts and
// ends with a visible ASCII byte.
func trimSpace(s string) string {
	if s != "" && s[0]-0x21 < 0x5F && s[len(s)-1]-0x21 < 0x5F {
		return s
	}
	return strings.TrimSpace(s)
}

// splitFields cuts line at comma into exactly len(fields) fields of at
// most maxFld bytes; false when the count differs or a field is too long.
func splitFields(line, comma string, maxFld int, fields []string) bool {
	n := 0
	for {
		var i int
		if len(comma) == 1 {
			i = strings.IndexByte(line, comma[0])
		} else {
			i = strings.Index(line, comma)
		}
		if n == len(fields) {
			return false
		}
		f := line
		if i >= 0 {
			f, line = line[:i], line[i+len(comma):]
		}
		if len(f) > maxFld {
			return false
		}
		fields[n] = f
		n++
		if i < 0 {
			return n == len(fields)
		}
	}
}

// detectTime detects the time format on the first row of data, as the
// serial path does; false when that row is not one the fast path reads.
func (ff *fastFlows) detectTime(data []byte) (timeColumn, bool) {
	s := string(data[:min(len(data), ff.maxLine+2)])
	line := 2
	fields := make([]string, ff.ncol)
	for s != "" {
		l, rest, raw, nl := nextLine(s)
		if !nl || raw > ff.maxLine {
			return timeColumn{}, false
		}
		if l == "" {
			s = rest
			line++
			continue
		}
		if !ff.split(l, fields) {
			return timeColumn{}, false
		}
		var tc timeColumn
		if _, err := tc.parse(fields[ff.iTime], line); err != nil {
			return timeColumn{}, false
		}
		return tc, true
	}
	return timeColumn{}, false
}

// ref returns the reference to name in name space ns: the network's
// index when known, else a block-local number; false when the serial
// path must decide (strict mode).
func (ff *fastFlows) ref(w *fworker, b *fblock, ns int, name string) (int32, bool) {
	if m := ff.frozen[ns]; m != nil {
		if i, ok := m.get(name); ok {
			return i, true
		}
		if ff.strict[ns] {
			return 0, false
		}
	}
	if i, ok := w.known[ns].get(name); ok {
		return i, true
	}
	if k, ok := w.local[ns][name]; ok {
		return localRef(k), true
	}
	k := int32(len(b.names[ns]))
	b.names[ns] = append(b.names[ns], name)
	w.local[ns][name] = k
	return localRef(k), true
}

type smallEntry struct {
	name string
	ref  int32
}

// smallRef is ref for a name space of few names, through the worker's
// small cache of names with an index in the network.
// The cache is two-way: a name may sit in its slot or the one beside,
// so that two names of one slot (answer and mentor, say) do not evict
// each other on every row.
func (ff *fastFlows) smallRef(w *fworker, b *fblock, ns int, name string) (int32, bool) {
	var k uint64
	if len(name) >= 8 {
		k = load64(name) ^ load64(name[len(name)-8:])
	} else {
		k = loadTail(name)
	}
	i := ((k ^ uint64(len(name))) * 0x9E3779B97F4A7C15) >> (64 - smallBits)
	set := &w.small[ns]
	e0, e1 := &set[i], &set[i^1]
	if e0.name == name && e0.name != "" {
		return e0.ref, true
	}
	if e1.name == name && e1.name != "" {
		return e1.ref, true
	}
	r, ok := ff.ref(w, b, ns, name)
	if ok && r >= 0 {
		if e0.name != "" && e1.name == "" {
			e0 = e1
		}
		*e0 = smallEntry{strings.Clone(name), r}
	}
	return r, ok
}

const (
	smallBits  = 6
	smallSlots = 1 << smallBits
)

// learn records the indices of the names of blocks this worker parsed,
// once they were added, and gives the blocks back.
func (w *fworker) learnFrom(free chan<- *fblock) {
	for {
		select {
		case b := <-w.learn:
			for ns := range b.names {
				for k, name := range b.names[ns] {
					if _, ok := w.known[ns].get(name); !ok {
						w.known[ns].put(strings.Clone(name), b.learnt[ns][k])
					}
				}
			}
			select {
			case free <- b:
			default:
			}
		default:
			return
		}
	}
}

// parse parses block b; b.bad when the serial path must read it.
func (ff *fastFlows) parse(w *fworker, b *fblock) {
	if !cleanBytes(b.data) {
		b.bad = true
		return
	}
	defer func() {
		// The names point into the block, which the reader reuses.
		for ns := range w.local {
			clear(w.local[ns])
		}
		clear(w.fields)
		w.mn, w.in = w.mn[:0], w.in[:0]
	}()
	fl := ff.fl
	// The block's bytes stay unchanged until the block is added and its
	// names learnt, and every name kept beyond is copied (the network's
	// builder copies the names it adds).
	s := unsafe.String(unsafe.SliceData(b.data), len(b.data))
	fields := w.fields
	row0, kn0 := 0, 0
	for s != "" {
		line, rest, raw, nl := nextLine(s)
		s = rest
		if nl {
			b.lines++
		}
		if raw > ff.maxLine {
			b.bad = true
			return
		}
		if line == "" {
			continue
		}
		b.recs++
		if !ff.split(line, fields) {
			b.bad = true
			return
		}
		var tm int64
		if ff.iTime >= 0 {
			var ok bool
			switch ff.format {
			case TimeRFC3339:
				tm, ok = w.dates.parse(fields[ff.iTime], 'T', "Z")
			case TimeDateTime:
				tm, ok = w.dates.parse(fields[ff.iTime], ' ', "")
			}
			if !ok {
				var err error
				if tm, err = ParseTime(fields[ff.iTime], ff.format); err != nil {
					b.bad = true
					return
				}
			}
		}
		w8 := 1.0
		if ff.iW >= 0 && fields[ff.iW] != "" {
			var err error
			if w8, err = parseWeight(fields[ff.iW]); err != nil {
				b.bad = true
				return
			}
		}
		src, dst := trimSpace(fields[fl.iSrc]), trimSpace(fields[fl.iDst])
		if src == "" || dst == "" {
			b.bad = true
			return
		}
		w.mn = append(w.mn, src, dst)
		ci, ki := int32(graph.None), int32(graph.None)
		if fl.iComm >= 0 {
			if c := trimSpace(fields[fl.iComm]); c != "" {
				var ok bool
				if ci, ok = ff.smallRef(w, b, nsCommunity, c); !ok {
					b.bad = true
					return
				}
			}
		}
		if fl.iKind >= 0 {
			if k := trimSpace(fields[fl.iKind]); k != "" {
				ki, _ = ff.smallRef(w, b, nsKind, k)
			}
		}
		if fl.iKnow >= 0 {
			if kn := fields[fl.iKnow]; strings.IndexByte(kn, ';') < 0 {
				// One item, as most rows carry.
				if it := trimSpace(kn); it != "" {
					w.in = append(w.in, it)
					b.kn = append(b.kn, 0)
				}
			} else {
				for it := range splitList(kn) {
					w.in = append(w.in, it)
					b.kn = append(b.kn, 0)
				}
			}
		}
		b.kEnd = append(b.kEnd, int32(len(b.kn)))
		for _, i := range fl.extra {
			b.extra = append(b.extra, fields[i])
		}
		b.src, b.dst, b.comm, b.kind = append(b.src, 0), append(b.dst, 0), append(b.comm, ci), append(b.kind, ki)
		b.times, b.weights = append(b.times, tm), append(b.weights, w8)
		if len(b.times)-row0 == fastBatchRows {
			if !ff.flush(w, b, row0, kn0) {
				b.bad = true
				return
			}
			row0, kn0 = len(b.times), len(b.kn)
		}
	}
	if !ff.flush(w, b, row0, kn0) {
		b.bad = true
	}
}

// fastBatchRows is the number of rows whose names are looked up
// together.
const fastBatchRows = 64

// flush resolves the member and item names of the rows from row0 (and
// items from kn0), in order; false when the serial path must decide.
func (ff *fastFlows) flush(w *fworker, b *fblock, row0, kn0 int) bool {
	// Start the memory reads of every look-up before the first one
	// needs its answer (see idTable.prepare).
	members := ff.frozen[nsMember]
	if members == nil {
		members = w.known[nsMember]
	}
	items := w.known[nsItem]
	w.mkeys = members.prepare(w.mn, w.mkeys[:0], &w.sink)
	w.ikeys = items.prepare(w.in, w.ikeys[:0], &w.sink)
	for i, name := range w.mn {
		r, ok := members.lookup(name, &w.mkeys[i])
		if !ok {
			if r, ok = ff.ref(w, b, nsMember, name); !ok {
				return false
			}
		}
		if i%2 == 0 {
			b.src[row0+i/2] = r
		} else {
			b.dst[row0+i/2] = r
		}
	}
	for i, name := range w.in {
		r, ok := items.lookup(name, &w.ikeys[i])
		if !ok {
			r, _ = ff.ref(w, b, nsItem, name)
		}
		b.kn[kn0+i] = r
	}
	w.mn, w.in = w.mn[:0], w.in[:0]
	return true
}

// resolve returns the network's index of a name a block added first.
func (l *loader) resolve(ns int, name string) (int32, error) {
	switch ns {
	case nsMember:
		return l.member(name)
	case nsCommunity:
		return l.community(name)
	case nsKind:
		return l.b.Kind(name), nil
	}
	return l.b.Item(name), nil
}
