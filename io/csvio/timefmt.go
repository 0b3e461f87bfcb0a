package csvio

import (
	"errors"
	"strconv"
	"strings"
	"time"
)

// TimeFormat is one of the time formats the loader accepts.
type TimeFormat int

// Accepted time formats.
const (
	// TimeUnknown is the format before detection.
	TimeUnknown TimeFormat = iota
	// TimeRFC3339 is "2006-01-02T15:04:05Z07:00" with optional fraction.
	TimeRFC3339
	// TimeDateTime is "2006-01-02 15:04:05" with optional fraction, in UTC.
	TimeDateTime
	// TimeDate is "2006-01-02", midnight UTC.
	TimeDate
	// TimeUnix is integer seconds since the Unix epoch.
	TimeUnix
)

var timeFormatNames = [...]string{"unknown", "RFC 3339", "2006-01-02 15:04:05", "2006-01-02", "Unix seconds"}

// String names the format.
func (f TimeFormat) String() string { return timeFormatNames[f] }

// Bounds of representable times: flows keep Unix nanoseconds in an int64,
// and the last calendar window must end before 2262-04-11.
var (
	minTime = time.Date(1678, 1, 1, 0, 0, 0, 0, time.UTC)
	maxTime = time.Date(2262, 1, 1, 0, 0, 0, 0, time.UTC)
)

// DetectTimeFormat tells the format of a time value from its shape.
func DetectTimeFormat(s string) (TimeFormat, error) {
	switch {
	case s == "":
		return TimeUnknown, newErr(ErrTime, "time is empty")
	case isInteger(s):
		return TimeUnix, nil
	case len(s) == 10 && s[4] == '-' && s[7] == '-':
		return TimeDate, nil
	case len(s) > 10 && s[4] == '-' && s[7] == '-' && (s[10] == 'T' || s[10] == 't'):
		return TimeRFC3339, nil
	case len(s) > 10 && s[4] == '-' && s[7] == '-' && s[10] == ' ':
		return TimeDateTime, nil
	}
	return TimeUnknown, newErr(ErrTime, "time %q: not RFC 3339, 2006-01-02 15:04:05, 2006-01-02 or Unix seconds", s)
}

func isInteger(s string) bool {
	if s != "" && (s[0] == '-' || s[0] == '+') {
		s = s[1:]
	}
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// ParseTime reads a time in the given format and returns Unix nanoseconds.
// Times before 1678 or from 2262 on are out of range.
func ParseTime(s string, f TimeFormat) (int64, error) {
	var t time.Time
	var err error
	switch f {
	case TimeUnix:
		var sec int64
		sec, err = strconv.ParseInt(s, 10, 64)
		if err != nil {
			if errors.Is(err, strconv.ErrRange) {
				return 0, outOfRange(s)
			}
			return 0, newErr(ErrTime, "time %q: not an integer number of seconds", s)
		}
		if sec < minTime.Unix() || sec >= maxTime.Unix() {
			return 0, outOfRange(s)
		}
		return sec * int64(time.Second), nil
	case TimeRFC3339:
		t, err = time.Parse(time.RFC3339Nano, s)
	case TimeDateTime:
		t, err = time.Parse("2006-01-02 15:04:05.999999999", s)
	case TimeDate:
		t, err = time.Parse(time.DateOnly, s)
	default:
		return 0, newErr(ErrTime, "time %q: unknown format", s)
	}
	if err != nil {
		var pe *time.ParseError
		if errors.As(err, &pe) && pe.Message != "" {
			return 0, newErr(ErrTime, "time %q: %s", s, strings.TrimPrefix(pe.Message, ": "))
		}
		return 0, newErr(ErrTime, "time %q: not in the form %s", s, formatExample[f])
	}
	if t.Before(minTime) || !t.Before(maxTime) {
		return 0, outOfRange(s)
	}
	return t.UnixNano(), nil
}

var formatExample = [...]string{TimeRFC3339: "2006-01-02T15:04:05Z", TimeDateTime: "2006-01-02 15:04:05", TimeDate: "2006-01-02", TimeUnix: "1136214245"}

func outOfRange(s string) error {
	return newErr(ErrTime, "time %q: out of range (from 1678-01-01 to 2261-12-31)", s)
}

// timeColumn parses one file's time column, detecting the format on the
// first value.
type timeColumn struct {
	format    TimeFormat
	firstLine int
}

func (c *timeColumn) parse(s string, line int) (int64, error) {
	if c.format == TimeUnknown {
		f, err := DetectTimeFormat(s)
		if err != nil {
			return 0, err
		}
		c.format, c.firstLine = f, line
	}
	v, err := ParseTime(s, c.format)
	if err == nil {
		return v, nil
	}
	if s == "" {
		return 0, newErr(ErrTime, "time is empty")
	}
	if f, derr := DetectTimeFormat(s); derr == nil && f != c.format {
		if _, perr := ParseTime(s, f); perr == nil {
			return 0, newErr(ErrTimeFormat, "time %q is in the form %s, but line %d set the file's times to %s", s, formatExample[f], c.firstLine, formatExample[c.format])
		}
	}
	return 0, err
}
