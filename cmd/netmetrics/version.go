package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"runtime"
	"text/tabwriter"

	"github.com/copnet/copnet/io/report"
)

// mainDependencies are the modules go.mod requires directly, in the
// order netmetrics version lists them (a test keeps the list equal to
// go.mod's).
var mainDependencies = []string{
	"github.com/gocarina/gocsv",
	"gonum.org/v1/gonum",
	"github.com/dominikbraun/graph",
	"github.com/schollz/progressbar/v3",
	"gonum.org/v1/plot",
	"golang.org/x/image",
	"golang.org/x/term",
}

// versionInfo is what netmetrics version prints.
type versionInfo struct {
	report.Build
	Platform     string              `json:"platform"`
	Dependencies []report.Dependency `json:"dependencies"`
}

func runVersion(_ context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("version", stderr)
	asJSON := fs.Bool("json", false, "print one JSON object")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("version takes no arguments, got %q", fs.Args())
	}
	v := versionInfo{Build: report.CurrentBuild(), Platform: runtime.GOOS + "/" + runtime.GOARCH,
		Dependencies: report.Dependencies(mainDependencies...)}
	if v.Dependencies == nil {
		v.Dependencies = []report.Dependency{}
	}
	if *asJSON {
		return report.WriteJSON(stdout, v)
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "netmetrics\t%s %s\n", v.Module, v.Version)
	modified := ""
	if v.Modified {
		modified = " (modified: built from a working tree with uncommitted changes)"
	}
	fmt.Fprintf(tw, "revision\t%s%s\n", v.Revision, modified)
	fmt.Fprintf(tw, "go\t%s %s\n", v.GoVersion, v.Platform)
	for _, d := range v.Dependencies {
		fmt.Fprintf(tw, "dependency\t%s %s\n", d.Path, d.Version)
	}
	return tw.Flush()
}

// resultFlags are the flags that say where results go, not what they
// are: provenance leaves them out, and verify sets -out itself.
var resultFlags = map[string]bool{"out": true, "format": true, "timings": true, "detail": true,
	"o": true, "network": true, "picture": true, "datasets": true} // report's page and picture

// provenance describes a run of command: copnet's build, every flag of fs
// that bears on the results as -name=value (defaults included, in name
// order) followed by "--" and the positional arguments, and the inputs
// the load read.
func provenance(command string, fs *flag.FlagSet, ds *dataset, positional []string) *report.Provenance {
	p := &report.Provenance{Tool: report.CurrentBuild(), Command: command, Arguments: []string{}, Inputs: []report.InputFile{}}
	fs.VisitAll(func(f *flag.Flag) {
		if !resultFlags[f.Name] {
			p.Arguments = append(p.Arguments, "-"+f.Name+"="+f.Value.String())
		}
	})
	if len(positional) > 0 {
		p.Arguments = append(append(p.Arguments, "--"), positional...)
	}
	for _, in := range ds.report.Inputs {
		p.Inputs = append(p.Inputs, report.InputFile{Name: in.Name, Path: in.Path, Size: in.Size, SHA256: in.SHA256})
	}
	return p
}
