package metrics_test

import (
	"fmt"
	"testing"

	"github.com/copnet/copnet/graph"
	"github.com/copnet/copnet/io/csvio"
	"github.com/copnet/copnet/metrics"
)

// TestParallelEqualsSequential: scopes analysed by many workers give the
// same results as one worker, to the last bit (compared through their
// printed form, where NaN equals NaN).
func TestParallelEqualsSequential(t *testing.T) {
	demo, _, err := csvio.Demo()
	if err != nil {
		t.Fatal(err)
	}
	for name, net := range map[string]*graph.Network{"email-eu-core": load(t, "../testdata/email-eu-core"), "demo": demo} {
		spec := graph.WindowSpec{Unit: graph.Quarter}
		var in, ex [2]string
		for i, workers := range []int{1, 8} {
			r, err := metrics.Internalize(net, metrics.InternalizingOptions{Windows: spec, Workers: workers})
			if err != nil {
				t.Fatal(err)
			}
			r.Options.Workers = 0 // the one field that may differ
			in[i] = fmt.Sprintf("%+v", *r)
			e, err := metrics.Externalize(net, metrics.ExternalizingOptions{Windows: spec, Workers: workers})
			if err != nil {
				t.Fatal(err)
			}
			e.Options.Workers = 0
			ex[i] = fmt.Sprintf("%+v", *e)
		}
		if in[0] != in[1] {
			t.Errorf("%s: Internalize differs between 1 and 8 workers", name)
		}
		if ex[0] != ex[1] {
			t.Errorf("%s: Externalize differs between 1 and 8 workers", name)
		}
	}
}
