package metrics

import (
	"math"
	"runtime"
	"sync"
)

// nullBlock is the number of draws made between two looks at a
// sequential test: fixed, so that where a test stops depends on the draws
// alone, not on the number of workers.
const nullBlock = 32

// drawNull makes the draws of null tests of several indicators at once:
// fill(state, d) writes draw d of every indicator into null[k][d]. With
// stopAfter > 0 the draws go in blocks, and an indicator's test stops at
// the draw that brings its stopAfter-th value at or above its observed
// value (Besag & Clifford 1991, "Sequential Monte Carlo p-values"): a
// clearly unremarkable observation is known as such after a few dozen
// draws, and only observations out in the tail use them all. Draws stop
// when every indicator has stopped. It returns, per indicator, the number
// of draws its test uses, and whether it stopped early. When open is not
// nil, open[k] says before each block whether indicator k still needs
// draws, so that fill may skip the work of those that stopped (it is not
// written while a block runs).
func drawNull[S any](observed []float64, null [][]float64, draws, stopAfter, workers int, open []bool, setup func() S, fill func(S, int)) (used []int, stopped []bool) {
	k := len(observed)
	used, stopped = make([]int, k), make([]bool, k)
	for i := range used {
		used[i] = draws
	}
	for i := range open {
		open[i] = true
	}
	if stopAfter <= 0 {
		parallel(draws, workers, setup, fill)
		return used, stopped
	}
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	states := make([]S, min(workers, nullBlock))
	for i := range states {
		states[i] = setup()
	}
	// An indicator without an observed value has nothing to stop on.
	exceed, done, left := make([]int, k), make([]bool, k), 0
	for i, o := range observed {
		done[i] = math.IsNaN(o)
		if !done[i] {
			left++
		}
	}
	for lo := 0; lo < draws && left > 0; lo += nullBlock {
		for i := range open {
			open[i] = !done[i]
		}
		hi := min(lo+nullBlock, draws)
		var wg sync.WaitGroup
		next := make(chan int, hi-lo)
		for d := lo; d < hi; d++ {
			next <- d
		}
		close(next)
		for _, st := range states {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for d := range next {
					fill(st, d)
				}
			}()
		}
		wg.Wait()
		for i := range k {
			if done[i] {
				continue
			}
			for d := lo; d < hi; d++ {
				if asHigh(null[i][d], observed[i]) {
					exceed[i]++
					if exceed[i] == stopAfter {
						used[i], stopped[i], done[i] = d+1, true, true
						left--
						break
					}
				}
			}
		}
		if left == 0 {
			// Indicators without an observed value keep the draws made.
			for i := range k {
				if math.IsNaN(observed[i]) {
					used[i] = hi
				}
			}
		}
	}
	return used, stopped
}

// sequentialTest is TestAgainstNull over the draws a sequential test
// used; a test that stopped early has the p-value h/L of Besag & Clifford
// (h draws at or above the observed value among the L made).
func sequentialTest(observed float64, null []float64, used int, stopped bool, stopAfter int) NullTest {
	t := TestAgainstNull(observed, null[:used])
	if stopped {
		t.P = float64(stopAfter) / float64(used)
	}
	return t
}
