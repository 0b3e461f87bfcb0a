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
