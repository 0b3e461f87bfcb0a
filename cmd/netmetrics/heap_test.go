package main

import (
	"math"
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

func TestHeapLimit(t *testing.T) {
	for _, c := range []struct {
		live uint64
		want int64
	}{
		{0, heapFloor},
		{heapFloor / 2, heapFloor},
		{1 << 30, 5 << 28}, // 1 GiB live: 1.25 GiB
		{math.MaxUint64, math.MaxInt64},
	} {
		if got := heapLimit(c.live); got != c.want {
			t.Errorf("heapLimit(%d) = %d, want %d", c.live, got, c.want)
		}
	}
}

// TestGuardHeap: with 256 MiB held, the guard sets a limit of a quarter
// more within seconds of the collection that saw it, and puts the
// runtime's limit back when stopped.
func TestGuardHeap(t *testing.T) {
	t.Setenv("GOMEMLIMIT", "")
	t.Setenv("GOGC", "")
	guarded(t)
	before := debug.SetMemoryLimit(-1)
	stop := guardHeap()
	held := make([]byte, 256<<20)
	runtime.GC()
	inRange := func(l int64) bool { return l >= 5*(64<<20) && l <= 5*(128<<20) }
	deadline := time.Now().Add(10 * time.Second)
	limit := debug.SetMemoryLimit(-1)
	for !inRange(limit) && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
		limit = debug.SetMemoryLimit(-1)
	}
	runtime.KeepAlive(held)
	if !inRange(limit) {
		t.Errorf("limit with 256 MiB live = %d MiB, want about 320", limit>>20)
	}
	stop()
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Errorf("limit after stop = %d, want %d as before", got, before)
	}
}

// TestGuardHeapLeavesUsersSettings: GOGC or GOMEMLIMIT in the
// environment means the user manages the collector; the guard sets
// nothing.
func TestGuardHeapLeavesUsersSettings(t *testing.T) {
	for _, env := range []string{"GOGC", "GOMEMLIMIT"} {
		t.Run(env, func(t *testing.T) {
			t.Setenv("GOGC", "")
			t.Setenv("GOMEMLIMIT", "")
			t.Setenv(env, "200")
			guarded(t)
			if before, got := limitWhileHeld(); got != before {
				t.Errorf("limit = %d with %s set, want %d as before", got, env, before)
			}
		})
	}
}

// guarded turns the guard on, as main does, for the test.
func guarded(t *testing.T) {
	heapGuarded = true
	t.Cleanup(func() { heapGuarded = false })
}

// TestGuardHeapOnlyInMain: commands run inside another program (the
// tests) leave its collector alone.
func TestGuardHeapOnlyInMain(t *testing.T) {
	t.Setenv("GOMEMLIMIT", "")
	t.Setenv("GOGC", "")
	if before, got := limitWhileHeld(); got != before {
		t.Errorf("limit = %d outside main, want %d as before", got, before)
	}
}

// limitWhileHeld starts the guard, holds 256 MiB through a collection
// and 50 ms of the guard's looks, and returns the limits before and
// then.
func limitWhileHeld() (before, then int64) {
	before = debug.SetMemoryLimit(-1)
	stop := guardHeap()
	defer stop()
	held := make([]byte, 256<<20)
	runtime.GC()
	time.Sleep(50 * time.Millisecond)
	runtime.KeepAlive(held)
	return before, debug.SetMemoryLimit(-1)
}
