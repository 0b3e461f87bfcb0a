//go:build unix

package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"

	"github.com/copnet/copnet/io/report"
)

// TestMain lets a test run the command in a child process with a commit
// hook that kills it (see TestKillDuringCommit).
func TestMain(m *testing.M) {
	if step := os.Getenv("NETMETRICS_TEST_KILL_AT"); step != "" {
		report.TestHookCommit = func(s string) error {
			if s == step {
				syscall.Kill(os.Getpid(), syscall.SIGKILL)
				select {}
			}
			return nil
		}
		os.Exit(exitStatus(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr), os.Stderr))
	}
	os.Exit(m.Run())
}

// copyDataset copies the valid dataset of testdata/bad/ok into a new
// folder; without knowledge, the flows lose their knowledge column.
func copyDataset(t *testing.T, knowledge bool) string {
	t.Helper()
	dir := t.TempDir()
	for _, n := range []string{"flows.csv", "members.csv", "communities.csv"} {
		data, err := os.ReadFile(filepath.Join("../../testdata/bad/ok", n))
		if err != nil {
			t.Fatal(err)
		}
		if n == "flows.csv" && !knowledge {
			data = []byte("source,target,time\na,b,2021-01-01T10:00:00Z\nb,c,2021-01-02T10:00:00Z\nc,a,2021-01-03T10:00:00Z\n")
		}
		if err := os.WriteFile(filepath.Join(dir, n), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// snapshot returns the visible files of dir and their contents.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]string{}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			continue
		}
		data, _ := os.ReadFile(filepath.Join(dir, e.Name()))
		m[e.Name()] = string(data)
	}
	return m
}

