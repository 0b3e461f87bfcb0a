package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"
)

// config is the benchmark as the flags ask for it, paths resolved.
type config struct {
	sizes        []dataset
	runs         int
	work         string
	repo         string // module root; "" when -netmetrics and -tools make it unneeded
	tools        string
	python       string
	netmetrics   string // a binary to measure; "" builds ./cmd/netmetrics
	windowDays   int
	analyzeArgs  []string // more arguments of netmetrics analyze
	skip         []string
	bcK          int
	networkx     map[string]bool
	stageTimeout int // igraph's
	nxTimeout    int // NetworkX's
	jsonOut      string
	tableFrom    string // print the table of these saved results instead
	progress     io.Writer
}

// bench runs every measurement and returns the results; a tool that fails
// is recorded in its run and reported in err after every other
// measurement was made.
func bench(ctx context.Context, cfg config) (*results, error) {
	res := &results{
		GOOS: runtime.GOOS, GOARCH: runtime.GOARCH, CPUs: runtime.NumCPU(),
		Runs: cfg.runs, WindowDays: cfg.windowDays, Skip: cfg.skip,
		StageTimeout: cfg.stageTimeout, NXStageTimeout: cfg.nxTimeout,
		Date: time.Now().UTC().Truncate(time.Second),
	}
	for _, d := range cfg.sizes {
		if cfg.networkx[d.Name] {
			res.NetworkXSizes = append(res.NetworkXSizes, d.Name)
		}
	}
	nm := cfg.netmetrics
	if nm == "" {
		var err error
		if nm, err = buildNetmetrics(ctx, cfg); err != nil {
			return nil, err
		}
		res.Commit = commitOf(ctx, cfg.repo)
	}
	timings, err := hasTimingsFlag(ctx, nm)
	if err != nil {
		return nil, err
	}
	res.NetmetricsTime = timings
	var failed []error
	for _, d := range cfg.sizes {
		dir, err := ensureDataset(ctx, cfg, d)
		if err != nil {
			return res, err
		}
		fi, err := os.Stat(filepath.Join(dir, "flows.csv"))
		if err != nil {
			return res, fmt.Errorf("copnet-bench: %w", err)
		}
		s := &sizeResult{dataset: d, Dir: dir, FlowsBytes: fi.Size()}
		res.Sizes = append(res.Sizes, s)
		engines := []string{toolIgraph}
		if cfg.networkx[d.Name] {
			engines = append(engines, toolNetworkX)
		}
		out := filepath.Join(cfg.work, "out", d.Name)
		nmr := &toolResult{Tool: toolNetmetrics}
		s.Tools = append(s.Tools, nmr)
		refr := map[string]*toolResult{}
		for _, e := range engines {
			refr[e] = &toolResult{Tool: e}
			s.Tools = append(s.Tools, refr[e])
		}
		// The tools take turns within each repetition so that a change in
		// the machine's load touches them alike.
		for i := 1; i <= cfg.runs; i++ {
			r, err := runNetmetrics(ctx, cfg, nm, timings, dir, filepath.Join(out, toolNetmetrics), i, nmr)
			if err := record(ctx, nmr, r, err, &failed); err != nil {
				return res, err
			}
			for _, e := range engines {
				r, err := runRef(ctx, cfg, e, dir, filepath.Join(out, e), i, refr[e])
				if err := record(ctx, refr[e], r, err, &failed); err != nil {
					return res, err
				}
			}
		}
	}
	return res, errors.Join(failed...)
}

// record adds a run to t. A failed run is kept with its error and the error
// added to failed; an interruption ends the benchmark.
func record(ctx context.Context, t *toolResult, r measurement, err error, failed *[]error) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if err != nil {
		r.Error = err.Error()
		*failed = append(*failed, err)
	}
	t.Runs = append(t.Runs, r)
	return nil
}

// buildNetmetrics builds ./cmd/netmetrics of the repository into the work
// folder.
func buildNetmetrics(ctx context.Context, cfg config) (string, error) {
	bin := filepath.Join(cfg.work, "bin", "netmetrics")
	if runtime.GOOS == "windows" {
		bin += ".exe"
	}
	fmt.Fprintf(cfg.progress, "copnet-bench: building %s\n", bin)
	cmd := exec.CommandContext(ctx, "go", "build", "-o", bin, "./cmd/netmetrics")
	cmd.Dir = cfg.repo
	if out, err := cmd.CombinedOutput(); err != nil {
		if ctx.Err() != nil {
			return "", ctx.Err()
		}
		return "", fmt.Errorf("copnet-bench: go build ./cmd/netmetrics: %w\n%s", err, out)
	}
	return bin, nil
}

