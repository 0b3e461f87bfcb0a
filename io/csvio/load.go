package csvio

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"strconv"
	"strings"

	"github.com/gocarina/gocsv"

	"github.com/copnet/copnet/graph"
)

// Files names the files of a dataset; all but Flows may be empty.
type Files struct {
	Flows, Members, Communities, Knowledge string
	// Dataset is the dataset description, dataset.json (see Dataset).
	Dataset string
}

// Readers are the inputs of a dataset that is not in files; all but Flows
// may be nil.
type Readers struct {
	Flows                           Input
	Members, Communities, Knowledge *Input
}

// Input is a named reader, for datasets that are not files; when R is nil,
// the file at Path is opened instead.
type Input struct {
	Name string
	R    io.Reader
	Path string
}

// Report describes a load beyond the network itself.
type Report struct {
	// Warnings are the problems that did not stop the load.
	Warnings []Problem
	// AddedMembers are members not in members.csv that flows named;
	// AddedCommunities are communities not in communities.csv that members
	// or flows named.
	AddedMembers, AddedCommunities int
	// Skipped counts the rows a preset left out (for instance answers
	// whose author was deleted).
	Skipped int
	// TimeFormat is the format detected in the flows' time column.
	TimeFormat TimeFormat
	// Inputs are the inputs read, in the order they were read, each with
	// its size and SHA-256 computed while it was loaded.
	Inputs []InputFile
}

// DatasetFiles finds flows.csv, members.csv, communities.csv and
// knowledge.csv (or their .csv.gz forms) in dir, and dataset.json.
func DatasetFiles(dir string) (Files, error) {
	st, err := os.Stat(dir)
	if err != nil {
		return Files{}, &ParseError{File: dir, Err: unwrapPathError(err)}
	}
	if !st.IsDir() {
		return Files{}, &ParseError{File: dir, Err: errors.New("not a folder (give the dataset's folder, or name the files one by one)")}
	}
	find := func(base string) string { return findFile(dir, base) }
	f := Files{Flows: find(canonicalFlows), Members: find(canonicalMembers), Communities: find(canonicalCommunities), Knowledge: find(canonicalKnowledge),
		Dataset: findDataset(dir)}
	if f.Flows == "" {
		return f, &ParseError{File: dir, Err: newErr(ErrNoFlows, "no flows.csv or flows.csv.gz in the folder")}
	}
	return f, nil
}

// Load loads the dataset in folder dir.
func Load(dir string, opt Options) (*graph.Network, *Report, error) {
	f, err := DatasetFiles(dir)
	if err != nil {
		return nil, nil, err
	}
	return LoadFiles(f, opt)
}

// LoadFiles loads a dataset from files named one by one.
func LoadFiles(f Files, opt Options) (*graph.Network, *Report, error) {
	l := newLoader(opt, false)
	return l.finish(l.loadFiles(f))
}

// LoadReaders loads a dataset from readers.
func LoadReaders(in Readers, opt Options) (*graph.Network, *Report, error) {
	l := newLoader(opt, false)
	open := l.inputOpener
	if err := l.applyDataset(""); err != nil {
		return nil, nil, err
	}
	return l.finish(l.load(open(&in.Flows), open(in.Members), open(in.Communities), open(in.Knowledge)))
}

// ValidateReaders is Validate for a dataset read from readers.
func ValidateReaders(in Readers, opt Options) []Problem {
	l := newLoader(opt, true)
	open := l.inputOpener
	if err := l.load(open(&in.Flows), open(in.Members), open(in.Communities), open(in.Knowledge)); err != nil {
		l.problems = append(l.problems, Problem{Severity: Error, Err: err})
	}
	l.warnings()
	return l.problems
}

