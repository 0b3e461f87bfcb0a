package csvio

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"unicode/utf8"
)

// Default limits; see Options.
const (
	DefaultMaxLineBytes  = 1 << 20
	DefaultMaxFieldBytes = 64 << 10
	DefaultMaxColumns    = 1024
	DefaultMaxErrors     = 1000
	// DefaultMaxBytes bounds the bytes read from one file after
	// decompression (4 GiB), so that a small gzip cannot expand without
	// bound.
	DefaultMaxBytes = 4 << 30
	// DefaultMaxRows bounds the data rows of one file.
	DefaultMaxRows = 20_000_000
)

// Options control loading. The zero value loads comma-separated files
// leniently with the default limits.
type Options struct {
	// Comma is the field delimiter; ',' when zero.
	Comma rune
	// Strict makes flows naming members missing from members.csv, and
	// references to communities missing from communities.csv, errors
	// instead of additions (which are reported as warnings).
	Strict bool
	// MaxLineBytes bounds a physical line, MaxFieldBytes a field, and
	// MaxColumns the header, so that a hostile file cannot exhaust memory;
	// the defaults apply when zero.
	// A quoted field that spans lines counts toward both MaxFieldBytes and
	// MaxLineBytes (the record's length) as its raw bytes arrive.
	MaxLineBytes, MaxFieldBytes, MaxColumns int
	// MaxBytes bounds the bytes read from one file after decompression,
	// and MaxRows its data rows; the defaults apply when zero.
	MaxBytes, MaxRows int64
	// Progress, when set, is called as input bytes are read with the bytes
	// read so far and the total (0 when unknown) of the file being loaded.
	Progress func(file string, done, total int64)
	// Context, when set, stops the load once it is done (an interrupt);
	// the error then wraps the context's error.
	Context context.Context
	// Direction says whether flows carry a direction: as the dataset's
	// dataset.json declares (the zero value; directed without one), or
	// Directed or Undirected whatever it says.
	Direction Direction
}

// cancelled returns the context's error, with the file name.
func (o *Options) cancelled(file string) error {
	if o.Context == nil || o.Context.Err() == nil {
		return nil
	}
	return fmt.Errorf("csvio: loading %s: %w", file, o.Context.Err())
}

func (o *Options) comma() rune {
	if o.Comma == 0 {
		return ','
	}
	return o.Comma
}

func orDefault(v, d int) int {
	if v <= 0 {
		return d
	}
	return v
}

// source is an opened input: a file or any reader, maybe gzip-compressed.
type source struct {
	name string // as shown in messages
	size int64  // bytes of uncompressed input, 0 when unknown
	r    io.Reader
	// raw is the decompressed stream before the checks of r, for the
	// flows' fast path (see fastFlows), which checks the bytes itself.
	raw   io.Reader
	close func() error
}

// openWith opens a file (of the operating system or of an fs.FS) shown as
// name in messages.
func openWith(name string, open func() (fs.File, error), opt *Options) (*source, error) {
	f, err := open()
	if err != nil {
		return nil, &ParseError{File: name, Err: unwrapPathError(err)}
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, &ParseError{File: name, Err: unwrapPathError(err)}
	}
	if st.IsDir() {
		f.Close()
		return nil, &ParseError{File: name, Err: errors.New("is a directory, not a file")}
	}
	s, err := newSource(name, f, st.Size(), opt)
	if err != nil {
		f.Close()
		return nil, err
	}
	inner := s.close
	s.close = func() error {
		err := inner()
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		return err
	}
	return s, nil
}

func unwrapPathError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %w", pe.Op, pe.Err)
	}
	return err
}

// newSource wraps r: progress counting on the raw bytes, gzip when the
// stream starts with gzip's magic number, and the line length limit.
func newSource(name string, r io.Reader, size int64, opt *Options) (*source, error) {
	if opt.Progress != nil {
		r = &progressReader{r: r, name: name, total: size, report: opt.Progress}
	}
	if opt.Context != nil {
		r = &cancelReader{r: r, name: name, opt: opt}
	}
	br := bufio.NewReaderSize(r, 256<<10)
	s := &source{name: name, close: func() error { return nil }}
	magic, _ := br.Peek(2)
	var rd io.Reader = br
	if len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, &ParseError{File: name, Err: fmt.Errorf("gzip: %w", err)}
		}
		s.close = zr.Close
		rd = bufio.NewReaderSize(zr, 256<<10)
	} else {
		s.size = size
	}
	s.raw = rd
	s.r = newLineLimitReader(rd, opt)
	return s, nil
}