// commitOf names the repository's checked-out commit, with "+changes" when
// the work tree differs from it; "" when git cannot tell.
func commitOf(ctx context.Context, repo string) string {
	out, err := exec.CommandContext(ctx, "git", "-C", repo, "rev-parse", "--short=12", "HEAD").Output()
	if err != nil {
		return ""
	}
	c := strings.TrimSpace(string(out))
	if st, err := exec.CommandContext(ctx, "git", "-C", repo, "status", "--porcelain", "--untracked-files=no").Output(); err == nil && len(bytes.TrimSpace(st)) > 0 {
		c += "+changes"
	}
	return c
}

// hasTimingsFlag reports whether `netmetrics analyze` takes -timings FILE,
// from its usage text.
func hasTimingsFlag(ctx context.Context, bin string) (bool, error) {
	var out bytes.Buffer
	cmd := exec.CommandContext(ctx, bin, "analyze", "-h")
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return false, fmt.Errorf("copnet-bench: %s analyze -h: %w\n%s", bin, err, out.Bytes())
	}
	return usageHasFlag(out.String(), "timings"), nil
}

// usageHasFlag reports whether a flag package usage text lists -name.
func usageHasFlag(usage, name string) bool {
	for _, line := range strings.Split(usage, "\n") {
		f := strings.Fields(line)
		if len(f) > 0 && (f[0] == "-"+name || f[0] == "--"+name) {
			return true
		}
	}
	return false
}

// ensureDataset returns the dataset's folder, generating it with gen_cop.py
// when it is not there yet. It is written under a temporary name and
// renamed when complete, so an interrupted generation is never reused.
func ensureDataset(ctx context.Context, cfg config, d dataset) (string, error) {
	dir := filepath.Join(cfg.work, "data", d.key())
	if _, err := os.Stat(filepath.Join(dir, "flows.csv")); err == nil {
		fmt.Fprintf(cfg.progress, "copnet-bench: %s: reusing %s\n", d.Name, dir)
		return dir, nil
	}
	tmp := dir + ".tmp"
	if err := os.RemoveAll(tmp); err != nil {
		return "", fmt.Errorf("copnet-bench: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
		return "", fmt.Errorf("copnet-bench: %w", err)
	}
	fmt.Fprintf(cfg.progress, "copnet-bench: %s: generating %s\n", d.Name, dir)
	args := append([]string{filepath.Join(cfg.tools, "gen_cop.py")}, d.genArgs(tmp)...)
	cmd := exec.CommandContext(ctx, cfg.python, args...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return "", ctx.Err()
		}
		return "", fmt.Errorf("copnet-bench: gen_cop.py %s: %w\n%s", strings.Join(d.genArgs(tmp), " "), err, tail(out.Bytes(), 20))
	}
	// A folder without flows.csv is what an older, interrupted layout left.
	if err := os.RemoveAll(dir); err != nil {
		return "", fmt.Errorf("copnet-bench: %w", err)
	}
	if err := os.Rename(tmp, dir); err != nil {
		return "", fmt.Errorf("copnet-bench: %w", err)
	}
	return dir, nil
}

// runNetmetrics measures one `netmetrics analyze` of the dataset in data.
func runNetmetrics(ctx context.Context, cfg config, bin string, timings bool, data, out string, i int, t *toolResult) (measurement, error) {
	tfile := filepath.Join(out, fmt.Sprintf("timings-run%d.json", i))
	args := append([]string{"analyze", "-window", strconv.Itoa(cfg.windowDays) + "d"}, cfg.analyzeArgs...)
	args = append(args, "-out", filepath.Join(out, "tables"))
	if timings {
		args = append(args, "-timings", tfile)
	}
	args = append(args, data)
	t.Command = append([]string{bin}, args...)
	if err := os.MkdirAll(out, 0o755); err != nil {
		return measurement{}, fmt.Errorf("copnet-bench: %w", err)
	}
	if err := removeIfThere(tfile); err != nil {
		return measurement{}, err
	}
	fmt.Fprintf(cfg.progress, "copnet-bench: %s\n", strings.Join(t.Command, " "))
	r, err := measure(ctx, filepath.Join(out, fmt.Sprintf("run%d.log", i)), bin, args...)
	if err != nil {
		return r, fmt.Errorf("copnet-bench: netmetrics on %s: %w", filepath.Base(data), err)
	}
	if !timings {
		// Without stage timings, the load is measured apart: a summary
		// process loads the same files and adds little to it.
		sargs := []string{"summary", "-windows", strconv.Itoa(cfg.windowDays) + "d", data}
		fmt.Fprintf(cfg.progress, "copnet-bench: %s %s\n", bin, strings.Join(sargs, " "))
		sr, err := measure(ctx, filepath.Join(out, fmt.Sprintf("summary-run%d.log", i)), bin, sargs...)
		if err != nil {
			return r, fmt.Errorf("copnet-bench: netmetrics summary on %s: %w", filepath.Base(data), err)
		}
		r.Stages = map[string]stage{"load": {Seconds: sr.WallSeconds, Status: statusOK}}
		return r, nil
	}
	b, err := os.ReadFile(tfile)
	if err != nil {
		return r, fmt.Errorf("copnet-bench: %w", err)
	}
	if r.Stages, err = parseNetmetricsTimings(b); err != nil {
		return r, fmt.Errorf("copnet-bench: %s: %w", tfile, err)
	}
	return r, nil
}

