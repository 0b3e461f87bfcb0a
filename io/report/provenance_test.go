package report

import (
	"runtime"
	"runtime/debug"
	"testing"
)

func TestBuildOf(t *testing.T) {
	settings := []debug.BuildSetting{{Key: "vcs.revision", Value: "0123456789abcdef0123456789abcdef01234567"}, {Key: "vcs.modified", Value: "true"}, {Key: "vcs.time", Value: "2025-01-01T00:00:00Z"}}
	cases := []struct {
		name string
		info *debug.BuildInfo
		ok   bool
		want Build
	}{
		{"no build information", nil, false, Build{Module, DevelVersion, UnknownRevision, false, runtime.Version()}},
		{"go test: no version, no VCS settings", &debug.BuildInfo{GoVersion: "go1.99", Main: debug.Module{Path: Module}}, true,
			Build{Module, DevelVersion, UnknownRevision, false, "go1.99"}},
		{"go build in a clone", &debug.BuildInfo{GoVersion: "go1.99", Main: debug.Module{Path: Module, Version: "v0.0.0-20250101000000-0123456789ab+dirty"}, Settings: settings}, true,
			Build{Module, "v0.0.0-20250101000000-0123456789ab+dirty", "0123456789abcdef0123456789abcdef01234567", true, "go1.99"}},
		{"go install of a tag", &debug.BuildInfo{GoVersion: "go1.99", Main: debug.Module{Path: Module, Version: "v1.2.3"}}, true,
			Build{Module, "v1.2.3", UnknownRevision, false, "go1.99"}},
		{"a dependency at a pseudo-version", &debug.BuildInfo{GoVersion: "go1.99", Main: debug.Module{Path: "example.com/notebook"},
			Deps: []*debug.Module{{Path: "gonum.org/v1/gonum", Version: "v0.17.0"}, {Path: Module, Version: "v0.3.1-0.20250102030405-abcdefabcdef"}}}, true,
			Build{Module, "v0.3.1-0.20250102030405-abcdefabcdef", "abcdefabcdef", false, "go1.99"}},
		{"a dependency at a tag", &debug.BuildInfo{GoVersion: "go1.99", Main: debug.Module{Path: "example.com/notebook"},
			Deps: []*debug.Module{{Path: Module, Version: "v1.0.0"}}}, true,
			Build{Module, "v1.0.0", UnknownRevision, false, "go1.99"}},
		{"a replaced dependency", &debug.BuildInfo{GoVersion: "go1.99", Main: debug.Module{Path: "example.com/notebook"},
			Deps: []*debug.Module{{Path: Module, Version: "v1.0.0", Replace: &debug.Module{Path: "../copnet"}}}}, true,
			Build{Module, DevelVersion, UnknownRevision, false, "go1.99"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := buildOf(c.info, c.ok); got != c.want {
				t.Errorf("got %+v, want %+v", got, c.want)
			}
		})
	}
}

func TestPseudoRevision(t *testing.T) {
	for v, want := range map[string]string{
		"v0.0.0-20250101000000-0123456789ab":              "0123456789ab",
		"v1.2.4-0.20250101000000-0123456789ab":            "0123456789ab",
		"v1.2.3-pre.0.20250101000000-0123456789ab":        "0123456789ab",
		"v0.0.0-20250101000000-0123456789ab+dirty":        "0123456789ab",
		"v2.0.0-20250101000000-0123456789ab+incompatible": "0123456789ab",
		"v1.2.3":              "",
		"v1.2.3-rc.1":         "",
		"v1.2.3-0123456789ab": "",
		"(devel)":             "",
		"":                    "",
	} {
		if got := pseudoRevision(v); got != want {
			t.Errorf("pseudoRevision(%q) = %q, want %q", v, got, want)
		}
	}
}

func TestProvenanceString(t *testing.T) {
	p := &Provenance{
		Tool:      Build{Module, "v1.2.3", "abc", true, "go1.99"},
		Command:   "analyze",
		Arguments: []string{"-delim=\t", "-seed=1", "--", "my data/it's"},
		Inputs:    []InputFile{{Name: "flows.csv", Path: "my data/it's/flows.csv", Size: 12, SHA256: "ff"}, {Name: "stdin", Size: 0, SHA256: "e3"}},
	}
	want := `provenance: copnet v1.2.3 (revision abc, modified; go1.99); netmetrics analyze '-delim=	' -seed=1 -- 'my data/it'\''s'; inputs: 'my data/it'\''s/flows.csv' 12 bytes sha256:ff, stdin 0 bytes sha256:e3`
	if got := p.String(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