func sameSnapshot(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

func keys(m map[string]string) []string {
	var k []string
	for n := range m {
		k = append(k, n)
	}
	slices.Sort(k)
	return k
}

// TestSymlinksDoNotGetPastInputProtection is case 1 of the hostile-user
// probe: an output reached through a link to the input folder, an input
// reached through a link, a linked flows.csv, and an output folder that is
// the dataset folder are all refused, and the dataset is unchanged.
func TestSymlinksDoNotGetPastInputProtection(t *testing.T) {
	inp := copyDataset(t, true)
	before := snapshot(t, inp)
	tmp := t.TempDir()
	lnk := filepath.Join(tmp, "lnk")
	if err := os.Symlink(inp, lnk); err != nil {
		t.Fatal(err)
	}
	// A dataset whose flows.csv is a link to the first dataset's.
	linked := t.TempDir()
	if err := os.Symlink(filepath.Join(inp, "flows.csv"), filepath.Join(linked, "flows.csv")); err != nil {
		t.Fatal(err)
	}
	flowsOnly := t.TempDir()
	if err := os.WriteFile(filepath.Join(flowsOnly, "flows.csv"), []byte("source,target\na,b\nb,c\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		args []string
	}{
		{"analyze -out LINK-TO-INPUT INPUT", []string{"analyze", "-out", lnk, inp}},
		{"analyze -out INPUT LINK-TO-INPUT", []string{"analyze", "-out", inp, lnk}},
		{"analyze -out INPUT INPUT", []string{"analyze", "-out", inp, inp}},
		{"dot -o LINK-TO-INPUT/flows.csv INPUT", []string{"dot", "-o", filepath.Join(lnk, "flows.csv"), inp}},
		{"dot -o INPUT/flows.csv LINK-TO-INPUT", []string{"dot", "-o", filepath.Join(inp, "flows.csv"), lnk}},
		{"dot -o INPUT/flows.csv DATASET-WITH-LINKED-FLOWS", []string{"dot", "-o", filepath.Join(inp, "flows.csv"), linked}},
		{"analyze -out INPUT DATASET-WITH-LINKED-FLOWS", []string{"analyze", "-out", inp, linked}},
		{"analyze -out INPUT -flows LINK-TO-INPUT/flows.csv", []string{"analyze", "-out", inp, "-flows", filepath.Join(lnk, "flows.csv")}},
		{"dot -o FLOWS-ONLY/members.csv FLOWS-ONLY", []string{"dot", "-o", filepath.Join(flowsOnly, "members.csv"), flowsOnly}},
		{"dot -o FLOWS-ONLY/Votes.csv FLOWS-ONLY", []string{"dot", "-o", filepath.Join(flowsOnly, "Votes.csv"), flowsOnly}},
		{"analyze -out FLOWS-ONLY FLOWS-ONLY", []string{"analyze", "-out", flowsOnly, flowsOnly}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, errs, code := runCLI(t, "", c.args...)
			if code != 2 || !strings.Contains(errs, "refusing") {
				t.Errorf("exit %d, stderr %q; want 2 and a refusal", code, errs)
			}
			if got := snapshot(t, inp); !sameSnapshot(got, before) {
				t.Errorf("the input folder changed: %v", keys(got))
			}
			if got := snapshot(t, flowsOnly); len(got) != 1 {
				t.Errorf("the flows-only folder now holds %v", keys(got))
			}
			for _, d := range []string{inp, flowsOnly} {
				if _, err := os.Stat(filepath.Join(d, ".netmetrics")); err == nil {
					t.Errorf("state folder created in the input folder %s", d)
				}
			}
		})
	}
	// A picture may still go beside the dataset under another name.
	if _, errs, code := runCLI(t, "", "dot", "-o", filepath.Join(lnk, "graph.dot"), inp); code != 0 {
		t.Errorf("dot -o INPUT/graph.dot: exit %d: %s", code, errs)
	}
}

// TestDeviceTargets is case 2: -o names a FIFO, a socket, /dev/full,
// /dev/stdout and (as root, in a private mount namespace) /dev/null; none
// is replaced by a regular file.
func TestDeviceTargets(t *testing.T) {
	data := copyDataset(t, true)
	want, _, code := runCLI(t, "", "dot", data)
	if code != 0 {
		t.Fatal("dot failed")
	}
	t.Run("FIFO", func(t *testing.T) {
		fifo := filepath.Join(t.TempDir(), "fifo")
		if err := syscall.Mkfifo(fifo, 0o644); err != nil {
			t.Skipf("mkfifo: %v", err)
		}
		got := make(chan []byte)
		go func() {
			f, err := os.Open(fifo)
			if err != nil {
				got <- nil
				return
			}
			b, _ := io.ReadAll(f)
			f.Close()
			got <- b
		}()
		if _, errs, code := runCLI(t, "", "dot", "-o", fifo, data); code != 0 {
			t.Fatalf("exit %d: %s", code, errs)
		}
		if b := <-got; string(b) != want {
			t.Errorf("read %d bytes from the FIFO, want %d", len(b), len(want))
		}
		if fi, err := os.Lstat(fifo); err != nil || fi.Mode()&os.ModeNamedPipe == 0 {
			t.Errorf("the FIFO was replaced: %v %v", fi.Mode(), err)
		}
	})
	t.Run("socket", func(t *testing.T) {
		sock := filepath.Join(t.TempDir(), "s")
		l, err := net.Listen("unix", sock)
		if err != nil {
			t.Skipf("unix socket: %v", err)
		}
		defer l.Close()
		_, errs, code := runCLI(t, "", "dot", "-o", sock, data)
		if code != 2 || !strings.Contains(errs, "not a regular file (a socket)") {
			t.Errorf("exit %d, stderr %q", code, errs)
		}
		if fi, err := os.Lstat(sock); err != nil || fi.Mode()&os.ModeSocket == 0 {
			t.Errorf("the socket was replaced")
		}
	})
	t.Run("/dev/full: disk full is exit 1", func(t *testing.T) {
		if _, err := os.Stat("/dev/full"); err != nil {
			t.Skip("no /dev/full")
		}
		_, errs, code := runCLI(t, "", "dot", "-o", "/dev/full", data)
		if code != 1 || !strings.Contains(errs, "no space left on device") {
			t.Errorf("exit %d, stderr %q; want 1 and no space left", code, errs)
		}
		if fi, err := os.Stat("/dev/full"); err != nil || fi.Mode()&os.ModeCharDevice == 0 {
			t.Errorf("/dev/full is no longer a device")
		}
	})
	if testing.Short() {
		return
	}
	bin := buildBinary(t)
	t.Run("/dev/stdout", func(t *testing.T) {
		cmd := exec.Command(bin, "dot", "-o", "/dev/stdout", data)
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr // pipes
		if err := cmd.Run(); err != nil {
			t.Fatalf("%v: %s", err, stderr.String())
		}
		if stdout.String() != want {
			t.Errorf("%d bytes on standard output, want %d", stdout.Len(), len(want))
		}
	})
	t.Run("summary into /dev/full: exit 1", func(t *testing.T) {
		full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
		if err != nil {
			t.Skip("no /dev/full")
		}
		defer full.Close()
		cmd := exec.Command(bin, "summary", data)
		var stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = full, &stderr
		err = cmd.Run()
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != 1 {
			t.Errorf("exit %v, want status 1 (stderr %q)", err, stderr.String())
		}
	})
	t.Run("/dev/null as root in a private mount namespace", func(t *testing.T) {
		unshare, err := exec.LookPath("unshare")
		if os.Geteuid() != 0 || err != nil {
			t.Skip("needs root and unshare(1): the device target /dev/null is tested only in a private mount namespace")
		}
		// A fresh /dev on a tmpfs, private to the namespace: a bug cannot
		// touch the machine's /dev/null.
		script := `set -e
mount -t tmpfs tmpfs /dev
mknod -m 666 /dev/null c 1 3
mknod -m 666 /dev/full c 1 7
"$1" dot -o /dev/null "$2"
echo "null: $(stat -c %F /dev/null)"
rc=0; "$1" dot -o /dev/full "$2" 2>/dev/null || rc=$?
echo "full: $(stat -c %F /dev/full) rc=$rc"
echo "entries: $(ls -A /dev | tr '\n' ' ')"`
		out, err := exec.Command(unshare, "-m", "--propagation", "private", "sh", "-c", script, "sh", bin, data).CombinedOutput()
		if err != nil && strings.Contains(string(out), "mount") {
			t.Skipf("cannot mount in a private namespace here: %v: %s", err, out)
		}
		if err != nil {
			t.Fatalf("%v: %s", err, out)
		}
		for _, w := range []string{"null: character special file", "full: character special file rc=1", "entries: full null \n"} {
			if !strings.Contains(string(out)+"\n", w) {
				t.Errorf("output lacks %q:\n%s", w, out)
			}
		}
	})
}

// TestRenameBlocked is case 3: a previous table replaced by a folder, and
// a rename that fails in the middle of the commit; either way the previous
// set stays whole.
func TestRenameBlocked(t *testing.T) {
	data := copyDataset(t, true)
	out := filepath.Join(t.TempDir(), "R")
	if _, errs, code := runCLI(t, "", "analyze", "-out", out, data); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	before := snapshot(t, out)
	if err := os.Remove(filepath.Join(out, "members.csv")); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(out, "members.csv"), 0o755); err != nil {
		t.Fatal(err)
	}
	before["members.csv"] = "" // a folder reads as empty
	other := copyDataset(t, false)
	_, errs, code := runCLI(t, "", "analyze", "-out", out, other)
	if code != 2 || !strings.Contains(errs, "not a regular file (a folder)") {
		t.Errorf("members.csv a folder: exit %d, stderr %q", code, errs)
	}
	if got := snapshot(t, out); !sameSnapshot(got, before) {
		t.Errorf("folder changed: %v", keys(got))
	}
	os.Remove(filepath.Join(out, "members.csv"))
	if _, errs, code := runCLI(t, "", "analyze", "-out", out, data); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	before = snapshot(t, out)
	// A rename that fails half-way (as over an immutable file): the
	// files already renamed go back.
	renames := 0
	report.TestHookCommit = func(step string) error {
		if strings.HasPrefix(step, "install ") {
			if renames++; renames == 4 {
				return &os.LinkError{Op: "rename", Old: "x", New: step, Err: syscall.EPERM}
			}
		}
		return nil
	}
	_, errs, code = runCLI(t, "", "analyze", "-out", out, other)
	report.TestHookCommit = nil
	if code != 1 || !strings.Contains(errs, "operation not permitted; the previous files were restored") {
		t.Errorf("failing rename: exit %d, stderr %q", code, errs)
	}
	if got := snapshot(t, out); !sameSnapshot(got, before) {
		t.Errorf("folder changed: %v", keys(got))
	}
}

