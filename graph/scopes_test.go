package graph_test

import (
	"slices"
	"testing"

	"github.com/copnet/copnet/graph"
	"github.com/copnet/copnet/io/csvio"
)

// TestFlowScopesIsInScope: FlowScopes lists exactly the scopes InScope
// accepts, for every flow of email-eu-core (communities from members) and
// of the demo.
func TestFlowScopesIsInScope(t *testing.T) {
	email, _, err := csvio.Load("../testdata/email-eu-core", csvio.Options{})
	if err != nil {
		t.Fatal(err)
	}
	demo, _, err := csvio.Demo()
	if err != nil {
		t.Fatal(err)
	}
	for _, net := range []*graph.Network{email, demo} {
		var got []graph.Scope
		for i := range net.Flows {
			f := &net.Flows[i]
			got = net.FlowScopes(f, got[:0])
			for _, s := range net.Scopes() {
				if in := net.InScope(f, s); in != slices.Contains(got, s) {
					t.Fatalf("flow %d, scope %d: InScope %v, FlowScopes %v", i, s, in, got)
				}
			}
		}
	}
}
