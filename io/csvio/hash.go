package csvio

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// InputFile describes one input as it was read, so that a result can name
// exactly what it was computed from.
type InputFile struct {
	// Name is the input as messages name it (a file's base name, or the
	// name of a reader).
	Name string
	// Path is the file's path as it was opened (joined to the dataset
	// folder given); empty for a reader or a file of an fs.FS other than
	// the operating system's.
	Path string
	// Size is the number of bytes read: the file's size, compressed as
	// stored for a .csv.gz file.
	Size int64
	// SHA256 is the lower-case hexadecimal SHA-256 of those bytes, the
	// value sha256sum prints for the file.
	SHA256 string
}

// hashedInput accumulates the checksum of one input while the loader
// reads it: the bytes are hashed as they go by, never read twice.
type hashedInput struct {
	name, path string
	h          hash.Hash
	n          int64
	eof        bool
	// rest returns the bytes after the first n ones, for an input that
	// was closed before its end (none is, on a successful load; see
	// sums).
	rest func(n int64) (io.ReadCloser, error)
}

func (in *hashedInput) add(p []byte, err error) {
	in.h.Write(p)
	in.n += int64(len(p))
	if err == io.EOF {
		in.eof = true
	}
}

// hashingFile is an fs.File whose reads feed a hashedInput.
type hashingFile struct {
	fs.File
	in *hashedInput
}

func (f *hashingFile) Read(p []byte) (int, error) {
	n, err := f.File.Read(p)
	f.in.add(p[:n], err)
	return n, err
}

// hashingReader is a reader whose reads feed a hashedInput.
type hashingReader struct {
	r  io.Reader
	in *hashedInput
}

func (r *hashingReader) Read(p []byte) (int, error) {
	n, err := r.r.Read(p)
	r.in.add(p[:n], err)
	return n, err
}

// track starts the checksum of an input.
func (l *loader) track(name, path string) *hashedInput {
	in := &hashedInput{name: name, path: path, h: sha256.New()}
	l.inputs = append(l.inputs, in)
	return in
}

// openHashed opens a file of the operating system (path) or of an fs.FS
// (open), shown as name in messages, hashing its bytes as they are read.
func (l *loader) openHashed(name, path string, open func() (fs.File, error)) (*source, error) {
	in := l.track(name, path)
	in.rest = func(n int64) (io.ReadCloser, error) {
		f, err := open()
		if err != nil {
			return nil, err
		}
		if s, ok := f.(io.Seeker); ok {
			if _, err := s.Seek(n, io.SeekStart); err != nil {
				f.Close()
				return nil, err
			}
			return f, nil
		}
		// Without Seek, skip the bytes already hashed.
		if _, err := io.CopyN(io.Discard, f, n); err != nil {
			f.Close()
			return nil, err
		}
		return f, nil
	}
	return openWith(name, func() (fs.File, error) {
		f, err := open()
		if err != nil {
			return nil, err
		}
		return &hashingFile{File: f, in: in}, nil
	}, &l.opt)
}

// openPath opens the file at path, hashing it as it is read.
func (l *loader) openPath(path string) (*source, error) {
	return l.openHashed(filepath.Base(path), path, func() (fs.File, error) { return os.Open(path) })
}

// openReader wraps a named reader, hashing it as it is read.
func (l *loader) openReader(in *Input) (*source, error) {
	h := l.track(in.Name, "")
	r := &hashingReader{r: in.R, in: h}
	h.rest = func(int64) (io.ReadCloser, error) { return io.NopCloser(in.R), nil }
	return newSource(in.Name, r, 0, &l.opt)
}

// sums finishes the checksums of a successful load, in the order the
// inputs were opened. Every reader of a load reads its input to the end,
// so the rest is normally empty; when it is not (an input stopped short),
// only the bytes not yet hashed are read.
func (l *loader) sums() ([]InputFile, error) {
	out := make([]InputFile, 0, len(l.inputs))
	for _, in := range l.inputs {
		if !in.eof {
			r, err := in.rest(in.n)
			if err != nil {
				return nil, &ParseError{File: in.name, Err: fmt.Errorf("checksum: %w", unwrapPathError(err))}
			}
			n, err := io.Copy(in.h, r)
			if cerr := r.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				return nil, &ParseError{File: in.name, Err: fmt.Errorf("checksum: %w", unwrapPathError(err))}
			}
			in.n += n
			in.eof = true
		}
		out = append(out, InputFile{Name: in.name, Path: in.path, Size: in.n, SHA256: hex.EncodeToString(in.h.Sum(nil))})
	}
	return out, nil
}

// HashFile returns the size and SHA-256 of the file at path, as
// Report.Inputs records them, to check that an input is unchanged.
func HashFile(path string) (InputFile, error) {
	f, err := os.Open(path)
	if err != nil {
		return InputFile{}, &ParseError{File: path, Err: unwrapPathError(err)}
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return InputFile{}, &ParseError{File: path, Err: unwrapPathError(err)}
	}
	return InputFile{Name: filepath.Base(path), Path: path, Size: n, SHA256: hex.EncodeToString(h.Sum(nil))}, nil
}

// path returns the path of a preset's file name: in l.dir when the preset
// reads a folder of the operating system, "" otherwise.
func (l *loader) path(name string) string {
	if l.dir == "" {
		return ""
	}
	return filepath.Join(l.dir, filepath.FromSlash(name))
}
