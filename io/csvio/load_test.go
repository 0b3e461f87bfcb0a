package csvio_test

import (
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/copnet/copnet/graph"
	"github.com/copnet/copnet/io/csvio"
)

// writeDataset writes files (name → content) into a temporary folder.
func writeDataset(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestLoadFixtures(t *testing.T) {
	cases := []struct {
		dir                         string
		members, communities, flows int
		windows                     int // with the default spec
		hasTime                     bool
	}{
		{"../../testdata/karate", 34, 2, 78, 1, false},
		// 803 days: quarters are the coarsest unit giving at least 8.
		{"../../testdata/email-eu-core", 986, 42, 332334, 9, true},
	}
	for _, c := range cases {
		t.Run(filepath.Base(c.dir), func(t *testing.T) {
			net, rep, err := csvio.Load(c.dir, csvio.Options{Strict: true})
			if err != nil {
				t.Fatal(err)
			}
			if len(net.Members) != c.members || len(net.Communities) != c.communities || len(net.Flows) != c.flows {
				t.Errorf("got %d members, %d communities, %d flows; want %d, %d, %d",
					len(net.Members), len(net.Communities), len(net.Flows), c.members, c.communities, c.flows)
			}
			ws, err := net.Windows(graph.WindowSpec{})
			if err != nil {
				t.Fatal(err)
			}
			if len(ws) != c.windows || net.HasTime != c.hasTime {
				t.Errorf("got %d windows (time %v), want %d (time %v)", len(ws), net.HasTime, c.windows, c.hasTime)
			}
			if len(rep.Warnings) != 0 {
				t.Errorf("unexpected warnings: %v", rep.Warnings)
			}
		})
	}
}

// TestSEDEPreset checks the preset against counts computed independently
// with pandas (testdata/sede-history-meta/expected.txt, made by
// testdata/sede-history-meta/expected.py).
func TestSEDEPreset(t *testing.T) {
	net, rep, err := csvio.LoadSEDE("../../testdata/sede-history-meta", csvio.Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := readExpected(t, "../../testdata/sede-history-meta/expected.txt")
	answers, comments, accepted := 0, 0, 0
	for i := range net.Flows {
		switch net.Kinds[net.Flows[i].Kind] {
		case "answer":
			answers++
		case "comment":
			comments++
		case "accepted":
			accepted++
		}
	}
	got := map[string]int{"answer_flows": answers, "comment_flows": comments, "accepted_flows": accepted, "flows": len(net.Flows),
		"members": len(net.Members), "tags": len(net.Items), "skipped": rep.Skipped}
	for k, v := range want {
		if k == "accepted_answers" {
			// The export's 181 accepted answers: the accepted flows and
			// the skipped ones, both checked through the counts above.
			continue
		}
		if got[k] != v {
			t.Errorf("%s: got %d, want %d", k, got[k], v)
		}
	}
	// The first answer (post 2, by user 12 to their own question 1) carries
	// the question's tags.
	f := net.Flows[0]
	var tags []string
	for _, k := range net.Knowledge(&f) {
		tags = append(tags, net.Items[k])
	}
	if net.Members[f.Source].ID != "12" || net.Members[f.Target].ID != "12" || strings.Join(tags, ";") != "discussion;answers" {
		t.Errorf("first flow: %s→%s %v, want 12→12 [discussion answers]", net.Members[f.Source].ID, net.Members[f.Target].ID, tags)
	}
	if _, _, err := csvio.LoadPreset("nope", "../../testdata/sede-history-meta", csvio.Options{}); !errors.Is(err, csvio.ErrUnknownPreset) {
		t.Errorf("unknown preset: got %v", err)
	}
}

func readExpected(t *testing.T, path string) map[string]int {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comma = '\t'
	r.Comment = '#'
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int{}
	for _, rec := range recs {
		var v int
		for _, ch := range rec[1] {
			v = v*10 + int(ch-'0')
		}
		out[rec[0]] = v
	}
	return out
}

func TestSharedDatasets(t *testing.T) {
	cases := []struct {
		name           string
		members, flows int
	}{
		{"email-eu-core", 986, 332334},
		{"karate", 34, 78},
		{"sociopatterns-primaryschool", 242, 125773},
		{"konect-opsahl-ucsocial", 1899, 59835},
		{"konect-munmun_digg_reply", 30398, 87627},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			net, _, err := csvio.Load(sharedData(t, c.name), csvio.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if len(net.Members) != c.members || len(net.Flows) != c.flows {
				t.Errorf("got %d members, %d flows; want %d, %d", len(net.Members), len(net.Flows), c.members, c.flows)
			}
		})
	}
}

func gz(s string) string {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write([]byte(s))
	w.Close()
	return b.String()
}

// TestBadInput loads malformed datasets and checks the exact message,
// which names the file, the line and the column.
func TestBadInput(t *testing.T) {
	longLine := "source,target\n" + strings.Repeat("a", 2<<20) + ",b\n"
	truncated := gz("source,target\n" + strings.Repeat("a,b\n", 1000))
	truncated = truncated[:len(truncated)-20]
	cases := []struct {
		name   string
		files  map[string]string
		strict bool
		want   string
		cause  error
	}{
		{"empty file", map[string]string{"flows.csv": ""}, false,
			"flows.csv: file is empty", csvio.ErrEmptyFile},
		{"header only", map[string]string{"flows.csv": "source,target\n"}, false,
			"flows.csv: no data rows after the header", csvio.ErrNoRows},
		{"missing required column", map[string]string{"flows.csv": "source,time\na,2021-01-01\n"}, false,
			`flows.csv:1: missing required column "target" (the header is source,time)`, csvio.ErrMissingColumn},
		{"semicolons read as one column", map[string]string{"flows.csv": "source;target;time\na;b;2021-01-01\n"}, false,
			`flows.csv:1: missing required column "source" (the header is one column, "source;target;time"); the file looks delimited by ';': read it with -delim ';' (Options.Comma in Go)`, csvio.ErrMissingColumn},
		{"duplicate column", map[string]string{"flows.csv": "source,target,Source\na,b,c\n"}, false,
			`flows.csv:1:3: duplicate column "Source" (column 1 has the same name)`, csvio.ErrDuplicateColumn},
		{"wrong field count", map[string]string{"flows.csv": "source,target,time\na,b,2021-01-01\na,b\n"}, false,
			"flows.csv:3: 2 fields, but the header has 3", csv.ErrFieldCount},
		{"bare quote", map[string]string{"flows.csv": "source,target\na,b\"c\n"}, false,
			`flows.csv:2:4: bare " in non-quoted-field`, csv.ErrBareQuote},
		{"unterminated quote", map[string]string{"flows.csv": "source,target\na,\"b\n"}, false,
			`flows.csv:2:6: extraneous or missing " in quoted-field`, csv.ErrQuote},
		{"quote left open over lines", map[string]string{"flows.csv": "source,target\na,\"b\nc,d\ne,f\n"}, false,
			`flows.csv:4:5: extraneous or missing " in quoted-field (the record starts on line 2: a quote opened there may not be closed)`, csv.ErrQuote},
		{"NUL byte", map[string]string{"flows.csv": "source,target\na,b\x00\n"}, false,
			"flows.csv:2:4: NUL byte", csvio.ErrNUL},
		{"invalid UTF-8", map[string]string{"flows.csv": "source,target\nab,\xff\n"}, false,
			"flows.csv:2:4: invalid UTF-8", csvio.ErrUTF8},
		{"month out of range", map[string]string{"flows.csv": "source,target,time\na,b,2021-01-01\na,b,2021-13-01\n"}, false,
			`flows.csv:3:3: time "2021-13-01": month out of range`, csvio.ErrTime},
		{"two time formats", map[string]string{"flows.csv": "source,target,time\na,b,2021-01-01T10:00:00Z\na,b,2021-01-02\n"}, false,
			`flows.csv:3:3: time "2021-01-02" is in the form 2006-01-02, but line 2 set the file's times to 2006-01-02T15:04:05Z`, csvio.ErrTimeFormat},
		{"time out of range", map[string]string{"flows.csv": "source,target,time\na,b,99999999999\n"}, false,
			`flows.csv:2:3: time "99999999999": out of range (from 1678-01-01 to 2261-12-31)`, csvio.ErrTime},
		{"unknown time format", map[string]string{"flows.csv": "source,target,time\na,b,yesterday\n"}, false,
			`flows.csv:2:3: time "yesterday": not RFC 3339, 2006-01-02 15:04:05, 2006-01-02 or Unix seconds`, csvio.ErrTime},
		{"RFC 3339 without zone", map[string]string{"flows.csv": "time,source,target\n2021-01-01T10:00:00,a,b\n"}, false,
			`flows.csv:2:1: time "2021-01-01T10:00:00": not in the form 2006-01-02T15:04:05Z`, csvio.ErrTime},
		{"empty time", map[string]string{"flows.csv": "source,target,time\na,b,2021-01-01\na,b,\n"}, false,
			"flows.csv:3:3: time is empty", csvio.ErrTime},
		{"negative weight", map[string]string{"flows.csv": "source,target,weight\na,b,-1\n"}, false,
			`flows.csv:2:3: weight "-1": must be a positive finite number`, csvio.ErrWeight},
		{"NaN weight", map[string]string{"flows.csv": "source,target,weight\na,b,NaN\n"}, false,
			`flows.csv:2:3: weight "NaN": must be a positive finite number`, csvio.ErrWeight},
		{"Inf weight", map[string]string{"flows.csv": "source,target,weight\na,b,+Inf\n"}, false,
			`flows.csv:2:3: weight "+Inf": must be a positive finite number`, csvio.ErrWeight},
		{"zero weight", map[string]string{"flows.csv": "source,target,weight\na,b,0\n"}, false,
			`flows.csv:2:3: weight "0": must be a positive finite number`, csvio.ErrWeight},
		{"text weight", map[string]string{"flows.csv": "source,target,weight\na,b,heavy\n"}, false,
			`flows.csv:2:3: weight "heavy": not a number`, csvio.ErrWeight},
		{"empty source", map[string]string{"flows.csv": "source,target\n  ,b\n"}, false,
			"flows.csv:2:1: source is empty", csvio.ErrEmptyValue},
		{"unknown member under strict", map[string]string{"members.csv": "id\na\n", "flows.csv": "source,target\na,zz\n"}, true,
			`flows.csv:2:2: target "zz" is not in members.csv (strict mode)`, graph.ErrUnknownMember},
		{"unknown community under strict", map[string]string{"communities.csv": "id\nc1\n", "flows.csv": "source,target,community\na,b,c2\n"}, true,
			`flows.csv:2:3: community "c2": unknown community`, graph.ErrUnknownCommunity},
		{"duplicate member", map[string]string{"members.csv": "id,name\na,Ann\na,Bob\n", "flows.csv": "source,target\na,a\n"}, false,
			`members.csv:3:1: member "a" (names "Ann" and "Bob"): duplicate id`, graph.ErrDuplicateID},
		{"duplicate community", map[string]string{"communities.csv": "id,name\nc,One\nc,Two\n", "flows.csv": "source,target\na,b\n"}, false,
			`communities.csv:3:1: community "c": duplicate id`, graph.ErrDuplicateID},
		{"member without id", map[string]string{"members.csv": "name,id\nAnn,\n", "flows.csv": "source,target\na,b\n"}, false,
			`members.csv:2:2: member: empty id`, graph.ErrEmptyID},
		{"bad join date", map[string]string{"members.csv": "id,joined\na,2021-02-30\n", "flows.csv": "source,target\na,b\n"}, false,
			`members.csv:2:2: time "2021-02-30": day out of range`, csvio.ErrTime},
		{"line too long", map[string]string{"flows.csv": longLine}, false,
			"flows.csv:2: line longer than the limit of 1048576 bytes", csvio.ErrLineTooLong},
		{"field too long", map[string]string{"flows.csv": "source,target\n" + strings.Repeat("x", 70000) + ",b\n"}, false,
			"flows.csv:2:1: field of 70000 bytes, more than the limit of 65536", csvio.ErrFieldTooLong},
		{"truncated gzip", map[string]string{"flows.csv.gz": truncated}, false,
			"flows.csv.gz: truncated or corrupt file: unexpected EOF after record 0", nil},
		{"no flows file", map[string]string{"members.csv": "id\na\n"}, false,
			"", csvio.ErrNoFlows},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := writeDataset(t, c.files)
			net, _, err := csvio.Load(dir, csvio.Options{Strict: c.strict})
			if err == nil {
				t.Fatalf("loaded %d flows, want error %q", len(net.Flows), c.want)
			}
			if c.want != "" && err.Error() != c.want {
				t.Errorf("got  %q\nwant %q", err.Error(), c.want)
			}
			if c.cause != nil && !errors.Is(err, c.cause) {
				t.Errorf("error %q does not wrap %v", err, c.cause)
			}
			var pe *csvio.ParseError
			if !errors.As(err, &pe) {
				t.Errorf("error %T is not a *csvio.ParseError", err)
			}
		})
	}
}

