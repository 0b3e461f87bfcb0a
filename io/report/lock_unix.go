//go:build unix

package report

import (
	"os"
	"syscall"
)

// flockNB takes an exclusive advisory lock on f without waiting; false
// when another open file holds it.
func flockNB(f *os.File) bool {
	return syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB) == nil
}

// errSyncUnsupported is what fsync of a folder returns on file systems
// that do not support it.
var errSyncUnsupported error = syscall.EINVAL