// Validate loads a dataset and returns every problem found: errors (a bad
// row does not stop the check of the others, nor a file that cannot be
// read to its end the check of the files after it, up to
// DefaultMaxErrors) and warnings. References to members or communities
// are checked only against a members.csv or communities.csv read to its
// end.
func Validate(f Files, opt Options) []Problem {
	l := newLoader(opt, true)
	if err := l.loadFiles(f); err != nil {
		l.problems = append(l.problems, Problem{Severity: Error, Err: err})
	}
	l.warnings()
	return l.problems
}

// HasErrors reports whether any problem is an error.
func HasErrors(ps []Problem) bool {
	for _, p := range ps {
		if p.Severity == Error {
			return true
		}
	}
	return false
}

type opener func() (*source, error)

// inputOpener opens an Input: its reader, or the file at its path.
func (l *loader) inputOpener(in *Input) opener {
	if in == nil {
		return nil
	}
	if in.R == nil {
		return func() (*source, error) { return l.openPath(in.Path) }
	}
	return func() (*source, error) { return l.openReader(in) }
}

type loader struct {
	// addedMembers and addedComms are the first ids added (up to
	// namedAdded each), named in the warnings.
	addedMembers, addedComms []string
	opt                      Options
	b                        *graph.Builder
	keepGoing                bool
	problems                 []Problem
	nErrors                  int
	rep                      Report
	inputs                   []*hashedInput
	// dir is the folder of the operating system a preset reads its
	// fs.FS from, "" for another fs.FS.
	dir string
	// dataset is the dataset.json read, if any.
	dataset InputFile

	haveMembers, haveCommunities bool
	// members and comms mirror the builder's indices of member and
	// community ids while the files before flows.csv are read, so that
	// the flows' fast path can look ids up from several goroutines; nil
	// once it has taken them.
	members, comms *idTable
}

func newLoader(opt Options, keepGoing bool) *loader {
	return &loader{opt: opt, b: graph.NewBuilder(), keepGoing: keepGoing, members: newIDTable(0), comms: newIDTable(0)}
}

func (l *loader) finish(err error) (*graph.Network, *Report, error) {
	if err != nil {
		return nil, nil, err
	}
	l.warnings()
	l.rep.Warnings = l.problems
	if l.rep.Inputs, err = l.sums(); err != nil {
		return nil, nil, err
	}
	l.rep.Inputs = l.withDataset(l.rep.Inputs)
	return l.b.Network(), &l.rep, nil
}

// warnings records the counts of additions as warnings.
func (l *loader) warnings() {
	if n := l.rep.AddedMembers; n == 1 && l.haveMembers {
		l.warn(errors.New("1 member named in flows (or as a knowledge.csv creator) is not in members.csv; it was added" + addedNames(l.addedMembers, n)))
	} else if n > 1 && l.haveMembers {
		l.warn(fmt.Errorf("%d members named in flows (or as knowledge.csv creators) are not in members.csv; they were added%s", n, addedNames(l.addedMembers, n)))
	}
	if n := l.rep.AddedCommunities; n == 1 && l.haveCommunities {
		l.warn(errors.New("1 community named by members or flows is not in communities.csv; it was added" + addedNames(l.addedComms, n)))
	} else if n > 1 && l.haveCommunities {
		l.warn(fmt.Errorf("%d communities named by members or flows are not in communities.csv; they were added%s", n, addedNames(l.addedComms, n)))
	}
	if l.rep.Skipped > 0 {
		l.warn(fmt.Errorf("%d rows were skipped (their user, the target post's owner or the accepted answer is missing)", l.rep.Skipped))
	}
}

func (l *loader) warn(err error) {
	l.problems = append(l.problems, Problem{Severity: Warning, Err: err})
}

// fail handles a row error: it stops the load, or, when collecting
// problems, records it and lets the load go on (until too many).
func (l *loader) fail(err error) error {
	if !l.keepGoing {
		return err
	}
	l.problems = append(l.problems, Problem{Severity: Error, Err: err})
	l.nErrors++
	if l.nErrors >= DefaultMaxErrors {
		return newErr(ErrTooManyErrors, "csvio: stopped after %d errors", l.nErrors)
	}
	return nil
}

