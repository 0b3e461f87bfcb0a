package main

import (
	"math"
	"os"
	"runtime/debug"
	"runtime/metrics"
	"time"
)

// Go's collector lets the heap grow to twice what was live after the last
// collection (GOGC=100) before it collects again. At the top of a large
// analysis, where the network, the whole-period projection and the
// trajectories are all live, that headroom doubles the memory the process
// takes. guardHeap sets a soft memory limit (runtime/debug.SetMemoryLimit)
// a quarter above the largest live heap seen so far, raised as it grows,
// so that the collector runs sooner there and the peak stays near what
// the analysis holds. On the 5,000,000-flow set, with the large tables
// streamed, the live heap peaks near 540 MiB and the process at 630–650
// MiB (930 MiB without a limit), with no cost in time above the
// machine's noise: the heap is mostly arrays without pointers, cheap to
// mark. Below the limit GOGC rules as usual, so small heaps, where a
// collection is cheap, keep theirs.
//
// The limit is soft: when the live heap outgrows it before the next
// look, the collector runs more often (at most half the processor time,
// the runtime's own bound) until the limit is raised, and nothing fails.
// A user who sets GOMEMLIMIT or GOGC keeps the runtime as set.
const (
	// heapHeadroom is the share above the largest live heap seen that
	// the limit allows.
	heapHeadroom = 0.25
	// heapFloor is the lowest limit set: below it the collector keeps
	// GOGC's headroom.
	heapFloor = 128 << 20
	// heapLook is how often the live heap is read.
	heapLook = 5 * time.Millisecond
)

// heapGuarded is set by main: the guard acts on the whole process, so
// the commands run by tests leave the test binary's collector alone.
var heapGuarded bool

// guardHeap starts following the live heap when heapGuarded is set;
// stop ends it and puts back the limit there was before.
func guardHeap() (stop func()) {
	if !heapGuarded || os.Getenv("GOMEMLIMIT") != "" || os.Getenv("GOGC") != "" {
		return func() {}
	}
	prev := debug.SetMemoryLimit(-1)
	done := make(chan struct{})
	ended := make(chan struct{})
	go func() {
		defer close(ended)
		sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		var limit int64
		tick := time.NewTicker(heapLook)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
			}
			metrics.Read(sample)
			if sample[0].Value.Kind() != metrics.KindUint64 {
				return // a runtime without the metric: leave it alone
			}
			want := heapLimit(sample[0].Value.Uint64())
			if want > limit {
				limit = want
				debug.SetMemoryLimit(limit)
			}
		}
	}()
	return func() {
		close(done)
		<-ended
		debug.SetMemoryLimit(prev)
	}
}

// heapLimit is the limit for a live heap of live bytes.
func heapLimit(live uint64) int64 {
	l := float64(live) * (1 + heapHeadroom)
	if l >= math.MaxInt64 {
		return math.MaxInt64
	}
	return max(int64(l), heapFloor)
}
