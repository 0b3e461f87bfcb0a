package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
)

// modulePath identifies the repository's go.mod when looking for its root.
const modulePath = "github.com/copnet/copnet"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := runContext(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(exitStatus(err, os.Stderr))
}

// usageError marks a usage error: exit status 2.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error {
	return usageError{fmt.Errorf("copnet-bench: "+format, args...)}
}

// exitStatus prints err and returns the exit status.
func exitStatus(err error, stderr io.Writer) int {
	switch {
	case err == nil || errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(stderr, "copnet-bench: interrupted")
		return 130
	}
	fmt.Fprintln(stderr, err)
	if errors.As(err, new(usageError)) {
		return 2
	}
	return 1
}

// run runs copnet-bench with the command-line arguments args.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	return runContext(context.Background(), args, stdin, stdout, stderr)
}

func runContext(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	cfg, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	if cfg.tableFrom != "" {
		res, err := readJSON(cfg.tableFrom)
		if err != nil {
			return err
		}
		if err := writeTable(stdout, res); err != nil {
			return fmt.Errorf("copnet-bench: %w", err)
		}
		return nil
	}
	res, err := bench(ctx, cfg)
	if res != nil && len(res.Sizes) > 0 {
		if werr := writeTable(stdout, res); werr != nil {
			return errors.Join(err, fmt.Errorf("copnet-bench: %w", werr))
		}
		if cfg.jsonOut != "" {
			if jerr := writeJSON(cfg.jsonOut, res); jerr != nil {
				return errors.Join(err, jerr)
			}
		}
	}
	return err
}

// parseFlags maps the command line onto a config; errors are usage errors.
func parseFlags(args []string, stderr io.Writer) (config, error) {
	fs := flag.NewFlagSet("copnet-bench", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	sizes := fs.String("sizes", "20k,1m", "datasets to measure: "+sizeNames())
	runs := fs.Int("runs", 1, "measure each tool this many times per size; the table shows medians")
	work := fs.String("work", "", "folder for datasets, the netmetrics binary and outputs (default: copnet-bench in the user cache folder)")
	tools := fs.String("tools", "", "folder of gen_cop.py and ref_metrics.py (default: ../shared/tools from the repository root)")
	python := fs.String("python", "/usr/bin/python3", "Python with numpy, pandas, python-igraph and NetworkX")
	nm := fs.String("netmetrics", "", "measure this netmetrics binary instead of building ./cmd/netmetrics")
	window := fs.String("window", "30d", "time windows in whole days, for both tools")
	analyzeArgs := fs.String("args", "", "more arguments of netmetrics analyze, separated by spaces (\"-draws 0 -rewire-draws 0 -bootstrap 0\" leaves out the claims, which the reference tools do not compute)")
	skip := fs.String("skip", "betweenness,write,core", "ref_metrics.py stages to skip")
	bcK := fs.Int("bc-k", 500, "ref_metrics.py --bc-k: NetworkX betweenness sources, when betweenness is not skipped")
	nx := fs.String("networkx", "20k", "sizes where NetworkX runs too, or none")
	timeout := fs.Int("stage-timeout", 300, "ref_metrics.py --stage-timeout for igraph: seconds after which a stage is stopped")
	nxTimeout := fs.Int("nx-stage-timeout", 60, "ref_metrics.py --stage-timeout for NetworkX")
	jsonOut := fs.String("json", "", "also save the results as JSON into FILE")
	tableFrom := fs.String("table", "", "print the table of results saved by -json into FILE, measuring nothing")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: copnet-bench [flags]\n\nflags:\n")
		fs.SetOutput(stderr)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return config{}, err
		}
		fs.Usage()
		return config{}, usagef("%w", err)
	}
	if fs.NArg() > 0 {
		return config{}, usagef("unexpected argument %q", fs.Arg(0))
	}
	if *tableFrom != "" {
		return config{tableFrom: *tableFrom}, nil
	}
	cfg := config{runs: *runs, python: *python, netmetrics: *nm, bcK: *bcK,
		stageTimeout: *timeout, nxTimeout: *nxTimeout, jsonOut: *jsonOut, progress: stderr}
	var err error
	if cfg.sizes, err = parseSizes(*sizes); err != nil {
		return cfg, usagef("-sizes: %w", err)
	}
	if len(cfg.sizes) == 0 {
		return cfg, usagef("-sizes: no size to measure")
	}
	nxSizes, err := parseSizes(*nx)
	if err != nil {
		return cfg, usagef("-networkx: %w", err)
	}
	cfg.networkx = map[string]bool{}
	for _, d := range nxSizes {
		cfg.networkx[d.Name] = true
	}
	cfg.analyzeArgs = strings.Fields(*analyzeArgs)
	if cfg.windowDays, err = parseWindowDays(*window); err != nil {
		return cfg, usagef("-window: %w", err)
	}
	for _, s := range strings.Split(*skip, ",") {
		if s = strings.TrimSpace(s); s != "" {
			cfg.skip = append(cfg.skip, s)
		}
	}
	switch {
	case cfg.runs < 1:
		return cfg, usagef("-runs %d: want at least 1", cfg.runs)
	case cfg.stageTimeout < 1:
		return cfg, usagef("-stage-timeout %d: want at least 1", cfg.stageTimeout)
	case cfg.nxTimeout < 1:
		return cfg, usagef("-nx-stage-timeout %d: want at least 1", cfg.nxTimeout)
	case cfg.bcK < 0:
		return cfg, usagef("-bc-k %d: want 0 (exact) or more", cfg.bcK)
	}
	if cfg.netmetrics == "" || *tools == "" {
		if cfg.repo, err = repoRoot(); err != nil {
			return cfg, usagef("%w (run inside the repository, or give -netmetrics and -tools)", err)
		}
	}
	if cfg.tools = *tools; cfg.tools == "" {
		cfg.tools = findTools(cfg.repo)
	}
	for _, f := range []string{"gen_cop.py", "ref_metrics.py"} {
		if _, err := os.Stat(filepath.Join(cfg.tools, f)); err != nil {
			return cfg, usagef("-tools: %w", err)
		}
	}
	if cfg.work = *work; cfg.work == "" {
		cache, err := os.UserCacheDir()
		if err != nil {
			return cfg, usagef("-work: %w", err)
		}
		cfg.work = filepath.Join(cache, "copnet-bench")
	}
	if cfg.work, err = filepath.Abs(cfg.work); err != nil {
		return cfg, usagef("-work: %w", err)
	}
	return cfg, nil
}