func (l *loader) loadFiles(f Files) error {
	file := func(path string) opener {
		if path == "" {
			return nil
		}
		return func() (*source, error) { return l.openPath(path) }
	}
	if f.Flows == "" {
		return &ParseError{File: "flows.csv", Err: ErrNoFlows}
	}
	if err := l.applyDataset(f.Dataset); err != nil {
		return err
	}
	return l.load(file(f.Flows), file(f.Members), file(f.Communities), file(f.Knowledge))
}

func (l *loader) load(flows, members, communities, knowledge opener) error {
	// Strict mode checks references against the lists that were given,
	// once they are read.
	if communities != nil {
		l.haveCommunities = true
		whole, err := l.next(withSource(communities, l.loadCommunities))
		if err != nil {
			return err
		}
		// References are checked against a list read to its end only.
		l.haveCommunities = whole
		l.b.StrictCommunities = l.opt.Strict && whole
	}
	if members != nil {
		l.haveMembers = true
		whole, err := l.next(withSource(members, l.loadMembers))
		if err != nil {
			return err
		}
		l.haveMembers = whole
		l.b.StrictMembers = l.opt.Strict && whole
	}
	if knowledge != nil {
		if _, err := l.next(withSource(knowledge, l.loadKnowledge)); err != nil {
			return err
		}
	}
	return withSource(flows, l.loadFlows)
}

// next decides whether a file's error stops the load: always, unless
// the loader is validating, where the files after it are checked too
// (the error counts among the problems), short of too many errors or an
// interrupt. whole tells whether the file was read to its end.
func (l *loader) next(err error) (whole bool, _ error) {
	if err == nil {
		return true, nil
	}
	if !l.keepGoing || errors.Is(err, ErrTooManyErrors) || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return false, err
	}
	l.problems = append(l.problems, Problem{Severity: Error, Err: err})
	if l.nErrors++; l.nErrors >= DefaultMaxErrors {
		return false, newErr(ErrTooManyErrors, "csvio: stopped after %d errors", l.nErrors)
	}
	return false, nil
}

func withSource(open opener, fn func(*source) error) error {
	src, err := open()
	if err != nil {
		return err
	}
	err = fn(src)
	if cerr := src.close(); err == nil && cerr != nil {
		err = &ParseError{File: src.name, Err: fmt.Errorf("close: %w", cerr)}
	}
	return err
}

// community resolves a community reference (strict only against a
// communities.csv that was given; see load).
func (l *loader) community(id string) (int32, error) {
	c, added, err := l.b.Community(id)
	if added {
		if l.comms != nil {
			l.comms.put(strings.Clone(id), c)
		}
		if l.haveCommunities {
			l.rep.AddedCommunities++
			if len(l.addedComms) < namedAdded {
				l.addedComms = append(l.addedComms, strings.Clone(id))
			}
		}
	}
	return c, err
}

var communityColumns = []column{{"id", true}, {"name", false}}

// communityRecord is a row of communities.csv.
type communityRecord struct {
	ID   string `csv:"id"`
	Name string `csv:"name"`
}

func (l *loader) loadCommunities(src *source) error {
	t := newTable(src, &l.opt)
	extras := []int{}
	return readRecords(t, communityColumns, func(extra []int) { extras = extra; l.b.SetCommunityAttrs(names(t, extra)) },
		func(r *communityRecord, unmatched map[string]string) error {
			line := t.line(0)
			c := graph.Community{ID: strings.TrimSpace(r.ID), Name: r.Name, Attrs: attrs(t, extras, unmatched)}
			i, err := l.b.AddCommunity(c)
			if err != nil {
				return l.fail(t.errAt(t.index("id"), line, trimPkg(err)))
			}
			if l.comms != nil {
				if _, ok := l.comms.get(c.ID); !ok {
					l.comms.put(c.ID, i)
				}
			}
			return nil
		})
}

