package main

import (
	"bytes"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// buildBinary builds netmetrics into a temporary folder.
func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "netmetrics")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// TestInterruptLeavesPreviousResults sends SIGINT to a real process while
// it reads its input: it exits 130, says so, and leaves the previous
// results and no temporary file.
func TestInterruptLeavesPreviousResults(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command")
	}
	bin := buildBinary(t)
	out := t.TempDir()
	if err := os.WriteFile(filepath.Join(out, "summary.json"), []byte("previous"), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "analyze", "-out", out, "-")
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	io.WriteString(stdin, "source,target\na,b\n") // and then nothing: the read blocks
	time.Sleep(300 * time.Millisecond)
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	err = cmd.Wait()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 130 {
		t.Errorf("exit: %v, want status 130", err)
	}
	if !strings.Contains(stderr.String(), "netmetrics: interrupted; no output was written") {
		t.Errorf("stderr %q", stderr.String())
	}
	entries, _ := os.ReadDir(out)
	if len(entries) != 1 {
		t.Errorf("%d entries in the output folder, want only the previous summary.json", len(entries))
	}
	if got, _ := os.ReadFile(filepath.Join(out, "summary.json")); string(got) != "previous" {
		t.Errorf("summary.json = %q", got)
	}
	stdin.Close()
}
