package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

const goNotebook = "../../testdata/notebooks/copnet-go.ipynb"

// cellMarker separates the cells' outputs in the program's standard output.
const cellMarker = "\x00copnet-notebook-cell "

// notebookSource is a code cell's source as the Jupyter format stores it:
// one string or a list of lines.
func notebookSource(v any) string {
	switch s := v.(type) {
	case string:
		return s
	case []any:
		var b strings.Builder
		for _, l := range s {
			b.WriteString(fmt.Sprint(l))
		}
		return b.String()
	}
	return ""
}

// goNotebookProgram turns the code cells into one Go program by GoNB's
// rules: lines before `%%` are declarations, kept for every later cell;
// lines after it are the body of main. Each body becomes a function, run
// in cell order after a marker, so that one run gives every cell's output.
// Lines starting with `!` (shell) or `%` (other GoNB commands) are left
// out. It returns the program and the indices of the cells with a body.
func goNotebookProgram(cells []map[string]any) (string, []int) {
	var decls, bodies strings.Builder
	var run []int
	for i, c := range cells {
		if c["cell_type"] != "code" {
			continue
		}
		var decl, body []string
		inBody := false
		for _, line := range strings.Split(notebookSource(c["source"]), "\n") {
			t := strings.TrimSpace(line)
			switch {
			case t == "%%":
				inBody = true
			case strings.HasPrefix(t, "!") || strings.HasPrefix(t, "%"):
			case inBody:
				body = append(body, line)
			default:
				decl = append(decl, line)
			}
		}
		decls.WriteString(strings.Join(decl, "\n") + "\n")
		if inBody {
			fmt.Fprintf(&bodies, "\nfunc notebookCell%d() {\n%s\n}\n", i, strings.Join(body, "\n"))
			run = append(run, i)
		}
	}
	var main strings.Builder
	main.WriteString("\nfunc main() {\n")
	for _, i := range run {
		fmt.Fprintf(&main, "\tnotebookMarker(%d)\n\tnotebookCell%d()\n", i, i)
	}
	main.WriteString("}\n")
	return "package main\n\n" + decls.String() + bodies.String() + main.String(), run
}

// TestGoNotebook compiles and runs the Go notebook's code cells as GoNB
// would, in a temporary main package inside the module, and compares each
// cell's output with the one saved in the notebook; -update saves them.
func TestGoNotebook(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go is not on PATH: cannot run the Go notebook's cells")
	}
	raw, err := os.ReadFile(goNotebook)
	if err != nil {
		t.Fatal(err)
	}
	var nb map[string]any
	if err := json.Unmarshal(raw, &nb); err != nil {
		t.Fatalf("%s: %v", goNotebook, err)
	}
	if ks, _ := nb["metadata"].(map[string]any)["kernelspec"].(map[string]any); ks["name"] != "gonb" {
		t.Errorf("kernel %v, want gonb", ks["name"])
	}
	var cells []map[string]any
	for _, c := range nb["cells"].([]any) {
		cells = append(cells, c.(map[string]any))
	}
	src, run := goNotebookProgram(cells)
	if len(run) == 0 {
		t.Fatal("no cell has a body (%%)")
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	// A folder starting with "_" is left out of ./... patterns.
	dir, err := os.MkdirTemp(root, "_notebook")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	marker := "package main\n\nimport \"os\"\n\nfunc notebookMarker(i int) { os.Stdout.WriteString(\"" + strings.ReplaceAll(cellMarker, "\x00", `\x00`) + "\" + itoa(i) + \"\\n\") }\n\n" +
		"func itoa(i int) string {\n\tif i < 10 {\n\t\treturn string(rune('0' + i))\n\t}\n\treturn itoa(i/10) + string(rune('0'+i%10))\n}\n"
	if err := os.WriteFile(filepath.Join(dir, "main.go"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "marker.go"), []byte(marker), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(goBin, "run", "./"+filepath.Base(dir))
	cmd.Dir = root
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("the notebook's cells failed: %v\n%s\nprogram:\n%s", err, stderr.String(), src)
	}
	outputs := map[int]string{}
	for _, part := range strings.Split(stdout.String(), cellMarker)[1:] {
		idx, text, _ := strings.Cut(part, "\n")
		var i int
		fmt.Sscan(idx, &i)
		outputs[i] = text
	}
	changed := false
	for _, i := range run {
		got := outputs[i]
		if got == "" {
			t.Errorf("cell %d printed nothing", i)
		}
		var saved strings.Builder
		outs, _ := cells[i]["outputs"].([]any)
		for _, o := range outs {
			if om, ok := o.(map[string]any); ok && om["output_type"] == "stream" && om["name"] == "stdout" {
				saved.WriteString(notebookSource(om["text"]))
			}
		}
		if saved.String() == got {
			continue
		}
		if !*update {
			t.Errorf("cell %d: saved output differs from a run (go test ./io/report -run TestGoNotebook -update):\nsaved:\n%s\nrun:\n%s", i, saved.String(), got)
			continue
		}
		changed = true
		cells[i]["outputs"] = []any{map[string]any{"name": "stdout", "output_type": "stream", "text": splitLines(got)}}
	}
	if changed {
		n := 0
		for _, c := range cells {
			if c["cell_type"] == "code" {
				n++
				c["execution_count"] = n
			}
		}
		b, err := json.MarshalIndent(nb, "", " ")
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(goNotebook, append(b, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// splitLines splits text into lines that keep their newline, as notebooks
// store text.
func splitLines(s string) []any {
	var out []any
	for s != "" {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			out = append(out, s)
			break
		}
		out = append(out, s[:i+1])
		s = s[i+1:]
	}
	return out
}
