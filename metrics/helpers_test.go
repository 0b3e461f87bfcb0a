package metrics_test

import (
	"compress/gzip"
	"encoding/csv"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/copnet/copnet/graph"
	"github.com/copnet/copnet/io/csvio"
)

func load(t testing.TB, dir string) *graph.Network {
	t.Helper()
	net, _, err := csvio.Load(dir, csvio.Options{Strict: true})
	if err != nil {
		t.Fatal(err)
	}
	return net
}

// loadDirected loads a dataset reading each flow as an arc whatever its
// dataset.json declares: the NetworkX references of the directed kernels
// read karate's edges (declared undirected) as arcs, source → target.
func loadDirected(t testing.TB, dir string) *graph.Network {
	t.Helper()
	net, _, err := csvio.Load(dir, csvio.Options{Strict: true, Direction: csvio.Directed})
	if err != nil {
		t.Fatal(err)
	}
	return net
}

// readTable reads a reference CSV (gzip when the name ends in .gz) into
// records without the header.
func readTable(t testing.TB, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		zr, err := gzip.NewReader(f)
		if err != nil {
			t.Fatal(err)
		}
		r = zr
	}
	recs, err := csv.NewReader(r).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs[1:]
}

// fromEdges builds a network of n members "0".."n-1" with one flow per
// listed pair.
func fromEdges(t testing.TB, n int, edges [][2]int) *graph.Network {
	t.Helper()
	b := graph.NewBuilder()
	for i := range n {
		if _, err := b.AddMember(graph.Member{ID: itoa(i)}); err != nil {
			t.Fatal(err)
		}
	}
	for _, e := range edges {
		if err := b.AddFlow(graph.Flow{Source: int32(e[0]), Target: int32(e[1]), Weight: 1, Community: graph.None, Kind: graph.None}, nil); err != nil {
			t.Fatal(err)
		}
	}
	return b.Network()
}

func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	s := ""
	for ; i > 0; i /= 10 {
		s = string(rune('0'+i%10)) + s
	}
	return s
}