var memberColumns = []column{{"id", true}, {"name", false}, {"joined", false}, {"community", false}}

// memberRecord is a row of members.csv.
type memberRecord struct {
	ID        string `csv:"id"`
	Name      string `csv:"name"`
	Joined    string `csv:"joined"`
	Community string `csv:"community"`
}

func (l *loader) loadMembers(src *source) error {
	t := newTable(src, &l.opt)
	var joined timeColumn
	extras := []int{}
	var ids *tablePuts
	defer func() {
		if ids != nil {
			ids.wait()
		}
	}()
	return readRecords(t, memberColumns, func(extra []int) {
		extras = extra
		l.b.SetMemberAttrs(names(t, extra))
		// The rows, when counted before they are handled.
		l.b.GrowMembers(t.rows)
		if l.members != nil {
			l.members.grow(t.rows)
			if t.rows >= asyncPutRows {
				ids = startPuts(l.members)
			}
		}
	},
		func(r *memberRecord, unmatched map[string]string) error {
			line := t.line(0)
			m := graph.Member{ID: strings.TrimSpace(r.ID), Name: r.Name, Attrs: attrs(t, extras, unmatched)}
			if r.Joined != "" {
				v, err := joined.parse(r.Joined, line)
				if err != nil {
					return l.fail(t.errAt(t.index("joined"), 0, err))
				}
				m.Joined, m.HasJoined = v, true
			}
			for c := range splitList(r.Community) {
				if c == m.ID {
					// Usually a shifted column in the export.
					err := t.errAt(t.index("community"), 0, newErr(ErrSelfReference, "member %q lists itself as its community", m.ID))
					if l.opt.Strict {
						return l.fail(err)
					}
					l.warn(err)
				}
				ci, err := l.community(c)
				if err != nil {
					return l.fail(t.errAt(t.index("community"), 0, trimPkg(err)))
				}
				if !m.InCommunity(ci) {
					m.Communities = append(m.Communities, ci)
				}
			}
			i, err := l.b.AddMember(m)
			if err != nil {
				return l.fail(t.errAt(t.index("id"), line, trimPkg(err)))
			}
			if ids != nil {
				ids.put(m.ID, i)
			} else if l.members != nil {
				l.members.put(m.ID, i)
			}
			return nil
		})
}

var knowledgeColumns = []column{{"id", true}, {"name", false}, {"created", false}, {"creator", false}}

// knowledgeRecord is a row of knowledge.csv.
type knowledgeRecord struct {
	ID      string `csv:"id"`
	Name    string `csv:"name"`
	Created string `csv:"created"`
	Creator string `csv:"creator"`
}

// loadKnowledge reads knowledge.csv: items declared with a display name,
// the time they were introduced and their creator (a member).
func (l *loader) loadKnowledge(src *source) error {
	t := newTable(src, &l.opt)
	var created timeColumn
	seen := map[string]bool{}
	return readRecords(t, knowledgeColumns, func([]int) {}, func(r *knowledgeRecord, _ map[string]string) error {
		line := t.line(0)
		id := strings.TrimSpace(r.ID)
		if id == "" {
			return l.fail(t.errAt(t.index("id"), line, newErr(ErrEmptyValue, "item id is empty")))
		}
		if seen[id] {
			return l.fail(t.errAt(t.index("id"), line, newErr(graph.ErrDuplicateID, "item %q: duplicate id", id)))
		}
		seen[id] = true
		item := l.b.Item(id)
		l.b.SetItemLabel(item, r.Name)
		if r.Created == "" {
			return nil
		}
		when, err := created.parse(r.Created, line)
		if err != nil {
			return l.fail(t.errAt(t.index("created"), 0, err))
		}
		creator := int32(graph.None)
		if c := strings.TrimSpace(r.Creator); c != "" {
			if creator, err = l.member(c); err != nil {
				return l.fail(t.errAt(t.index("creator"), 0, &causeError{"creator " + err.Error(), err}))
			}
		}
		l.b.ItemCreated(item, when, creator)
		return nil
	})
}

