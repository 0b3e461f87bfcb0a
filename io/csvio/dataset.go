package csvio

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// DatasetFileName is the name of the dataset description beside the CSV
// files of a dataset folder.
const DatasetFileName = "dataset.json"

// maxDatasetBytes bounds dataset.json: it holds a few declarations.
const maxDatasetBytes = 64 << 10

// ErrDataset reports a dataset.json that cannot be read as a description.
var ErrDataset = errors.New("invalid dataset description")

// Dataset is what a dataset.json declares about the dataset beside it:
//
//	{"directed": false}
//
// Every key is optional; an unknown key is an error (a misspelt
// declaration must not be ignored silently).
type Dataset struct {
	// Directed says whether a flow's source and target carry a direction
	// (who gives to whom, as in replies or answers) or not (face-to-face
	// contacts, co-authorship: the order means nothing). Nil when the
	// description does not say, which reads as directed.
	Directed *bool `json:"directed"`
}

// datasetKeys are the keys a dataset.json may hold, for messages.
var datasetKeys = []string{"directed"}

// Direction says how a load reads the direction of flows.
type Direction uint8

const (
	// FromDataset reads the direction dataset.json declares, directed
	// when there is none (the zero value).
	FromDataset Direction = iota
	// Directed reads source → target whatever dataset.json says.
	Directed
	// Undirected counts each flow both ways whatever dataset.json says
	// (see graph.Network.Undirected).
	Undirected
)

// ParseDataset reads a dataset description; name is the file's name in
// messages. Errors are *ParseError values locating the problem (line and
// column of a JSON syntax error or of a value of the wrong type) and
// unwrapping to ErrDataset.
func ParseDataset(name string, data []byte) (Dataset, error) {
	var d Dataset
	fail := func(off int64, format string, args ...any) (Dataset, error) {
		line, col := jsonPos(data, off)
		return Dataset{}, &ParseError{File: name, Line: line, Column: col, Err: newErr(ErrDataset, format, args...)}
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return d, &ParseError{File: name, Err: newErr(ErrDataset, "is empty; want a JSON object such as {\"directed\": false}")}
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&d); err != nil {
		var syn *json.SyntaxError
		var typ *json.UnmarshalTypeError
		switch {
		case errors.As(err, &syn):
			return fail(syn.Offset, "%v", err)
		case errors.As(err, &typ):
			what := typ.Field
			if what == "" {
				return fail(typ.Offset, "want a JSON object such as {\"directed\": false}, got %s", typ.Value)
			}
			return fail(valueStart(data, typ.Offset), "%q: want true or false, got %s", what, typ.Value)
		case strings.HasPrefix(err.Error(), "json: unknown field "):
			key := strings.TrimPrefix(err.Error(), "json: unknown field ")
			off := dec.InputOffset()
			if i := bytes.Index(data, []byte(key)); i >= 0 {
				off = int64(i)
			}
			return fail(off, "unknown key %s (known: %s)", key, strings.Join(datasetKeys, ", "))
		case errors.Is(err, io.ErrUnexpectedEOF):
			return fail(int64(len(data)), "unexpected end of JSON")
		}
		return fail(dec.InputOffset(), "%v", err)
	}
	if dec.More() {
		return fail(dec.InputOffset(), "more than one JSON value")
	}
	if _, err := dec.Token(); err != io.EOF {
		return fail(dec.InputOffset(), "text after the JSON object")
	}
	return d, nil
}

// valueStart returns the offset where the value ending at end begins:
// after the last colon before it and the spaces that follow.
func valueStart(data []byte, end int64) int64 {
	end = min(max(end, 0), int64(len(data)))
	i := bytes.LastIndexByte(data[:end], ':')
	if i < 0 {
		return end
	}
	j := int64(i + 1)
	for j < end && strings.IndexByte(" \t\r\n", data[j]) >= 0 {
		j++
	}
	return j
}

// jsonPos turns a byte offset into a 1-based line and column.
func jsonPos(data []byte, off int64) (line, col int) {
	off = min(max(off, 0), int64(len(data)))
	before := data[:off]
	line = 1 + bytes.Count(before, []byte{'\n'})
	col = 1 + len(before) - (bytes.LastIndexByte(before, '\n') + 1)
	return line, col
}

// ReadDataset reads the dataset.json at path.
func ReadDataset(path string) (Dataset, error) {
	d, _, err := readDataset(path)
	return d, err
}

// readDataset reads and parses the dataset.json at path, returning its
// checksum for the load report.
func readDataset(path string) (Dataset, InputFile, error) {
	name := filepath.Base(path)
	f, err := os.Open(path)
	if err != nil {
		return Dataset{}, InputFile{}, &ParseError{File: name, Err: unwrapPathError(err)}
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && !st.Mode().IsRegular() {
		return Dataset{}, InputFile{}, &ParseError{File: name, Err: newErr(ErrDataset, "not a regular file")}
	}
	data, err := io.ReadAll(io.LimitReader(f, maxDatasetBytes+1))
	if err != nil {
		return Dataset{}, InputFile{}, &ParseError{File: name, Err: unwrapPathError(err)}
	}
	if len(data) > maxDatasetBytes {
		return Dataset{}, InputFile{}, &ParseError{File: name, Err: newErr(ErrTooLarge, "larger than %d bytes", maxDatasetBytes)}
	}
	sum := sha256.Sum256(data)
	in := InputFile{Name: name, Path: path, Size: int64(len(data)), SHA256: hex.EncodeToString(sum[:])}
	d, err := ParseDataset(name, data)
	return d, in, err
}

// findDataset returns the path of dir's dataset.json, "" when there is
// none.
func findDataset(dir string) string {
	p := filepath.Join(dir, DatasetFileName)
	if _, err := os.Lstat(p); err == nil {
		return p
	}
	return ""
}

// applyDataset reads the dataset description (if any) and sets the
// network's direction: Options.Direction wins over the description.
func (l *loader) applyDataset(path string) error {
	undirected := false
	if path != "" {
		d, in, err := readDataset(path)
		if err != nil {
			return err
		}
		l.dataset = in
		if d.Directed != nil {
			undirected = !*d.Directed
		}
	}
	switch l.opt.Direction {
	case Directed:
		undirected = false
	case Undirected:
		undirected = true
	case FromDataset:
	default:
		return fmt.Errorf("csvio: unknown direction %d", l.opt.Direction)
	}
	l.b.SetUndirected(undirected)
	return nil
}

// withDataset puts the dataset description first among the inputs of the
// report, when one was read.
func (l *loader) withDataset(in []InputFile) []InputFile {
	if l.dataset.Name == "" {
		return in
	}
	return slices.Insert(in, 0, l.dataset)
}
