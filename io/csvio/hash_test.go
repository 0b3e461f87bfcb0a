package csvio

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// sha256Of returns the checksum of a file as sha256sum prints it when the
// program is installed, else as crypto/sha256 computes it over the file's
// bytes read back from disk.
func sha256Of(t *testing.T, path string) string {
	t.Helper()
	if prog, err := exec.LookPath("sha256sum"); err == nil {
		out, err := exec.Command(prog, path).Output()
		if err != nil {
			t.Fatal(err)
		}
		sum, _, _ := strings.Cut(string(out), " ")
		return sum
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// TestDemoInputs checks the checksums of the embedded demo against those
// of its bytes written out to files.
func TestDemoInputs(t *testing.T) {
	_, rep, err := Demo()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var got []string
	for _, in := range rep.Inputs {
		got = append(got, in.Name)
		b, err := demoFS.ReadFile("demo/" + in.Name)
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, in.Name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		if want := sha256Of(t, p); in.SHA256 != want {
			t.Errorf("%s: sha256 %s, want %s", in.Name, in.SHA256, want)
		}
		if in.Size != int64(len(b)) || in.Path != "" {
			t.Errorf("%s: size %d path %q, want %d and no path", in.Name, in.Size, in.Path, len(b))
		}
	}
	// Read in the loader's order: members, knowledge items, then flows.
	if want := "members.csv knowledge.csv flows.csv"; strings.Join(got, " ") != want {
		t.Errorf("inputs %q, want %q", got, want)
	}
}

// TestInputsOfFiles checks files named one by one, a compressed one
// included (its checksum is of the bytes stored), and a SEDE folder.
func TestInputsOfFiles(t *testing.T) {
	root := filepath.Join("..", "..", "testdata")
	cases := []struct {
		name  string
		load  func() (*Report, error)
		paths []string
	}{
		{"karate", func() (*Report, error) { _, r, err := Load(filepath.Join(root, "karate"), Options{}); return r, err },
			[]string{"karate/dataset.json", "karate/communities.csv", "karate/members.csv", "karate/flows.csv"}},
		{"email-eu-core gz", func() (*Report, error) {
			d := filepath.Join(root, "email-eu-core")
			_, r, err := LoadFiles(Files{Flows: filepath.Join(d, "flows.csv.gz"), Members: filepath.Join(d, "members.csv.gz")}, Options{})
			return r, err
		}, []string{"email-eu-core/members.csv.gz", "email-eu-core/flows.csv.gz"}},
		{"sede", func() (*Report, error) {
			_, r, err := LoadSEDE(filepath.Join(root, "sede-history-meta"), Options{})
			return r, err
		},
			[]string{"sede-history-meta/Users.csv.gz", "sede-history-meta/Posts.csv.gz", "sede-history-meta/Comments.csv.gz"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rep, err := c.load()
			if err != nil {
				t.Fatal(err)
			}
			if len(rep.Inputs) != len(c.paths) {
				t.Fatalf("inputs %+v, want %v", rep.Inputs, c.paths)
			}
			for i, in := range rep.Inputs {
				want := filepath.Join(root, c.paths[i])
				if in.Path != want || in.Name != filepath.Base(want) {
					t.Errorf("input %d: %s at %q, want %q", i, in.Name, in.Path, want)
				}
				st, err := os.Stat(want)
				if err != nil {
					t.Fatal(err)
				}
				if sum := sha256Of(t, want); in.SHA256 != sum || in.Size != st.Size() {
					t.Errorf("%s: %d bytes sha256 %s, want %d bytes %s", want, in.Size, in.SHA256, st.Size(), sum)
				}
				if h, err := HashFile(want); err != nil || h != in {
					t.Errorf("HashFile(%s) = %+v, %v; want %+v", want, h, err, in)
				}
			}
		})
	}
}

// TestSumsOfInputReadShort checks that an input closed before its end is
// hashed whole, from where reading stopped.
func TestSumsOfInputReadShort(t *testing.T) {
	// Larger than the loader's read buffer, so that reading stops short.
	data := bytes.Repeat([]byte("source,target\na,b\n"), 60000)
	fsys := fstest.MapFS{"x.csv": {Data: data}}
	for _, stop := range []int{0, 1, 100, len(data) - 1} {
		l := newLoader(Options{}, false)
		open := func() (fs.File, error) { return fsys.Open("x.csv") }
		src, err := l.openHashed("x.csv", "", open)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.CopyN(io.Discard, src.r, int64(stop)); err != nil {
			t.Fatal(err)
		}
		src.close()
		if l.inputs[0].eof {
			t.Fatalf("read %d bytes: the input was read to its end; the test wants it read short", stop)
		}
		ins, err := l.sums()
		if err != nil {
			t.Fatal(err)
		}
		want := sha256.Sum256(data)
		if got := ins[0]; got.SHA256 != hex.EncodeToString(want[:]) || got.Size != int64(len(data)) {
			t.Errorf("read %d bytes: %d bytes sha256 %s, want %d %x", stop, got.Size, got.SHA256, len(data), want)
		}
	}
}
