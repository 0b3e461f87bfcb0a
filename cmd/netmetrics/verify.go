package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/copnet/copnet/io/csvio"
	"github.com/copnet/copnet/io/report"
)

// errNotReproduced matches, with errors.Is, a difference found by verify:
// exit status 1.
var errNotReproduced = errors.New("not reproduced")

// notReproducedError is a difference found by verify.
type notReproducedError struct{ msg string }

func (e *notReproducedError) Error() string        { return "verify: " + e.msg }
func (e *notReproducedError) Is(target error) bool { return target == errNotReproduced }

func notReproduced(format string, args ...any) error {
	return &notReproducedError{fmt.Sprintf(format, args...)}
}

// runVerify checks an output folder of analyze against its provenance:
// the inputs it names must have the same size and SHA-256, and a rerun
// with the recorded arguments must write the same bytes into every file.
// Exit status 0 when so, 1 naming the first difference, 2 when the folder
// holds no provenance or the run cannot be repeated.
func runVerify(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("verify", stderr)
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("verify: want one output folder of netmetrics analyze, got %d arguments", fs.NArg())
	}
	dir := fs.Arg(0)
	if batch, err := batchFolders(dir); err != nil || batch != nil {
		if err != nil {
			return err
		}
		// A batch's folder: each dataset's, in name order, up to the
		// first that is not reproduced.
		for _, d := range batch {
			if err := verifyOne(ctx, d, stdout, stderr); err != nil {
				return err
			}
		}
		return nil
	}
	return verifyOne(ctx, dir, stdout, stderr)
}

// batchFolders lists the dataset folders of a batch's output folder
// (datasets.csv and no summary.json), as its datasets.csv names them; nil
// for any other folder. A dataset named there without its folder is an
// error: nothing would check it.
func batchFolders(dir string) ([]string, error) {
	if _, err := os.Stat(filepath.Join(dir, "summary.json")); err == nil {
		return nil, nil
	}
	table := filepath.Join(dir, datasetsFile)
	if _, err := os.Stat(table); err != nil {
		return nil, nil
	}
	rows, err := readDatasets(table)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, r := range rows {
		d := filepath.Join(dir, r.Dataset)
		if !filepath.IsLocal(r.Dataset) {
			return nil, usagef("verify: %s names dataset %q, not a folder beside it", table, r.Dataset)
		}
		if _, err := os.Stat(filepath.Join(d, "summary.json")); err != nil {
			return nil, usagef("verify: %s names dataset %q, whose folder %s has no summary.json", table, r.Dataset, d)
		}
		out = append(out, d)
	}
	return out, nil
}

// verifyOne verifies one output folder of analyze.
func verifyOne(ctx context.Context, dir string, stdout, stderr io.Writer) error {
	p, err := readProvenance(dir)
	if err != nil {
		return err
	}
	if now := report.CurrentBuild(); now != p.Tool {
		fmt.Fprintf(stderr, "netmetrics: verify: %s was written by %s; rerunning with %s\n", dir, p.Tool, now)
	}
	if err := checkInputs(p); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "netmetrics-verify-")
	if err != nil {
		return fmt.Errorf("verify: %w", err)
	}
	defer os.RemoveAll(tmp)
	var rerr bytes.Buffer
	rerun := append([]string{p.Command, "-out=" + tmp}, p.Arguments...)
	if err := runContext(ctx, rerun, strings.NewReader(""), io.Discard, &rerr); err != nil {
		return fmt.Errorf("verify: rerunning netmetrics %s: %w", strings.Join(p.Arguments, " "), err)
	}
	names, err := outputNames(tmp)
	if err != nil {
		return fmt.Errorf("verify: %w", err)
	}
	for _, name := range names {
		if err := compareOutput(filepath.Join(dir, name), filepath.Join(tmp, name), name); err != nil {
			return err
		}
	}
	fmt.Fprintf(stdout, "verify: %s: %d inputs unchanged; %d files byte-identical to a rerun (%s)\n", dir, len(p.Inputs), len(names), strings.Join(names, ", "))
	return nil
}

// readProvenance reads the provenance recorded in dir/summary.json.
func readProvenance(dir string) (*report.Provenance, error) {
	path := filepath.Join(dir, "summary.json")
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, usagef("verify: %s: not an output folder of netmetrics analyze: %w", dir, err)
	}
	var s struct {
		Provenance *report.Provenance `json:"provenance"`
	}
	if err := json.Unmarshal(b, &s); err != nil {
		return nil, usagef("verify: %s: %w", path, err)
	}
	p := s.Provenance
	if p == nil || p.Command == "" {
		return nil, usagef("verify: %s has no provenance (written by a netmetrics older than verify, or not by analyze): nothing to check against", path)
	}
	if p.Command != "analyze" {
		return nil, usagef("verify: %s: provenance of command %q; verify reruns analyze only", path, p.Command)
	}
	return p, nil
}

// positional returns the positional arguments of a normalized argument
// list (those after "--").
func positional(args []string) []string {
	if i := slices.Index(args, "--"); i >= 0 {
		return args[i+1:]
	}
	return nil
}

