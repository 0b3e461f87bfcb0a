//go:build !unix

package report

import (
	"errors"
	"os"
)

// flockNB is a no-op where flock is missing: concurrent runs into one
// folder are not serialized there.
func flockNB(*os.File) bool { return true }

var errSyncUnsupported = errors.New("unsupported")