// TestKillDuringCommit is case 3 under kill -9: a run killed between two
// renames of its commit leaves a folder that the next run recovers; the
// next run's set is then exactly its own.
func TestKillDuringCommit(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	data, other := copyDataset(t, true), copyDataset(t, false)
	ref := filepath.Join(t.TempDir(), "ref")
	if _, errs, code := runCLI(t, "", "analyze", "-out", ref, data); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	want := snapshot(t, ref)
	for _, step := range []string{"backup summary.json", "backup adoption.csv", "install members.csv", "install scope_windows.csv", "install .manifest", "commit", "cleanup"} {
		t.Run(step, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "R")
			if _, errs, code := runCLI(t, "", "analyze", "-out", out, data); code != 0 {
				t.Fatalf("exit %d: %s", code, errs)
			}
			cmd := exec.Command(os.Args[0], "analyze", "-out", out, other)
			cmd.Env = append(os.Environ(), "NETMETRICS_TEST_KILL_AT="+step)
			err := cmd.Run()
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
				t.Fatalf("child: %v, want killed", err)
			}
			if _, errs, code := runCLI(t, "", "analyze", "-out", out, data); code != 0 {
				t.Fatalf("next run: exit %d: %s", code, errs)
			}
			if got := snapshot(t, out); !sameSnapshot(got, want) {
				t.Errorf("after recovery: %v, want %v", keys(got), keys(want))
			}
			st, _ := os.ReadDir(filepath.Join(out, ".netmetrics"))
			var names []string
			for _, e := range st {
				names = append(names, e.Name())
			}
			if !slices.Equal(names, []string{"lock", "manifest"}) {
				t.Errorf("state folder holds %v", names)
			}
		})
	}
}

