package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/copnet/copnet/io/csvio"
	"github.com/copnet/copnet/metrics"
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
	if err := d.checkStdin(rest); err != nil {
		return err
	}
	switch {
	case len(rest) > 1:
		return usagef("want one dataset folder, got %d arguments: %q", len(rest), rest)
	case d.flows != "":
		if len(rest) > 0 {
			return usagef("give either DIR or -flows, not both")
		}
		if d.flows == "-" {
			problems = csvio.ValidateReaders(d.readers(stdin), opt)
		} else {
			problems = csvio.Validate(d.files(), opt)
		}
	case d.members != "" || d.communities != "" || d.knowledge != "":
		return usagef("-members, -communities and -knowledge go with -flows")
	case len(rest) == 0:
		return usagef("validate needs a dataset folder, -flows, or - for standard input")
	case rest[0] == "-":
		problems = csvio.ValidateReaders(d.readers(stdin), opt) // -members … were refused above
	default:
		problems = csvio.ValidatePreset(csvio.Preset(d.preset), rest[0], opt)
		for i, p := range problems {
			if p.Severity == csvio.Error {
				problems[i].Err = d.presetHint(rest[0], p.Err)
			}
		}
	}
	if len(problems) > 0 && errors.Is(problems[len(problems)-1].Err, csvio.ErrUnknownPreset) {
		return inputError{problems[len(problems)-1].Err}
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
		fmt.Fprintf(stderr, "netmetrics: %s, %s\n", metrics.Counted(errs, "error"), metrics.Counted(len(problems)-errs, "warning"))
		return errReported
	}
	_, err = fmt.Fprintf(stdout, "ok: %s\n", metrics.Counted(len(problems), "warning"))
	return err
}
