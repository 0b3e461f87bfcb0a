package csvio

import (
	"bytes"
	"encoding/csv"
	"io"
	"reflect"
	"slices"
	"strings"
	"unicode/utf8"
	"unsafe"
)

// The fast path of readRecords reads a file of members, communities or
// the like whole, and decodes its rows without gocsv when the file needs
// no judgement: no NUL byte or invalid UTF-8, no quoted field that spans
// lines or breaks the quoting rules, every row with the header's number
// of fields, within every limit. The whole file is
// checked before its first row is handled, so that any other file is
// read from its start by gocsv, which then reports exactly as it does
// without the fast path. The records are the ones gocsv decodes: the
// fields as written, bound to R's fields by the same column names.

// fastRecordsMax bounds the bytes of a file that the fast path reads
// whole; a larger file is read by gocsv. Tests make it small.
var fastRecordsMax = 256 << 20

// fastRecords are the rows of a file, decoded.
type fastRecords[R any] struct {
	recs      []R
	unmatched []map[string]string // nil when every column is bound
	lines     []int32
}

// fastRecordsOf reads t's file through the fast path. It returns nil
// when gocsv must read the file, having set t to read it from its start.
func fastRecordsOf[R any](t *table, known []column) *fastRecords[R] {
	opt, src := t.opt, t.src
	rt := reflect.TypeFor[R]()
	if !fastFlowsUsable(opt) || src.raw == nil || rt.Kind() != reflect.Struct || src.size > int64(fastRecordsMax) {
		return nil
	}
	for f := range rt.NumField() {
		if rt.Field(f).Type.Kind() != reflect.String {
			return nil
		}
	}
	data, rest := readWhole(src.raw, src.size, fastRecordsMax)
	fromStart := func() *fastRecords[R] {
		src.r = newLineLimitReader(rest, opt)
		t.cr = csv.NewReader(src.r)
		t.cr.Comma = opt.comma()
		t.header, t.keys, t.col = nil, nil, map[string]int{}
		return nil
	}
	maxBytes := opt.MaxBytes
	if maxBytes <= 0 {
		maxBytes = DefaultMaxBytes
	}
	if rest.r != nil || rest.err != io.EOF || int64(len(data)) > maxBytes || bytes.IndexByte(data, 0) >= 0 || !utf8.Valid(data) {
		return fromStart()
	}
	hdrEnd := bytes.IndexByte(data, '\n') + 1
	if hdrEnd <= 0 || data[0] == '\n' || data[0] == '\r' {
		return fromStart()
	}
	// The header, checked and bound by gocsv as on the slow path.
	t.cr = csv.NewReader(newLineLimitReader(bytes.NewReader(data[:hdrEnd]), opt))
	t.cr.Comma = opt.comma()
	if _, err := bindRecords[R](t, known); err != nil {
		return fromStart()
	}
	// gocsv matches a column to a field also after removing zero-width
	// characters from its name; names in ASCII match as readRecords
	// matches them.
	for _, k := range t.keys {
		for i := range len(k) {
			if k[i] >= 0x80 {
				return fromStart()
			}
		}
	}
	off := make([]int, len(t.keys))
	unbound := false
	for i, k := range t.keys {
		off[i] = -1
		for f := range rt.NumField() {
			if rt.Field(f).Tag.Get("csv") == k {
				off[i] = int(rt.Field(f).Offset)
			}
		}
		unbound = unbound || off[i] < 0
	}

	body := data[hdrEnd:]
	var s string
	if cap(data)-len(data) <= len(data)/8 {
		// The records keep the bytes, which nothing changes.
		s = unsafe.String(unsafe.SliceData(body), len(body))
	} else {
		s = string(body)
	}
	n := bytes.Count(body, []byte{'\n'}) + 1
	fr := &fastRecords[R]{recs: make([]R, 0, n), lines: make([]int32, 0, n)}
	if unbound {
		fr.unmatched = make([]map[string]string, 0, n)
	}
	comma := string(opt.comma())
	maxLine := orDefault(opt.MaxLineBytes, DefaultMaxLineBytes)
	fields := make([]string, len(t.keys))
	line := 2
	for s != "" {
		l, rest, raw, nl := nextLine(s)
		s = rest
		at := line
		if nl {
			line++
		}
		if raw > maxLine {
			return fromStart()
		}
		if l == "" {
			continue
		}
		if int64(len(fr.recs)) >= t.maxRows || !splitQuoted(l, comma, t.maxFld, fields) {
			return fromStart()
		}
		fr.recs = append(fr.recs, *new(R))
		p := unsafe.Pointer(&fr.recs[len(fr.recs)-1])
		var um map[string]string
		if unbound {
			um = make(map[string]string, len(fields))
		}
		for i, f := range fields {
			if off[i] >= 0 {
				*(*string)(unsafe.Add(p, off[i])) = f
			} else {
				um[t.keys[i]] = f
			}
		}
		if unbound {
			fr.unmatched = append(fr.unmatched, um)
		}
		fr.lines = append(fr.lines, int32(at))
	}
	if len(fr.recs) == 0 {
		// No row: gocsv reports it.
		return fromStart()
	}
	t.records = len(fr.recs)
	return fr
}

