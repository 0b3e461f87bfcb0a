package main

import (
	"os"
	"syscall"
)

// peakRSSKiB is the exited child's peak resident set size: wait4's
// ru_maxrss, in KiB on Linux.
func peakRSSKiB(ps *os.ProcessState) int64 {
	if ru, ok := ps.SysUsage().(*syscall.Rusage); ok && ru != nil {
		return ru.Maxrss
	}
	return 0
}