// cancelReader stops reading once the load's context is done.
type cancelReader struct {
	r    io.Reader
	name string
	opt  *Options
}

func (c *cancelReader) Read(b []byte) (int, error) {
	if err := c.opt.cancelled(c.name); err != nil {
		return 0, err
	}
	return c.r.Read(b)
}

// progressReader reports bytes read.
type progressReader struct {
	r           io.Reader
	name        string
	done, total int64
	report      func(string, int64, int64)
}

func (p *progressReader) Read(b []byte) (int, error) {
	n, err := p.r.Read(b)
	p.done += int64(n)
	p.report(p.name, p.done, p.total)
	return n, err
}

// lineLimitReader checks the raw bytes before encoding/csv sees them: it
// fails once a record exceeds max bytes or a quoted field maxField bytes
// (before the CSV reader buffers them whole, even when a quoted field
// spans many short lines), once the file exceeds maxBytes, and on a NUL
// byte or invalid UTF-8, in one pass. It follows the quoting of the CSV
// grammar that encoding/csv reads (a field is quoted when its first byte
// is a quote; "" inside is one quote). Its first error is returned by
// every later Read.
type lineLimitReader struct {
	r        io.Reader
	max      int
	maxField int
	maxBytes int64
	comma    []byte
	total    int64
	err      error

	line    int // physical line of the next byte, from 1
	lcol    int // bytes since the last physical line break
	cur     int // bytes of the current record so far
	recLine int // line where the current record started
	col     int // fields of the current record before the current one

	fieldStart   bool // the next byte starts a field
	quoted       bool // inside a quoted field
	pendingQuote bool // a quote ended the last chunk inside a quoted field
	prevCR       bool // the last byte of a quoted field was \r
	fieldLen     int  // bytes of the quoted field (as decoded)
	fieldLine    int
	fieldCol     int
	tail         []byte // the last bytes outside quotes, for a comma cut across chunks

	carry  [utf8.UTFMax]byte // an incomplete rune at the end of a chunk
	nCarry int
}

func newLineLimitReader(r io.Reader, opt *Options) *lineLimitReader {
	var comma [utf8.UTFMax]byte
	n := utf8.EncodeRune(comma[:], opt.comma())
	maxBytes := opt.MaxBytes
	if maxBytes <= 0 {
		maxBytes = DefaultMaxBytes
	}
	return &lineLimitReader{
		r: r, max: orDefault(opt.MaxLineBytes, DefaultMaxLineBytes), maxField: orDefault(opt.MaxFieldBytes, DefaultMaxFieldBytes),
		maxBytes: maxBytes, comma: comma[:n], line: 1, recLine: 1, fieldStart: true,
	}
}

// newLineLimitReaderAt is newLineLimitReader for a stream that starts at
// a record boundary: at physical line line, after total bytes of the file.
func newLineLimitReaderAt(r io.Reader, opt *Options, line int, total int64) *lineLimitReader {
	l := newLineLimitReader(r, opt)
	l.line, l.recLine, l.total = line, line, total
	return l
}

// byteError locates a problem found in the raw bytes.
type byteError struct {
	line, col int // col is a 1-based byte position (a field number for a field too long), 0 when unknown
	err       error
}

func (e *byteError) Error() string { return e.err.Error() }
func (e *byteError) Unwrap() error { return e.err }

func (l *lineLimitReader) Read(b []byte) (int, error) {
	if l.err != nil {
		return 0, l.err
	}
	n, err := l.r.Read(b)
	l.total += int64(n)
	if l.total > l.maxBytes {
		l.err = &byteError{0, 0, newErr(ErrTooLarge, "more than the limit of %d bytes (after decompression)", l.maxBytes)}
		return 0, l.err
	}
	if cerr := l.check(b[:n], err != nil); cerr != nil {
		l.err = cerr
		return 0, cerr
	}
	return n, err
}

var crlf = []byte("\r\n")