func TestTimeFormats(t *testing.T) {
	cases := []struct {
		in   string
		want string // RFC 3339 in UTC
	}{
		{"2021-03-04T05:06:07Z", "2021-03-04T05:06:07Z"},
		{"2021-03-04T05:06:07.25+02:00", "2021-03-04T03:06:07.25Z"},
		{"2021-03-04 05:06:07", "2021-03-04T05:06:07Z"},
		{"2021-03-04 05:06:07.123", "2021-03-04T05:06:07.123Z"},
		{"2021-03-04", "2021-03-04T00:00:00Z"},
		{"0", "1970-01-01T00:00:00Z"},
		{"1614834367", "2021-03-04T05:06:07Z"},
		{"-86400", "1969-12-31T00:00:00Z"},
	}
	for _, c := range cases {
		f, err := csvio.DetectTimeFormat(c.in)
		if err != nil {
			t.Errorf("%q: %v", c.in, err)
			continue
		}
		ns, err := csvio.ParseTime(c.in, f)
		if err != nil {
			t.Errorf("%q: %v", c.in, err)
			continue
		}
		if got := csvio.FormatTime(ns); got != c.want {
			t.Errorf("%q: got %s, want %s", c.in, got, c.want)
		}
	}
}

func TestCSVVariants(t *testing.T) {
	// BOM, CRLF, semicolons, case and spaces in the header, quoted fields
	// spanning lines, extra columns, gzip.
	flows := "\uFEFF Source ;TARGET;time;knowledge;channel\r\n" +
		"a;b;2021-01-01;x; y ;mail\r\n" +
		"\"b\";\"c\";2021-01-02;\"z\";\"chat\r\nroom\"\r\n"
	flows = strings.Replace(flows, "x; y ;mail", "\"x; y \";mail", 1)
	dir := writeDataset(t, map[string]string{"flows.csv.gz": gz(flows), "members.csv": "id;name;team\na;Ann;blue\nb;\"Bo; B\";red\n"})
	net, rep, err := csvio.Load(dir, csvio.Options{Comma: ';'})
	if err != nil {
		t.Fatal(err)
	}
	if len(net.Flows) != 2 || len(net.Members) != 3 || rep.AddedMembers != 1 {
		t.Fatalf("got %d flows, %d members (%d added), want 2, 3 (1 added)", len(net.Flows), len(net.Members), rep.AddedMembers)
	}
	if got := net.Knowledge(&net.Flows[0]); len(got) != 2 || net.Items[got[0]] != "x" || net.Items[got[1]] != "y" {
		t.Errorf("knowledge: got %v, want [x y]", got)
	}
	if a := net.FlowAttrs; len(a) != 1 || a[0].Name != "channel" || a[0].Dict[a[0].Values[1]] != "chat\nroom" {
		t.Errorf("flow attributes: got %+v, want channel with \"chat\\nroom\"", a)
	}
	if net.MemberAttrs[0] != "team" || net.Members[1].Attrs[0] != "red" || net.Members[1].Name != "Bo; B" {
		t.Errorf("member attributes: got %v %+v", net.MemberAttrs, net.Members[1])
	}
	if len(rep.Warnings) != 1 || !strings.Contains(rep.Warnings[0].String(), "1 member named in flows (or as a knowledge.csv creator) is not in members.csv") {
		t.Errorf("warnings: got %v", rep.Warnings)
	}
}

