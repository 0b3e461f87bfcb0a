package csvio_test

import (
	"encoding/csv"
	"os"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/copnet/copnet/graph"
	"github.com/copnet/copnet/io/csvio"
)

// attr returns flow i's value of the named attribute.
func attr(net *graph.Network, name string, i int) string {
	for _, a := range net.FlowAttrs {
		if a.Name == name {
			return a.Dict[a.Values[i]]
		}
	}
	return "<none>"
}

// TestSEDEAccepted checks every accepted-answer flow of the History meta
// export against testdata/sede-history-meta/accepted.csv (pandas,
// expected.py): asker → answerer, the question as thread, and a lag from
// the question's creation equal to the difference of the CreationDates,
// marked as a lower bound since the export has no Votes.csv.
func TestSEDEAccepted(t *testing.T) {
	net, _, err := csvio.LoadSEDE("../../testdata/sede-history-meta", csvio.Options{})
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open("../../testdata/sede-history-meta/accepted.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{}
	for _, r := range recs[1:] {
		want[r[0]] = r
	}
	seen := 0
	for i := range net.Flows {
		fl := &net.Flows[i]
		if net.Kinds[fl.Kind] != "accepted" {
			if v := attr(net, "accepted_time", i); v != "" {
				t.Errorf("flow %d (%s): accepted_time %q", i, net.Kinds[fl.Kind], v)
			}
			continue
		}
		seen++
		q := attr(net, "thread", i)
		w, ok := want[q]
		if !ok {
			t.Errorf("accepted flow on question %s: not in accepted.csv", q)
			continue
		}
		start, err := time.Parse(time.RFC3339, attr(net, "thread_start", i))
		if err != nil {
			t.Fatal(err)
		}
		lag := (fl.Time - start.UnixNano()) / int64(time.Second)
		if net.Members[fl.Source].ID != w[2] || net.Members[fl.Target].ID != w[3] || strconv.FormatInt(lag, 10) != w[4] {
			t.Errorf("question %s: %s→%s lag %d s, want %s→%s %s s", q, net.Members[fl.Source].ID, net.Members[fl.Target].ID, lag, w[2], w[3], w[4])
		}
		if v := attr(net, "accepted_time", i); v != "answer_created" {
			t.Errorf("question %s: accepted_time %q, want answer_created", q, v)
		}
	}
	if seen != len(want) {
		t.Errorf("got %d accepted flows, want %d", seen, len(want))
	}
}

// TestSEDEAcceptedVote: with Votes.csv, the acceptance vote (VoteTypeId
// 1, the earliest on the answer) times the flow; without a vote, the
// answer's creation does, marked as a lower bound. A dangling
// AcceptedAnswerId is skipped.
func TestSEDEAcceptedVote(t *testing.T) {
	fsys := fstest.MapFS{
		"Posts.csv": {Data: []byte(strings.Join([]string{
			"Id,PostTypeId,ParentId,AcceptedAnswerId,CreationDate,OwnerUserId,Tags",
			"1,1,,2,2020-01-01 10:00:00,7,<a>",
			"2,2,1,,2020-01-01 12:00:00,8,",
			"3,1,,4,2020-01-02 10:00:00,8,<b>",
			"4,2,3,,2020-01-02 11:00:00,7,",
			"5,1,,99,2020-01-03 10:00:00,7,<a>",
		}, "\n") + "\n")},
		"Votes.csv": {Data: []byte("Id,PostId,VoteTypeId,CreationDate\n1,2,2,2020-01-01\n2,2,1,2020-01-05\n3,2,1,2020-01-03\n")},
	}
	net, rep, err := csvio.LoadSEDEFS(fsys, csvio.Options{})
	if err != nil {
		t.Fatal(err)
	}
	type row struct{ kind, from, to, time, thread, start, accepted string }
	var got []row
	for i := range net.Flows {
		fl := &net.Flows[i]
		got = append(got, row{net.Kinds[fl.Kind], net.Members[fl.Source].ID, net.Members[fl.Target].ID,
			time.Unix(0, fl.Time).UTC().Format(time.RFC3339), attr(net, "thread", i), attr(net, "thread_start", i), attr(net, "accepted_time", i)})
	}
	want := []row{
		{"answer", "8", "7", "2020-01-01T12:00:00Z", "1", "2020-01-01T10:00:00Z", ""},
		{"answer", "7", "8", "2020-01-02T11:00:00Z", "3", "2020-01-02T10:00:00Z", ""},
		{"accepted", "8", "7", "2020-01-02T11:00:00Z", "3", "2020-01-02T10:00:00Z", "answer_created"},
		{"accepted", "7", "8", "2020-01-03T00:00:00Z", "1", "2020-01-01T10:00:00Z", "vote"},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d flows %v, want %d", len(got), got, len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("flow %d: got %+v, want %+v", i, got[i], want[i])
		}
	}
	if rep.Skipped != 1 {
		t.Errorf("skipped %d, want 1 (the dangling accepted answer)", rep.Skipped)
	}
	bad := fstest.MapFS{"Posts.csv": fsys["Posts.csv"], "Votes.csv": {Data: []byte("Id,PostId,VoteTypeId,CreationDate\n1,2,1,yesterday\n")}}
	if _, _, err := csvio.LoadSEDEFS(bad, csvio.Options{}); err == nil || !strings.Contains(err.Error(), "Votes.csv:2:") {
		t.Errorf("bad vote date: got %v, want an error naming Votes.csv:2", err)
	}
}
