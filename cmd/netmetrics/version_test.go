package main

import (
	"encoding/json"
	"os"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// goModRequires returns the modules go.mod requires directly, with their
// versions.
func goModRequires(t *testing.T) map[string]string {
	t.Helper()
	b, err := os.ReadFile("../../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	req := map[string]string{}
	in := false
	for _, line := range strings.Split(string(b), "\n") {
		line = strings.TrimSpace(line)
		switch {
		case line == "require (":
			in = true
		case line == ")":
			in = false
		case in && !strings.Contains(line, "// indirect"):
			if f := strings.Fields(line); len(f) == 2 {
				req[f[0]] = f[1]
			}
		case strings.HasPrefix(line, "require ") && !strings.Contains(line, "// indirect"):
			if f := strings.Fields(line); len(f) == 3 {
				req[f[1]] = f[2]
			}
		}
	}
	return req
}

func TestVersion(t *testing.T) {
	req := goModRequires(t)
	// Modules only the tests use (the report's browser test, HTML
	// parsing) are not part of the command.
	testOnly := map[string]bool{"github.com/chromedp/chromedp": true, "github.com/chromedp/cdproto": true, "golang.org/x/net": true}
	var direct []string
	for p := range req {
		if !testOnly[p] {
			direct = append(direct, p)
		}
	}
	slices.Sort(direct)
	listed := slices.Sorted(slices.Values(mainDependencies))
	if !slices.Equal(direct, listed) {
		t.Errorf("mainDependencies %v, want go.mod's direct requirements %v", listed, direct)
	}

	out, errs, code := runCLI(t, "", "version")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if alias, _, _ := runCLI(t, "", "-version"); alias != out {
		t.Errorf("-version printed\n%s\nwant\n%s", alias, out)
	}
	for _, want := range []string{"netmetrics  github.com/copnet/copnet ", "revision    ", "go          " + runtime.Version() + " " + runtime.GOOS + "/" + runtime.GOARCH} {
		if !strings.Contains(out, want) {
			t.Errorf("version lacks %q:\n%s", want, out)
		}
	}

	js, errs, code := runCLI(t, "", "version", "-json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var v versionInfo
	if err := json.Unmarshal([]byte(js), &v); err != nil {
		t.Fatal(err)
	}
	if v.Module != "github.com/copnet/copnet" || v.GoVersion != runtime.Version() || v.Version == "" || v.Revision == "" {
		t.Errorf("version -json: %+v", v)
	}
	// The test binary links every dependency netmetrics links; each must
	// be listed at the version go.mod requires.
	if len(v.Dependencies) == 0 {
		t.Error("version -json lists no dependency")
	}
	for _, d := range v.Dependencies {
		if req[d.Path] != d.Version {
			t.Errorf("dependency %s %s, go.mod requires %s", d.Path, d.Version, req[d.Path])
		}
		if !strings.Contains(out, "dependency  "+d.Path+" "+d.Version+"\n") {
			t.Errorf("version lacks %s %s:\n%s", d.Path, d.Version, out)
		}
	}
	if _, errs, code := runCLI(t, "", "version", "extra"); code != 2 || !strings.Contains(errs, "no arguments") {
		t.Errorf("version extra: exit %d, stderr %q", code, errs)
	}
}
