package report

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"
)

// File is one output file: its name in the folder and how to write it.
type File struct {
	Name  string
	Write func(io.Writer) error
}

// Errors of WriteFiles, Staging and WriteFile. ErrProtected,
// ErrNotRegular and ErrNotFolder are refusals made before anything in the
// output folder changes (the user named a wrong target); every other
// failure to produce the output (a full disk, a failing rename) matches
// ErrOutput.
var (
	ErrProtected  = errors.New("output would replace an input")
	ErrNotRegular = errors.New("output target is not a regular file")
	ErrNotFolder  = errors.New("output folder is not a folder")
	ErrOutput     = errors.New("output failed")
)

// outputError is a failure to write output: it matches ErrOutput and
// unwraps to its cause.
type outputError struct{ err error }

func (e *outputError) Error() string        { return e.err.Error() }
func (e *outputError) Unwrap() error        { return e.err }
func (e *outputError) Is(target error) bool { return target == ErrOutput }

func failed(format string, args ...any) error {
	return &outputError{fmt.Errorf("report: "+format, args...)}
}

// TestHookCommit, when set, is called before every rename of a commit
// (step is "backup NAME" or "install NAME"), before the journal is removed
// ("commit") and after ("cleanup"); an error it returns acts as a failing
// rename (and is ignored at "cleanup"). Tests
// use it to fail or kill a commit at a chosen point; it is never set
// otherwise.
var TestHookCommit func(step string) error

// noSync, set by tests of this package, skips fsync (durability is not
// what they check).
var noSync bool

// stateDir is the hidden folder WriteFiles keeps in an output folder: the
// lock, the manifest of the current set, and while a commit runs, the
// staged set, the previous set and the journal.
const stateDir = ".netmetrics"

// manifestName is the manifest's name inside the staging and backup
// folders; table names never start with a dot.
const manifestName = ".manifest"

// journal names the folders of a commit in progress; it exists from before
// the first rename until the commit is complete, so that a run killed in
// between is rolled back by the next one.
type journal struct {
	Stage string   `json:"stage"`
	Old   string   `json:"old"`
	New   []string `json:"new"`
}

// WriteFiles writes files as one set into dir: the whole set of this run
// replaces the previous set, or nothing changes.
//
// The folder is created when missing and locked (flock on
// dir/.netmetrics/lock) for the whole commit, so concurrent runs take
// turns. Every file is written and fsynced in a staging folder inside
// dir/.netmetrics; only then are the previous set's files moved aside and
// the new ones renamed into place, under a journal naming both, and the
// folder is fsynced. A failing rename rolls back to the previous set; a
// run killed at any moment leaves a journal that the next WriteFiles into
// dir rolls back first (or Recover). The manifest dir/.netmetrics/manifest
// names the set: a file of the previous set that this run does not produce
// is removed in the same commit. On failure, or when ctx is cancelled (an
// interrupt), the previous set is left as it was.
//
// Inputs are protected by identity, not by name: a file of the set (or of
// the previous set, to be removed) that is the same file as a path in
// protect (after resolving links, os.SameFile) is refused with
// ErrProtected, as is an output folder that is itself a protected folder.
// An existing entry that is not a regular file (a folder, a link, a
// device, a FIFO) is never replaced: ErrNotRegular. A dir that is not a
// folder, or lies under a file, is refused with ErrNotFolder.
func WriteFiles(ctx context.Context, dir string, files []File, protect ...string) error {
	names := make([]string, len(files))
	for i, f := range files {
		if err := checkName(f.Name, names[:i]); err != nil {
			return err
		}
		names[i] = f.Name
	}
	s, err := Stage(ctx, dir, protect...)
	if err != nil {
		return err
	}
	defer s.Abort()
	for _, f := range files {
		if err := s.Write(f); err != nil {
			return err
		}
	}
	return s.Commit()
}

// checkName refuses a file name that is not a plain name in the folder,
// starts with a dot, or is one of taken.
func checkName(name string, taken []string) error {
	if name == "" || name != filepath.Base(name) || strings.HasPrefix(name, ".") || slices.Contains(taken, name) {
		return fmt.Errorf("report: invalid output file name %q", name)
	}
	return nil
}