// each calls row for every record, with t's positions at its line.
func (fr *fastRecords[R]) each(t *table, row func(*R, map[string]string) error) error {
	pos := make([]int, len(t.keys))
	t.pos = pos
	defer func() { t.pos = nil }()
	for k := range fr.recs {
		if k%4096 == 0 {
			// As the slow path's reads notice an interrupt.
			if err := t.opt.cancelled(t.src.name); err != nil {
				return err
			}
		}
		for i := range pos {
			pos[i] = int(fr.lines[k])
		}
		var um map[string]string
		if fr.unmatched != nil {
			um = fr.unmatched[k]
		}
		if err := row(&fr.recs[k], um); err != nil {
			return err
		}
	}
	return nil
}

// readWhole reads r to its end, unless it holds more than limit bytes or
// a NUL byte (which the fast paths leave to the slow ones). size
// is r's size when known. rest reads the file again from its start: the
// bytes read, then r or the read error (io.EOF after the last byte).
func readWhole(r io.Reader, size int64, limit int) (data []byte, rest *joinReader) {
	data = make([]byte, 0, max(min(size+1, int64(limit)+1), 64<<10))
	rest = &joinReader{r: r}
	for {
		if len(data) == cap(data) {
			data = slices.Grow(data, len(data))
		}
		n, err := r.Read(data[len(data):cap(data)])
		chunk := data[len(data) : len(data)+n]
		data = data[:len(data)+n]
		if err != nil {
			rest.r, rest.err = nil, err
			break
		}
		if len(data) > limit || bytes.IndexByte(chunk, 0) >= 0 {
			break
		}
	}
	rest.read = data
	return data, rest
}

// splitQuoted is splitFields for a line that may hold quoted fields, as
// encoding/csv reads them (a field is quoted when its first byte is a
// quote; "" inside is one quote; the closing quote ends the field). A
// quote elsewhere, or one left open (a field that spans lines), is left
// to the slow path: false, as for a wrong count or a field too long.
func splitQuoted(line, comma string, maxFld int, fields []string) bool {
	if strings.IndexByte(line, '"') < 0 {
		return splitFields(line, comma, maxFld, fields)
	}
	n := 0
	for {
		if n == len(fields) {
			return false
		}
		var f string
		if line != "" && line[0] == '"' {
			var ok bool
			if f, line, ok = quotedField(line[1:]); !ok {
				return false
			}
			if line != "" && !strings.HasPrefix(line, comma) {
				return false
			}
		} else {
			i := strings.Index(line, comma)
			f = line
			if i >= 0 {
				f = line[:i]
			}
			line = line[len(f):]
			if strings.IndexByte(f, '"') >= 0 {
				return false
			}
		}
		if len(f) > maxFld {
			return false
		}
		fields[n] = f
		n++
		if line == "" {
			return n == len(fields)
		}
		line = line[len(comma):]
	}
}

// quotedField reads a quoted field after its opening quote: the field
// and what follows its closing quote; false when it does not close.
func quotedField(s string) (f, rest string, ok bool) {
	var b []byte
	for {
		i := strings.IndexByte(s, '"')
		if i < 0 {
			return "", "", false
		}
		if i+1 < len(s) && s[i+1] == '"' {
			b = append(b, s[:i+1]...)
			s = s[i+2:]
			continue
		}
		if b == nil {
			return s[:i], s[i+1:], true
		}
		return string(append(b, s[:i]...)), s[i+1:], true
	}
}
