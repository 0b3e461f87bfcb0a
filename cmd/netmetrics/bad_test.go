package main

import (
	"bufio"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestBadInputCorpus runs netmetrics summary on every case of
// testdata/bad/cases.tsv: the exit status and the message must be exactly
// those listed, and a failing run prints nothing on standard output.
func TestBadInputCorpus(t *testing.T) {
	f, err := os.Open("../../testdata/bad/cases.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	n := 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		c := strings.Split(line, "\t")
		if len(c) != 6 {
			t.Fatalf("cases.tsv: %q has %d fields, want 6", line, len(c))
		}
		name, file, role, args, message := c[0], c[1], c[2], strings.Fields(c[3]), c[5]
		code, err := strconv.Atoi(c[4])
		if err != nil {
			t.Fatal(err)
		}
		n++
		t.Run(name, func(t *testing.T) {
			if role == "unreadable" && os.Geteuid() == 0 {
				unreadableAsNobody(t, code, message)
				return
			}
			dir := badDataset(t, file, role)
			stdout, stderr, got := runCLI(t, "", append(append([]string{"summary"}, args...), dir)...)
			if got != code {
				t.Errorf("exit %d, want %d (stderr %q)", got, code, stderr)
			}
			if code != 0 {
				// The fault, then what lists them all when the load stopped
				// at it.
				first, rest, _ := strings.Cut(strings.TrimSpace(stderr), "\n")
				if first != message {
					t.Errorf("stderr\n got %q\nwant %q", first, message)
				}
				var given []string
				for i := 0; i < len(args); i++ {
					if a := args[i]; a == "-strict" {
						given = append(given, a)
					} else {
						given = append(given, a+"="+args[i+1])
						i++
					}
				}
				if hint := "netmetrics: every problem of the input: netmetrics validate " + strings.Join(append(given, shellPath(dir)), " "); rest != "" && rest != hint {
					t.Errorf("stderr goes on with %q, want nothing or %q", rest, hint)
				}
				if stdout != "" {
					t.Errorf("partial output: %q", stdout)
				}
				return
			}
			if stderr != "" || !regexp.MustCompile(`(?m)^warning +`+regexp.QuoteMeta(message)+`$`).MatchString(stdout) {
				t.Errorf("want warning %q in\n%s(stderr %q)", message, stdout, stderr)
			}
		})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if n < 30 {
		t.Errorf("%d cases, want at least 30", n)
	}
}

// badDataset copies the valid dataset of testdata/bad/ok and puts the case
// file in the role's place.
func badDataset(t *testing.T, file, role string) string {
	t.Helper()
	dir := t.TempDir()
	copyFile := func(from, to string) {
		data, err := os.ReadFile(from)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(to, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, base := range []string{"flows", "members", "communities"} {
		if role != base && role != "sede" {
			copyFile(filepath.Join("../../testdata/bad/ok", base+".csv"), filepath.Join(dir, base+".csv"))
		}
	}
	ext := ".csv"
	if strings.HasSuffix(file, ".gz") {
		ext = ".csv.gz"
	}
	switch role {
	case "directory":
		os.Remove(filepath.Join(dir, "flows.csv"))
		if err := os.Mkdir(filepath.Join(dir, "flows.csv"), 0o755); err != nil {
			t.Fatal(err)
		}
	case "unreadable":
		if err := os.Chmod(filepath.Join(dir, "flows.csv"), 0); err != nil {
			t.Fatal(err)
		}
	case "sede":
		copyFile(filepath.Join("../../testdata/bad", file), filepath.Join(dir, "Posts.csv"))
	default:
		if file != "-" {
			copyFile(filepath.Join("../../testdata/bad", file), filepath.Join(dir, role+ext))
		}
	}
	return dir
}

// unreadableAsNobody checks the unreadable-file case when the tests run as
// root, who reads any file: the built command runs as user nobody through
// runuser.
func unreadableAsNobody(t *testing.T, code int, message string) {
	runuser, err := exec.LookPath("runuser")
	if err != nil {
		t.Skip("running as root without runuser: file permissions cannot be tested")
	}
	bin := buildBinary(t)
	dir := badDataset(t, "-", "unreadable")
	for _, p := range []string{filepath.Dir(bin), dir, filepath.Dir(dir)} {
		if err := os.Chmod(p, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command(runuser, "-u", "nobody", "--", bin, "summary", dir)
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err = cmd.Run()
	got := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		got = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	if got != code || strings.TrimSpace(stderr.String()) != message || stdout.String() != "" {
		t.Errorf("as nobody: exit %d, stderr %q, stdout %q; want %d, %q", got, stderr.String(), stdout.String(), code, message)
	}
}

// TestValidateHintPastes: the hint names a folder as a POSIX shell reads
// it back, spaces, quotes and dollars included (checked with sh).
func TestValidateHintPastes(t *testing.T) {
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh to read the hint back")
	}
	for _, name := range []string{"my data", "it's", "c$HOME", "-dash"} {
		dir := filepath.Join(t.TempDir(), name)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "flows.csv"), []byte("source,target\na,b\nc\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		_, errs, code := runCLI(t, "", "analyze", dir)
		_, word, ok := strings.Cut(strings.TrimSpace(errs), "\nnetmetrics: every problem of the input: netmetrics validate ")
		if code != 2 || !ok {
			t.Fatalf("%q: exit %d, stderr %q", name, code, errs)
		}
		back, err := exec.Command(sh, "-c", "printf %s "+word).Output()
		if err != nil || string(back) != dir {
			t.Errorf("%q: the hint's %s reads back as %q (%v)", name, word, back, err)
		}
	}
}