// TestConcurrentCommits is case 3 with two runs into one folder at once,
// 300 times: the folder always holds one run's whole set.
func TestConcurrentCommits(t *testing.T) {
	if testing.Short() {
		t.Skip("300 pairs of runs")
	}
	a, b := copyDataset(t, true), copyDataset(t, false)
	refs := make([]map[string]string, 2)
	for i, d := range []string{a, b} {
		out := filepath.Join(t.TempDir(), "ref")
		if _, errs, code := runCLI(t, "", "analyze", "-out", out, d); code != 0 {
			t.Fatalf("exit %d: %s", code, errs)
		}
		refs[i] = snapshot(t, out)
	}
	if sameSnapshot(refs[0], refs[1]) {
		t.Fatal("the two runs write the same set")
	}
	base := t.TempDir()
	if fi, err := os.Stat("/dev/shm"); err == nil && fi.IsDir() {
		// fsync is cheap on a memory file system.
		if d, err := os.MkdirTemp("/dev/shm", "netmetrics-test-"); err == nil {
			base = d
			defer os.RemoveAll(d)
		}
	}
	for i := range 300 {
		out := filepath.Join(base, fmt.Sprint(i))
		var wg sync.WaitGroup
		codes := make([]int, 2)
		for k, d := range []string{a, b} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				var o, e bytes.Buffer
				codes[k] = exitStatus(run([]string{"analyze", "-out", out, d}, nil, &o, &e), &e)
			}()
		}
		wg.Wait()
		if codes[0] != 0 || codes[1] != 0 {
			t.Fatalf("try %d: exit %v", i, codes)
		}
		got := snapshot(t, out)
		if !sameSnapshot(got, refs[0]) && !sameSnapshot(got, refs[1]) {
			t.Fatalf("try %d: mixed set %v", i, keys(got))
		}
		os.RemoveAll(out)
	}
}