func (l *lineLimitReader) check(chunk []byte, last bool) error {
	if z := bytes.IndexByte(chunk, 0); z >= 0 {
		line, col := l.position(chunk[:z])
		return &byteError{line, col + 1, ErrNUL}
	}
	if err := l.checkUTF8(chunk, last); err != nil {
		return err
	}
	tooLong := func() error {
		return &byteError{l.recLine, 0, newErr(ErrLineTooLong, "line longer than the limit of %d bytes", l.max)}
	}
	for len(chunk) > 0 {
		if l.pendingQuote {
			l.pendingQuote = false
			if chunk[0] == '"' {
				// An escaped quote inside the quoted field.
				l.fieldLen++
				l.cur++
				l.lcol++
				chunk = chunk[1:]
				continue
			}
			l.quoted, l.fieldStart = false, false
		}
		if l.quoted {
			q := bytes.IndexByte(chunk, '"')
			seg := chunk
			if q >= 0 {
				seg = chunk[:q]
			}
			// encoding/csv turns \r\n inside a quoted field into \n.
			pairs := bytes.Count(seg, crlf)
			if l.prevCR && len(seg) > 0 && seg[0] == '\n' {
				pairs++
			}
			if len(seg) > 0 {
				l.prevCR = seg[len(seg)-1] == '\r'
			}
			l.fieldLen += len(seg) - pairs
			l.cur += len(seg)
			l.advance(seg)
			if l.fieldLen > l.maxField {
				return &byteError{l.fieldLine, l.fieldCol, newErr(ErrFieldTooLong, "quoted field longer than the limit of %d bytes", l.maxField)}
			}
			if l.cur > l.max {
				return tooLong()
			}
			if q < 0 {
				return nil
			}
			l.cur++
			l.lcol++
			l.prevCR = false
			chunk = chunk[q+1:]
			if len(chunk) == 0 {
				l.pendingQuote = true
				return nil
			}
			if chunk[0] == '"' {
				l.fieldLen++
				l.cur++
				l.lcol++
				chunk = chunk[1:]
				continue
			}
			l.quoted, l.fieldStart = false, false
			continue
		}
		q := bytes.IndexByte(chunk, '"')
		seg := chunk
		if q >= 0 {
			seg = chunk[:q]
		}
		// Records end at line breaks outside quotes.
		rest := seg
		for {
			i := bytes.IndexByte(rest, '\n')
			if i < 0 {
				break
			}
			if l.cur += i; l.cur > l.max {
				return tooLong()
			}
			l.cur, l.col, l.fieldStart = 0, 0, true
			l.line++
			l.lcol = 0
			l.recLine = l.line
			rest = rest[i+1:]
			l.tail = l.tail[:0]
		}
		l.cur += len(rest)
		l.lcol += len(rest)
		if l.cur > l.max {
			return tooLong()
		}
		if len(rest) > 0 {
			l.col += bytes.Count(rest, l.comma)
			l.tail = append(l.tail, rest[max(0, len(rest)-len(l.comma)):]...)
			l.tail = l.tail[max(0, len(l.tail)-len(l.comma)):]
			l.fieldStart = bytes.Equal(l.tail, l.comma)
		}
		if q < 0 {
			return nil
		}
		l.cur++
		l.lcol++
		chunk = chunk[q+1:]
		if l.fieldStart {
			l.quoted, l.fieldLen, l.fieldLine, l.fieldCol, l.prevCR = true, 0, l.line, l.col+1, false
		}
		l.fieldStart = false
		l.tail = l.tail[:0]
	}
	return nil
}

// advance moves the physical position over seg.
func (l *lineLimitReader) advance(seg []byte) {
	if nl := bytes.Count(seg, []byte{'\n'}); nl > 0 {
		l.line += nl
		l.lcol = len(seg) - bytes.LastIndexByte(seg, '\n') - 1
		return
	}
	l.lcol += len(seg)
}

// position returns the line and 0-based byte column at the end of prefix,
// a prefix of the chunk about to be counted.
func (l *lineLimitReader) position(prefix []byte) (int, int) {
	nl := bytes.Count(prefix, []byte{'\n'})
	if nl == 0 {
		return l.line, l.lcol + len(prefix)
	}
	return l.line + nl, len(prefix) - bytes.LastIndexByte(prefix, '\n') - 1
}

// checkUTF8 validates chunk, carrying a rune split across chunks.
func (l *lineLimitReader) checkUTF8(chunk []byte, last bool) error {
	body := chunk
	if l.nCarry > 0 {
		// Complete the carried rune with the first bytes of this chunk.
		var buf [2 * utf8.UTFMax]byte
		k := copy(buf[:], l.carry[:l.nCarry])
		k += copy(buf[k:], chunk[:min(len(chunk), utf8.UTFMax)])
		if !utf8.FullRune(buf[:k]) && !last {
			l.nCarry = copy(l.carry[:], buf[:k])
			return nil
		}
		r, size := utf8.DecodeRune(buf[:k])
		if (r == utf8.RuneError && size <= 1) || size < l.nCarry {
			return &byteError{l.line, l.lcol + 1 - l.nCarry, ErrUTF8}
		}
		body = chunk[size-l.nCarry:]
		l.nCarry = 0
	}
	if utf8.Valid(body) {
		return nil
	}
	// Find the first invalid rune; an incomplete one at the very end may be
	// completed by the next chunk.
	for i := 0; i < len(body); {
		r, size := utf8.DecodeRune(body[i:])
		if r == utf8.RuneError && size <= 1 {
			if !last && !utf8.FullRune(body[i:]) {
				l.nCarry = copy(l.carry[:], body[i:])
				return nil
			}
			line, col := l.position(chunk[:len(chunk)-len(body)+i])
			return &byteError{line, col + 1, ErrUTF8}
		}
		i += size
	}
	return nil
}

