package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// writeDaily writes a dataset of flows members, one flow a day over days
// days between members i and i+1 (mod members), with communities
// one-member communities when comms is true.
func writeDaily(t *testing.T, members, days int, comms bool) string {
	t.Helper()
	dir := t.TempDir()
	var m, f strings.Builder
	m.WriteString("id,community\n")
	for i := range members {
		c := ""
		if comms {
			c = fmt.Sprintf("c%d", i)
		}
		fmt.Fprintf(&m, "m%d,%s\n", i, c)
	}
	f.WriteString("source,target,time\n")
	for d := range days {
		fmt.Fprintf(&f, "m%d,m%d,%d\n", d%members, (d+1)%members, int64(d)*86400)
	}
	for name, s := range map[string]string{"members.csv": m.String(), "flows.csv": f.String()} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestBudgetRefused: an analysis over the budget is refused before it
// starts, with exit 2 and a message naming the product and the flag.
func TestBudgetRefused(t *testing.T) {
	// 400 one-member communities by day over 1,000 days: 401 × 1,000
	// scope-windows.
	dir := writeDaily(t, 400, 1000, true)
	_, errs, code := runCLI(t, "", "analyze", "-window", "day", "-max-cells", "100000", "-out", filepath.Join(t.TempDir(), "o"), dir)
	if code != 2 || !strings.Contains(errs, "scopes × windows = 401 × 1,000 = 401,000") || !strings.Contains(errs, "-max-cells") {
		t.Errorf("exit %d, stderr %q; want 2 naming scopes × windows and -max-cells", code, errs)
	}
	// 2,000 members, each active from its first day on: 2 scopes-members
	// pairs per flow end, summed over the remaining windows.
	dir = writeDaily(t, 2000, 4000, false)
	_, errs, code = runCLI(t, "", "analyze", "-window", "day", "-max-member-cells", "1000000", dir)
	if code != 2 || !strings.Contains(errs, "member-window cells") || !strings.Contains(errs, "-max-member-cells") {
		t.Errorf("exit %d, stderr %q; want 2 naming member-window cells and -max-member-cells", code, errs)
	}
	// Member i is first active on day i−1 (as target) or day i: the sum
	// of 4,000 − first over the 2,000 members is 4,000·2,000 − Σ first.
	want := int64(0)
	for i := range 2000 {
		first := max(i-1, 0)
		want += int64(4000 - first)
	}
	if !strings.Contains(errs, "= "+group(want)+",") {
		t.Errorf("stderr %q lacks the count %s", errs, group(want))
	}
	if _, errs, code := runCLI(t, "", "analyze", "-max-cells", "-1", dir); code != 2 {
		t.Errorf("-max-cells -1: exit %d, want 2: %s", code, errs)
	}
}

func group(n int64) string {
	s := strconv.FormatInt(n, 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// TestBudgetPeakMemory runs the built command on many daily windows of
// many members (10 years by day, 3,000 members: about 6.5 million
// member-window cells, within the default budget; 42 MB measured) and asserts its peak resident memory,
// as GNU time reports it, stays below a bound.
func TestBudgetPeakMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command and runs a large analysis")
	}
	gnuTime := "/usr/bin/time"
	if _, err := os.Stat(gnuTime); err != nil {
		t.Skipf("GNU time not found at %s: %v", gnuTime, err)
	}
	if out, err := exec.Command(gnuTime, "-f", "%M", "true").CombinedOutput(); err != nil || strings.TrimSpace(string(out)) == "" {
		t.Skipf("%s is not GNU time (%v: %q)", gnuTime, err, out)
	}
	bin := filepath.Join(t.TempDir(), "netmetrics")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	dir := writeDaily(t, 3000, 3653, false)
	const boundKB = 200 * 1024
	cmd := exec.Command(gnuTime, "-f", "peak %M KB", bin, "analyze", "-window", "day", "-draws", "0", "-rewire-draws", "0", "-bootstrap", "0",
		"-out", filepath.Join(t.TempDir(), "o"), dir)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("analyze: %v\n%s", err, out)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	var kb int
	if _, err := fmt.Sscanf(lines[len(lines)-1], "peak %d KB", &kb); err != nil {
		t.Fatalf("no peak in %q", out)
	}
	t.Logf("3,653 daily windows × 3,000 members: peak %d KB (bound %d KB)", kb, boundKB)
	if kb > boundKB {
		t.Errorf("peak %d KB, above %d KB", kb, boundKB)
	}
}