// readRecords decodes the rows of t into R with gocsv, binding columns by
// header name, and calls row for each with the unmatched columns. R's
// fields are strings tagged with lower-case column names.
// t must not have read anything yet. A file that the fast path of
// fastRecords reads is decoded without gocsv, to the same records.
func readRecords[R any](t *table, known []column, header func(extras []int), row func(*R, map[string]string) error) error {
	if fr := fastRecordsOf[R](t, known); fr != nil {
		t.rows = len(fr.recs)
		header(t.extras(known))
		return fr.each(t, row)
	}
	um, err := bindRecords[R](t, known)
	if err != nil {
		return err
	}
	header(t.extras(known))
	// field[i] is the struct field holding column i, or -1 when the column
	// is unmatched.
	rt := reflect.TypeFor[R]()
	field := make([]int, len(t.keys))
	for i, k := range t.keys {
		field[i] = -1
		for f := 0; f < rt.NumField(); f++ {
			if rt.Field(f).Tag.Get("csv") == k {
				field[i] = f
			}
		}
	}
	// One goroutine decodes the rows (and checks them against the
	// limits), the caller's handles them: rows travel in batches, in
	// file order, with the line of each field, so that the handler's
	// messages name the row it handles.
	type batch struct {
		recs      []*R
		unmatched []map[string]string
		lines     []int
		err       error // ends the file, after the rows
	}
	ncol := len(t.keys)
	batches := make(chan *batch, 4)
	done := make(chan struct{})
	go func() {
		defer close(batches)
		b := &batch{}
		send := func() bool {
			select {
			case batches <- b:
				b = &batch{}
				return true
			case <-done:
				return false
			}
		}
		for {
			v, unmatched, err := um.ReadUnmatched()
			if err == io.EOF {
				if t.records == 0 {
					b.err = &ParseError{File: t.src.name, Err: ErrNoRows}
				}
				send()
				return
			}
			t.records++
			if err != nil {
				err = t.wrap(err)
			} else {
				err = t.rowLimit()
			}
			if err != nil {
				b.err = err
				send()
				return
			}
			rec := v.(*R)
			rv := reflect.ValueOf(rec).Elem()
			for i, f := range field {
				line := t.crLine(i)
				b.lines = append(b.lines, line)
				text := unmatched[t.keys[i]]
				if f >= 0 {
					text = rv.Field(f).String()
				}
				if err := t.checkField(text, line, i); err != nil {
					b.err = err
					send()
					return
				}
			}
			b.recs, b.unmatched = append(b.recs, rec), append(b.unmatched, unmatched)
			if len(b.recs) == batchRows && !send() {
				return
			}
		}
	}()
	defer func() {
		close(done)
		for range batches {
		}
		t.pos = nil
	}()
	for b := range batches {
		for k, rec := range b.recs {
			t.pos = b.lines[k*ncol : (k+1)*ncol]
			if err := row(rec, b.unmatched[k]); err != nil {
				return err
			}
		}
		if b.err != nil {
			return b.err
		}
	}
	return nil
}

func names(t *table, idx []int) []string {
	if len(idx) == 0 {
		return nil
	}
	out := make([]string, len(idx))
	for k, i := range idx {
		out[k] = t.header[i]
	}
	return out
}

func attrs(t *table, idx []int, unmatched map[string]string) []string {
	if len(idx) == 0 {
		return nil
	}
	out := make([]string, len(idx))
	for k, i := range idx {
		out[k] = unmatched[t.keys[i]]
	}
	return out
}

// splitList yields the non-empty, trimmed items of a ";"-separated list.
func splitList(s string) func(func(string) bool) {
	return func(yield func(string) bool) {
		for s != "" {
			item, rest, _ := strings.Cut(s, ";")
			s = rest
			if item = strings.TrimSpace(item); item != "" && !yield(item) {
				return
			}
		}
	}
}