// runRef measures one ref_metrics.py run of engine on the dataset in data.
func runRef(ctx context.Context, cfg config, engine, data, out string, i int, t *toolResult) (measurement, error) {
	odir := filepath.Join(out, fmt.Sprintf("run%d", i))
	timeout := cfg.stageTimeout
	if engine == toolNetworkX {
		timeout = cfg.nxTimeout
	}
	args := []string{filepath.Join(cfg.tools, "ref_metrics.py"), "--data", data, "--engine", engine,
		"--out", odir, "--window-days", strconv.Itoa(cfg.windowDays),
		"--bc-k", strconv.Itoa(cfg.bcK), "--stage-timeout", strconv.Itoa(timeout)}
	if len(cfg.skip) > 0 {
		args = append(args, "--skip", strings.Join(cfg.skip, ","))
	}
	t.Command = append([]string{cfg.python}, args...)
	if err := os.RemoveAll(odir); err != nil {
		return measurement{}, fmt.Errorf("copnet-bench: %w", err)
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return measurement{}, fmt.Errorf("copnet-bench: %w", err)
	}
	fmt.Fprintf(cfg.progress, "copnet-bench: %s\n", strings.Join(t.Command, " "))
	log := filepath.Join(out, fmt.Sprintf("run%d.log", i))
	r, err := measure(ctx, log, cfg.python, args...)
	if err != nil {
		// The stages that finished before the failure are still reported.
		if f, ferr := os.Open(log); ferr == nil {
			r.Stages, _ = parseRefStderr(f)
			f.Close()
		}
		return r, fmt.Errorf("copnet-bench: ref_metrics %s on %s: %w", engine, filepath.Base(data), err)
	}
	b, err := os.ReadFile(filepath.Join(odir, "timings_"+engine+".json"))
	if err != nil {
		return r, fmt.Errorf("copnet-bench: %w", err)
	}
	if r.Stages, t.Versions, err = parseRefTimings(b); err != nil {
		return r, fmt.Errorf("copnet-bench: %s: %w", engine, err)
	}
	return r, nil
}

// measure runs name with args, its standard output and error into the file
// log, and returns its wall time and peak resident memory. On failure the
// error carries the end of the log.
func measure(ctx context.Context, log, name string, args ...string) (measurement, error) {
	f, err := os.Create(log)
	if err != nil {
		return measurement{}, err
	}
	defer f.Close()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Stdout, cmd.Stderr = f, f
	start := time.Now()
	err = cmd.Run()
	r := measurement{WallSeconds: time.Since(start).Seconds()}
	if cmd.ProcessState != nil {
		r.PeakRSSKiB = peakRSSKiB(cmd.ProcessState)
	}
	if err != nil {
		if ctx.Err() != nil {
			return r, ctx.Err()
		}
		b, _ := os.ReadFile(log)
		return r, fmt.Errorf("%w (log %s)\n%s", err, log, tail(b, 20))
	}
	return r, nil
}

// tail is the last n lines of b.
func tail(b []byte, n int) []byte {
	b = bytes.TrimRight(b, "\n")
	lines := bytes.Split(b, []byte("\n"))
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return bytes.Join(lines, []byte("\n"))
}

func removeIfThere(name string) error {
	if err := os.Remove(name); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("copnet-bench: %w", err)
	}
	return nil
}
