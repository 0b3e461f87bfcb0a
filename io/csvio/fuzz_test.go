package csvio_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/copnet/copnet/graph"
	"github.com/copnet/copnet/io/csvio"
)

// describe renders a network independently of index order: members and
// communities by id, flows in order with names instead of indices.
func describe(n *graph.Network) string {
	var b strings.Builder
	fmt.Fprintf(&b, "time=%v\n", n.HasTime)
	var ms []string
	for i := range n.Members {
		m := &n.Members[i]
		var cs []string
		for _, c := range m.Communities {
			cs = append(cs, n.Communities[c].ID)
		}
		ms = append(ms, fmt.Sprintf("member %q name=%q joined=%v/%d comms=%q attrs=%q", m.ID, m.Name, m.HasJoined, m.Joined, cs, m.Attrs))
	}
	slices.Sort(ms)
	b.WriteString(strings.Join(ms, "\n"))
	var cs []string
	for i := range n.Communities {
		cs = append(cs, fmt.Sprintf("community %q name=%q", n.Communities[i].ID, n.Communities[i].Name))
	}
	slices.Sort(cs)
	b.WriteString(strings.Join(cs, "\n"))
	var metas []string
	for i, m := range n.ItemMeta {
		creator := ""
		if m.Creator != graph.None {
			creator = n.Members[m.Creator].ID
		}
		if m.Label != "" || m.HasCreated {
			metas = append(metas, fmt.Sprintf("item %q label=%q created=%v/%d by %q", n.Items[i], m.Label, m.HasCreated, m.Created, creator))
		}
	}
	slices.Sort(metas)
	b.WriteString(strings.Join(metas, "\n"))
	for i := range n.Flows {
		f := &n.Flows[i]
		var items []string
		for _, k := range n.Knowledge(f) {
			items = append(items, n.Items[k])
		}
		comm, kind := "", ""
		if f.Community != graph.None {
			comm = n.Communities[f.Community].ID
		}
		if f.Kind != graph.None {
			kind = n.Kinds[f.Kind]
		}
		fmt.Fprintf(&b, "\nflow %q→%q t=%d w=%v c=%q k=%q items=%q", n.Members[f.Source].ID, n.Members[f.Target].ID, f.Time, f.Weight, comm, kind, items)
		for _, a := range n.FlowAttrs {
			fmt.Fprintf(&b, " %s=%q", a.Name, a.Dict[a.Values[i]])
		}
	}
	return b.String()
}

// roundTrip writes a network in canonical form and loads it again.
func roundTrip(t *testing.T, n *graph.Network) *graph.Network {
	t.Helper()
	var flows, members, comms, know bytes.Buffer
	for _, w := range []error{csvio.WriteFlows(&flows, n), csvio.WriteMembers(&members, n), csvio.WriteCommunities(&comms, n), csvio.WriteKnowledge(&know, n)} {
		if w != nil {
			t.Fatalf("write: %v", w)
		}
	}
	var mIn, cIn *csvio.Input
	if strings.Count(members.String(), "\n") > 1 {
		mIn = &csvio.Input{Name: "members.csv", R: &members}
	}
	if strings.Count(comms.String(), "\n") > 1 {
		cIn = &csvio.Input{Name: "communities.csv", R: &comms}
	}
	var kIn *csvio.Input
	if csvio.HasItemMeta(n) {
		kIn = &csvio.Input{Name: "knowledge.csv", R: &know}
	}
	back, _, err := csvio.LoadReaders(csvio.Readers{Flows: csvio.Input{Name: "flows.csv", R: &flows}, Members: mIn, Communities: cIn, Knowledge: kIn}, csvio.Options{})
	if err != nil {
		t.Fatalf("reload of written dataset: %v\nflows:\n%s", err, flows.String())
	}
	return back
}

func checkRoundTrip(t *testing.T, n *graph.Network) {
	t.Helper()
	back := roundTrip(t, n)
	if got, want := describe(back), describe(n); got != want {
		t.Fatalf("round trip differs:\ngot\n%s\nwant\n%s", got, want)
	}
}

func FuzzLoadFlows(f *testing.F) {
	f.Add("source,target\na,b\n")
	f.Add("source,target,time,community,knowledge,kind,weight,extra\na,b,2021-01-01T00:00:00Z,c,x;y,ask,0.5,e\nb,a,2021-01-01T00:00:00Z,,x,answer,2,\n")
	f.Add("target,source,time\n1,2,1614834367\n2,\" 3\",-5\n")
	f.Add("\uFEFFsource,target,time\r\na,b,2021-01-01 10:00:00.5\r\n")
	f.Add("source,target,weight\na,b,1e-300\n\"q\"\"\",\"x\ny\",7\n")
	f.Fuzz(func(t *testing.T, flows string) {
		n, _, err := csvio.LoadReaders(csvio.Readers{Flows: csvio.Input{Name: "flows.csv", R: strings.NewReader(flows)}}, csvio.Options{})
		if err != nil {
			return
		}
		checkRoundTrip(t, n)
	})
}