// table reads one CSV file: header binding, records with positions and
// field checks.
type table struct {
	src     *source
	cr      *csv.Reader
	header  []string // as written (BOM and spaces removed)
	keys    []string // lower-cased names used for matching
	col     map[string]int
	opt     *Options
	maxFld  int
	maxRows int64
	records int
	// lineBase and offBase are the lines and bytes of the file before the
	// CSV reader's input, when it starts after the header (see fastFlows).
	lineBase int
	offBase  int64
	// pos holds the line of each field of the record being handled when
	// records are read ahead (see readRecords).
	pos []int
	// rows is the number of data rows when they are counted before the
	// first is handled (see fastRecords), else 0.
	rows int
}

// column describes a known column of a file.
type column struct {
	name     string
	required bool
}

// newTable prepares to read src; readHeader or bindHeader must follow.
func newTable(src *source, opt *Options) *table {
	cr := csv.NewReader(src.r)
	cr.Comma = opt.comma()
	maxRows := opt.MaxRows
	if maxRows <= 0 {
		maxRows = DefaultMaxRows
	}
	return &table{src: src, cr: cr, col: map[string]int{}, opt: opt, maxFld: orDefault(opt.MaxFieldBytes, DefaultMaxFieldBytes), maxRows: maxRows}
}

// readHeader reads the header row and binds the known columns.
func (t *table) readHeader(known []column) error {
	rec, err := t.cr.Read()
	if err != nil {
		return t.headerError(err)
	}
	return t.bindHeader(rec, known)
}

func (t *table) headerError(err error) error {
	if err == io.EOF {
		return &ParseError{File: t.src.name, Err: ErrEmptyFile}
	}
	return t.wrap(err)
}

// bindHeader checks the header row: size, field contents, duplicate names
// (compared without case and surrounding spaces) and required columns.
func (t *table) bindHeader(rec []string, known []column) error {
	if maxc := orDefault(t.opt.MaxColumns, DefaultMaxColumns); len(rec) > maxc {
		return &ParseError{File: t.src.name, Line: 1, Err: newErr(ErrTooManyColumns, "%d columns, more than the limit of %d", len(rec), maxc)}
	}
	t.header = make([]string, len(rec))
	t.keys = make([]string, len(rec))
	for i, h := range rec {
		if i == 0 {
			h = strings.TrimPrefix(h, "\uFEFF")
		}
		if err := t.checkField(h, 1, i); err != nil {
			return err
		}
		h = strings.TrimSpace(h)
		if h == "" {
			h = fmt.Sprintf("column%d", i+1)
		}
		key := strings.ToLower(h)
		if j, dup := t.col[key]; dup {
			return &ParseError{File: t.src.name, Line: 1, Column: i + 1, Err: newErr(ErrDuplicateColumn, "duplicate column %q (column %d has the same name)", h, j+1)}
		}
		t.header[i], t.keys[i] = strings.Clone(h), key
		t.col[key] = i
	}
	for _, c := range known {
		if _, ok := t.col[c.name]; c.required && !ok {
			return &ParseError{File: t.src.name, Line: 1, Err: newErr(ErrMissingColumn, "missing required column %q (%s)%s",
				c.name, headerIs(t.header, t.cr.Comma), otherDelimiter(t.header, t.cr.Comma))}
		}
	}
	return nil
}

// headerIs shows the header read: its columns joined by the delimiter,
// or, when it was read as one column, that column quoted, so that a
// header such as id,name read with -delim ';' is not mistaken for three
// columns.
func headerIs(header []string, comma rune) string {
	if len(header) == 1 {
		return fmt.Sprintf("the header is one column, %q", header[0])
	}
	return "the header is " + strings.Join(header, string(comma))
}