func TestCommunityMembership(t *testing.T) {
	dir := writeDataset(t, map[string]string{
		"communities.csv": "id,name\nc1,One\n",
		"members.csv":     "id,community\na,c1;c2\nb,c1\n",
		"flows.csv":       "source,target\na,b\n",
	})
	net, rep, err := csvio.Load(dir, csvio.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(net.Communities) != 2 || rep.AddedCommunities != 1 || len(net.Members[0].Communities) != 2 {
		t.Errorf("got %d communities (%d added), member a in %v; want 2 (1 added), a in [0 1]", len(net.Communities), rep.AddedCommunities, net.Members[0].Communities)
	}
	if _, _, err := csvio.Load(dir, csvio.Options{Strict: true}); err == nil || err.Error() != `members.csv:2:2: community "c2": unknown community` {
		t.Errorf("strict: got %v", err)
	}
}

func TestValidateCollectsEveryProblem(t *testing.T) {
	dir := writeDataset(t, map[string]string{
		"members.csv": "id\na\nb\n",
		"flows.csv":   "source,target,weight,time\na,b,1,2021-01-01\na,b,-2,2021-01-01\nc,b,1,2021-01-01\na,b\na,b,1,2021-01-32\n",
	})
	f, err := csvio.DatasetFiles(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range csvio.Validate(f, csvio.Options{Strict: true}) {
		got = append(got, p.String())
	}
	want := []string{
		`error: flows.csv:3:3: weight "-2": must be a positive finite number`,
		`error: flows.csv:4:1: source "c" is not in members.csv (strict mode)`,
		`error: flows.csv:5: 2 fields, but the header has 4`,
		`error: flows.csv:6:4: time "2021-01-32": day out of range`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if !csvio.HasErrors(csvio.Validate(f, csvio.Options{Strict: true})) {
		t.Error("HasErrors: got false")
	}
	got = got[:0]
	for _, p := range csvio.Validate(f, csvio.Options{}) {
		got = append(got, p.String())
	}
	if len(got) != 4 || got[3] != `warning: 1 member named in flows (or as a knowledge.csv creator) is not in members.csv; it was added: "c"` {
		t.Errorf("lenient: got %q", got)
	}
}

// TestValidateGoesOnAfterABadFile: a file that cannot be read to its end
// (a quote left open) is one problem; the files after it are checked too,
// while Load stops at it.
func TestValidateGoesOnAfterABadFile(t *testing.T) {
	dir := writeDataset(t, map[string]string{
		"members.csv": "id,name\n1,\"Ann\n2,Bob\n",
		"flows.csv":   "source,target,time\n1,2,2021-01-02\n2,1,2021-13-02\n",
	})
	f, err := csvio.DatasetFiles(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range csvio.Validate(f, csvio.Options{}) {
		got = append(got, p.String())
	}
	// Without members.csv read to its end, its members are not taken as
	// missing: no warning of additions, and -strict checks nothing.
	want := []string{
		`error: members.csv:3:7: extraneous or missing " in quoted-field (the record starts on line 2: a quote opened there may not be closed)`,
		`error: flows.csv:3:3: time "2021-13-02": month out of range`,
	}
	for _, strict := range []bool{false, true} {
		got = got[:0]
		for _, p := range csvio.Validate(f, csvio.Options{Strict: strict}) {
			got = append(got, p.String())
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("strict %v: got\n%s\nwant\n%s", strict, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
	if _, _, err := csvio.Load(dir, csvio.Options{}); err == nil || !strings.HasPrefix(err.Error(), "members.csv:3:7:") {
		t.Errorf("Load: %v, want the members.csv error", err)
	}
}

func TestDirectoryAsFile(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "flows.csv"), 0o755); err != nil {
		t.Fatal(err)
	}
	_, _, err := csvio.Load(dir, csvio.Options{})
	if err == nil || err.Error() != "flows.csv: is a directory, not a file" {
		t.Errorf("got %v", err)
	}
}

func writeFile(dir, name, content string) error {
	return os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644)
}

func TestKnowledgeFile(t *testing.T) {
	dir := writeDataset(t, map[string]string{
		"members.csv":   "id\nann\nbob\n",
		"knowledge.csv": "id,name,created,creator\ngo,The Go language,2020-01-01,ann\nrust,,,\n",
		"flows.csv":     "source,target,time,knowledge\nbob,ann,2021-01-01T00:00:00Z,rust;go;c\n",
	})
	net, _, err := csvio.Load(dir, csvio.Options{Strict: true})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(net.Items, ",") != "go,rust,c" {
		t.Errorf("items %v, want declared ones first: go,rust,c", net.Items)
	}
	m := net.ItemMeta[0]
	if m.Label != "The Go language" || !m.HasCreated || csvio.FormatTime(m.Created) != "2020-01-01T00:00:00Z" || net.Members[m.Creator].ID != "ann" {
		t.Errorf("go: %+v", m)
	}
	if net.ItemMeta[1].HasCreated || net.ItemMeta[2].Creator != graph.None {
		t.Errorf("rust, c: %+v %+v", net.ItemMeta[1], net.ItemMeta[2])
	}
	bad := writeDataset(t, map[string]string{
		"members.csv":   "id\nann\n",
		"knowledge.csv": "id,created,creator\ngo,2020-01-01,zed\n",
		"flows.csv":     "source,target\nann,ann\n",
	})
	if _, _, err := csvio.Load(bad, csvio.Options{Strict: true}); err == nil || err.Error() != `knowledge.csv:2:3: creator "zed" is not in members.csv (strict mode)` {
		t.Errorf("unknown creator: got %v", err)
	}
	dup := writeDataset(t, map[string]string{"knowledge.csv": "id\ngo\ngo\n", "flows.csv": "source,target\na,b\n"})
	if _, _, err := csvio.Load(dup, csvio.Options{}); err == nil || err.Error() != `knowledge.csv:3:1: item "go": duplicate id` {
		t.Errorf("duplicate item: got %v", err)
	}
}

// TestAddedNamed: the warning about members added from flows names the
// first three, in the order the flows name them, and counts the others.
func TestAddedNamed(t *testing.T) {
	dir := writeDataset(t, map[string]string{
		"members.csv": "id\na\n",
		"flows.csv":   "source,target\na,x1\nx2,a\nx1,x3\na,\"x\n4\"\nx5,a\n",
	})
	want := `warning: 5 members named in flows (or as knowledge.csv creators) are not in members.csv; they were added: "x1", "x2", "x3" and 2 more`
	// The parallel reader in blocks of 16 bytes, and the serial one: the
	// order is the file's either way.
	for _, fast := range []bool{true, false} {
		restore := csvio.SetFastFlows(fast, 16)
		_, rep, err := csvio.Load(dir, csvio.Options{})
		restore()
		if err != nil || len(rep.Warnings) != 1 || rep.Warnings[0].String() != want {
			t.Errorf("fast reader %v: warnings %v (%v), want %q", fast, rep.Warnings, err, want)
		}
	}
}