func FuzzLoadMembers(f *testing.F) {
	f.Add("id,name,joined,community,team\na,Ann,2020-01-01,c1;c2,x\nb,\"B, b\",,c2,y\n", "id,name\nc1,One\n")
	f.Add("id\na\n", "id,name,extra\nc,C,1\n")
	f.Add("name,id,joined\n,a,1600000000\n", "")
	f.Fuzz(func(t *testing.T, members, comms string) {
		var cIn *csvio.Input
		if comms != "" {
			cIn = &csvio.Input{Name: "communities.csv", R: strings.NewReader(comms)}
		}
		n, _, err := csvio.LoadReaders(csvio.Readers{Flows: csvio.Input{Name: "flows.csv", R: strings.NewReader("source,target\nzz,yy\n")},
			Members: &csvio.Input{Name: "members.csv", R: strings.NewReader(members)}, Communities: cIn}, csvio.Options{})
		if err != nil {
			return
		}
		checkRoundTrip(t, n)
	})
}

func FuzzParseTime(f *testing.F) {
	for _, s := range []string{"2021-03-04T05:06:07Z", "2021-03-04T05:06:07.123456789+05:30", "2021-03-04 05:06:07.5", "2021-03-04", "1614834367", "-1", "99999999999999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		format, err := csvio.DetectTimeFormat(s)
		if err != nil {
			return
		}
		ns, err := csvio.ParseTime(s, format)
		if err != nil {
			return
		}
		// Whatever was read is written back in RFC 3339 and read again
		// to the same instant.
		out := csvio.FormatTime(ns)
		again, err := csvio.ParseTime(out, csvio.TimeRFC3339)
		if err != nil || again != ns {
			t.Fatalf("%q → %d → %q → %d, %v", s, ns, out, again, err)
		}
	})
}

func FuzzLoadSEDE(f *testing.F) {
	f.Add("Id,PostTypeId,ParentId,CreationDate,OwnerUserId,Tags\n1,1,,2011-10-11 19:42:20,12,<a><b>\n2,2,1,2011-10-11 19:44:27,13,\n",
		"Id,PostId,CreationDate,UserId\n1,2,2011-10-11 19:50:34,12\n", "Id,DisplayName,CreationDate\n12,Ann,2011-10-11 18:00:00\n13,Bo,2011-10-11 18:00:00\n")
	f.Fuzz(func(t *testing.T, posts, comments, users string) {
		// In memory: temporary files would slow the fuzzer a hundredfold.
		fsys := fstest.MapFS{}
		for name, content := range map[string]string{"Posts.csv": posts, "Comments.csv": comments, "Users.csv": users} {
			if content != "" {
				fsys[name] = &fstest.MapFile{Data: []byte(content)}
			}
		}
		n, _, err := csvio.LoadSEDEFS(fsys, csvio.Options{})
		if err != nil {
			return
		}
		checkRoundTrip(t, n)
	})
}

// FuzzParseDataset: any text gets a description or errors that locate
// themselves in the file and wrap ErrDataset, never a panic; a
// description read is the same when written back and read again.
func FuzzParseDataset(f *testing.F) {
	for _, s := range []string{`{"directed": false}`, `{"directed": true, "x": 1, "directed": "no"}`, `{"directed": null}`, "{\n}", `[]`, `{} {}`, `{"directed": `, `{"\u00e9": [1, {"a": 2}]}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		d, err := csvio.ParseDataset("dataset.json", []byte(text))
		if err != nil {
			faults := []error{err}
			if j, ok := err.(interface{ Unwrap() []error }); ok {
				faults = j.Unwrap()
			}
			for _, e := range faults {
				var pe *csvio.ParseError
				if !errors.As(e, &pe) || !errors.Is(e, csvio.ErrDataset) || pe.File != "dataset.json" {
					t.Fatalf("%q: fault %v (%T) is not a ParseError of dataset.json wrapping ErrDataset", text, e, e)
				}
			}
			return
		}
		back, err := json.Marshal(d)
		if err != nil {
			t.Fatal(err)
		}
		again, err := csvio.ParseDataset("dataset.json", back)
		if err != nil || (again.Directed == nil) != (d.Directed == nil) || d.Directed != nil && *again.Directed != *d.Directed {
			t.Fatalf("%q read as %s, read back as %+v, %v", text, back, again, err)
		}
	})
}