// Staging is a set of files being written into an output folder, to
// replace the folder's previous set in one commit, as WriteFiles does: a
// command that writes a table as its rows come, while it computes the
// others, stages the folder first, creates that file, writes the rest and
// commits. From Stage to Commit or Abort the folder is locked and nothing
// in it changes; the files wait in a hidden staging folder. A Staging is
// for one goroutine: a RowStream's writer is the one exception, and it
// must be closed before Commit or Abort.
type Staging struct {
	ctx     context.Context
	dir     string // as given, for messages
	real    string // dir with its links resolved
	st      string // the state folder
	stage   string
	protect []string
	unlock  func()
	names   []string
	syncs   sync.WaitGroup
	mu      sync.Mutex
	syncErr error
	open    int // files created and not yet closed
	files   []*stagedFile
	ended   bool // committed or aborted
	created bool // Stage made the folder
}

// Stage prepares a new set of files for dir: it refuses a dir that is not
// a folder (ErrNotFolder) or is a protected folder (ErrProtected),
// creates it when missing, takes its lock (waiting for another run, or
// until ctx is done), rolls back a commit a killed run left, and makes the
// staging folder. The caller must Commit or Abort.
func Stage(ctx context.Context, dir string, protect ...string) (*Staging, error) {
	if err := CheckFolder(dir); err != nil {
		return nil, err
	}
	_, statErr := os.Stat(dir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		if errors.Is(err, syscall.ENOTDIR) {
			return nil, fmt.Errorf("report: refusing to write into %q: %w (a file on its path)", dir, ErrNotFolder)
		}
		return nil, failed("%w", err)
	}
	real, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return nil, failed("%w", err)
	}
	if err := protectDir(dir, real, protect); err != nil {
		return nil, err
	}
	s := &Staging{ctx: ctx, dir: dir, real: real, st: filepath.Join(real, stateDir), protect: protect,
		created: errors.Is(statErr, os.ErrNotExist)}
	s.unlock, err = lock(ctx, s.st)
	if err != nil {
		return nil, err
	}
	if err := recoverDir(real); err != nil {
		s.release()
		return nil, err
	}
	s.stage, err = os.MkdirTemp(s.st, "stage-")
	if err != nil {
		s.release()
		return nil, failed("%w", err)
	}
	return s, nil
}

// release unlocks the folder; a folder where nothing was ever committed
// is left as it was (and one Stage made is removed, when empty).
func (s *Staging) release() {
	if _, merr := os.Stat(filepath.Join(s.st, "manifest")); errors.Is(merr, os.ErrNotExist) {
		if _, jerr := os.Stat(filepath.Join(s.st, "journal")); errors.Is(jerr, os.ErrNotExist) {
			os.Remove(filepath.Join(s.st, "lock"))
			os.Remove(s.st)
			if s.created {
				os.Remove(s.real)
			}
		}
	}
	s.unlock()
}

// add takes a name for the set.
func (s *Staging) add(name string) error {
	if s.ended {
		return fmt.Errorf("report: write %q: the set of %q is already committed or aborted", name, s.dir)
	}
	if err := checkName(name, s.names); err != nil {
		return err
	}
	s.names = append(s.names, name)
	return nil
}

// synced fsyncs and closes a staged file in the background; Commit waits
// for it.
func (s *Staging) synced(name string, f *os.File) {
	s.syncs.Go(func() {
		if err := syncClose(f, nil); err != nil {
			s.mu.Lock()
			if s.syncErr == nil {
				s.syncErr = fmt.Errorf("report: write %q: %w", name, err)
			}
			s.mu.Unlock()
		}
	})
}

// Write writes one file of the set; it is fsynced in the background while
// the next ones are written.
func (s *Staging) Write(f File) error {
	if err := s.add(f.Name); err != nil {
		return err
	}
	file, err := createFile(s.ctx, filepath.Join(s.stage, f.Name), f.Write)
	if err != nil {
		return fmt.Errorf("report: write %q: %w", f.Name, err)
	}
	s.synced(f.Name, file)
	return nil
}

