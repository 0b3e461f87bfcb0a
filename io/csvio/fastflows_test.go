package csvio_test

import (
	"crypto/sha256"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/copnet/copnet/graph"
	"github.com/copnet/copnet/io/csvio"
)

// fingerprint hashes what describe leaves out: the order of members,
// communities, items and kinds (their indices), the flows as stored, and
// the flow attributes' dictionaries.
func fingerprint(n *graph.Network) string {
	h := sha256.New()
	for i := range n.Members {
		fmt.Fprintf(h, "%q %v\n", n.Members[i].ID, n.Members[i])
	}
	for i := range n.Communities {
		fmt.Fprintf(h, "%v\n", n.Communities[i])
	}
	fmt.Fprintf(h, "%q %v %q %v %v %d %d\n", n.Items, n.ItemMeta, n.Kinds, n.FlowAttrs, n.Undirected, n.SelfFlows(), n.AddedMembers())
	for i := range n.Flows {
		f := &n.Flows[i]
		fmt.Fprintf(h, "%v %v\n", *f, n.Knowledge(f))
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}

// loadBoth loads the same files with the fast path of flows.csv (in
// blocks of block bytes) and without it, and fails when the networks,
// the reports or the errors differ.
func loadBoth(t *testing.T, flows, members string, block int, opt csvio.Options) {
	t.Helper()
	load := func(fast bool) string {
		restore := csvio.SetFastFlows(fast, block)
		defer restore()
		in := csvio.Readers{Flows: csvio.Input{Name: "flows.csv", R: strings.NewReader(flows)}}
		if members != "" {
			in.Members = &csvio.Input{Name: "members.csv", R: strings.NewReader(members)}
		}
		n, rep, err := csvio.LoadReaders(in, opt)
		if err != nil {
			return "error: " + err.Error()
		}
		in = csvio.Readers{Flows: csvio.Input{Name: "flows.csv", R: strings.NewReader(flows)}}
		if members != "" {
			in.Members = &csvio.Input{Name: "members.csv", R: strings.NewReader(members)}
		}
		problems := csvio.ValidateReaders(in, opt)
		return fmt.Sprintf("%s\nreport %+v\nvalidate %v\nindices %s", describe(n), *rep, problems, fingerprint(n))
	}
	if fast, serial := load(true), load(false); fast != serial {
		t.Fatalf("fast path (blocks of %d bytes) differs:\n%s\nserial:\n%s", block, fast, serial)
	}
}

var fastCases = []struct{ name, flows, members string }{
	{"plain", "source,target,time,community,knowledge,kind,weight\na,b,2021-01-01T00:00:00Z,c1,x;y,ask,0.5\nb,c,2021-01-02T00:00:00Z,c2,y; z ,answer,1.25\nc,a,2021-01-01T10:00:00Z,,,,\n", "id,community\nb,c2\nz,c1\n"},
	{"crlf and blank lines", "source,target,time\r\na,b,2021-01-01 10:00:00\r\n\r\nb,a,2021-01-01 11:00:00.5\r\n\n\nc,d,2021-01-03 00:00:00\r", ""},
	{"extra columns", "source,target,note,weight\na,b,x,1\nb,c,y,\nc,a,x,2.5\n", ""},
	{"quote later", "source,target,note\na,b,x\nb,c,y\nc,a,\"q,\nr\"\nd,e,z\n", ""},
	{"bad time later", "source,target,time\na,b,2021-01-01\nb,c,2021-01-02\nc,a,2021-13-01\nd,a,2021-01-04\n", ""},
	{"time form changes", "source,target,time\na,b,2021-01-01T00:00:00Z\nb,c,1614834367\n", ""},
	{"field count", "source,target,kind\na,b,x\nb,c\nc,a,y\n", ""},
	{"empty id", "source,target\na,b\n ,c\nc,a\n", ""},
	{"bad weight", "source,target,weight\na,b,1\nb,c,0\nc,a,-1\n", ""},
	{"NUL", "source,target\na,b\nb,c\x00\nc,a\n", ""},
	{"invalid UTF-8", "source,target\na,b\nb,\xffc\nc,a\n", ""},
	{"header only", "source,target\n", ""},
	{"no header line break", "source,target", ""},
	{"missing column", "source,dest\na,b\n", ""},
	{"bom", "\uFEFFsource,target\na,b\n", ""},
	{"no rows after blanks", "source,target\n\n\n", ""},
	{"unknown member strict", "source,target\na,b\nb,q\n", "id\na\nb\n"},
	{"last line without break", "source,target,weight\na,b,1\nb,a,2", ""},
}

func TestFastFlowsMatchesSerial(t *testing.T) {
	for _, c := range fastCases {
		for _, block := range []int{8, 16, 32, 1 << 20} {
			for _, strict := range []bool{false, true} {
				t.Run(fmt.Sprintf("%s/%d/strict=%v", c.name, block, strict), func(t *testing.T) {
					loadBoth(t, c.flows, c.members, block, csvio.Options{Strict: strict})
				})
			}
		}
	}
	t.Run("limits", func(t *testing.T) {
		flows := "source,target,note\na,b,xx\nb,c,yyyyyyyy\nc,a,z\n"
		for _, opt := range []csvio.Options{{MaxLineBytes: 12}, {MaxFieldBytes: 4}, {MaxBytes: 40}, {MaxRows: 2}, {Comma: ';'}, {Comma: '→'}} {
			for _, block := range []int{8, 16, 1 << 20} {
				loadBoth(t, flows, "", block, opt)
				loadBoth(t, strings.ReplaceAll(flows, ",", "→"), "", block, opt)
			}
		}
	})
}

// memberCases exercise the fast path of members.csv (see readRecords).
var memberCases = []struct{ name, members string }{
	{"plain", "id,name,joined,community\na,Ann,2021-01-01T00:00:00Z,c1\nb,Bob,,c1;c2\n"},
	{"quoted", "id,name,community\na,\"Smith, Ann\",c1\nb,\"Bo \"\"B\"\"\",\"c1;c2\"\n\"c\",,\"\"\n"},
	{"quoted last field", "id,name\na,\"x\"\r\nb,\"\"\r\n"},
	{"quote spans lines", "id,name\na,\"x\ny\"\nb,z\n"},
	{"quote not closed", "id,name\na,\"x\nb,z\n"},
	{"bare quote", "id,name\na,x\"y\nb,z\n"},
	{"text after quote", "id,name\na,\"x\"y\nb,z\n"},
	{"space before quote", "id,name\na, \"x\"\nb,z\n"},
	{"field count", "id,name\na,x\nb\nc,z\n"},
	{"crlf and blank lines", "id,name\r\n\r\na,x\r\n\n\nb,y\r"},
	{"extra columns", "id,name,email,team\na,x,a@x,t1\nb,y,,t2\n"},
	{"duplicate id", "id,name\na,x\nb,y\na,z\n"},
	{"bad joined", "id,joined\na,2021-01-01\nb,yesterday\n"},
	{"self community", "id,community\na,b\nb,b\n"},
	{"empty id", "id,name\na,x\n ,y\n"},
	{"bom", "\uFEFFid,name\na,x\n"},
	{"header only", "id,name\n"},
	{"no rows after blanks", "id,name\n\n\n"},
	{"blank first line", "\nid,name\na,x\n"},
	{"non-ASCII header", "id,name,\u200bteam\na,x,t\n"},
	{"duplicate column", "id,name,Name\na,x,y\n"},
	{"missing id", "name\nx\n"},
	{"NUL", "id,name\na,x\x00\n"},
	{"invalid UTF-8", "id,name\na,\xffx\n"},
	{"last line without break", "id,name\na,x\nb,y"},
}

func TestFastMembersMatchesSerial(t *testing.T) {
	flows := "source,target\na,b\nb,q\n"
	for _, c := range memberCases {
		for _, strict := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/strict=%v", c.name, strict), func(t *testing.T) {
				loadBoth(t, flows, c.members, 1<<20, csvio.Options{Strict: strict})
			})
		}
	}
	t.Run("limits", func(t *testing.T) {
		members := "id,name,note\na,\"b,c\",xx\nb,c,yyyyyyyy\nc,a,\"z\"\"\"\n"
		for _, opt := range []csvio.Options{{MaxLineBytes: 12}, {MaxFieldBytes: 4}, {MaxFieldBytes: 3}, {MaxBytes: 40}, {MaxRows: 2}, {Comma: ';'}, {Comma: '→'}} {
			loadBoth(t, flows, members, 1<<20, opt)
			loadBoth(t, strings.ReplaceAll(flows, ",", "→"), strings.ReplaceAll(members, ",", "→"), 1<<20, opt)
		}
	})
}