// repoRoot finds the module root above the working directory.
func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if isModuleRoot(filepath.Join(dir, "go.mod")) {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("no go.mod of %s above the working directory", modulePath)
		}
		dir = parent
	}
}

// findTools is ../shared/tools from the repository root, or else the
// nearest shared/tools further up (a git worktree may sit deeper than the
// main checkout).
func findTools(repo string) string {
	first := filepath.Join(filepath.Dir(repo), "shared", "tools")
	for dir := filepath.Dir(repo); ; {
		t := filepath.Join(dir, "shared", "tools")
		if _, err := os.Stat(filepath.Join(t, "ref_metrics.py")); err == nil {
			return t
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return first
		}
		dir = parent
	}
}

func isModuleRoot(gomod string) bool {
	f, err := os.Open(gomod)
	if err != nil {
		return false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if m, ok := strings.CutPrefix(strings.TrimSpace(sc.Text()), "module "); ok {
			return strings.Trim(strings.TrimSpace(m), `"`) == modulePath
		}
	}
	return false
}

// writeJSON saves the results, indented, into name.
func writeJSON(name string, res *results) error {
	b, err := json.MarshalIndent(res, "", "  ")
	if err != nil {
		return fmt.Errorf("copnet-bench: %w", err)
	}
	if err := os.WriteFile(name, append(b, '\n'), 0o644); err != nil {
		return fmt.Errorf("copnet-bench: %w", err)
	}
	return nil
}

// readJSON reads results saved by writeJSON.
func readJSON(name string) (*results, error) {
	b, err := os.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("copnet-bench: %w", err)
	}
	var res results
	if err := json.Unmarshal(b, &res); err != nil {
		return nil, fmt.Errorf("copnet-bench: %s: %w", name, err)
	}
	if len(res.Sizes) == 0 {
		return nil, fmt.Errorf("copnet-bench: %s: no results", name)
	}
	return &res, nil
}