// checkInputs checks that every input the provenance names still has its
// recorded size and SHA-256: files by their path (relative to the folder
// analyze ran in, as the arguments are), the embedded demo by its bytes.
func checkInputs(p *report.Provenance) error {
	pos := positional(p.Arguments)
	if slices.Equal(pos, []string{"-"}) {
		return usagef("verify: the results were computed from standard input, which cannot be read again")
	}
	var demo []csvio.InputFile
	for _, in := range p.Inputs {
		var now csvio.InputFile
		switch {
		case in.Path != "":
			h, err := csvio.HashFile(in.Path)
			if err != nil {
				if errors.Is(err, fs.ErrNotExist) {
					return notReproduced("input %s is missing (run verify from the folder analyze ran in: paths are relative to it): %v", in.Path, err)
				}
				return inputError{fmt.Errorf("verify: input %s: %w", in.Path, err)}
			}
			now = h
		case len(pos) == 0 && slices.Contains(p.Arguments, "-flows="):
			// No folder and no -flows: the embedded demo.
			if demo == nil {
				_, rep, err := csvio.Demo()
				if err != nil {
					return fmt.Errorf("verify: the embedded demo: %w", err)
				}
				demo = rep.Inputs
			}
			i := slices.IndexFunc(demo, func(d csvio.InputFile) bool { return d.Name == in.Name })
			if i < 0 {
				return notReproduced("input %s of the embedded demo is no longer embedded", in.Name)
			}
			now = demo[i]
		default:
			return usagef("verify: input %s was not read from a file and cannot be checked", in.Name)
		}
		if now.Size != in.Size || now.SHA256 != in.SHA256 {
			name := in.Path
			if name == "" {
				name = in.Name + " (embedded demo)"
			}
			return notReproduced("input %s changed: now %d bytes sha256 %s, recorded %d bytes sha256 %s", name, now.Size, now.SHA256, in.Size, in.SHA256)
		}
	}
	return nil
}

// outputNames lists the files a run wrote into dir, the tables first and
// summary.json last (a difference in a table says more than one in the
// summary), leaving out hidden files.
func outputNames(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var names []string
	summary := false
	for _, e := range entries {
		switch name := e.Name(); {
		case strings.HasPrefix(name, ".") || e.IsDir():
		case name == "summary.json":
			summary = true
		default:
			names = append(names, name)
		}
	}
	if summary {
		names = append(names, "summary.json")
	}
	return names, nil
}

// compareOutput compares a recorded output file with the rerun's, line by
// line, and names the first difference. In summary.json, the lines of
// provenance's "tool" object are left out: they name the build, which is
// reported apart.
func compareOutput(recorded, rerun, name string) error {
	want, err := os.Open(recorded)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return notReproduced("%s is missing; the rerun writes it", recorded)
		}
		return fmt.Errorf("verify: %w", err)
	}
	defer want.Close()
	got, err := os.Open(rerun)
	if err != nil {
		return fmt.Errorf("verify: %w", err)
	}
	defer got.Close()
	skip := func(*lineReader) {}
	if name == "summary.json" {
		skip = skipToolBlock
	}
	wr, gr := newLineReader(want), newLineReader(got)
	for {
		skip(wr)
		skip(gr)
		wl, werr := wr.next()
		gl, gerr := gr.next()
		if werr != nil && werr != io.EOF {
			return fmt.Errorf("verify: %s: %w", recorded, werr)
		}
		if gerr != nil && gerr != io.EOF {
			return fmt.Errorf("verify: %s: %w", rerun, gerr)
		}
		if !bytes.Equal(wl, gl) {
			switch {
			case werr == io.EOF && len(wl) == 0:
				return notReproduced("%s ends at line %d; the rerun goes on: %s", recorded, wr.line, excerpt(gl))
			case gerr == io.EOF && len(gl) == 0:
				return notReproduced("%s:%d: the rerun ends before this line: %s", recorded, wr.line, excerpt(wl))
			}
			return notReproduced("%s:%d differs from the rerun:\n  recorded: %s\n  rerun:    %s", recorded, wr.line, excerpt(wl), excerpt(gl))
		}
		if werr == io.EOF {
			return nil
		}
	}
}

// lineReader reads lines, with their number and one line of lookahead.
type lineReader struct {
	r       *bufio.Reader
	line    int    // number of the line last returned by next
	last    []byte // that line
	peeked  []byte
	peekErr error
	hasPeek bool
}

func newLineReader(r io.Reader) *lineReader { return &lineReader{r: bufio.NewReaderSize(r, 64<<10)} }

// next returns the next line with its "\n" (none at the end of the
// input), io.EOF with the last, possibly empty, line.
func (l *lineReader) next() ([]byte, error) {
	if l.hasPeek {
		l.hasPeek = false
		l.line++
		l.last = l.peeked
		return l.peeked, l.peekErr
	}
	b, err := l.r.ReadBytes('\n')
	l.line++
	l.last = b
	return b, err
}

func (l *lineReader) peek() ([]byte, error) {
	if !l.hasPeek {
		l.peeked, l.peekErr = l.r.ReadBytes('\n')
		l.hasPeek = true
	}
	return l.peeked, l.peekErr
}

// skipToolBlock passes over summary.json's `"tool": {...}` object when
// it comes right after the line opening "provenance" (report.WriteJSON
// indents by two spaces: the object closes on a line indented by four).
func skipToolBlock(l *lineReader) {
	if !bytes.Equal(l.last, []byte("  \"provenance\": {\n")) {
		return
	}
	b, err := l.peek()
	if err != nil || !bytes.HasPrefix(b, []byte(`    "tool": {`)) {
		return
	}
	l.next()
	for {
		b, err := l.next()
		if err != nil || bytes.HasPrefix(b, []byte("    }")) {
			return
		}
	}
}

// excerpt quotes a line, cut when long.
func excerpt(b []byte) string {
	s := strings.TrimRight(string(b), "\r\n")
	if len(s) > 160 {
		s = s[:160] + "…"
	}
	return fmt.Sprintf("%q", s)
}
