package main

import (
	"io"
	"os"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/copnet/copnet/metrics"
)

// progressBar draws the analysis' progress on standard error when it is a
// terminal; it is silent otherwise (a pipe, a file, a test).
type progressBar struct {
	bar   *progressbar.ProgressBar
	stage string
	desc  string
	out   io.Writer
}

func newProgressBar(stderr io.Writer, desc string) *progressBar {
	f, ok := stderr.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return &progressBar{}
	}
	return &progressBar{desc: desc, out: f}
}

// update is a metrics.Options.Progress callback.
func (p *progressBar) update(pr metrics.Progress) {
	if p.out == nil {
		return
	}
	if p.bar == nil || p.stage != pr.Stage {
		p.stage = pr.Stage
		p.bar = progressbar.NewOptions(pr.Total,
			progressbar.OptionSetWriter(p.out),
			progressbar.OptionSetDescription("netmetrics: "+p.desc+" "+pr.Stage),
			progressbar.OptionShowCount(),
			progressbar.OptionSetElapsedTime(true),
			progressbar.OptionShowElapsedTimeOnFinish(),
			progressbar.OptionClearOnFinish(),
			progressbar.OptionThrottle(100_000_000),
		)
	}
	p.bar.Set(pr.Done)
}

// finish clears the bar.
func (p *progressBar) finish() {
	if p.bar != nil {
		p.bar.Finish()
		p.bar.Exit()
	}
}
