package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"strconv"
)

// refReport is what the benchmark reads of ref_metrics.py's
// timings_ENGINE.json.
type refReport struct {
	Engine string `json:"engine"`
	Stages map[string]struct {
		Status  string   `json:"status"`
		Seconds *float64 `json:"seconds"`
	} `json:"stages"`
	Versions     map[string]string `json:"versions"`
	PeakRSSMB    float64           `json:"peak_rss_mb"`
	TotalSeconds float64           `json:"total_seconds"`
}

// parseRefTimings reads ref_metrics.py's timings JSON into stages. Python's
// json module writes NaN and Infinity for undefined summary figures, which
// are not JSON: they are read as null.
func parseRefTimings(b []byte) (map[string]stage, map[string]string, error) {
	var rep refReport
	if err := json.Unmarshal(pythonJSON(b), &rep); err != nil {
		return nil, nil, fmt.Errorf("ref_metrics timings: %w", err)
	}
	if rep.Stages == nil {
		return nil, nil, fmt.Errorf("ref_metrics timings: no \"stages\" object")
	}
	out := make(map[string]stage, len(rep.Stages))
	for name, st := range rep.Stages {
		status := st.Status
		if status == "" {
			status = statusOK // the load sub-stages carry seconds only
		}
		s := stage{Status: status}
		if st.Seconds != nil {
			s.Seconds = *st.Seconds
		} else if status == statusOK {
			return nil, nil, fmt.Errorf("ref_metrics timings: stage %q has no seconds", name)
		}
		out[name] = s
	}
	return out, rep.Versions, nil
}

// pythonJSON replaces the bare NaN, Infinity and -Infinity tokens that
// Python's json module writes outside strings with null.
func pythonJSON(b []byte) []byte {
	var out []byte
	inString, escaped := false, false
	for i := 0; i < len(b); i++ {
		c := b[i]
		if inString {
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
			out = append(out, c)
			continue
		}
		if c == '"' {
			inString = true
			out = append(out, c)
			continue
		}
		replaced := false
		for _, tok := range []string{"NaN", "-Infinity", "Infinity"} {
			if bytes.HasPrefix(b[i:], []byte(tok)) {
				out = append(out, "null"...)
				i += len(tok) - 1
				replaced = true
				break
			}
		}
		if !replaced {
			out = append(out, c)
		}
	}
	return out
}

// refLine is a stage line ref_metrics.py prints on standard error:
// "[igraph] load: ok 1.234s rss=123MB", or "timeout>300s" for the status.
var refLine = regexp.MustCompile(`^\[(\w+)\] ([\w.]+): (\S+) ([0-9]+(?:\.[0-9]+)?)s rss=[0-9.]+MB$`)

// parseRefStderr reads the stage lines of ref_metrics.py's standard error;
// other lines are ignored. It is the fallback when the process died before
// writing its timings file: the stages that finished still count.
func parseRefStderr(r io.Reader) (map[string]stage, error) {
	out := map[string]stage{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 16*1024*1024)
	for sc.Scan() {
		m := refLine.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		sec, err := strconv.ParseFloat(m[4], 64)
		if err != nil {
			return nil, fmt.Errorf("ref_metrics output %q: %w", sc.Text(), err)
		}
		out[m[2]] = stage{Seconds: sec, Status: m[3]}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("ref_metrics output: %w", err)
	}
	return out, nil
}

// parseNetmetricsTimings reads the timing file of `netmetrics analyze
// -timings FILE`: one JSON object mapping a stage to its seconds, either a
// number or an object with a "seconds" number (the shape ref_metrics uses).
func parseNetmetricsTimings(b []byte) (map[string]stage, error) {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return nil, fmt.Errorf("netmetrics timings: %w", err)
	}
	out := make(map[string]stage, len(raw))
	for name, v := range raw {
		var sec float64
		if err := json.Unmarshal(v, &sec); err != nil {
			var obj struct {
				Seconds *float64 `json:"seconds"`
			}
			if err := json.Unmarshal(v, &obj); err != nil || obj.Seconds == nil {
				return nil, fmt.Errorf("netmetrics timings: stage %q: want seconds, got %s", name, v)
			}
			sec = *obj.Seconds
		}
		if sec < 0 {
			return nil, fmt.Errorf("netmetrics timings: stage %q: negative seconds %v", name, sec)
		}
		out[name] = stage{Seconds: sec, Status: statusOK}
	}
	return out, nil
}