// TestStaleTablesRemoved is case 4: a run with knowledge items, then one
// without, into one folder; the knowledge tables of the first are gone.
func TestStaleTablesRemoved(t *testing.T) {
	out := filepath.Join(t.TempDir(), "R")
	if _, errs, code := runCLI(t, "", "analyze", "-out", out, copyDataset(t, true)); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	first := snapshot(t, out)
	if _, ok := first["knowledge_items.csv"]; !ok {
		t.Fatalf("first run wrote %v", keys(first))
	}
	// A file of the user's stays.
	if err := os.WriteFile(filepath.Join(out, "notes.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	noKnowledge := copyDataset(t, false)
	ref := filepath.Join(t.TempDir(), "ref")
	if _, errs, code := runCLI(t, "", "analyze", "-out", ref, noKnowledge); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if _, errs, code := runCLI(t, "", "analyze", "-out", out, noKnowledge); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	want := snapshot(t, ref)
	want["notes.txt"] = "mine"
	if got := snapshot(t, out); !sameSnapshot(got, want) {
		t.Errorf("second run left %v, want %v", keys(got), keys(want))
	}
}

// multilineField writes a gzip-compressed flows file whose second row
// holds a quoted field of n line breaks.
func multilineField(t *testing.T, dir string, n int) string {
	t.Helper()
	path := filepath.Join(dir, "flows.csv.gz")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	zw := gzip.NewWriter(f)
	io.WriteString(zw, "source,target\n\"")
	chunk := bytes.Repeat([]byte{'\n'}, 1<<20)
	for n > 0 {
		k := min(n, len(chunk))
		zw.Write(chunk[:k])
		n -= k
	}
	io.WriteString(zw, "\",b\n")
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	return path
}

// TestMultilineFieldMemory is case 5: a quoted field of 256 MB of line
// breaks (a 250 KB gzip) is refused at the field limit, before it is
// buffered: the process's peak resident memory stays under 100 MB.
func TestMultilineFieldMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command")
	}
	dir := t.TempDir()
	multilineField(t, dir, 256<<20)
	bin := buildBinary(t)
	// GNU time reports the peak of its own child; the rusage of a child
	// of this (large) test process would include the test's memory,
	// which the kernel carries over the exec.
	timeBin, err := exec.LookPath("/usr/bin/time")
	if err != nil {
		t.Skip("no /usr/bin/time to measure peak memory")
	}
	cmd := exec.Command(timeBin, "-f", "peak %M", bin, "summary", dir)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err = cmd.Run()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 2 {
		t.Fatalf("exit %v, want 2", err)
	}
	msg, peak, _ := strings.Cut(stderr.String(), "peak ")
	if want := "netmetrics: flows.csv.gz:2:1: quoted field longer than the limit of 65536 bytes\n"; !strings.HasPrefix(msg, want) {
		t.Errorf("stderr %q, want %q", msg, want)
	}
	var rss int
	if _, err := fmt.Sscan(peak, &rss); err != nil {
		t.Fatalf("time(1) said %q", stderr.String())
	}
	t.Logf("peak RSS %d KiB", rss)
	if rss > 100<<10 {
		t.Errorf("peak RSS %d KiB, want under 100 MiB", rss)
	}
}

// TestStandardInput is case 7: "-" reads standard input for every
// subcommand that reads a dataset; a preset with "-" is refused.
func TestStandardInput(t *testing.T) {
	flows := "source,target,time\na,b,2021-01-01\nb,c,2021-01-02\n"
	members := filepath.Join(t.TempDir(), "members.csv")
	if err := os.WriteFile(members, []byte("id,name\na,Ann\nb,Bob\nc,Cy\nd,Dee\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		args     []string
		code     int
		inStdout string
		inStderr string
	}{
		{[]string{"validate", "-"}, 0, "ok: 0 warnings", ""},
		{[]string{"validate", "-flows", "-"}, 0, "ok: 0 warnings", ""},
		{[]string{"validate", "-flows", "-", "-members", members}, 0, "ok: 0 warnings", ""},
		{[]string{"summary", "-json", "-flows", "-", "-members", members}, 0, `"members": 4`, ""},
		{[]string{"summary", "-json", "-"}, 0, `"flows": 2`, ""},
		{[]string{"dot", "-"}, 0, "digraph", ""},
		{[]string{"analyze", "-"}, 0, "", ""},
		{[]string{"validate", "-preset", "sede", "-"}, 2, "", "netmetrics: -preset sede reads a folder of files; standard input holds one canonical flows.csv"},
		{[]string{"summary", "-preset", "sede", "-"}, 2, "", "netmetrics: -preset sede reads a folder of files"},
		{[]string{"summary", "-flows", "-", "-members", "-"}, 2, "", "netmetrics: only the flows can come from standard input"},
	}
	for _, c := range cases {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			out, errs, code := runCLI(t, flows, c.args...)
			if code != c.code || !strings.Contains(out, c.inStdout) || !strings.Contains(errs, c.inStderr) {
				t.Errorf("exit %d, stdout %.80q, stderr %q; want %d, %q, %q", code, out, errs, c.code, c.inStdout, c.inStderr)
			}
		})
	}
	// validate reads bad input from standard input too.
	_, errs, code := runCLI(t, "source,target,weight\na,b,-1\n", "validate", "-")
	if code != 2 || !strings.Contains(errs, "1 error,") {
		t.Errorf("bad stdin: exit %d, stderr %q", code, errs)
	}
}

