package metrics_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/copnet/copnet/graph"
	"github.com/copnet/copnet/metrics"
)

// TestCommunityAdvantageGenCop runs the advantage test on datasets made by
// ../shared/tools/gen_cop.py, named by $COPNET_GENCOP (a folder holding
// one dataset per subfolder); testdata/claims/gencop.sh makes them. It
// logs every community's density and reciprocity test and is skipped
// without the variable, so that go test needs only Go.
func TestCommunityAdvantageGenCop(t *testing.T) {
	dir := os.Getenv("COPNET_GENCOP")
	if dir == "" {
		t.Skip("set COPNET_GENCOP to a folder of gen_cop.py datasets (testdata/claims/gencop.sh)")
	}
	subs, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, sub := range subs {
		net := load(t, filepath.Join(dir, sub.Name()))
		p := net.Project(net.All(), graph.Organization, graph.ProjectOptions{})
		for c := range net.Communities {
			var g []int32
			for i := range net.Members {
				if net.Members[i].InCommunity(int32(c)) {
					g = append(g, int32(i))
				}
			}
			rows, err := metrics.CommunityAdvantage(&metrics.AdvantagePool{P: p}, g, metrics.AdvantageOptions{Draws: 199, Seed: uint64(c)})
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range rows {
				t.Logf("%s %s %s: size %d observed %.4f null %.4f±%.4f z %.1f p %.3f", sub.Name(), net.Communities[c].ID, r.Indicator, r.Size, r.Observed, r.NullMean, r.NullSD, r.Z, r.P)
			}
		}
	}
}
