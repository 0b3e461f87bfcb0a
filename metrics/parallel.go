package metrics

import (
	"runtime"
	"sync"
)

// parallel calls fn(state, i) for every i in [0, n) on up to workers
// goroutines (GOMAXPROCS when workers ≤ 0); each goroutine makes its own
// state with setup (a Projector, scratch space). Callers store results by
// i, so the outcome does not depend on scheduling.
func parallel[S any](n, workers int, setup func() S, fn func(S, int)) {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range min(workers, n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			st := setup()
			for i := range jobs {
				fn(st, i)
			}
		}()
	}
	for i := range n {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
}

// nodeBlock is the number of nodes a worker of parallelNodes takes at a
// time: small enough that a few hubs do not leave a worker idle at the
// end.
const nodeBlock = 256

// parallelNodes runs fn(state, v) for every node v < n, each by one
// worker, in blocks of nodeBlock nodes (GOMAXPROCS workers when workers ≤
// 0); with one worker or one block it runs in node order on the calling
// goroutine.
func parallelNodes[S any](n, workers int, setup func() S, fn func(S, int)) {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	nb := (n + nodeBlock - 1) / nodeBlock
	if workers == 1 || nb <= 1 {
		st := setup()
		for v := range n {
			fn(st, v)
		}
		return
	}
	parallel(nb, workers, setup, func(st S, b int) {
		for v := b * nodeBlock; v < min((b+1)*nodeBlock, n); v++ {
			fn(st, v)
		}
	})
}

// beside runs f on a goroutine of its own when there are several workers
// (GOMAXPROCS when workers ≤ 0), and at once otherwise; the returned
// function waits for it.
func beside(workers int, f func()) (wait func()) {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	if workers == 1 {
		f()
		return func() {}
	}
	var wg sync.WaitGroup
	wg.Go(f)
	return wg.Wait
}

// intersectCount is the size of the intersection of two ascending sets.
func intersectCount(a, b []int32) int {
	n := 0
	for x, y := 0, 0; x < len(a) && y < len(b); {
		switch {
		case a[x] < b[y]:
			x++
		case a[x] > b[y]:
			y++
		default:
			n++
			x++
			y++
		}
	}
	return n
}