// TestNamesQuoted is case 7: a file name holding a line break or an escape
// sequence is quoted on standard error.
func TestNamesQuoted(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "evil\nnetmetrics: all good\x1b[2J")
	_, errs, code := runCLI(t, "", "summary", dir)
	if code != 2 || strings.Count(errs, "\n") != 1 || strings.Contains(errs, "\x1b") || !strings.Contains(errs, `\nnetmetrics: all good\x1b[2J"`) {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
}

// TestWindowFlags is case 8: -window and -windows with different values
// are a usage error; the same value twice is not.
func TestWindowFlags(t *testing.T) {
	data := copyDataset(t, false)
	_, errs, code := runCLI(t, "", "analyze", "-window", "day", "-windows", "month", data)
	if code != 2 || !strings.Contains(errs, "netmetrics: -window day and -windows month: give one of them") {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
	if _, errs, code := runCLI(t, "", "analyze", "-window", "day", "-windows", "day", data); code != 0 {
		t.Errorf("same value: exit %d, stderr %q", code, errs)
	}
	// dot's -window is a window index, not the spec.
	if _, errs, code := runCLI(t, "", "dot", "-window", "1", "-windows", "day", data); code != 0 {
		t.Errorf("dot -window 1 -windows day: exit %d, stderr %q", code, errs)
	}
}

// TestSEDEHint is case 8: a SEDE export read without -preset sede names
// the preset.
func TestSEDEHint(t *testing.T) {
	for _, sub := range []string{"summary", "validate"} {
		out, errs, code := runCLI(t, "", sub, "../../testdata/sede-history-meta")
		if code != 2 || !strings.Contains(out+errs, "the folder holds Posts.csv.gz, a Stack Exchange Data Explorer export: add -preset sede") {
			t.Errorf("%s: exit %d, stderr %q", sub, code, errs)
		}
	}
}

// TestAutoWindowsCoffee is case 8 on the 2015 coffee export: the auto rule
// no longer cuts it into 40 daily windows of 2 to 4 active members.
func TestAutoWindowsCoffee(t *testing.T) {
	dir := "../../../shared/data/stackexchange-coffee-2015"
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("%s is absent (the shared datasets are not installed)", dir)
	}
	m := summaryJSON(t, "-preset", "sede", dir)
	// Weekly: 6 windows whose median has at least 10 active members
	// (by day the median is under 10; see graph's tests for the rule).
	if m["window_unit"] != "week" || m["windows"] != 6.0 {
		t.Errorf("auto: %v windows by %v, want 6 by week", m["windows"], m["window_unit"])
	}
}

// TestOutIsAFile: -out naming a file is a refused target (exit 2), and
// the file is left as it was.
func TestOutIsAFile(t *testing.T) {
	f := filepath.Join(t.TempDir(), "results")
	if err := os.WriteFile(f, []byte("keep\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, sets := range [][]string{{"../../testdata/karate"}, {"../../testdata/karate", "../../testdata/email-eu-core"}} {
		args := append([]string{"analyze", "-draws", "0", "-rewire-draws", "0", "-bootstrap", "0", "-out", f}, sets...)
		_, errs, code := runCLI(t, "", args...)
		if code != 2 || !strings.Contains(errs, "not a folder (a file)") {
			t.Errorf("%d datasets: exit %d, stderr %q; want 2 refusing a file as the output folder", len(sets), code, errs)
		}
		if b, _ := os.ReadFile(f); string(b) != "keep\n" {
			t.Errorf("the file became %q", b)
		}
	}
	// Below a file, WriteFiles refuses the folder too.
	err := report.WriteFiles(context.Background(), filepath.Join(f, "karate"), nil)
	if !errors.Is(err, report.ErrNotFolder) {
		t.Errorf("WriteFiles under a file: %v, want ErrNotFolder", err)
	}
}
