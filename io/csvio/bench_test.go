package csvio_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/copnet/copnet/graph"
	"github.com/copnet/copnet/io/csvio"
)

// BenchmarkLoad reports load throughput (MB/s of flows.csv), allocations
// per flow and the heap held per flow by the loaded network, on the real
// email-eu-core data and on a 1,000,000-flow dataset of
// ../shared/tools/gen_cop.py (generated once into the temporary folder, or
// taken from $COPNET_BENCH_1M, which may name the 5,000,000-flow set);
// gen_cop_1M_serial loads it without the fast path of flows.csv, to
// compare in one run.
func BenchmarkLoad(b *testing.B) {
	email := filepath.Join("..", "..", "..", "shared", "data", "email-eu-core")
	if _, err := os.Stat(email); err != nil {
		email = filepath.Join("..", "..", "testdata", "email-eu-core")
	}
	b.Run("email-eu-core", func(b *testing.B) { benchLoad(b, email) })
	b.Run("gen_cop_1M", func(b *testing.B) { benchLoad(b, genCop(b, 40000, 1000000)) })
	b.Run("gen_cop_1M_serial", func(b *testing.B) {
		defer csvio.SetFastFlows(false, 0)()
		benchLoad(b, genCop(b, 40000, 1000000))
	})
}

// genCop returns a folder with a gen_cop.py dataset, generating it when
// needed; the benchmark is skipped when neither the folder nor Python with
// numpy and pandas is there.
func genCop(b *testing.B, members, flows int) string {
	if dir := os.Getenv("COPNET_BENCH_1M"); dir != "" {
		return dir
	}
	dir := filepath.Join(os.TempDir(), "copnet-bench-gen_cop-1M")
	if _, err := os.Stat(filepath.Join(dir, "flows.csv")); err == nil {
		return dir
	}
	script := filepath.Join("..", "..", "..", "shared", "tools", "gen_cop.py")
	if _, err := os.Stat(script); err != nil {
		b.Skipf("no $COPNET_BENCH_1M and no %s", script)
	}
	cmd := exec.Command("/usr/bin/python3", script, "--members", "40000", "--flows", "1000000", "--seed", "1", "--out", dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Skipf("gen_cop.py failed (needs python3-numpy and python3-pandas): %v\n%s", err, out)
	}
	return dir
}

func benchLoad(b *testing.B, dir string) {
	files, err := csvio.DatasetFiles(dir)
	if err != nil {
		b.Fatal(err)
	}
	st, err := os.Stat(files.Flows)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(st.Size())
	var before, after runtime.MemStats
	var net *graph.Network
	b.ReportAllocs()
	for b.Loop() {
		net = nil
		if net, _, err = csvio.LoadFiles(files, csvio.Options{}); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	flows := float64(len(net.Flows))
	net = nil
	runtime.GC()
	runtime.ReadMemStats(&before)
	net, _, err = csvio.LoadFiles(files, csvio.Options{})
	if err != nil {
		b.Fatal(err)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/flows, "heapB/flow")
	b.ReportMetric(float64(after.Mallocs-before.Mallocs)/flows, "allocs/flow")
	runtime.KeepAlive(net)
}
