package gvcache

import (
	"os"
	"path/filepath"
	"testing"
)

func TestUsable(t *testing.T) {
	dir := t.TempDir()
	if !usable(filepath.Join(dir, "missing")) {
		t.Error("a missing cache folder is usable (go-graphviz creates it)")
	}
	ok := filepath.Join(dir, "ok")
	if err := os.MkdirAll(filepath.Join(ok, "wazero-x"), 0o755); err != nil {
		t.Fatal(err)
	}
	if !usable(ok) {
		t.Error("a writable cache folder is usable")
	}
	// A file where the cache folder should be cannot be listed.
	file := filepath.Join(dir, "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if usable(file) {
		t.Error("a file is not a usable cache folder")
	}
	// A subfolder that cannot be listed (a file in its place, since root
	// ignores permissions).
	bad := filepath.Join(dir, "bad")
	if err := os.MkdirAll(bad, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(file, filepath.Join(bad, "wazero-y")); err != nil {
		t.Fatal(err)
	}
	if os.Geteuid() != 0 {
		if err := os.Chmod(bad, 0o500); err != nil {
			t.Fatal(err)
		}
		defer os.Chmod(bad, 0o755)
		if usable(bad) {
			t.Error("a read-only cache folder is not usable")
		}
	}
	if len(candidates()) == 0 {
		t.Error("no per-user candidate folder")
	}
}
