package csvio

import (
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// checkCommonTime compares parseCommonTime with time.Parse on s.
func checkCommonTime(t *testing.T, s string) {
	t.Helper()
	for _, c := range []struct {
		sep    byte
		zone   string
		layout string
	}{{'T', "Z", time.RFC3339Nano}, {' ', "", "2006-01-02 15:04:05.999999999"}} {
		got, ok := parseCommonTime(s, c.sep, c.zone)
		if !ok {
			continue
		}
		want, err := time.Parse(c.layout, s)
		if err != nil {
			t.Fatalf("parseCommonTime(%q) = %d, but time.Parse fails: %v", s, got, err)
		}
		if want.Before(minTime) || !want.Before(maxTime) {
			t.Fatalf("parseCommonTime(%q) = %d, but it is out of range", s, got)
		}
		if got != want.UnixNano() {
			t.Fatalf("parseCommonTime(%q) = %d, want %d", s, got, want.UnixNano())
		}
	}
}

func TestParseCommonTime(t *testing.T) {
	for _, s := range []string{"2022-01-01T00:02:02Z", "1678-01-01T00:00:00Z", "2261-12-31T23:59:59.999999999Z", "2000-02-29T12:00:00.5Z",
		"2021-03-04 05:06:07", "2021-03-04 05:06:07.123", "1969-12-31T23:59:59Z"} {
		if _, ok := parseCommonTime(s, s[10], map[byte]string{'T': "Z", ' ': ""}[s[10]]); !ok {
			t.Errorf("parseCommonTime(%q) not read", s)
		}
		checkCommonTime(t, s)
	}
	for _, s := range []string{"2021-02-29T00:00:00Z", "2021-13-01T00:00:00Z", "2021-01-01T24:00:00Z", "2021-01-01T00:60:00Z",
		"2021-01-01T00:00:60Z", "1677-12-31T23:59:59Z", "2262-01-01T00:00:00Z", "2021-01-01T00:00:00.Z", "2021-01-01T00:00:00.1234567890Z",
		"2021-01-01T00:00:00+01:00", "2021-1-01T00:00:00Z", "+021-01-01T00:00:00Z", "2021-01-01T00:00:0-Z"} {
		if ns, ok := parseCommonTime(s, 'T', "Z"); ok {
			t.Errorf("parseCommonTime(%q) = %d, want not read", s, ns)
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	var dc dateCache
	for i := range 200000 {
		tm := time.Unix(r.Int64N(maxTime.Unix()-minTime.Unix())+minTime.Unix(), r.Int64N(1e9)).UTC()
		if i%2 == 1 {
			// The same date as the last time, for the cache.
			tm = time.Date(tm.Year(), tm.Month(), tm.Day(), r.IntN(24), r.IntN(60), r.IntN(60), 0, time.UTC)
		}
		for _, layout := range []string{time.RFC3339Nano, time.RFC3339, "2006-01-02 15:04:05.999999999", "2006-01-02T15:04:05.000Z"} {
			s := tm.Format(layout)
			checkCommonTime(t, s)
			// Through a cache shared by every value: the same result.
			sep, zone := byte('T'), "Z"
			if s[10] == ' ' {
				sep, zone = ' ', ""
			}
			got, ok := dc.parse(s, sep, zone)
			want, wantOK := parseCommonTime(s, sep, zone)
			if got != want || ok != wantOK {
				t.Fatalf("dateCache.parse(%q) = %d, %v; want %d, %v", s, got, ok, want, wantOK)
			}
		}
	}
	// A date cached, then the same date with a bad time.
	if _, ok := dc.parse("2021-01-01T00:00:00Z", 'T', "Z"); !ok {
		t.Fatal("not read")
	}
	if ns, ok := dc.parse("2021-01-01T24:00:00Z", 'T', "Z"); ok {
		t.Fatalf("hour 24 read as %d", ns)
	}
}

func FuzzParseCommonTime(f *testing.F) {
	f.Add("2022-01-01T00:02:02Z")
	f.Add("2021-03-04 05:06:07.123")
	f.Fuzz(checkCommonTime)
}

func checkDecimal(t *testing.T, s string) {
	t.Helper()
	got, ok := parseDecimal(s)
	if !ok {
		return
	}
	want, err := strconv.ParseFloat(s, 64)
	if err != nil || got != want {
		t.Fatalf("parseDecimal(%q) = %v, strconv says %v, %v", s, got, want, err)
	}
}

func TestParseDecimal(t *testing.T) {
	for _, s := range []string{"1", "1.00", "0.25", "123456789012345", "0.00000000000001", "99999.9999999999", "007.5"} {
		if _, ok := parseDecimal(s); !ok {
			t.Errorf("parseDecimal(%q) not read", s)
		}
		checkDecimal(t, s)
	}
	for _, s := range []string{"", ".", "1.", ".5", "1e3", "-1", "+1", " 1", "1.2.3", "1234567890123456", "0x10", "NaN", "1_000"} {
		if v, ok := parseDecimal(s); ok {
			t.Errorf("parseDecimal(%q) = %v, want not read", s, v)
		}
	}
	r := rand.New(rand.NewPCG(3, 4))
	for range 200000 {
		n := 1 + r.IntN(15)
		b := make([]byte, n)
		for i := range b {
			b[i] = byte('0' + r.IntN(10))
		}
		s := string(b)
		if p := r.IntN(n + 1); p > 0 && p < n {
			s = s[:p] + "." + s[p:]
		}
		checkDecimal(t, s)
	}
}

func FuzzParseDecimal(f *testing.F) {
	f.Add("1.25")
	f.Add("0.000001")
	f.Fuzz(checkDecimal)
}

func TestIDTable(t *testing.T) {
	tab := newIDTable(0)
	want := map[string]int32{}
	r := rand.New(rand.NewPCG(5, 6))
	names := []string{"", "a", "m0009634", "exactly16bytes!!", "seventeen bytes!!", "a longer name than sixteen bytes"}
	for i := range 5000 {
		b := make([]byte, r.IntN(24))
		for k := range b {
			b[k] = byte('a' + r.IntN(3))
		}
		names = append(names, string(b), strconv.Itoa(i))
	}
	for _, name := range names {
		if _, ok := want[name]; ok {
			continue
		}
		if _, ok := tab.get(name); ok {
			t.Fatalf("get(%q) found before put", name)
		}
		want[name] = int32(len(want))
		tab.put(name, want[name])
	}
	var keys []idKey
	var sink int32
	keys = tab.prepare(names, keys, &sink)
	for i, name := range names {
		got, ok := tab.get(name)
		got2, ok2 := tab.lookup(name, &keys[i])
		if !ok || got != want[name] || !ok2 || got2 != want[name] {
			t.Fatalf("get(%q) = %d, %v; lookup %d, %v; want %d", name, got, ok, got2, ok2, want[name])
		}
	}
	// A name differing only in its padding or length is another name.
	for _, name := range []string{"m0009634\x00", "m000963", "zzzz"} {
		if i, ok := tab.get(name); ok {
			t.Fatalf("get(%q) = %d, want none", name, i)
		}
	}
}

// TestIDTableNarrowed: a table of short names, narrowed, finds what it
// found before, and only that; one with a longer name stays wide.
func TestIDTableNarrowed(t *testing.T) {
	tab := newIDTable(0)
	var names []string
	for i := range 5000 {
		names = append(names, strconv.Itoa(i*7919), "m"+strconv.Itoa(1000000+i))
	}
	names = append(names, "", "12345678")
	for i, name := range names {
		tab.put(name, int32(i))
	}
	wide := newIDTable(0)
	wide.put("123456789", 0)
	wide.narrowed()
	if wide.narrow != nil {
		t.Fatal("a table with a name of 9 bytes was narrowed")
	}
	tab.narrowed()
	if tab.narrow == nil || tab.slots != nil {
		t.Fatal("a table of short names was not narrowed")
	}
	others := []string{"m0009634\x00", "1234567", "123456789", "m1000000m1000000", "a name longer than sixteen bytes", "x"}
	keys := tab.prepare(append(names, others...), nil, new(int32))
	for i, name := range names {
		got, ok := tab.get(name)
		got2, ok2 := tab.lookup(name, &keys[i])
		if !ok || got != int32(i) || !ok2 || got2 != int32(i) {
			t.Fatalf("get(%q) = %d, %v; lookup %d, %v; want %d", name, got, ok, got2, ok2, i)
		}
	}
	for k, name := range others {
		_, ok := tab.get(name)
		_, ok2 := tab.lookup(name, &keys[len(names)+k])
		if ok || ok2 {
			t.Fatalf("narrowed table finds %q", name)
		}
	}
}

// checkSplit compares splitByte and trimSpace with the general forms.
func checkSplit(t *testing.T, line string, comma byte, ncol, maxFld int) {
	want, got := make([]string, ncol), make([]string, ncol)
	okWant := splitFields(line, string(rune(comma)), maxFld, want)
	okGot := splitByte(line, comma, maxFld, got)
	if okGot != okWant || (okWant && !slices.Equal(got, want)) {
		t.Fatalf("splitByte(%q, %q, %d, %d) = %v %q, want %v %q", line, comma, ncol, maxFld, okGot, got, okWant, want)
	}
	if g, w := trimSpace(line), strings.TrimSpace(line); g != w {
		t.Fatalf("trimSpace(%q) = %q, want %q", line, g, w)
	}
}

func TestSplitByte(t *testing.T) {
	for _, line := range []string{"", ",", "a,b", "a,-b,c", "m0001,m0002,2022-01-01T00:00:00Z,c001,k1,share,1.00", ",,,,,,,,,,", "abcdefgh,ijklmnop,", "\u00a0x ", " x\t", "x\u0085", "é,ü"} {
		for ncol := 1; ncol <= 8; ncol++ {
			for _, maxFld := range []int{0, 1, 4, 8, 1 << 16} {
				checkSplit(t, line, ',', ncol, maxFld)
			}
		}
	}
}

func FuzzSplitByte(f *testing.F) {
	f.Add("a,b,c", byte(','), uint8(3), uint8(8))
	f.Add("m0009634,m0013688,2022-01-01T00:02:02Z,c007,k07858,share,1.00", byte(','), uint8(7), uint8(200))
	f.Fuzz(func(t *testing.T, line string, comma byte, ncol, maxFld uint8) {
		if comma >= 0x80 {
			return
		}
		checkSplit(t, line, comma, 1+int(ncol%16), int(maxFld))
	})
}