// Create opens one file of the set for writing as its content comes (a
// write fails once the Staging's context is done); closing it fsyncs it
// in the background. Commit refuses a set with a file still open.
func (s *Staging) Create(name string) (io.WriteCloser, error) {
	if err := s.add(name); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(filepath.Join(s.stage, name), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err == nil {
		err = f.Chmod(0o644)
		if err != nil {
			f.Close()
		}
	}
	if err != nil {
		return nil, fmt.Errorf("report: write %q: %w", name, &outputError{err})
	}
	s.open++
	sf := &stagedFile{s: s, name: name, f: f, w: ctxWriter{ctx: s.ctx, w: f}}
	s.files = append(s.files, sf)
	return sf, nil
}

// stagedFile is a file of a Staging written as its content comes.
type stagedFile struct {
	s      *Staging
	name   string
	f      *os.File
	w      ctxWriter
	closed bool
}

func (f *stagedFile) Write(p []byte) (int, error) { return f.w.Write(p) }

func (f *stagedFile) Close() error {
	if f.closed {
		return nil
	}
	f.closed = true
	f.s.open--
	f.s.synced(f.name, f.f)
	return nil
}

// Abort drops the set: the staged files are closed and removed and the
// folder is unlocked, as it was. After Commit it does nothing.
func (s *Staging) Abort() {
	if s.ended {
		return
	}
	s.ended = true
	for _, f := range s.files {
		if !f.closed {
			f.closed = true
			f.f.Close()
		}
	}
	s.syncs.Wait()
	removeFolder(s.stage)
	s.release()
}

// Commit replaces the folder's previous set with the staged files (see
// WriteFiles): a file of the previous set that this one lacks is removed,
// an existing entry that is not a regular file is refused
// (ErrNotRegular), as is a file that is an input (ErrProtected); on
// failure, or when the context is done, the previous set is left as it
// was. It ends the Staging either way.
func (s *Staging) Commit() error {
	if s.ended {
		return fmt.Errorf("report: commit into %q: the set is already committed or aborted", s.dir)
	}
	if s.open > 0 {
		s.Abort()
		return fmt.Errorf("report: commit into %q: %d file(s) still open", s.dir, s.open)
	}
	s.syncs.Wait()
	staged, err := s.commit()
	s.ended = true
	if !staged {
		removeFolder(s.stage)
	}
	s.release()
	return err
}

// Check refuses now, rather than at Commit, files the set will hold whose
// place in the folder is taken by something that is not a regular file
// (ErrNotRegular) or by an input (ErrProtected): a command checks the
// files it knows it will write before a long computation.
func (s *Staging) Check(names ...string) error {
	for _, n := range names {
		exists, err := s.target(n)
		if err != nil {
			return err
		}
		if exists {
			if err := protectFile(filepath.Join(s.real, n), s.protect); err != nil {
				return err
			}
		}
	}
	return nil
}

// target reports whether file n of the set replaces an entry of the
// folder, refusing an entry that is not a regular file.
func (s *Staging) target(n string) (bool, error) {
	fi, err := os.Lstat(filepath.Join(s.real, n))
	switch {
	case errors.Is(err, os.ErrNotExist):
		return false, nil
	case err != nil:
		return false, failed("%w", err)
	case !fi.Mode().IsRegular():
		return false, fmt.Errorf("report: refusing to replace %q: %w (%s)", filepath.Join(s.dir, n), ErrNotRegular, kind(fi.Mode()))
	}
	return true, nil
}

// commit does Commit's work; staged reports whether the staging folder is
// now part of a journal (and must not be removed).
func (s *Staging) commit() (staged bool, err error) {
	if s.syncErr != nil {
		return false, s.syncErr
	}
	real, st, stage, names := s.real, s.st, s.stage, s.names
	prev := readManifest(st)
	removeStaleTemps(real, append(slices.Clone(names), prev...))

	// What the commit replaces and removes.
	var old []string
	for _, n := range names {
		exists, err := s.target(n)
		if err != nil {
			return false, err
		}
		if exists {
			old = append(old, n)
		}
	}
	for _, n := range prev {
		if slices.Contains(names, n) {
			continue
		}
		if fi, err := os.Lstat(filepath.Join(real, n)); err == nil && fi.Mode().IsRegular() {
			old = append(old, n)
		}
	}
	for _, n := range old {
		if err := protectFile(filepath.Join(real, n), s.protect); err != nil {
			return false, err
		}
	}
	manifest := "netmetrics output set\n" + strings.Join(names, "\n") + "\n"
	if err := writeFile(s.ctx, filepath.Join(stage, manifestName), func(w io.Writer) error {
		_, err := io.WriteString(w, manifest)
		return err
	}); err != nil {
		return false, fmt.Errorf("report: write manifest: %w", err)
	}
	if err := syncDir(stage); err != nil {
		return false, failed("%w", err)
	}
	if err := s.ctx.Err(); err != nil {
		return false, fmt.Errorf("report: interrupted: %w", err)
	}

	// Commit: journal, move the previous set aside, install the new one.
	backup, err := os.MkdirTemp(st, "old-")
	if err != nil {
		return false, failed("%w", err)
	}
	j := journal{Stage: filepath.Base(stage), Old: filepath.Base(backup), New: append(slices.Clone(names), manifestName)}
	if err := writeJournal(st, j); err != nil {
		os.Remove(backup)
		return false, err
	}
	live := func(n string) string { return livePath(real, st, n) }
	move := func(step, from, to string) error {
		if h := TestHookCommit; h != nil {
			if err := h(step); err != nil {
				return err
			}
		}
		return os.Rename(from, to)
	}
	commitErr := func() error {
		if len(prev) > 0 || fileExists(live(manifestName)) {
			old = append(old, manifestName)
		}
		for _, n := range old {
			if err := move("backup "+n, live(n), filepath.Join(backup, n)); err != nil {
				return err
			}
		}
		for _, n := range j.New {
			if err := move("install "+n, filepath.Join(stage, n), live(n)); err != nil {
				return err
			}
		}
		if err := syncDir(real); err != nil {
			return err
		}
		if err := syncDir(st); err != nil {
			return err
		}
		if h := TestHookCommit; h != nil {
			if err := h("commit"); err != nil {
				return err
			}
		}
		// The commit point: without the journal the new set stands.
		if err := os.Remove(filepath.Join(st, "journal")); err != nil {
			return err
		}
		return syncDir(st)
	}()
	if commitErr != nil {
		if rerr := recoverDir(real); rerr != nil {
			return true, failed("%w (and the rollback failed: %w)", commitErr, rerr)
		}
		return true, failed("%w; the previous files were restored", commitErr)
	}
	if h := TestHookCommit; h != nil {
		h("cleanup")
	}
	removeFolder(backup)
	removeFolder(stage)
	return true, nil
}

// Recover finishes what a killed WriteFiles into dir left: a commit cut
// short is rolled back to the previous set, and staging leftovers are
// removed. WriteFiles does this itself before writing; Recover is for
// tools that read the folder without writing to it.
func Recover(ctx context.Context, dir string) error {
	real, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return failed("%w", err)
	}
	st := filepath.Join(real, stateDir)
	if _, err := os.Stat(st); errors.Is(err, os.ErrNotExist) {
		return nil
	}
	unlock, err := lock(ctx, st)
	if err != nil {
		return err
	}
	defer unlock()
	return recoverDir(real)
}

