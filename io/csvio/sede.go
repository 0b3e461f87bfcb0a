package csvio

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/copnet/copnet/graph"
)

// Preset names a loader for a known export layout.
type Preset string

// Known presets.
const (
	// PresetCanonical is copnet's own layout (flows.csv, members.csv,
	// communities.csv).
	PresetCanonical Preset = "canonical"
	// PresetSEDE is a Stack Exchange Data Explorer export: Posts.csv and,
	// optionally, Comments.csv and Users.csv, with SEDE's column names.
	PresetSEDE Preset = "sede"
)

// Presets lists the preset names, for usage messages.
var Presets = []Preset{PresetCanonical, PresetSEDE}

// LoadPreset loads the dataset in folder dir with a preset; "" means
// canonical.
func LoadPreset(p Preset, dir string, opt Options) (*graph.Network, *Report, error) {
	switch p {
	case "", PresetCanonical:
		return Load(dir, opt)
	case PresetSEDE:
		return LoadSEDE(dir, opt)
	}
	return nil, nil, newErr(ErrUnknownPreset, "csvio: unknown preset %q (known: canonical, sede)", p)
}

// ValidatePreset is Validate for a preset: every problem of the dataset
// in dir.
func ValidatePreset(p Preset, dir string, opt Options) []Problem {
	fail := func(err error) []Problem { return []Problem{{Severity: Error, Err: err}} }
	switch p {
	case "", PresetCanonical:
		f, err := DatasetFiles(dir)
		if err != nil {
			return fail(err)
		}
		return Validate(f, opt)
	case PresetSEDE:
		l := newLoader(opt, true)
		if err := l.loadSEDE(dir); err != nil {
			l.problems = append(l.problems, Problem{Severity: Error, Err: err})
		}
		l.warnings()
		return l.problems
	}
	return fail(newErr(ErrUnknownPreset, "csvio: unknown preset %q (known: canonical, sede)", p))
}

// LoadSEDE reads a Stack Exchange Data Explorer export in folder dir:
// Posts.csv (required), Comments.csv and Users.csv (optional; each may be
// gzip-compressed as .csv.gz). An answer is a flow from its author to the
// question's author carrying the question's tags (kind "answer"); a comment
// is a flow from its author to the post's author carrying the thread's
// tags (kind "comment"). Rows whose author or target author is missing
// (deleted users have an empty id; with Users.csv, an id must be listed
// there) are skipped and counted in Report.Skipped. Users become members
// (DisplayName as name, CreationDate as join date); there are no
// communities. Each tag records the time and author of the first question
// carrying it (graph.ItemMeta): that is the tag's first use.
//
// An accepted answer (AcceptedAnswerId of a question, when Posts.csv has
// that column) is a flow of kind "accepted" from the asker to the answerer
// carrying the question's tags: the asker's act of making the answer the
// collectively accepted one. It is timed by the acceptance vote where the
// export has Votes.csv (the earliest vote of VoteTypeId 1 on the answer;
// SEDE gives those dates to the day) and otherwise by the answer's
// creation, which is then a lower bound of the acceptance time.
//
// Every flow carries three attributes (graph.FlowAttr): "thread", the
// question's id; "thread_start", the question's creation time (RFC 3339,
// UTC); and "accepted_time", empty except on accepted flows, where it is
// "vote" or "answer_created" (a lower bound).
func LoadSEDE(dir string, opt Options) (*graph.Network, *Report, error) {
	l := newLoader(opt, false)
	return l.finish(l.loadSEDE(dir))
}

// LoadSEDEFS is LoadSEDE for an export held in a file system (an
// embedded or in-memory one, for instance).
func LoadSEDEFS(fsys fs.FS, opt Options) (*graph.Network, *Report, error) {
	l := newLoader(opt, false)
	if err := l.applyDataset(""); err != nil {
		return nil, nil, err
	}
	return l.finish(l.loadSEDEFS(fsys, "."))
}

// sedeUser, sedePost and sedeComment are rows of the SEDE files (column
// names lower-cased).
type sedeUser struct {
	ID           string `csv:"id"`
	DisplayName  string `csv:"displayname"`
	CreationDate string `csv:"creationdate"`
}

