package csvio

import (
	"bytes"
	"embed"

	"github.com/copnet/copnet/graph"
)

// DemoName describes the embedded demo dataset.
const DemoName = "History Stack Exchange meta (meta.history.stackexchange.com, 2011-10 to 2018-08; CC BY-SA)"

//go:embed demo/flows.csv demo/members.csv
var demoFS embed.FS

// Demo loads the embedded demo dataset: the complete History Stack
// Exchange meta site converted by PresetSEDE into canonical form (answers
// and comments as flows carrying the question's tags, users as members).
func Demo() (*graph.Network, *Report, error) {
	flows, err := demoFS.ReadFile("demo/flows.csv")
	if err != nil {
		return nil, nil, err
	}
	members, err := demoFS.ReadFile("demo/members.csv")
	if err != nil {
		return nil, nil, err
	}
	return LoadReaders(Input{Name: "flows.csv", R: bytes.NewReader(flows)}, &Input{Name: "members.csv", R: bytes.NewReader(members)}, nil, Options{Strict: true})
}
