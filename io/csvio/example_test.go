package csvio_test

import (
	"fmt"

	"github.com/copnet/copnet/graph"
	"github.com/copnet/copnet/io/csvio"
)

// Load a dataset folder, cut it into windows and project one window.
func ExampleLoad() {
	net, rep, err := csvio.Load("../../testdata/email-eu-core", csvio.Options{Strict: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(net.Members), "members,", len(net.Communities), "communities,", len(net.Flows), "flows,", len(rep.Warnings), "warnings")

	spec, _ := graph.ParseWindowSpec("quarter")
	windows, _ := net.Windows(spec)
	w := windows[0]
	p := net.Project(w, graph.Organization, graph.ProjectOptions{})
	fmt.Printf("%s: %d active members, %d arcs, %d flows\n", w.Label(), p.NActive, p.Arcs(), p.Flows)
	// Output:
	// 986 members, 42 communities, 332334 flows, 0 warnings
	// 1970-Q1: 781 active members, 8708 arcs, 46282 flows
}
