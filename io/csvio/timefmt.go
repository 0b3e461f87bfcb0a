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
		if ns, ok := parseCommonTime(s, 'T', "Z"); ok {
			return ns, nil
		}
		t, err = time.Parse(time.RFC3339Nano, s)
	case TimeDateTime:
		if ns, ok := parseCommonTime(s, ' ', ""); ok {
			return ns, nil
		}
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

// parseCommonTime reads the common forms 2006-01-02T15:04:05[.fff]Z (sep
// 'T', zone "Z") and 2006-01-02 15:04:05[.fff] (sep ' ', zone "") in
// range, with one to nine digits of fraction, as time.Parse reads them
// but without its generality. ok is false for any other text, which the
// general parser then reads or rejects.
func parseCommonTime(s string, sep byte, zone string) (ns int64, ok bool) {
	var dc dateCache
	return dc.parse(s, sep, zone)
}

// dateCache remembers the days of the last date parseCommonTime read:
// the rows of an export are usually in time order, so that most rows
// repeat the date of the row before.
type dateCache struct {
	date [10]byte
	days int64
	ok   bool
}

// parse is parseCommonTime, with the days of a date repeated from the
// last call taken from the cache.
func (dc *dateCache) parse(s string, sep byte, zone string) (ns int64, ok bool) {
	if len(s) < 19+len(zone) || s[len(s)-len(zone):] != zone {
		return 0, false
	}
	s = s[:len(s)-len(zone)]
	if s[10] != sep || s[13] != ':' || s[16] != ':' {
		return 0, false
	}
	var days int64
	if dc.ok && string(dc.date[:]) == s[:10] {
		days = dc.days
	} else {
		if s[4] != '-' || s[7] != '-' {
			return 0, false
		}
		year, month, day := num4(s), num2(s[5:]), num2(s[8:])
		// num2 and num4 are negative for a non-digit.
		if year < minTime.Year() || year >= maxTime.Year() || month < 1 || month > 12 || day < 1 || day > daysIn(month, year) {
			return 0, false
		}
		days = daysSinceEpoch(year, month, day)
		copy(dc.date[:], s)
		dc.days, dc.ok = days, true
	}
	hour, minute, sec := num2(s[11:]), num2(s[14:]), num2(s[17:])
	frac := 0
	if len(s) > 19 {
		digits := s[20:]
		if s[19] != '.' || len(digits) == 0 || len(digits) > 9 {
			return 0, false
		}
		for i := 0; i < 9; i++ {
			d := 0
			if i < len(digits) {
				if d = int(digits[i]) - '0'; d < 0 || d > 9 {
					return 0, false
				}
			}
			frac = frac*10 + d
		}
	}
	if hour < 0 || hour > 23 || minute < 0 || minute > 59 || sec < 0 || sec > 59 {
		return 0, false
	}
	secs := days*86400 + int64(hour*3600+minute*60+sec)
	return secs*int64(time.Second) + int64(frac), true
}

func daysIn(month, year int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// daysSinceEpoch returns the days from 1970-01-01 to the given date of
// the proleptic Gregorian calendar (H. Hinnant's days_from_civil).
func daysSinceEpoch(year, month, day int) int64 {
	y := int64(year)
	if month <= 2 {
		y--
	}
	era := y / 400 // years are positive here
	yoe := y - era*400
	m := int64(month)
	if m > 2 {
		m -= 3
	} else {
		m += 9
	}
	doy := (153*m+2)/5 + int64(day) - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// num2 reads two decimal digits; negative when one is not a digit.
func num2(s string) int {
	a, b := int(s[0])-'0', int(s[1])-'0'
	if uint(a) > 9 || uint(b) > 9 {
		return -1
	}
	return a*10 + b
}

// num4 reads four decimal digits; negative when one is not a digit.
func num4(s string) int {
	a, b := num2(s), num2(s[2:])
	if a < 0 || b < 0 {
		return -1
	}
	return a*100 + b
}
