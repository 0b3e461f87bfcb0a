package metrics_test

import (
	"context"
	"fmt"
	"os"
	"runtime/metrics"
	"runtime/pprof"
	"sync/atomic"
	"testing"
	"time"

	"github.com/copnet/copnet/graph"
	"github.com/copnet/copnet/io/csvio"
	cm "github.com/copnet/copnet/metrics"
)

func TestHeapPeak(t *testing.T) {
	dir := os.Getenv("DS")
	t0 := time.Now()
	var stage atomic.Value
	stage.Store("load")
	var maxLive uint64
	stop := make(chan bool)
	go func() {
		s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		for {
			select {
			case <-stop:
				return
			case <-time.After(10 * time.Millisecond):
			}
			metrics.Read(s)
			v := s[0].Value.Uint64()
			if v > maxLive+16<<20 {
				maxLive = v
				f, _ := os.Create("/tmp/heapprof/peak.prof")
				pprof.WriteHeapProfile(f)
				f.Close()
				t.Logf("%5.1fs live %d MiB at %v", time.Since(t0).Seconds(), v>>20, stage.Load())
			}
		}
	}()
	net, _, err := csvio.Load(dir, csvio.Options{})
	if err != nil {
		t.Fatal(err)
	}
	stage.Store("loaded")
	spec, _ := graph.ParseWindowSpec("30d")
	opt := cm.DefaultOptions()
	opt.Windows = spec
	opt.NullDraws, opt.RewireDraws, opt.BootstrapDraws = 0, 0, 0
	opt.Progress = func(p cm.Progress) { stage.Store(fmt.Sprintf("%s %d/%d", p.Stage, p.Done, p.Total)) }
	opt.Stream = &cm.Stream{MemberWindows: func([]cm.MemberWindowRow) error { return nil }, Adoption: func([]cm.AdoptionRow) error { return nil }}
	a, err := cm.Analyze(context.Background(), net, opt)
	if err != nil {
		t.Fatal(err)
	}
	close(stop)
	_ = a
}
