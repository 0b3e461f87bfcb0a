package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"regexp"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/copnet/copnet/io/report"
)

func main() {
	// An interrupt cancels the context: loading stops, and output being
	// written is discarded whole with the previous results left in place
	// (see report.WriteFiles). A command blocked elsewhere (reading a pipe)
	// is ended after a grace period or a second interrupt; it has written
	// nothing then.
	ctx, cancel := context.WithCancel(context.Background())
	sig := make(chan os.Signal, 2)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	done := make(chan int, 1)
	heapGuarded = true
	go func() { done <- exitStatus(runContext(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr), os.Stderr) }()
	select {
	case code := <-done:
		os.Exit(code)
	case <-sig:
		cancel()
	}
	select {
	case code := <-done:
		os.Exit(code)
	case <-sig:
	case <-time.After(2 * time.Second):
	}
	fmt.Fprintln(os.Stderr, "netmetrics: interrupted; no output was written")
	os.Exit(exitInterrupted)
}

// Exit codes: 2 for a usage error or bad input, 1 for a failure to write
// the output or another failure of the system, 130 when interrupted.
const (
	exitOK       = 0
	exitInternal = 1
	exitInput    = 2
	// exitInterrupted follows the shell's convention for SIGINT.
	exitInterrupted = 130
)

// inputError marks a usage error or bad input: exit status 2.
type inputError struct{ err error }

func (e inputError) Error() string { return e.err.Error() }
func (e inputError) Unwrap() error { return e.err }

// errReported is an input error whose message was already printed
// (validate's list).
var errReported = errors.New("reported")

func usagef(format string, args ...any) error { return inputError{fmt.Errorf(format, args...)} }

// packagePrefix is how the library's errors begin: with their package's
// name, which means nothing to someone running a command.
var packagePrefix = regexp.MustCompile(`(?m)^(report|csvio|dotio|metrics|graph): `)

// message is err's text for the command line, without the package name
// a library error starts with ("netmetrics: refusing to …", not
// "netmetrics: report: refusing to …", which reads as if the report
// command had run). A namedError's text is kept whole: it starts with a
// dataset's folder, which may bear a package's name.
func message(err error) string {
	var ne namedError
	if errors.As(err, &ne) {
		return err.Error()
	}
	return packagePrefix.ReplaceAllString(err.Error(), "")
}

// namedError is an error that happened in a named place (a batch's
// dataset folder), its cause's package name left out.
type namedError struct {
	name string
	err  error
}

func (e namedError) Error() string { return e.name + ": " + message(e.err) }
func (e namedError) Unwrap() error { return e.err }

// exitStatus prints err and returns the exit status.
func exitStatus(err error, stderr io.Writer) int {
	switch {
	case err == nil || errors.Is(err, flag.ErrHelp):
		return exitOK
	case errors.Is(err, errReported):
		return exitInput
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(stderr, "netmetrics: interrupted; no output was written")
		return exitInterrupted
	}
	// An error of several lines (faults joined) is said a line each.
	for _, line := range strings.Split(message(err), "\n") {
		fmt.Fprintf(stderr, "netmetrics: %s\n", line)
	}
	if errors.Is(err, report.ErrOutput) {
		// A full disk or a failing rename is not bad input, even when the
		// caller wrapped it as one.
		return exitInternal
	}
	var ie inputError
	if errors.As(err, &ie) {
		return exitInput
	}
	return exitInternal
}

// outputError classifies an error of report.WriteFiles or WriteFile: a
// refused target (an input, a device where a rename is needed) is a usage
// error; other failures are failures of the system.
func outputError(err error) error {
	if errors.Is(err, report.ErrProtected) || errors.Is(err, report.ErrNotRegular) || errors.Is(err, report.ErrNotFolder) {
		return inputError{err}
	}
	return err
}

// written is outputError(err) of a write to path; a write that worked is
// said on standard error, what was written where (report.html in the
// working folder, by default, is otherwise easy to miss). Output to
// standard output says nothing.
func written(err error, stderr io.Writer, what, path string) error {
	if err != nil {
		return outputError(err)
	}
	fmt.Fprintf(stderr, "netmetrics: %s written to %s\n", what, path)
	return nil
}

