//go:build !linux

package metrics

import "testing"

// CPULoop runs f once per benchmark iteration (thread CPU time is reported
// on Linux only).
func CPULoop(b *testing.B, f func()) {
	for b.Loop() {
		f()
	}
}
