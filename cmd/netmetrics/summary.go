package main

import (
	"context"
	"io"

	"github.com/copnet/copnet/io/report"
)

func runSummary(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("summary", stderr)
	var d dataFlags
	d.register(fs)
	asJSON := fs.Bool("json", false, "print one JSON object")
	if err := parse(fs, args); err != nil {
		return err
	}
	ds, err := d.load(ctx, fs.Args(), stdin, stderr)
	if err != nil {
		return err
	}
	s, err := ds.summary()
	if err != nil {
		return err
	}
	if *asJSON {
		return report.WriteJSON(stdout, s)
	}
	return s.WriteText(stdout)
}

// summary describes the loaded dataset with its load report.
func (ds *dataset) summary() (report.Summary, error) {
	s, err := report.Describe(ds.net, ds.spec)
	if err != nil {
		return s, classify(err)
	}
	s.Dataset = ds.name
	s.SkippedRows = ds.report.Skipped
	for _, w := range ds.report.Warnings {
		s.Warnings = append(s.Warnings, w.Err.Error())
	}
	return s, nil
}