type sedePost struct {
	ID               string `csv:"id"`
	AcceptedAnswerID string `csv:"acceptedanswerid"`
	PostTypeID       string `csv:"posttypeid"`
	ParentID         string `csv:"parentid"`
	CreationDate     string `csv:"creationdate"`
	OwnerUserID      string `csv:"owneruserid"`
	Tags             string `csv:"tags"`
}

type sedeVote struct {
	PostID       string `csv:"postid"`
	VoteTypeID   string `csv:"votetypeid"`
	CreationDate string `csv:"creationdate"`
}

type sedeComment struct {
	ID           string `csv:"id"`
	PostID       string `csv:"postid"`
	CreationDate string `csv:"creationdate"`
	UserID       string `csv:"userid"`
}

var (
	sedeUserColumns    = []column{{"id", true}, {"displayname", false}, {"creationdate", false}}
	sedePostColumns    = []column{{"id", true}, {"posttypeid", true}, {"parentid", true}, {"acceptedanswerid", false}, {"creationdate", true}, {"owneruserid", true}, {"tags", true}}
	sedeCommentColumns = []column{{"id", true}, {"postid", true}, {"creationdate", true}, {"userid", true}}
	sedeVoteColumns    = []column{{"postid", true}, {"votetypeid", true}, {"creationdate", true}}
)

// post is what the preset keeps of a row of Posts.csv.
type post struct {
	question bool
	parent   string
	owner    string
	accepted string // a question's accepted answer
	created  int64
	tags     []int32
}

// findFile returns the path of base.csv or base.csv.gz in dir, "" when
// neither is there.
func findFile(dir, base string) string {
	if name := findFS(os.DirFS(dir), base); name != "" {
		return filepath.Join(dir, name)
	}
	return ""
}

// findFS returns the name of base.csv or base.csv.gz in fsys, "" when
// neither is there.
func findFS(fsys fs.FS, base string) string {
	for _, name := range []string{base + ".csv", base + ".csv.gz"} {
		if _, err := fs.Stat(fsys, name); err == nil {
			return name
		}
	}
	return ""
}

func (l *loader) loadSEDE(dir string) error {
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		if err == nil {
			return &ParseError{File: dir, Err: fmt.Errorf("not a folder (a SEDE export is a folder holding Posts.csv)")}
		}
		return &ParseError{File: dir, Err: unwrapPathError(err)}
	}
	l.dir = dir
	if err := l.applyDataset(findDataset(dir)); err != nil {
		return err
	}
	return l.loadSEDEFS(os.DirFS(dir), dir)
}

