//go:build !linux && !darwin

package main

import "os"

// peakRSSKiB is 0 (unknown) where ru_maxrss's unit is not known here.
func peakRSSKiB(ps *os.ProcessState) int64 { return 0 }
