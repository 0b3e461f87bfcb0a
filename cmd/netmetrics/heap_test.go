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
		{1 << 30, 3 << 29}, // 1 GiB live: 1.5 GiB
		{math.MaxUint64, math.MaxInt64},
	} {
		if got := heapLimit(c.live); got != c.want {
			t.Errorf("heapLimit(%d) = %d, want %d", c.live, got, c.want)
		}
	}
}

// TestGuardHeap: with 256 MiB held, the guard sets a limit of half as
// much again within a second of the collection that saw it, and puts the
// runtime back when stopped.
func TestGuardHeap(t *testing.T) {
	t.Setenv("GOMEMLIMIT", "")
	t.Setenv("GOGC", "")
	guarded(t)
	stop := guardHeap()
	held := make([]byte, 256<<20)
	for i := range held {
		held[i] = byte(i)
	}
	runtime.GC()
	deadline := time.Now().Add(5 * time.Second)
	var limit int64
	for time.Now().Before(deadline) {
		if limit = debug.SetMemoryLimit(-1); limit >= 3*(128<<20) {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	runtime.KeepAlive(held)
	if limit < 3*(128<<20) || limit > 2*(256<<20)+(256<<20) {
		t.Errorf("limit with 256 MiB live = %d MiB, want about 384", limit>>20)
	}
	stop()
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Errorf("limit after stop = %d, want none", got)
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
			before := debug.SetMemoryLimit(-1)
			stop := guardHeap()
			held := make([]byte, 256<<20)
			runtime.GC()
			time.Sleep(50 * time.Millisecond)
			runtime.KeepAlive(held)
			if got := debug.SetMemoryLimit(-1); got != before {
				t.Errorf("limit = %d with %s set, want %d as before", got, env, before)
			}
			stop()
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
	stop := guardHeap()
	held := make([]byte, 256<<20)
	runtime.GC()
	time.Sleep(50 * time.Millisecond)
	runtime.KeepAlive(held)
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Errorf("limit = %d outside main, want none", got)
	}
	stop()
}
