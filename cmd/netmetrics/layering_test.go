package main

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestLayering holds the packages to DESIGN.md's layering: graph imports
// no project package, metrics imports graph, the io packages import
// graph, and report metrics too.
func TestLayering(t *testing.T) {
	const module = "github.com/copnet/copnet/"
	allowed := map[string][]string{
		"graph":     nil,
		"metrics":   {"graph"},
		"io/csvio":  {"graph"},
		"io/dotio":  {"graph"},
		"io/report": {"graph", "metrics"},
	}
	for pkg, ok := range allowed {
		dir := filepath.Join("..", "..", filepath.FromSlash(pkg))
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil || len(files) == 0 {
			t.Fatalf("%s: no Go files (%v)", pkg, err)
		}
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			af, err := parser.ParseFile(token.NewFileSet(), f, src, parser.ImportsOnly)
			if err != nil {
				t.Fatal(err)
			}
			for _, im := range af.Imports {
				path, _ := strconv.Unquote(im.Path.Value)
				if dep, own := strings.CutPrefix(path, module); own && !slices.Contains(ok, dep) {
					t.Errorf("%s imports %s; DESIGN.md allows %v", f, dep, ok)
				}
			}
		}
	}
}
