package metrics_test

import (
	"math/rand/v2"
	"testing"

	"github.com/copnet/copnet/graph"
	"github.com/copnet/copnet/metrics"
)

// TestTrianglesBruteForce: each node's triangle count equals the number
// of pairs of its neighbours that are tied, counted over every pair, on
// random directed graphs with repeated and reciprocal flows, self-flows,
// hubs and isolated members.
func TestTrianglesBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 9))
	for trial := range 60 {
		n := 2 + rng.IntN(70)
		var edges [][2]int
		for range rng.IntN(4 * n * n / 5) {
			s, u := rng.IntN(n), rng.IntN(n)
			if trial%3 == 0 && rng.IntN(3) == 0 {
				s = 0 // a hub
			}
			edges = append(edges, [2]int{s, u})
		}
		net := fromEdges(t, n, edges)
		p := net.Project(net.All(), graph.Organization, graph.ProjectOptions{AllMembers: true})
		tied := make([][]bool, p.N())
		for i := range tied {
			tied[i] = make([]bool, p.N())
			for _, j := range p.Neighbours(i) {
				tied[i][j] = true
			}
		}
		got := metrics.Triangles(p)
		for i := range p.N() {
			nb := p.Neighbours(i)
			want := int64(0)
			for x := range nb {
				for y := x + 1; y < len(nb); y++ {
					if tied[nb[x]][nb[y]] {
						want++
					}
				}
			}
			if got[i] != want {
				t.Fatalf("trial %d: node %d has %d triangles, want %d", trial, i, got[i], want)
			}
		}
	}
}
