package csvio_test

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/copnet/copnet/io/csvio"
)

func TestDatasetDirection(t *testing.T) {
	flows := "source,target\na,b\nb,c\n"
	cases := []struct {
		name      string
		json      string // "" for no dataset.json
		dir       csvio.Direction
		undirUndf bool
	}{
		{"no description", "", csvio.FromDataset, false},
		{"declared undirected", `{"directed": false}`, csvio.FromDataset, true},
		{"declared directed", `{"directed": true}`, csvio.FromDataset, false},
		{"no key", `{}`, csvio.FromDataset, false},
		{"option wins: undirected", `{"directed": true}`, csvio.Undirected, true},
		{"option wins: directed", `{"directed": false}`, csvio.Directed, false},
		{"option without description", "", csvio.Undirected, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			files := map[string]string{"flows.csv": flows}
			if c.json != "" {
				files["dataset.json"] = c.json
			}
			dir := writeDataset(t, files)
			net, rep, err := csvio.Load(dir, csvio.Options{Direction: c.dir})
			if err != nil {
				t.Fatal(err)
			}
			if net.Undirected != c.undirUndf {
				t.Errorf("Undirected = %v, want %v", net.Undirected, c.undirUndf)
			}
			names := []string{}
			for _, in := range rep.Inputs {
				names = append(names, in.Name)
			}
			want := "flows.csv"
			if c.json != "" {
				want = "dataset.json flows.csv"
			}
			if got := strings.Join(names, " "); got != want {
				t.Errorf("inputs %q, want %q", got, want)
			}
		})
	}
}

func TestLoadReadersUndirected(t *testing.T) {
	net, _, err := csvio.LoadReaders(csvio.Readers{Flows: csvio.Input{Name: "stdin", R: strings.NewReader("source,target\na,b\n")}},
		csvio.Options{Direction: csvio.Undirected})
	if err != nil {
		t.Fatal(err)
	}
	if !net.Undirected {
		t.Error("Direction Undirected not applied to readers")
	}
}

func TestDatasetErrors(t *testing.T) {
	cases := []struct {
		name, json string
		want       string // the error's text, position included
	}{
		{"unknown key", "{\n  \"directed\": false,\n  \"directd\": true\n}", `dataset.json:3:3: unknown key "directd"`},
		{"string value", "{\"directed\": \"no\"}", `dataset.json:1:14: "directed": want true or false, got string`},
		{"syntax", "{\n\"directed\": fals}", `dataset.json:2:`},
		{"array", "[]", `dataset.json:1:`},
		{"empty", " \n", `dataset.json: is empty`},
		{"two objects", "{} {}", `dataset.json:1:`},
		{"truncated", "{\"directed\": ", `dataset.json:1:`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := writeDataset(t, map[string]string{"flows.csv": "source,target\na,b\n", "dataset.json": c.json})
			_, _, err := csvio.Load(dir, csvio.Options{})
			if err == nil {
				t.Fatal("no error")
			}
			var pe *csvio.ParseError
			if !errors.As(err, &pe) || !errors.Is(err, csvio.ErrDataset) {
				t.Errorf("error %v (%T) is not a ParseError wrapping ErrDataset", err, err)
			}
			if !strings.HasPrefix(err.Error(), c.want) {
				t.Errorf("error %q, want prefix %q", err, c.want)
			}
		})
	}
	// An unknown key names the known ones.
	_, err := csvio.ParseDataset("dataset.json", []byte(`{"direction": "none"}`))
	if err == nil || !strings.Contains(err.Error(), `unknown key "direction" (known: directed)`) {
		t.Errorf("unknown key: %v", err)
	}
}