// otherDelimiter is a hint for a header read as one column that another
// usual delimiter would split (a spreadsheet's export with semicolons,
// say), or "".
func otherDelimiter(header []string, comma rune) string {
	if len(header) != 1 {
		return ""
	}
	for _, d := range []rune{';', '\t', '|', ','} {
		if d != comma && strings.ContainsRune(header[0], d) {
			return fmt.Sprintf("; the file looks delimited by %q: read it with -delim %q (Options.Comma in Go)", d, d)
		}
	}
	return ""
}

// index returns the position of a known column, or -1.
func (t *table) index(name string) int {
	if i, ok := t.col[name]; ok {
		return i
	}
	return -1
}

// extras returns the positions of columns that are not known.
func (t *table) extras(known []column) []int {
	var out []int
	for i, k := range t.keys {
		isKnown := false
		for _, c := range known {
			isKnown = isKnown || c.name == k
		}
		if !isKnown {
			out = append(out, i)
		}
	}
	return out
}

// next returns the next record, io.EOF at the end. A record with the
// wrong number of fields is returned with an error, so that a caller
// collecting problems may go on.
func (t *table) next() ([]string, error) {
	rec, err := t.cr.Read()
	if err == io.EOF {
		if t.records == 0 {
			return nil, &ParseError{File: t.src.name, Err: ErrNoRows}
		}
		return nil, io.EOF
	}
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) && errors.Is(pe.Err, csv.ErrFieldCount) {
			t.records++
			return nil, &ParseError{File: t.src.name, Line: pe.StartLine + t.lineBase, Err: newErr(csv.ErrFieldCount, "%d fields, but the header has %d", len(rec), len(t.header))}
		}
		return nil, t.wrap(err)
	}
	t.records++
	if err := t.rowLimit(); err != nil {
		return nil, err
	}
	for i, f := range rec {
		if err := t.checkField(f, 0, i); err != nil {
			return nil, err
		}
	}
	return rec, nil
}

// rowLimit fails once more than maxRows rows were read; the error stops
// the load (it wraps a *byteError, like the limits on raw bytes).
func (t *table) rowLimit() error {
	if int64(t.records) <= t.maxRows {
		return nil
	}
	line := t.crLine(0)
	return &ParseError{File: t.src.name, Line: line, Err: &byteError{line, 0, newErr(ErrTooManyRows, "more than the limit of %d rows", t.maxRows)}}
}

// checkField rejects oversized fields (NUL bytes and invalid UTF-8 are
// caught in the raw bytes by lineLimitReader).
func (t *table) checkField(f string, line, i int) error {
	if len(f) <= t.maxFld {
		return nil
	}
	return t.errAt(i, line, newErr(ErrFieldTooLong, "field of %d bytes, more than the limit of %d", len(f), t.maxFld))
}

// line returns the line of field i of the record being handled: of the
// last record read, or as readRecords recorded it.
func (t *table) line(i int) int {
	if t.pos != nil {
		return t.pos[i]
	}
	return t.crLine(i)
}

// crLine returns the line of field i of the last record read.
func (t *table) crLine(i int) int {
	line, _ := t.cr.FieldPos(i)
	return line + t.lineBase
}

// errAt locates an error at field i of the last record read (or of the
// given line when line > 0).
func (t *table) errAt(i, line int, err error) error {
	if line == 0 {
		line = t.line(i)
	}
	return &ParseError{File: t.src.name, Line: line, Column: i + 1, Err: err}
}

// wrap turns an error of the CSV reader or of the byte stream into a
// ParseError.
func (t *table) wrap(err error) error {
	var pe *csv.ParseError
	var be *byteError
	switch {
	case errors.As(err, &be):
		// The cause stays a *byteError: the stream cannot be read further.
		return &ParseError{File: t.src.name, Line: be.line, Column: be.col, Err: be}
	case errors.As(err, &pe):
		cause := pe.Err
		if errors.Is(cause, csv.ErrQuote) && pe.Line > pe.StartLine {
			// The parser gave up lines after the record began: most
			// likely a quote opened there was never closed.
			cause = newErr(csv.ErrQuote, "%v (the record starts on line %d: a quote opened there may not be closed)", pe.Err, pe.StartLine+t.lineBase)
		}
		return &ParseError{File: t.src.name, Line: pe.Line + t.lineBase, Column: pe.Column, Err: cause}
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, gzip.ErrChecksum) || errors.Is(err, gzip.ErrHeader):
		return &ParseError{File: t.src.name, Err: &causeError{fmt.Sprintf("truncated or corrupt file: %v after record %d", err, t.records), err}}
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	return &ParseError{File: t.src.name, Err: &causeError{fmt.Sprintf("read error after record %d: %v", t.records, err), err}}
}
