package report

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
)

// File is one output file: its name in the folder and how to write it.
type File struct {
	Name  string
	Write func(io.Writer) error
}

// WriteFiles writes every file into dir, whole or not at all: each is
// written to a temporary file in dir, and only when all succeeded are they
// renamed into place. On failure, or when ctx is cancelled (an interrupt),
// the temporary files are removed and the files already in dir are left as
// they were. The folder is created when missing. Files whose names collide
// with protect (paths of the inputs) are refused before anything is
// written.
func WriteFiles(ctx context.Context, dir string, files []File, protect ...string) (err error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	for _, f := range files {
		target, err := filepath.Abs(filepath.Join(dir, f.Name))
		if err != nil {
			return fmt.Errorf("report: %w", err)
		}
		for _, p := range protect {
			if ap, err := filepath.Abs(p); err == nil && ap == target {
				return fmt.Errorf("report: refusing to overwrite input file %s", p)
			}
		}
	}
	var temps []string
	defer func() {
		if err != nil {
			for _, t := range temps {
				os.Remove(t)
			}
		}
	}()
	for _, f := range files {
		tmp, err := os.CreateTemp(dir, "."+f.Name+".tmp*")
		if err != nil {
			return fmt.Errorf("report: %w", err)
		}
		temps = append(temps, tmp.Name())
		werr := tmp.Chmod(0o644)
		if werr == nil {
			werr = f.Write(&ctxWriter{ctx: ctx, w: tmp})
		}
		if cerr := tmp.Close(); werr == nil {
			werr = cerr
		}
		if werr != nil {
			return fmt.Errorf("report: write %s: %w", f.Name, werr)
		}
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("report: interrupted: %w", err)
	}
	for i, f := range files {
		if err := os.Rename(temps[i], filepath.Join(dir, f.Name)); err != nil {
			return fmt.Errorf("report: %w", err)
		}
	}
	temps = slices.Delete(temps, 0, len(temps))
	return nil
}

// ctxWriter fails writes once its context is done, so that an interrupt
// stops a long table between two buffered writes.
type ctxWriter struct {
	ctx context.Context
	w   io.Writer
}

func (c *ctxWriter) Write(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, fmt.Errorf("interrupted: %w", err)
	}
	return c.w.Write(p)
}