// trimPkg drops the "graph: " prefix of a builder error so that the
// message reads after the position.
func trimPkg(err error) error {
	return &causeError{msg: strings.TrimPrefix(err.Error(), "graph: "), cause: errors.Unwrap(err)}
}

// bindRecords reads the header of t with gocsv and binds the columns.
func bindRecords[R any](t *table, known []column) (*gocsv.Unmarshaller, error) {
	um, err := gocsv.NewUnmarshaller(t.cr, new(R))
	if err != nil {
		return nil, t.headerError(err)
	}
	if err := t.bindHeader(um.Headers, known); err != nil {
		return nil, err
	}
	if err := um.RenormalizeHeaders(func([]string) []string { return t.keys }); err != nil {
		return nil, t.wrap(err)
	}
	return um, nil
}

// member resolves a flow's member id.
func (l *loader) member(id string) (int32, error) {
	id = strings.TrimSpace(id)
	if id == "" {
		return graph.None, newErr(ErrEmptyValue, "is empty")
	}
	m, added, err := l.b.Member(id)
	if err != nil {
		if errors.Is(err, graph.ErrUnknownMember) {
			return graph.None, newErr(graph.ErrUnknownMember, "%q is not in members.csv (strict mode)", id)
		}
		return graph.None, err
	}
	if added {
		if l.members != nil {
			l.members.put(strings.Clone(id), m)
		}
		l.rep.AddedMembers++
		if len(l.addedMembers) < namedAdded {
			l.addedMembers = append(l.addedMembers, strings.Clone(id))
		}
	}
	return m, nil
}

// namedAdded is the number of added members (and communities) that the
// warnings name.
const namedAdded = 3

// addedNames names the first ids added of n: ": "a", "b", "c" and 5
// more".
func addedNames(ids []string, n int) string {
	q := make([]string, len(ids))
	for i, id := range ids {
		q[i] = strconv.Quote(id)
	}
	s := ": " + strings.Join(q, ", ")
	if n > len(ids) {
		s += fmt.Sprintf(" and %d more", n-len(ids))
	}
	return s
}

func parseWeight(s string) (float64, error) {
	if w, ok := parseDecimal(s); ok && w > 0 && w <= 1e300 {
		return w, nil
	}
	w, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil && !errors.Is(err, strconv.ErrRange) {
		return 0, newErr(ErrWeight, "weight %q: not a number", s)
	}
	if err != nil || !(w > 0) || w > 1e300 {
		return 0, newErr(ErrWeight, "weight %q: must be a positive finite number", s)
	}
	return w, nil
}

// The canonical files of a dataset folder, without .csv.
const (
	canonicalFlows       = "flows"
	canonicalMembers     = "members"
	canonicalCommunities = "communities"
	canonicalKnowledge   = "knowledge"
)

// InputNames are the names, without .csv or .csv.gz, of every file a load
// of a dataset folder may read, whatever the preset: what an output must
// never replace.
var InputNames = []string{canonicalFlows, canonicalMembers, canonicalCommunities, canonicalKnowledge,
	sedePosts, sedeComments, sedeUsers, sedeVotes}

// pow10 are the powers of ten that a float64 holds exactly.
var pow10 = [...]float64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15}

// parseDecimal reads the common form of a weight, digits with an
// optional fraction ("1", "0.25"), of at most 15 digits: the mantissa and
// the power of ten are then exact, so one division rounds correctly and
// gives strconv.ParseFloat's value (Clinger's fast path). ok is false
// for any other text.
func parseDecimal(s string) (float64, bool) {
	var m uint64
	digits, frac := 0, -1
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			m = m*10 + uint64(c-'0')
			digits++
		case c == '.' && frac < 0 && digits > 0 && i+1 < len(s):
			frac = digits
		default:
			return 0, false
		}
	}
	if digits == 0 || digits > 15 {
		return 0, false
	}
	if frac < 0 {
		return float64(m), true
	}
	return float64(m) / pow10[digits-frac], true
}