// loadSEDEFS reads the export in fsys; label names it in messages.
func (l *loader) loadSEDEFS(fsys fs.FS, label string) error {
	postsPath := findFS(fsys, sedePosts)
	if postsPath == "" {
		return &ParseError{File: label, Err: newErr(ErrNoFlows, "no Posts.csv or Posts.csv.gz in the folder")}
	}
	open := func(name string) opener {
		return func() (*source, error) {
			return l.openHashed(name, l.path(name), func() (fs.File, error) { return fsys.Open(name) })
		}
	}
	l.b.SetHasTime(true)
	users := map[string]bool{}
	if p := findFS(fsys, sedeUsers); p != "" {
		l.haveMembers = true
		if err := withSource(open(p), func(src *source) error { return l.sedeUsers(src, users) }); err != nil {
			return err
		}
	}
	exists := func(id string) bool { return id != "" && (!l.haveMembers || users[id]) }

	posts := map[string]*post{}
	type pending struct {
		from, to string
		time     int64
		tags     []int32
		kind     int32
		thread   string
		accepted string // accepted_time attribute
	}
	var flows []pending
	err := withSource(open(postsPath), func(src *source) error {
		t := newTable(src, &l.opt)
		var tc timeColumn
		var answers []struct {
			id, owner, parent string
			time              int64
		}
		err := readRecords(t, sedePostColumns, func([]int) {}, func(r *sedePost, _ map[string]string) error {
			line := t.line(0)
			id := strings.TrimSpace(r.ID)
			if id == "" {
				return l.fail(t.errAt(t.index("id"), line, newErr(ErrEmptyValue, "post id is empty")))
			}
			if _, dup := posts[id]; dup {
				return l.fail(t.errAt(t.index("id"), line, fmt.Errorf("post %q: %w", id, graph.ErrDuplicateID)))
			}
			p := &post{question: r.PostTypeID == "1", parent: strings.TrimSpace(r.ParentID), owner: strings.TrimSpace(r.OwnerUserID),
				accepted: strings.TrimSpace(r.AcceptedAnswerID)}
			for tag := range splitTags(r.Tags) {
				p.tags = append(p.tags, l.b.Item(tag))
			}
			posts[id] = p
			if r.PostTypeID != "1" && r.PostTypeID != "2" {
				return nil
			}
			tm, err := tc.parse(r.CreationDate, line)
			if err != nil {
				return l.fail(t.errAt(t.index("creationdate"), 0, err))
			}
			p.created = tm
			if p.question {
				// A question introduces its tags: their first use is the
				// first question carrying them, even before any answer.
				creator := int32(graph.None)
				if exists(p.owner) {
					if creator, err = l.member(p.owner); err != nil {
						return err
					}
				}
				for _, tag := range p.tags {
					l.b.ItemCreated(tag, tm, creator)
				}
				return nil
			}
			answers = append(answers, struct {
				id, owner, parent string
				time              int64
			}{id, p.owner, p.parent, tm})
			return nil
		})
		if err != nil {
			return err
		}
		answerKind := l.b.Kind("answer")
		for _, a := range answers {
			q, ok := posts[a.parent]
			if !ok || !q.question || !exists(a.owner) || !exists(q.owner) {
				l.rep.Skipped++
				continue
			}
			flows = append(flows, pending{from: a.owner, to: q.owner, time: a.time, tags: q.tags, kind: answerKind, thread: a.parent})
		}
		return nil
	})
	if err != nil {
		return err
	}
	// Accepted answers, timed by the acceptance vote where Votes.csv has one.
	votes := map[string]int64{}
	if p := findFS(fsys, sedeVotes); p != "" {
		err := withSource(open(p), func(src *source) error {
			t := newTable(src, &l.opt)
			var tc timeColumn
			return readRecords(t, sedeVoteColumns, func([]int) {}, func(r *sedeVote, _ map[string]string) error {
				if strings.TrimSpace(r.VoteTypeID) != "1" {
					return nil
				}
				line := t.line(0)
				tm, err := tc.parse(r.CreationDate, line)
				if err != nil {
					return l.fail(t.errAt(t.index("creationdate"), 0, err))
				}
				id := strings.TrimSpace(r.PostID)
				if old, ok := votes[id]; !ok || tm < old {
					votes[id] = tm
				}
				return nil
			})
		})
		if err != nil {
			return err
		}
	}
	var questions []string
	for id, q := range posts {
		if q.question && q.accepted != "" {
			questions = append(questions, id)
		}
	}
	slices.Sort(questions) // map order must not reach the flows
	acceptedKind := int32(graph.None)
	for _, id := range questions {
		q := posts[id]
		a, ok := posts[q.accepted]
		if !ok || a.question || a.parent != id || !exists(q.owner) || !exists(a.owner) {
			l.rep.Skipped++
			continue
		}
		if acceptedKind == graph.None {
			acceptedKind = l.b.Kind("accepted")
		}
		f := pending{from: q.owner, to: a.owner, time: a.created, tags: q.tags, kind: acceptedKind, thread: id, accepted: "answer_created"}
		if v, ok := votes[q.accepted]; ok {
			f.time, f.accepted = v, "vote"
		}
		flows = append(flows, f)
	}
	if p := findFS(fsys, sedeComments); p != "" {
		commentKind := l.b.Kind("comment")
		err := withSource(open(p), func(src *source) error {
			t := newTable(src, &l.opt)
			var tc timeColumn
			return readRecords(t, sedeCommentColumns, func([]int) {}, func(r *sedeComment, _ map[string]string) error {
				line := t.line(0)
				tm, err := tc.parse(r.CreationDate, line)
				if err != nil {
					return l.fail(t.errAt(t.index("creationdate"), 0, err))
				}
				target, ok := posts[strings.TrimSpace(r.PostID)]
				user := strings.TrimSpace(r.UserID)
				if !ok || !exists(user) || !exists(target.owner) {
					l.rep.Skipped++
					return nil
				}
				tags := target.tags
				if !target.question {
					if q, ok := posts[target.parent]; ok {
						tags = q.tags
					}
				}
				thread := strings.TrimSpace(r.PostID)
				if !target.question {
					thread = target.parent
				}
				flows = append(flows, pending{from: user, to: target.owner, time: tm, tags: tags, kind: commentKind, thread: thread})
				return nil
			})
		})
		if err != nil {
			return err
		}
	}
	if len(flows) == 0 {
		// As for flows.csv, an export without a single flow is an error
		// (its canonical form would be a header alone).
		return &ParseError{File: postsPath, Err: newErr(ErrNoRows, "no answer or comment links two existing users: the export has no flows")}
	}
	attrs := []graph.FlowAttr{{Name: "thread"}, {Name: "thread_start"}, {Name: "accepted_time"}}
	for _, f := range flows {
		start := ""
		if q, ok := posts[f.thread]; ok {
			start = time.Unix(0, q.created).UTC().Format(time.RFC3339)
		}
		attrs[0].Append(f.thread)
		attrs[1].Append(start)
		attrs[2].Append(f.accepted)
		s, err := l.member(f.from)
		if err != nil {
			return err
		}
		d, err := l.member(f.to)
		if err != nil {
			return err
		}
		if err := l.b.AddFlow(graph.Flow{Time: f.time, Weight: 1, Source: s, Target: d, Community: graph.None, Kind: f.kind}, f.tags); err != nil {
			return err
		}
	}
	for _, a := range attrs {
		l.b.AddFlowAttr(a)
	}
	return nil
}

