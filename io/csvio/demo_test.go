package csvio_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/copnet/copnet/io/csvio"
)

var update = flag.Bool("update", false, "rewrite golden files and the embedded demo")

// sharedData returns the path of a dataset of ../shared/data, skipping the
// test when the folder is absent (a user's clone does not have it).
func sharedData(t testing.TB, name string) string {
	t.Helper()
	p := filepath.Join("..", "..", "..", "shared", "data", name)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("shared dataset %s not present (%v); it is in CI's checkout at ../shared/data", name, err)
	}
	return p
}

// TestDemoIsTheExport checks that the embedded demo is exactly the SEDE
// export converted by the preset; -update regenerates it.
func TestDemoIsTheExport(t *testing.T) {
	net, rep, err := csvio.LoadSEDE(sharedData(t, "stackexchange-history-meta"), csvio.Options{Strict: true})
	if err != nil {
		t.Fatal(err)
	}
	var flows, members, knowledge bytes.Buffer
	if err := csvio.WriteFlows(&flows, net); err != nil {
		t.Fatal(err)
	}
	if err := csvio.WriteMembers(&members, net); err != nil {
		t.Fatal(err)
	}
	if err := csvio.WriteKnowledge(&knowledge, net); err != nil {
		t.Fatal(err)
	}
	for name, got := range map[string][]byte{"demo/flows.csv": flows.Bytes(), "demo/members.csv": members.Bytes(), "demo/knowledge.csv": knowledge.Bytes()} {
		if *update {
			if err := os.WriteFile(name, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from the converted export; run go test ./io/csvio -run TestDemoIsTheExport -update", name)
		}
	}
	demo, _, err := csvio.Demo()
	if err != nil {
		t.Fatal(err)
	}
	if len(demo.Flows) != len(net.Flows) || len(demo.Members) != len(net.Members) || len(demo.Items) != len(net.Items) {
		t.Errorf("demo: %d flows, %d members, %d items; export: %d, %d, %d",
			len(demo.Flows), len(demo.Members), len(demo.Items), len(net.Flows), len(net.Members), len(net.Items))
	}
	t.Logf("export: %d flows, %d members, %d items, %d rows skipped", len(net.Flows), len(net.Members), len(net.Items), rep.Skipped)
}