// recoverDir rolls back a commit cut short (the journal exists) and removes
// the staging and backup folders of finished or abandoned runs. The lock is
// held. Every step can be repeated after a kill during the recovery itself.
func recoverDir(real string) error {
	st := filepath.Join(real, stateDir)
	data, err := os.ReadFile(filepath.Join(st, "journal"))
	if err == nil {
		var j journal
		if err := json.Unmarshal(data, &j); err != nil || !safeName(j.Stage) || !safeName(j.Old) {
			return failed("corrupt journal %q: remove the folder %q and run again", filepath.Join(st, "journal"), st)
		}
		stage, backup := filepath.Join(st, j.Stage), filepath.Join(st, j.Old)
		live := func(n string) string { return livePath(real, st, n) }
		// New files already installed go back to the staging folder...
		for _, n := range j.New {
			if !safeName(n) && n != manifestName {
				return failed("corrupt journal %q", filepath.Join(st, "journal"))
			}
			if fileExists(filepath.Join(stage, n)) {
				continue
			}
			if err := os.Rename(live(n), filepath.Join(stage, n)); err != nil && !errors.Is(err, os.ErrNotExist) {
				return failed("rollback: %w", err)
			}
		}
		// ...and the previous set comes back.
		entries, err := os.ReadDir(backup)
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			return failed("rollback: %w", err)
		}
		for _, e := range entries {
			if err := os.Rename(filepath.Join(backup, e.Name()), live(e.Name())); err != nil {
				return failed("rollback: %w", err)
			}
		}
		if err := syncDir(real); err != nil {
			return failed("rollback: %w", err)
		}
		if err := os.Remove(filepath.Join(st, "journal")); err != nil {
			return failed("rollback: %w", err)
		}
		if err := syncDir(st); err != nil {
			return failed("rollback: %w", err)
		}
	} else if !errors.Is(err, os.ErrNotExist) {
		return failed("%w", err)
	}
	entries, _ := os.ReadDir(st)
	for _, e := range entries {
		if e.IsDir() && (strings.HasPrefix(e.Name(), "stage-") || strings.HasPrefix(e.Name(), "old-")) {
			removeFolder(filepath.Join(st, e.Name()))
		}
		if strings.HasPrefix(e.Name(), "journal.tmp") {
			os.Remove(filepath.Join(st, e.Name()))
		}
	}
	return nil
}

