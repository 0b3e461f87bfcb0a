package main

import (
	"io"

	"github.com/copnet/copnet/io/report"
)

func runSummary(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("summary", stderr)
	var d dataFlags
	d.register(fs)
	asJSON := fs.Bool("json", false, "print one JSON object")
	if err := parse(fs, args); err != nil {
		return err
	}
	ds, err := d.load(fs.Args(), stdin, stderr)
	if err != nil {
		return err
	}
	s, err := report.Describe(ds.net, ds.spec)
	if err != nil {
		return classify(err)
	}
	s.Dataset = ds.name
	s.SkippedRows = ds.report.Skipped
	for _, w := range ds.report.Warnings {
		s.Warnings = append(s.Warnings, w.Err.Error())
	}
	if *asJSON {
		return report.WriteJSON(stdout, s)
	}
	return s.WriteText(stdout)
}
