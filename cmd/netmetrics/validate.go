package main

import (
	"context"
	"fmt"
	"io"

	"github.com/copnet/copnet/io/csvio"
)

func runValidate(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("validate", stderr)
	var d dataFlags
	d.register(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	opt, err := d.options(ctx, stderr)
	if err != nil {
		return err
	}
	var problems []csvio.Problem
	rest := fs.Args()
	switch {
	case len(rest) > 1:
		return usagef("want one dataset folder, got %d arguments", len(rest))
	case d.flows != "":
		if len(rest) > 0 {
			return usagef("give either DIR or -flows, not both")
		}
		problems = csvio.Validate(d.files(), opt)
	case len(rest) == 0:
		return usagef("validate needs a dataset folder or -flows")
	default:
		problems = csvio.ValidatePreset(csvio.Preset(d.preset), rest[0], opt)
	}
	errs := 0
	for _, p := range problems {
		if _, err := fmt.Fprintln(stdout, p.String()); err != nil {
			return err
		}
		if p.Severity == csvio.Error {
			errs++
		}
	}
	if errs > 0 {
		fmt.Fprintf(stderr, "netmetrics: %d errors, %d warnings\n", errs, len(problems)-errs)
		return errReported
	}
	_, err = fmt.Fprintf(stdout, "ok: %d warnings\n", len(problems))
	return err
}
