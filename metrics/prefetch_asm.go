//go:build amd64 || arm64

package metrics

import "unsafe"

// prefetch asks the processor to bring the cache line at p into the
// cache, without waiting for it: the random loads of the rewiring chain
// and of the random-group walks are known a few steps before they are
// made. Unlike a load, the hint retires at once, so many can be in flight.
//
//go:noescape
func prefetch(p unsafe.Pointer)
