package main

import (
	"io"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/copnet/copnet/metrics"
)

// progressBar draws progress (of loading, of the analysis) on standard
// error when it is a terminal and the work has taken more than a second;
// it is silent otherwise (a pipe, a file, a test, a quick run).
type progressBar struct {
	bar   *progressbar.ProgressBar
	stage string
	desc  string
	out   io.Writer
	start time.Time
}

func newProgressBar(stderr io.Writer, desc string) *progressBar {
	if !isTerminal(stderr) {
		return &progressBar{}
	}
	return &progressBar{desc: desc, out: stderr, start: time.Now()}
}

// update is a metrics.Options.Progress callback.
func (p *progressBar) update(pr metrics.Progress) {
	p.show(pr.Stage, int64(pr.Done), int64(pr.Total), false)
}

// load is a csvio.Options.Progress callback: bytes of a file read (total
// 0 when unknown).
func (p *progressBar) load(name string, done, total int64) {
	if total <= 0 {
		p.show(name, done, -1, true) // a spinner
		return
	}
	p.show(name, done, total, true)
	if done >= total {
		p.finish() // the file is read: clear its bar
	}
}

func (p *progressBar) show(stage string, done, total int64, bytes bool) {
	if p.out == nil || time.Since(p.start) < time.Second {
		return
	}
	if p.bar == nil || p.stage != stage {
		p.finish()
		p.stage = stage
		p.bar = progressbar.NewOptions64(total,
			progressbar.OptionSetWriter(p.out),
			progressbar.OptionSetDescription("netmetrics: "+p.desc+" "+stage),
			progressbar.OptionShowCount(),
			progressbar.OptionShowBytes(bytes),
			progressbar.OptionSetElapsedTime(true),
			progressbar.OptionClearOnFinish(),
			progressbar.OptionThrottle(100*time.Millisecond),
		)
	}
	p.bar.Set64(done)
}

// finish clears the bar.
func (p *progressBar) finish() {
	if p.bar != nil {
		p.bar.Finish()
		p.bar.Exit()
		p.bar = nil
	}
}