type command struct {
	name, args, help string
	run              func(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error
}

func commands() []command {
	return []command{
		{"analyze", "[-window W] [-roles be|onion|kcore:X] [-horizon H] [-theta θ] [-persist w] [-out DIR] [dataset flags] [DIR...]", "peripheral-to-core movement, exchange density and convergence on shared knowledge; tables into -out DIR", runAnalyze},
		{"summary", "[-json] [dataset flags] [DIR]", "members, communities, flows, knowledge items, times, windows, warnings", runSummary},
		{"validate", "[dataset flags] [DIR]", "every problem of the input, one per line; exit 2 if any is an error", runValidate},
		{"report", "[-o report.html] [-network FILE.svg] [-datasets FILE] [analyze flags] [dataset flags] [DIR | OUT]", "one self-contained HTML page: headline indicators, the claims tested, social capital, the network, charts and definitions; on a batch's output folder OUT, its datasets compared", runReport},
		{"dot", "[-window N] [-scope ID] [-svg] [-per-window DIR] [-o FILE] [dataset flags] [DIR]", "Graphviz DOT (or SVG) of the network or one window", runDot},
		{"verify", "DIR", "check an analyze output folder: its inputs unchanged and its tables byte-identical to a rerun; exit 1 naming the first difference", runVerify},
		{"version", "[-json]", "copnet's version and revision, the Go version and the main dependencies' versions", runVersion},
	}
}

// run runs netmetrics with the command-line arguments args.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	return runContext(context.Background(), args, stdin, stdout, stderr)
}

func runContext(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		// The main job: the analysis of the demo, its first screen on top.
		return runAnalyze(ctx, nil, stdin, stdout, stderr)
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		usage(stdout)
		return nil
	case "-version", "--version":
		return runVersion(ctx, args[1:], stdin, stdout, stderr)
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(ctx, args[1:], stdin, stdout, stderr)
		}
	}
	var names []string
	for _, c := range commands() {
		names = append(names, c.name)
	}
	return usagef("unknown command %q%s (netmetrics -h lists the commands)", args[0], didYouMean(args[0], names, ""))
}

// didYouMean suggests the nearest of names to a mistyped one, prefixed as
// given, or says nothing when none is near.
func didYouMean(typed string, names []string, prefix string) string {
	// A third of the typed name may be wrong, one letter at least, and
	// never all of it ("-w" is no typo of "-o").
	best, bestD := "", min(max(1, len(typed)/3), len(typed)-1)+1
	for _, n := range names {
		if d := editDistance(typed, n); d < bestD {
			best, bestD = n, d
		}
	}
	if best == "" {
		// A shortened or lengthened name: "-o" or "-output" for "-out",
		// "-out" for "-o", when one name alone fits.
		for _, n := range names {
			if strings.HasPrefix(n, typed) || strings.HasPrefix(typed, n) {
				if best != "" {
					return ""
				}
				best = n
			}
		}
		if best == "" {
			return ""
		}
	}
	return "; did you mean " + prefix + best + "?"
}

