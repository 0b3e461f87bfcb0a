// Package gvcache keeps github.com/goccy/go-graphviz from panicking at
// start-up on a shared machine.
//
// go-graphviz compiles Graphviz's WebAssembly when its package is
// initialized, caching the result in $TMPDIR/go-graphviz. When another
// user created that cache (its folders are private), the compilation
// fails and go-graphviz panics, so every program linking it dies before
// main. Package initialization follows import paths in order among the
// packages whose imports are ready (Go 1.21 and later); this package
// imports only os and path/filepath and its path sorts before
// github.com/goccy and github.com/tetratelabs, so its init runs first: when
// the shared cache is unusable it points TMPDIR at a folder of the current
// user's.
package gvcache

import (
	"os"
	"path/filepath"
	"strconv"
)

func init() {
	if usable(filepath.Join(os.TempDir(), "go-graphviz")) {
		return
	}
	for _, dir := range candidates() {
		if err := os.MkdirAll(dir, 0o700); err == nil && usable(filepath.Join(dir, "go-graphviz")) {
			os.Setenv("TMPDIR", dir)
			return
		}
	}
	// No usable folder: a TMPDIR that cannot be created makes go-graphviz
	// run without a cache (it compiles on every start, without failing).
	os.Setenv("TMPDIR", filepath.Join(os.TempDir(), "go-graphviz", "unusable", strconv.Itoa(os.Getuid())))
}

// candidates are per-user folders for the cache.
func candidates() []string {
	var out []string
	if base, err := os.UserCacheDir(); err == nil {
		out = append(out, filepath.Join(base, "copnet"))
	}
	return append(out, filepath.Join(os.TempDir(), "copnet-"+strconv.Itoa(os.Getuid())))
}

// usable reports whether go-graphviz can use dir as its cache: missing (it
// will be created), or a folder whose subfolders this user can list and
// write into.
func usable(dir string) bool {
	entries, err := os.ReadDir(dir)
	if os.IsNotExist(err) {
		return true
	}
	if err != nil {
		return false
	}
	dirs := []string{dir}
	for _, e := range entries {
		if e.IsDir() {
			dirs = append(dirs, filepath.Join(dir, e.Name()))
		}
	}
	for _, d := range dirs {
		if _, err := os.ReadDir(d); err != nil {
			return false
		}
		f, err := os.CreateTemp(d, ".probe")
		if err != nil {
			return false
		}
		f.Close()
		os.Remove(f.Name())
	}
	return true
}
