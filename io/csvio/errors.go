package csvio

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Sentinel causes of load errors; a *ParseError unwraps to one of them or
// to a lower-level error (encoding/csv, time, strconv, graph, gzip).
var (
	ErrEmptyFile       = errors.New("file is empty")
	ErrNoRows          = errors.New("no data rows after the header")
	ErrMissingColumn   = errors.New("missing required column")
	ErrDuplicateColumn = errors.New("duplicate column")
	ErrTooManyColumns  = errors.New("too many columns")
	ErrEmptyValue      = errors.New("empty value")
	ErrTime            = errors.New("invalid time")
	ErrTimeFormat      = errors.New("time in a different format")
	ErrWeight          = errors.New("invalid weight")
	ErrNUL             = errors.New("NUL byte")
	ErrUTF8            = errors.New("invalid UTF-8")
	ErrLineTooLong     = errors.New("line too long")
	ErrFieldTooLong    = errors.New("field too long")
	ErrTooLarge        = errors.New("file too large")
	ErrTooManyRows     = errors.New("too many rows")
	ErrTooManyErrors   = errors.New("too many errors")
	ErrNoFlows         = errors.New("no flows file")
	ErrUnknownPreset   = errors.New("unknown preset")
	// ErrSelfReference reports a member naming itself where a community is
	// expected (a warning, an error in strict mode).
	ErrSelfReference = errors.New("member references itself")
)

// causeError is an error whose message reads on its own while errors.Is
// still finds the sentinel cause.
type causeError struct {
	msg   string
	cause error
}

func (e *causeError) Error() string { return e.msg }
func (e *causeError) Unwrap() error { return e.cause }

// newErr formats a message whose cause is the sentinel err.
func newErr(cause error, format string, args ...any) error {
	return &causeError{msg: fmt.Sprintf(format, args...), cause: cause}
}

// ParseError locates a problem in an input file.
type ParseError struct {
	// File is the file's base name as the user gave it.
	File string
	// Line is 1-based; 0 when the problem concerns the whole file.
	Line int
	// Column is the 1-based field number of a bad value, or the 1-based
	// byte position of a CSV syntax error; 0 when unknown.
	Column int
	// Err is the cause.
	Err error
}

// Error formats the position as file:line:column: message. A file name
// holding anything but printable characters other than a quote, a
// backslash or a colon is quoted as Go quotes it (%q), so that a line
// break or a terminal escape sequence in a name cannot forge a message.
func (e *ParseError) Error() string {
	file := quoteName(e.File)
	switch {
	case e.Line == 0:
		return fmt.Sprintf("%s: %v", file, e.Err)
	case e.Column == 0:
		return fmt.Sprintf("%s:%d: %v", file, e.Line, e.Err)
	}
	return fmt.Sprintf("%s:%d:%d: %v", file, e.Line, e.Column, e.Err)
}

// quoteName returns name as is when it reads unambiguously, quoted
// otherwise.
func quoteName(name string) string {
	if name != "" && strconv.Quote(name) == `"`+name+`"` && !strings.ContainsAny(name, ": ") {
		return name
	}
	return strconv.Quote(name)
}

// Unwrap returns the cause.
func (e *ParseError) Unwrap() error { return e.Err }

// Severity grades a Problem.
type Severity int

// Problem severities.
const (
	Warning Severity = iota
	Error
)

// String returns "warning" or "error".
func (s Severity) String() string {
	if s == Error {
		return "error"
	}
	return "warning"
}

// Problem is one finding of a load: an error that stops it (or that
// Validate collects), or a warning that does not.
type Problem struct {
	Severity Severity
	Err      error
}

// String is "error: file:line:col: message" or "warning: ...".
func (p Problem) String() string { return p.Severity.String() + ": " + p.Err.Error() }