// editDistance is the Levenshtein distance between a and b, in bytes.
func editDistance(a, b string) int {
	prev, cur := make([]int, len(b)+1), make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			sub := prev[j-1]
			if a[i-1] != b[j-1] {
				sub++
			}
			cur[j] = min(sub, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

func usage(w io.Writer) {
	var b strings.Builder
	fmt.Fprintf(&b, "usage: netmetrics [command] [flags] [DIR]\n\nWithout a command, analyzes the embedded demo dataset (netmetrics analyze).\n\ncommands:\n")
	for _, c := range commands() {
		fmt.Fprintf(&b, "  %-9s %s\n            %s\n", c.name, c.args, c.help)
	}
	fmt.Fprintf(&b, "\nRun netmetrics COMMAND -h for the flags of a command.\n")
	io.WriteString(w, wrapHelp(b.String(), helpWidth))
}

// helpWidth is the width, in columns, that help texts are wrapped to.
const helpWidth = 100

// wrapHelp breaks the lines of a help text wider than width columns at
// spaces (tabs stop every 8 columns). A continued line starts under the
// text it continues: after the line's indentation, after a name and the
// two or more spaces that follow it ("  analyze   …"), or 4 columns in
// for a usage line.
func wrapHelp(text string, width int) string {
	var b strings.Builder
	for line := range strings.SplitAfterSeq(text, "\n") {
		body := strings.TrimSuffix(line, "\n")
		if columns(body) <= width {
			b.WriteString(line)
			continue
		}
		rest := strings.TrimLeft(body, " \t")
		head := body[:len(body)-len(rest)] // kept as it is
		cont := head
		if name, after, ok := strings.Cut(rest, "  "); ok && !strings.Contains(name, " ") {
			pad := after[:len(after)-len(strings.TrimLeft(after, " "))]
			head += name + "  " + pad
			rest = after[len(pad):]
			cont = strings.Repeat(" ", columns(head))
		} else if strings.HasPrefix(rest, "usage: ") {
			cont = "    "
		}
		cur := head
		for i, word := range helpWords(rest) {
			if i > 0 && columns(cur+" "+word) > width {
				b.WriteString(cur + "\n")
				cur = cont + word
				continue
			}
			if i > 0 {
				cur += " "
			}
			cur += word
		}
		b.WriteString(cur)
		if strings.HasSuffix(line, "\n") {
			b.WriteString("\n")
		}
	}
	return b.String()
}

// helpWords splits a line at spaces, keeping a bracketed group that holds
// alternatives ("[DIR | OUT]") in one piece.
func helpWords(s string) []string {
	var words []string
	depth := 0
	for _, f := range strings.Fields(s) {
		if depth > 0 {
			words[len(words)-1] += " " + f
		} else {
			words = append(words, f)
		}
		depth += strings.Count(f, "[") - strings.Count(f, "]")
		depth = max(depth, 0)
	}
	return words
}

// columns is the width of a line: tabs stop every 8 columns, every other
// rune takes one.
func columns(s string) int {
	n := 0
	for _, r := range s {
		if r == '\t' {
			n += 8 - n%8
		} else {
			n++
		}
	}
	return n
}

// flagGroups head the flags of a command's help, in this order, after
// the command's own flags (those of no group), under "flags:".
var flagGroups = []struct {
	heading string
	names   []string
}{
	{"analysis", []string{"windows", "window", "roles", "horizon", "theta", "persist", "exact", "resolution", "bc-exact", "pivots", "seed"}},
	{"claims", []string{"cycle", "draws", "stop-after", "rewire-draws", "bootstrap", "alpha"}},
	{"output", []string{"out", "format", "detail", "timings", "safe-csv"}},
	{"dataset flags", []string{"flows", "members", "communities", "knowledge", "preset", "delim", "undirected", "strict"}},
	{"limits", []string{"max-rows", "max-bytes", "max-line", "max-field", "max-columns", "max-cells", "max-member-cells"}},
}

// ownFlags are flags a command gives a meaning of its own, listed among
// its own flags rather than under flagGroups' heading: dot's -window is a
// window's index, its -seed the layout's.
var ownFlags = map[string][]string{"netmetrics dot": {"window", "seed"}}

// helpFlags lists the flags of fs under their headings (flagGroups),
// alphabetically within each, as flag.PrintDefaults words them; "" for a
// command without flags.
func helpFlags(fs *flag.FlagSet) string {
	group := map[string]int{}
	for gi, g := range flagGroups {
		for _, name := range g.names {
			group[name] = gi + 1
		}
	}
	for _, name := range ownFlags[fs.Name()] {
		delete(group, name)
	}
	sets := make([]*flag.FlagSet, len(flagGroups)+1)
	fs.VisitAll(func(f *flag.Flag) {
		gi := group[f.Name]
		if sets[gi] == nil {
			sets[gi] = flag.NewFlagSet(fs.Name(), flag.ContinueOnError)
		}
		sets[gi].Var(f.Value, f.Name, f.Usage)
		sets[gi].Lookup(f.Name).DefValue = f.DefValue
	})
	var b strings.Builder
	for gi, set := range sets {
		if set == nil {
			continue
		}
		heading := "flags"
		if gi > 0 {
			heading = flagGroups[gi-1].heading
		}
		fmt.Fprintf(&b, "\n%s:\n", heading)
		set.SetOutput(&b)
		set.PrintDefaults()
	}
	return b.String()
}

// newFlags returns a flag set that reports errors instead of exiting.
func newFlags(c string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("netmetrics "+c, flag.ContinueOnError)
	// The flag package's own messages lack our prefix: parse reports them.
	fs.SetOutput(io.Discard)
	for _, cmd := range commands() {
		if cmd.name == c {
			fs.Usage = func() {
				var b strings.Builder
				fmt.Fprintf(&b, "usage: netmetrics %s %s\n\n%s\n", c, cmd.args, cmd.help)
				b.WriteString(helpFlags(fs)) // a command without flags: no heading
				io.WriteString(stderr, wrapHelp(b.String(), helpWidth))
			}
		}
	}
	return fs
}

// parse parses flags placed before, between or after the positional
// arguments ("summary DIR -json" works like "summary -json DIR"); "--" ends
// the flags. The usage is printed for -h only; a mistake gets its
// message and the nearest flag's name. The positional arguments are
// left in fs.Args().
func parse(fs *flag.FlagSet, args []string) error {
	// Record every value given, to catch -window and -windows given
	// together (the last would silently win).
	given := map[string][]string{}
	fs.VisitAll(func(f *flag.Flag) { f.Value = recorder{f.Value, f.Name, given} })
	restore := func() {
		fs.VisitAll(func(f *flag.Flag) {
			if r, ok := f.Value.(recorder); ok {
				f.Value = r.Value
			}
		})
	}
	defer restore()
	// The usage is shown when asked for (-h), not under a mistake, where
	// it would bury the message; it names the flags' types, so it is
	// shown unwrapped.
	usage := fs.Usage
	fs.Usage = func() {}
	defer func() { fs.Usage = usage }()
	if err := parseArgs(fs, args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			restore()
			usage()
			return err
		}
		hint := ""
		if name, ok := strings.CutPrefix(err.Error(), "flag provided but not defined: -"); ok {
			var names []string
			fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
			hint = didYouMean(name, names, "-")
		}
		return inputError{fmt.Errorf("%w%s (%s -h lists the flags)", err, hint, fs.Name())}
	}
	if w, ws := given["window"], given["windows"]; len(w) > 0 && len(ws) > 0 && isStringFlag(fs.Lookup("window")) {
		if all := append(slices.Clone(w), ws...); slices.ContainsFunc(all, func(v string) bool { return v != all[0] }) {
			return usagef("-window %s and -windows %s: give one of them (they are the same setting)", w[len(w)-1], ws[len(ws)-1])
		}
	}
	return nil
}

// recorder is a flag value that records what it is set to.
type recorder struct {
	flag.Value
	name  string
	given map[string][]string
}

func (r recorder) Set(s string) error {
	r.given[r.name] = append(r.given[r.name], s)
	return r.Value.Set(s)
}

// IsBoolFlag keeps boolean flags usable without a value.
func (r recorder) IsBoolFlag() bool {
	b, ok := r.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

// isStringFlag reports whether f holds a string (analyze's -window is the
// spec, dot's -window an index).
func isStringFlag(f *flag.Flag) bool {
	if f == nil {
		return false
	}
	v := f.Value
	if r, ok := v.(recorder); ok {
		v = r.Value
	}
	g, ok := v.(flag.Getter)
	if !ok {
		return false
	}
	_, isString := g.Get().(string)
	return isString
}

func parseArgs(fs *flag.FlagSet, args []string) error {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return err
			}
			return inputError{err}
		}
		rest := fs.Args()
		if len(rest) == 0 {
			break
		}
		if len(args) > len(rest) && args[len(args)-len(rest)-1] == "--" {
			pos = append(pos, rest...)
			break
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
	// Leave the positional arguments in fs.Args().
	return fs.Parse(append([]string{"--"}, pos...))
}