// TestDatasetEveryFault: a well-formed description with three faults has
// each reported at its position, in the order of the text; null says
// nothing, as an absent key.
func TestDatasetEveryFault(t *testing.T) {
	_, err := csvio.ParseDataset("dataset.json", []byte("{\"directed\": \"no\",\n \"weighted\": true, \"directed\": [1]}"))
	want := []string{
		`dataset.json:1:14: "directed": want true or false, got string`,
		`dataset.json:2:2: unknown key "weighted" (known: directed)`,
		`dataset.json:2:20: key "directed" given twice`,
	}
	if err == nil || err.Error() != strings.Join(want, "\n") {
		t.Fatalf("error %q, want %q", err, strings.Join(want, "\n"))
	}
	// After a byte-order mark, positions are those an editor shows.
	if _, err := csvio.ParseDataset("dataset.json", []byte("\uFEFF{\"directed\": 1}")); err == nil || !strings.HasPrefix(err.Error(), "dataset.json:1:14: ") {
		t.Errorf("after a BOM: %v", err)
	}
	// One fault is a *ParseError itself; past 20, a last fault counts the
	// others; white space JSON does not allow is no white space.
	if _, err := csvio.ParseDataset("dataset.json", []byte(`{"directed": 1}`)); err == nil {
		t.Error("a wrong value accepted")
	} else if _, ok := err.(*csvio.ParseError); !ok {
		t.Errorf("one fault: %T, want *csvio.ParseError", err)
	}
	many := "{" + strings.Repeat(`"x": 1, `, 30) + `"y": 2}`
	if _, err := csvio.ParseDataset("dataset.json", []byte(many)); err == nil || len(err.(interface{ Unwrap() []error }).Unwrap()) != 21 ||
		!strings.HasSuffix(err.Error(), "\ndataset.json: 11 more faults not listed") {
		t.Errorf("31 faults: %v", err)
	}
	for _, tail := range []string{"\u00a0", "\f", "\u0085", "\v"} {
		if _, err := csvio.ParseDataset("dataset.json", []byte(`{"directed": false}`+tail)); err == nil {
			t.Errorf("trailing %q accepted", tail)
		}
	}
	faults := err.(interface{ Unwrap() []error }).Unwrap()
	for i, f := range faults {
		var pe *csvio.ParseError
		if !errors.As(f, &pe) || !errors.Is(f, csvio.ErrDataset) || pe.Line == 0 {
			t.Errorf("fault %d: %v (%T) is not a located ParseError wrapping ErrDataset", i, f, f)
		}
	}
	for text, want := range map[string]*bool{`{"directed": null}`: nil, ` {"directed" : false } `: new(bool), `{}`: nil, `{"Directed": false}`: new(bool), "\uFEFF{\"directed\": false}": new(bool)} {
		d, err := csvio.ParseDataset("dataset.json", []byte(text))
		if err != nil || (d.Directed == nil) != (want == nil) || d.Directed != nil && *d.Directed != *want {
			t.Errorf("%s: %+v, %v", text, d, err)
		}
	}
	// A check reports the description's faults and goes on to the flows.
	dir := writeDataset(t, map[string]string{"flows.csv": "source,target\na,b\nc\n", "dataset.json": "{\"directed\": 1, \"x\": 2}"})
	var got []string
	for _, p := range csvio.Validate(csvio.Files{Dataset: filepath.Join(dir, "dataset.json"), Flows: filepath.Join(dir, "flows.csv")}, csvio.Options{}) {
		got = append(got, p.String())
	}
	if len(got) != 3 || !strings.Contains(got[0], "dataset.json:1:14:") || !strings.Contains(got[1], `unknown key "x"`) || !strings.Contains(got[2], "flows.csv:3:") {
		t.Errorf("problems %q, want the two faults of dataset.json, then flows.csv's", got)
	}
}

func TestSociopatternsFixtureUndirected(t *testing.T) {
	net, _, err := csvio.Load("../../testdata/sociopatterns-primaryschool", csvio.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !net.Undirected {
		t.Error("the SocioPatterns fixture is not declared undirected")
	}
	if got, want := len(net.Flows), 125773; got != want {
		t.Errorf("flows = %d, want %d", got, want)
	}
	if got, want := len(net.Members), 242; got != want {
		t.Errorf("members = %d, want %d", got, want)
	}
}
