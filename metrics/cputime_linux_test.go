package metrics

import (
	"syscall"
	"testing"
)

// CPULoop runs f once per benchmark iteration and reports the process's
// CPU time (every goroutine's, the collector's included) per iteration as
// cpu-ns/op: on a shared machine it is steadier than the wall time, and
// it sums the work of parallel workers.
func CPULoop(b *testing.B, f func()) {
	var r0, r1 syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &r0); err != nil {
		b.Fatal(err)
	}
	n := 0
	for b.Loop() {
		f()
		n++
	}
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &r1); err != nil {
		b.Fatal(err)
	}
	ns := r1.Utime.Nano() + r1.Stime.Nano() - r0.Utime.Nano() - r0.Stime.Nano()
	b.ReportMetric(float64(ns)/float64(n), "cpu-ns/op")
}
