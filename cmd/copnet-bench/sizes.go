package main

import (
	"fmt"
	"strconv"
	"strings"
)

// dataset is one generated dataset: the arguments of gen_cop.py.
type dataset struct {
	Name    string `json:"name"`
	Members int    `json:"members"`
	Flows   int    `json:"flows"`
	Seed    int    `json:"seed"`
}

// datasets are the sizes the command knows, smallest first. The 1m and 5m
// specs are the ones the performance issue quotes; changing one changes
// its cache folder name, so a stale dataset is never reused.
var datasets = []dataset{
	{Name: "20k", Members: 2000, Flows: 20000, Seed: 1},
	{Name: "1m", Members: 40000, Flows: 1000000, Seed: 1},
	{Name: "5m", Members: 200000, Flows: 5000000, Seed: 2},
}

// key names the dataset's cache folder after every argument that shapes it.
func (d dataset) key() string {
	return fmt.Sprintf("%s-m%d-f%d-s%d", d.Name, d.Members, d.Flows, d.Seed)
}

// genArgs are gen_cop.py's arguments writing the dataset into out.
func (d dataset) genArgs(out string) []string {
	return []string{"--members", strconv.Itoa(d.Members), "--flows", strconv.Itoa(d.Flows),
		"--seed", strconv.Itoa(d.Seed), "--out", out}
}

// parseSizes resolves a comma-separated list of dataset names (case does not
// matter) into datasets, smallest first, each once. "none" or an empty list
// gives none.
func parseSizes(s string) ([]dataset, error) {
	want := map[string]bool{}
	for _, f := range strings.Split(s, ",") {
		f = strings.ToLower(strings.TrimSpace(f))
		if f == "" || f == "none" {
			continue
		}
		found := false
		for _, d := range datasets {
			if d.Name == f {
				found = true
			}
		}
		if !found {
			return nil, fmt.Errorf("unknown size %q (want %s)", f, sizeNames())
		}
		want[f] = true
	}
	var out []dataset
	for _, d := range datasets {
		if want[d.Name] {
			out = append(out, d)
		}
	}
	return out, nil
}

func sizeNames() string {
	var n []string
	for _, d := range datasets {
		n = append(n, d.Name)
	}
	return strings.Join(n, ", ")
}

// parseWindowDays reads a window of whole days ("30d"), the only kind both
// netmetrics -window and ref_metrics --window-days accept.
func parseWindowDays(s string) (int, error) {
	d, ok := strings.CutSuffix(s, "d")
	n, err := strconv.Atoi(d)
	if !ok || err != nil || n < 1 {
		return 0, fmt.Errorf("window %q: want whole days such as 30d", s)
	}
	return n, nil
}