func FuzzFastFlows(f *testing.F) {
	for _, c := range fastCases {
		f.Add(c.flows, c.members, uint16(16), false)
	}
	for _, c := range memberCases {
		f.Add("source,target\na,b\n", c.members, uint16(16), false)
	}
	f.Fuzz(func(t *testing.T, flows, members string, block uint16, strict bool) {
		loadBoth(t, flows, members, 1+int(block%512), csvio.Options{Strict: strict})
	})
}

// loadDirBoth loads a dataset folder with and without the fast path and
// fails when the networks, the reports or the errors differ.
func loadDirBoth(t *testing.T, dir string, block int) {
	t.Helper()
	load := func(fast bool) string {
		restore := csvio.SetFastFlows(fast, block)
		defer restore()
		n, rep, err := csvio.Load(dir, csvio.Options{})
		if err != nil {
			return "error: " + err.Error()
		}
		return fmt.Sprintf("%s\nreport %+v\nindices %s", describe(n), *rep, fingerprint(n))
	}
	fast, serial := load(true), load(false)
	if fast != serial {
		t.Fatalf("%s: the fast path (blocks of %d bytes) differs from the serial one", dir, block)
	}
	if strings.HasPrefix(fast, "error: ") {
		t.Fatalf("%s: %s", dir, fast)
	}
}

func TestFastFlowsFixtures(t *testing.T) {
	for _, dir := range []string{"../../testdata/karate", "../../testdata/email-eu-core", "../../testdata/sociopatterns-primaryschool", "../../testdata/bad/ok"} {
		for _, block := range []int{4 << 10, 1 << 20} {
			loadDirBoth(t, dir, block)
		}
	}
}

// TestFastFlowsBenchData compares the two paths on the benchmark data
// set of $COPNET_BENCH_1M (skipped without it).
func TestFastFlowsBenchData(t *testing.T) {
	dir := os.Getenv("COPNET_BENCH_1M")
	if dir == "" {
		t.Skip("no $COPNET_BENCH_1M")
	}
	loadDirBoth(t, dir, 0)
}