func safeName(n string) bool {
	return n != "" && n == filepath.Base(n) && n != "." && n != ".."
}

// WriteFile writes one output file at path, whole or not at all: a new
// file is written beside the target, fsynced and renamed over it (links
// to the target are resolved first, so a link is never replaced by the
// file). A target that exists and is a character device or a FIFO
// (/dev/null, /dev/stdout on a terminal or a pipe) is written to directly
// and never replaced; a socket or a folder is refused with ErrNotRegular.
// A target that is the same file as a path in protect is refused with
// ErrProtected.
func WriteFile(ctx context.Context, path string, write func(io.Writer) error, protect ...string) error {
	if fi, err := os.Stat(path); err == nil && !fi.Mode().IsRegular() {
		if fi.Mode()&(os.ModeCharDevice|os.ModeDevice|os.ModeNamedPipe) == 0 {
			return fmt.Errorf("report: refusing to write %q: %w (%s)", path, ErrNotRegular, kind(fi.Mode()))
		}
		f, err := os.OpenFile(path, os.O_WRONLY, 0)
		if err != nil {
			return failed("%w", err)
		}
		werr := write(&ctxWriter{ctx: ctx, w: f})
		if cerr := f.Close(); werr == nil {
			werr = cerr
		}
		if werr != nil {
			if errors.Is(werr, context.Canceled) {
				return fmt.Errorf("report: write %q: %w", path, werr)
			}
			return failed("write %q: %w", path, werr)
		}
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return failed("%w", err)
	}
	target := path
	if fi, err := os.Lstat(path); err == nil && fi.Mode()&os.ModeSymlink != 0 {
		if target, err = filepath.EvalSymlinks(path); err != nil {
			return fmt.Errorf("report: refusing to write %q: a link that does not resolve: %w", path, ErrNotRegular)
		}
	} else {
		dir, err := filepath.EvalSymlinks(filepath.Dir(path))
		if err != nil {
			return failed("%w", err)
		}
		target = filepath.Join(dir, filepath.Base(path))
	}
	if err := protectFile(target, protect); err != nil {
		return err
	}
	dir, base := filepath.Dir(target), filepath.Base(target)
	removeStaleTemps(dir, []string{base})
	tmp, err := os.CreateTemp(dir, "."+base+".tmp*")
	if err != nil {
		return failed("%w", err)
	}
	// The lock tells a concurrent cleanup that this temporary file is in
	// use.
	flockNB(tmp)
	name := tmp.Name()
	werr := tmp.Chmod(0o644)
	if werr == nil {
		werr = write(&ctxWriter{ctx: ctx, w: tmp})
	}
	if werr == nil && !noSync {
		werr = tmp.Sync()
	}
	if werr == nil {
		if h := TestHookCommit; h != nil {
			werr = h("install " + base)
		}
	}
	if werr == nil {
		werr = os.Rename(name, target)
	}
	if cerr := tmp.Close(); werr == nil {
		werr = cerr
	}
	if werr != nil {
		os.Remove(name)
		if errors.Is(werr, context.Canceled) {
			return fmt.Errorf("report: write %q: %w", path, werr)
		}
		return failed("write %q: %w", path, werr)
	}
	if err := syncDir(dir); err != nil {
		return failed("%w", err)
	}
	return nil
}

