package metrics

import (
	"sync"
	"time"
)

// stageTimes sums the time spent in each stage of an analysis over every
// worker, for Analysis.Timings. A nil *stageTimes records nothing.
type stageTimes struct {
	mu sync.Mutex
	d  map[string]time.Duration
}

func newStageTimes() *stageTimes { return &stageTimes{d: map[string]time.Duration{}} }

// since adds the time from start to now to a stage.
func (t *stageTimes) since(stage string, start time.Time) {
	if t == nil {
		return
	}
	d := time.Since(start)
	t.mu.Lock()
	t.d[stage] += d
	t.mu.Unlock()
}

// seconds returns the stages' times in seconds.
func (t *stageTimes) seconds() map[string]float64 {
	out := make(map[string]float64, len(t.d))
	for k, d := range t.d {
		out[k] = d.Seconds()
	}
	return out
}