func (l *loader) sedeUsers(src *source, users map[string]bool) error {
	t := newTable(src, &l.opt)
	var tc timeColumn
	extras := []int{}
	return readRecords(t, sedeUserColumns, func(extra []int) { extras = extra; l.b.SetMemberAttrs(canonicalSafe(names(t, extra), memberColumns)) },
		func(r *sedeUser, unmatched map[string]string) error {
			line := t.line(0)
			m := graph.Member{ID: strings.TrimSpace(r.ID), Name: r.DisplayName, Attrs: attrs(t, extras, unmatched)}
			if r.CreationDate != "" {
				v, err := tc.parse(r.CreationDate, line)
				if err != nil {
					return l.fail(t.errAt(t.index("creationdate"), 0, err))
				}
				m.Joined, m.HasJoined = v, true
			}
			i, err := l.b.AddMember(m)
			if err != nil {
				return l.fail(t.errAt(t.index("id"), line, trimPkg(err)))
			}
			if l.members != nil {
				l.members.put(m.ID, i)
			}
			users[m.ID] = true
			return nil
		})
}

// canonicalSafe prefixes with "sede_" the attribute names that a canonical
// file would read as one of its own columns, so that the converted
// dataset keeps them as attributes when written and loaded again.
func canonicalSafe(attrs []string, canonical []column) []string {
	for i, a := range attrs {
		for _, c := range canonical {
			if strings.EqualFold(strings.TrimSpace(a), c.name) {
				attrs[i] = "sede_" + a
			}
		}
	}
	return attrs
}

// splitTags yields the tags of a SEDE Tags cell, "<a><b>" or "|a|b|".
// A ';' separates tags too: it separates knowledge items in the canonical
// flows.csv, so a tag holding one could not be written back as one item
// (Stack Exchange tag names never hold one).
func splitTags(s string) func(func(string) bool) {
	return func(yield func(string) bool) {
		seps := func(r rune) bool { return r == '<' || r == '>' || r == '|' || r == ';' }
		for _, tag := range strings.FieldsFunc(s, seps) {
			if tag = strings.TrimSpace(tag); tag != "" && !yield(tag) {
				return
			}
		}
	}
}

// The files of a Stack Exchange Data Explorer export, without .csv.
const (
	sedePosts    = "Posts"
	sedeComments = "Comments"
	sedeUsers    = "Users"
	sedeVotes    = "Votes"
)
