package metrics_test

import (
	"hash/fnv"
	"runtime"
	"testing"

	"github.com/copnet/copnet/graph"
	"github.com/copnet/copnet/metrics"
)

// TestLouvainPartsAgree: on a graph large enough for Louvain to build its
// strengths and its graph of communities in parts, the partition and its
// modularity are the same with one processor or four, and are those of
// the sequential implementation that came before the parts (its labels'
// FNV-1a hash and modularity, taken from it on this graph).
func TestLouvainPartsAgree(t *testing.T) {
	if testing.Short() {
		t.Skip("a graph of 300,000 arcs")
	}
	net, _ := copNet(t, 7, 20000, 20, 200000, 0.8, -1)
	p := net.Project(net.All(), graph.Organization, graph.ProjectOptions{AllMembers: true})
	if len(p.U) < 1<<18 {
		t.Fatalf("%d arcs: too few to build in parts", len(p.U))
	}
	type result struct {
		hash uint64
		q    float64
	}
	var got [2]result
	for k, procs := range []int{1, 4} {
		prev := runtime.GOMAXPROCS(procs)
		labels, q := metrics.Louvain(p, 1, 42)
		runtime.GOMAXPROCS(prev)
		h := fnv.New64a()
		for _, l := range labels {
			h.Write([]byte{byte(l), byte(l >> 8), byte(l >> 16), byte(l >> 24)})
		}
		got[k] = result{h.Sum64(), q}
		t.Logf("GOMAXPROCS %d: %d arcs, hash %#x, modularity %v", procs, len(p.U), got[k].hash, q)
	}
	if got[0] != got[1] {
		t.Fatalf("one processor %+v, four %+v", got[0], got[1])
	}
	want := result{0xe80e0f690ea7c3ef, 0.72281557565}
	if got[0] != want {
		t.Errorf("got %+v, the sequential implementation gave %+v", got[0], want)
	}
}
