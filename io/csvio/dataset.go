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
// column of a JSON syntax error, of an unknown or repeated key, or of a
// value of the wrong type) and unwrapping to ErrDataset. A well-formed
// object has every fault reported: one is a *ParseError, several are
// joined (errors.Join) in the order of the text, the first 20 and a last
// one counting the others; a syntax error stops at the first.
func ParseDataset(name string, data []byte) (Dataset, error) {
	// A byte-order mark is read past, as in the CSV files; positions
	// count from after it, as an editor shows them.
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	fault := func(off int64, format string, args ...any) error {
		line, col := jsonPos(data, off)
		return &ParseError{File: name, Line: line, Column: col, Err: newErr(ErrDataset, format, args...)}
	}
	if len(bytes.Trim(data, jsonSpace)) == 0 {
		return Dataset{}, &ParseError{File: name, Err: newErr(ErrDataset, "is empty; want a JSON object such as {\"directed\": false}")}
	}
	// One JSON value, then nothing: a syntax error is the one fault.
	dec := json.NewDecoder(bytes.NewReader(data))
	var raw json.RawMessage
	if err := dec.Decode(&raw); err != nil {
		var syn *json.SyntaxError
		switch {
		case errors.As(err, &syn):
			return Dataset{}, fault(syn.Offset, "%v", err)
		case errors.Is(err, io.ErrUnexpectedEOF):
			return Dataset{}, fault(int64(len(data)), "unexpected end of JSON")
		}
		return Dataset{}, fault(dec.InputOffset(), "%v", err)
	}
	if dec.More() {
		return Dataset{}, fault(dec.InputOffset(), "more than one JSON value")
	}
	if _, err := dec.Token(); err != io.EOF {
		return Dataset{}, fault(dec.InputOffset(), "text after the JSON object")
	}
	switch raw[0] {
	case '{':
		return datasetKeysOf(name, data, fault)
	case 'n': // null says nothing, as an empty object
		return Dataset{}, nil
	}
	return Dataset{}, fault(skipJSON(data, 0, jsonSpace), "want a JSON object such as {\"directed\": false}, got %s", jsonKind(raw))
}

// datasetKeysOf reads the keys of data, one well-formed JSON object, one
// by one, so that every unknown or repeated key and every value of the
// wrong type is a fault of its own, located by fault; name is the file's
// name, for the count of faults past maxDatasetFaults.
func datasetKeysOf(name string, data []byte, fault func(off int64, format string, args ...any) error) (Dataset, error) {
	var d Dataset
	var faults []error
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.Token() // {
	seen := map[string]bool{}
	for dec.More() {
		keyAt := skipJSON(data, dec.InputOffset(), jsonSpace+",")
		tok, err := dec.Token()
		if err != nil {
			return Dataset{}, fault(keyAt, "%v", err) // not reached: the object is valid
		}
		key := tok.(string)
		valueAt := skipJSON(data, dec.InputOffset(), jsonSpace+":")
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return Dataset{}, fault(valueAt, "%v", err)
		}
		// Keys match without regard to case, as encoding/json matches
		// them to fields.
		folded := strings.ToLower(key)
		switch {
		case seen[folded]:
			faults = append(faults, fault(keyAt, "key %q given twice", key))
		case folded != "directed":
			faults = append(faults, fault(keyAt, "unknown key %q (known: %s)", key, strings.Join(datasetKeys, ", ")))
		default:
			switch v := string(raw); v {
			case "true", "false":
				b := v == "true"
				d.Directed = &b
			case "null":
			default:
				faults = append(faults, fault(valueAt, "%q: want true or false, got %s", key, jsonKind(raw)))
			}
		}
		seen[folded] = true
	}
	switch {
	case len(faults) == 1:
		return Dataset{}, faults[0]
	case len(faults) > maxDatasetFaults:
		more := &ParseError{File: name, Err: newErr(ErrDataset, "%d more faults not listed", len(faults)-maxDatasetFaults)}
		faults = append(faults[:maxDatasetFaults:maxDatasetFaults], more)
		fallthrough
	case len(faults) > 1:
		return Dataset{}, errors.Join(faults...)
	}
	return d, nil
}

// maxDatasetFaults bounds the faults of a dataset.json listed one by one.
const maxDatasetFaults = 20

// jsonSpace is the white space JSON allows between tokens.
const jsonSpace = " \t\r\n"

// skipJSON returns the offset of the first byte from off on that is not
// one of skip.
func skipJSON(data []byte, off int64, skip string) int64 {
	for off < int64(len(data)) && strings.IndexByte(skip, data[off]) >= 0 {
		off++
	}
	return off
}

// jsonKind names the kind of a JSON value as encoding/json's type errors
// do: string, number, object, array, bool or null.
func jsonKind(raw []byte) string {
	switch raw[0] {
	case '"':
		return "string"
	case '{':
		return "object"
	case '[':
		return "array"
	case 't', 'f':
		return "bool"
	case 'n':
		return "null"
	}
	return "number"
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
		if err != nil && !l.keepGoing {
			return err
		}
		if err != nil {
			// A check goes on with the data read as directed, each fault
			// a problem of its own.
			faults := []error{err}
			if j, ok := err.(interface{ Unwrap() []error }); ok {
				faults = j.Unwrap()
			}
			for _, f := range faults {
				if err := l.fail(f); err != nil {
					return err
				}
			}
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
