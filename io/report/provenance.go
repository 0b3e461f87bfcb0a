package report

import (
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"strings"
)

// Module is copnet's module path.
const Module = "github.com/copnet/copnet"

// Provenance says what produced a result, so that a reader can cite it and
// rerun it: copnet's build, the command with every argument (defaults
// included), and each input with its size and SHA-256. It holds no
// wall-clock time: the same build, input and arguments give the same bytes.
type Provenance struct {
	Tool Build `json:"tool"`
	// Command is the netmetrics subcommand ("analyze").
	Command string `json:"command"`
	// Arguments are the command's arguments in a normalized form: every
	// flag that bears on the results as -name=value in name order, defaults
	// included, then "--" and the positional arguments, if any. The flags
	// naming where the output goes are left out.
	Arguments []string `json:"arguments"`
	// Inputs are the inputs read, in the order they were read.
	Inputs []InputFile `json:"inputs"`
}

// Build identifies a build of copnet.
type Build struct {
	Module string `json:"module"`
	// Version is the module version, "(devel)" for a build from a clone
	// whose version the go command could not tell.
	Version string `json:"version"`
	// Revision is the VCS revision of the build ("(unknown)" when the go
	// command did not record one, as under go test or go run), and
	// Modified whether the working tree had uncommitted changes then.
	Revision string `json:"revision"`
	Modified bool   `json:"modified"`
	// GoVersion is the Go toolchain that built the program.
	GoVersion string `json:"go_version"`
}

// InputFile is one input read: its name, its path when it is a file, its
// size in bytes and the hexadecimal SHA-256 of those bytes (what sha256sum
// prints for the file).
type InputFile struct {
	Name   string `json:"name"`
	Path   string `json:"path,omitempty"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// Dependency is a module linked into the program, with its version.
type Dependency struct {
	Path    string `json:"path"`
	Version string `json:"version"`
}

// Fallbacks of Build when the build information does not tell.
const (
	DevelVersion    = "(devel)"
	UnknownRevision = "(unknown)"
)

// CurrentBuild returns the build of copnet linked into the running
// program, from runtime/debug.ReadBuildInfo: the main module's version and
// VCS settings when the program is built from copnet's module (netmetrics),
// else the version of copnet as a dependency, whose revision is read from a
// pseudo-version.
func CurrentBuild() Build {
	info, ok := debug.ReadBuildInfo()
	return buildOf(info, ok)
}

func buildOf(info *debug.BuildInfo, ok bool) Build {
	b := Build{Module: Module, Version: DevelVersion, Revision: UnknownRevision, GoVersion: runtime.Version()}
	if !ok || info == nil {
		return b
	}
	if info.GoVersion != "" {
		b.GoVersion = info.GoVersion
	}
	if info.Main.Path == Module {
		if v := info.Main.Version; v != "" {
			b.Version = v
		}
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				if s.Value != "" {
					b.Revision = s.Value
				}
			case "vcs.modified":
				b.Modified = s.Value == "true"
			}
		}
		return b
	}
	for _, d := range info.Deps {
		if d.Path != Module {
			continue
		}
		if d.Replace != nil {
			d = d.Replace
		}
		if d.Version != "" {
			b.Version = d.Version
		}
		if rev := pseudoRevision(d.Version); rev != "" {
			b.Revision = rev
		}
	}
	return b
}

// pseudoRevision returns the revision prefix a pseudo-version
// (v0.0.0-20240101120000-0123456789ab) ends with, "" for another version.
func pseudoRevision(v string) string {
	v, _, _ = strings.Cut(v, "+")
	i := strings.LastIndexByte(v, '-')
	if i < 0 || len(v)-i-1 != 12 {
		return ""
	}
	rev := v[i+1:]
	for _, c := range rev {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return ""
		}
	}
	// The part before is a 14-digit timestamp, after "-" or ".".
	ts := v[:i]
	if len(ts) < 14 {
		return ""
	}
	for _, c := range ts[len(ts)-14:] {
		if c < '0' || c > '9' {
			return ""
		}
	}
	return rev
}

// Dependencies returns the modules linked into the running program whose
// path is in paths, in that order, with their versions (a replaced
// module's replacement version); a module not linked is left out.
func Dependencies(paths ...string) []Dependency {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return nil
	}
	var out []Dependency
	for _, p := range paths {
		for _, d := range info.Deps {
			if d.Path != p {
				continue
			}
			v := d.Version
			if d.Replace != nil {
				v = d.Replace.Version
				if v == "" {
					v = "=> " + d.Replace.Path
				}
			}
			out = append(out, Dependency{Path: p, Version: v})
		}
	}
	return out
}

// String describes the build: "copnet VERSION (revision REV[, modified];
// GOVERSION)".
func (b Build) String() string {
	mod := ""
	if b.Modified {
		mod = ", modified"
	}
	return fmt.Sprintf("copnet %s (revision %s%s; %s)", b.Version, b.Revision, mod, b.GoVersion)
}

// String is the provenance on one line: the build, the command line that
// reproduces the result, and each input's size and SHA-256.
func (p *Provenance) String() string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "provenance: %s; netmetrics %s", p.Tool, p.Command)
	for _, a := range p.Arguments {
		sb.WriteString(" " + ShellQuote(a))
	}
	sb.WriteString("; inputs:")
	for i, in := range p.Inputs {
		if i > 0 {
			sb.WriteString(",")
		}
		name := in.Path
		if name == "" {
			name = in.Name
		}
		fmt.Fprintf(&sb, " %s %d bytes sha256:%s", ShellQuote(name), in.Size, in.SHA256)
	}
	if len(p.Inputs) == 0 {
		sb.WriteString(" none")
	}
	return sb.String()
}

// WriteText writes the provenance as one line.
func (p *Provenance) WriteText(w io.Writer) error {
	_, err := fmt.Fprintln(w, p.String())
	return err
}

// ShellQuote quotes s for a POSIX shell when it needs it: as it is when
// it holds only letters, digits and -_=./:,+@%, else in single quotes.
func ShellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || strings.ContainsRune("-_=./:,+@%", r))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
