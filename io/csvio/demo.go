package csvio

import (
	"bytes"
	"embed"

	"github.com/copnet/copnet/graph"
)

// DemoName describes the embedded demo dataset.
const DemoName = "History Stack Exchange meta (meta.history.stackexchange.com, 2011-10 to 2018-08; CC BY-SA)"

//go:embed demo/flows.csv demo/members.csv demo/knowledge.csv
var demoFS embed.FS

// Demo loads the embedded demo dataset: the complete History Stack
// Exchange meta site converted by PresetSEDE into canonical form (answers
// and comments as flows carrying the question's tags, users as members,
// tags with the time and author of the first question carrying them).
func Demo() (*graph.Network, *Report, error) { return DemoWith(Options{}) }

// DemoWith loads the embedded demo dataset with the given options (the
// direction, the limits, the context); it is always strict, since it
// declares every member.
func DemoWith(opt Options) (*graph.Network, *Report, error) {
	var in [3]*Input
	for i, name := range []string{"flows.csv", "members.csv", "knowledge.csv"} {
		b, err := demoFS.ReadFile("demo/" + name)
		if err != nil {
			return nil, nil, err
		}
		in[i] = &Input{Name: name, R: bytes.NewReader(b)}
	}
	opt.Strict = true
	return LoadReaders(Readers{Flows: *in[0], Members: in[1], Knowledge: in[2]}, opt)
}