// protectDir refuses an output folder that is a protected folder.
func protectDir(dir, real string, protect []string) error {
	ds, err := os.Stat(real)
	if err != nil {
		return failed("%w", err)
	}
	for _, p := range protect {
		if ps, err := os.Stat(p); err == nil && ps.IsDir() && os.SameFile(ds, ps) {
			return fmt.Errorf("report: refusing to write into %q: it is the input dataset folder %q: %w", dir, p, ErrProtected)
		}
	}
	return nil
}

// protectFile refuses a target that is the same file as a protected one
// (through links on either side, or a hard link).
func protectFile(target string, protect []string) error {
	ts, err := os.Stat(target)
	if err != nil {
		return nil
	}
	for _, p := range protect {
		if ps, err := os.Stat(p); err == nil && !ps.IsDir() && os.SameFile(ts, ps) {
			return fmt.Errorf("report: refusing to overwrite input file %q (the output %q is the same file): %w", p, target, ErrProtected)
		}
	}
	return nil
}

// kind names a file mode for messages.
func kind(m os.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&os.ModeSymlink != 0:
		return "a symbolic link"
	case m&os.ModeNamedPipe != 0:
		return "a FIFO"
	case m&os.ModeSocket != 0:
		return "a socket"
	case m&os.ModeDevice != 0:
		return "a device"
	case m.IsRegular():
		return "a file"
	}
	return "not a regular file"
}

// CheckFolder refuses, with ErrNotFolder, an output folder dir that
// exists and is not a folder; WriteFiles checks it too, and a command can
// check it before a long analysis.
func CheckFolder(dir string) error {
	if fi, err := os.Stat(dir); err == nil && !fi.IsDir() {
		return fmt.Errorf("report: refusing to write into %q: %w (%s)", dir, ErrNotFolder, kind(fi.Mode()))
	}
	return nil
}

// writeFile creates path, writes it, and fsyncs it.
func writeFile(ctx context.Context, path string, write func(io.Writer) error) error {
	f, err := createFile(ctx, path, write)
	if err != nil {
		return err
	}
	return syncClose(f, nil)
}

// createFile creates path and writes it; the file is left open for
// syncClose.
func createFile(ctx context.Context, path string, write func(io.Writer) error) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return nil, &outputError{err}
	}
	werr := f.Chmod(0o644)
	if werr == nil {
		werr = write(&ctxWriter{ctx: ctx, w: f})
	}
	if werr != nil {
		return nil, syncClose(f, werr)
	}
	return f, nil
}

// syncClose fsyncs (unless werr, the error of writing it, is not nil) and
// closes a file made by createFile, and returns the first error.
func syncClose(f *os.File, werr error) error {
	if werr == nil && !noSync {
		werr = f.Sync()
	}
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr != nil && !errors.Is(werr, context.Canceled) {
		return &outputError{werr}
	}
	return werr
}

