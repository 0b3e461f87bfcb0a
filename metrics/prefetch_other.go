//go:build !amd64 && !arm64

package metrics

import "unsafe"

// prefetch is a hint that this architecture does without.
func prefetch(unsafe.Pointer) {}