// writeJournal writes the journal atomically and durably.
func writeJournal(st string, j journal) error {
	data, err := json.Marshal(j)
	if err != nil {
		return failed("%w", err)
	}
	tmp := filepath.Join(st, "journal.tmp")
	if err := writeFile(context.Background(), tmp, func(w io.Writer) error { _, err := w.Write(data); return err }); err != nil {
		os.Remove(tmp)
		return failed("write journal: %w", err)
	}
	if err := os.Rename(tmp, filepath.Join(st, "journal")); err != nil {
		os.Remove(tmp)
		return failed("%w", err)
	}
	if err := syncDir(st); err != nil {
		return failed("%w", err)
	}
	return nil
}

// readManifest returns the names of the set committed last, none when
// there is no manifest.
func readManifest(st string) []string {
	data, err := os.ReadFile(filepath.Join(st, "manifest"))
	if err != nil {
		return nil
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	var names []string
	for _, l := range lines[1:] {
		if safeName(l) && !strings.HasPrefix(l, ".") {
			names = append(names, l)
		}
	}
	return names
}

// staleTemp matches the temporary files of WriteFile (and of earlier
// versions of WriteFiles): ".NAME.tmpDIGITS".
var staleTemp = regexp.MustCompile(`^\.(.+)\.tmp[0-9]+$`)

// removeStaleTemps removes temporary files of the given names left in dir
// by killed runs; a file still locked by a running writer is kept.
func removeStaleTemps(dir string, names []string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		m := staleTemp.FindStringSubmatch(e.Name())
		if m == nil || !e.Type().IsRegular() || !slices.Contains(names, m[1]) {
			continue
		}
		p := filepath.Join(dir, e.Name())
		f, err := os.Open(p)
		if err != nil {
			continue
		}
		if flockNB(f) {
			os.Remove(p)
		}
		f.Close()
	}
}

// removeFolder removes the regular files of a folder of ours, then the
// folder; anything else found there is left.
func removeFolder(dir string) {
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if e.Type().IsRegular() {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
	os.Remove(dir)
}

func fileExists(p string) bool {
	_, err := os.Lstat(p)
	return err == nil
}

// syncDir fsyncs a folder, so that renames in it are durable.
func syncDir(dir string) error {
	if noSync {
		return nil
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	if errors.Is(err, errSyncUnsupported) {
		return nil
	}
	return err
}

// lock takes the lock of an output folder's state folder st, waiting for
// another run to finish (and giving up when ctx is done). It returns the
// function that releases it.
func lock(ctx context.Context, st string) (func(), error) {
	for {
		if err := os.MkdirAll(st, 0o755); err != nil {
			return nil, failed("%w", err)
		}
		path := filepath.Join(st, "lock")
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
		if errors.Is(err, os.ErrNotExist) {
			// The folder was removed by the run that held the lock.
			continue
		}
		if err != nil {
			return nil, failed("%w", err)
		}
		for !flockNB(f) {
			select {
			case <-ctx.Done():
				f.Close()
				return nil, fmt.Errorf("report: interrupted while waiting for another run writing into %q: %w", filepath.Dir(st), ctx.Err())
			case <-time.After(5 * time.Millisecond):
			}
		}
		// The run that held the lock may have removed the file (nothing
		// was committed): then lock the new one.
		fs, err1 := f.Stat()
		ps, err2 := os.Stat(path)
		if err1 == nil && err2 == nil && os.SameFile(fs, ps) {
			return func() { f.Close() }, nil
		}
		f.Close()
	}
}

// ctxWriter fails writes once its context is done, so that an interrupt
// stops a long table between two buffered writes.
type ctxWriter struct {
	ctx context.Context
	w   io.Writer
}

func (c *ctxWriter) Write(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, fmt.Errorf("interrupted: %w", err)
	}
	return c.w.Write(p)
}

// livePath is where a file of the committed set lives: the manifest in the
// state folder st, a table in the output folder real.
func livePath(real, st, n string) string {
	if n == manifestName {
		return filepath.Join(st, "manifest")
	}
	return filepath.Join(real, n)
}
