package report

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/copnet/copnet/metrics"
)

// The first screen of the text summary: what netmetrics prints with no
// subcommand, and analyze without -out. It fits a terminal (at most
// ScreenLines lines of at most ScreenWidth columns) and answers the
// questions the analysis is for: the three moments of organizational
// learning, for the organization and its largest communities; social
// capital; the model's claims tested on the data; and what to run next.
// The detail (the dataset in full, every window, the transitions, the
// parameters and the provenance) follows under DetailHeading.

// Bounds of the first screen.
const (
	ScreenWidth = 100
	ScreenLines = 40
)

// DetailHeading is the line that ends the first screen of the text
// summary; the detail follows it.
const DetailHeading = "── detail ──"

// maxScreenCommunities bounds the communities listed on the first screen;
// fewer are listed when the findings need the room.
const maxScreenCommunities = 8

// WriteFirstScreen writes the first screen of the text summary (see
// WriteText).
func (a *Analysis) WriteFirstScreen(w io.Writer) error {
	_, err := io.WriteString(w, a.firstScreen(false))
	return err
}

// WriteFirstScreenAlone writes the first screen as a summary of its own,
// without the detail: its commands to run next include the one that
// prints the detail (netmetrics analyze -detail).
func (a *Analysis) WriteFirstScreenAlone(w io.Writer) error {
	_, err := io.WriteString(w, a.firstScreen(true))
	return err
}

// firstScreen composes the first screen: the fixed parts first, then as
// many communities as the remaining lines allow; alone says that no
// detail follows it.
func (a *Analysis) firstScreen(alone bool) string {
	top := a.screenDataset()
	hs := a.Headlines()
	org, comms := hs[0], hs[1:]
	legend := wrap(a.momentsLegend(), ScreenWidth, "")
	capital := a.screenCapital()
	findings := a.screenFindings()
	next := a.screenNext(alone)
	// Lines without communities: dataset, blank, heading, two header
	// lines, the organization, legend, blank, capital, blank, findings,
	// blank, next.
	fixed := len(top) + 1 + 1 + 2 + 1 + len(legend) + 1 + len(capital) + 1 + len(findings) + 1 + len(next)
	room := ScreenLines - fixed
	shown := comms
	if len(comms) > 0 {
		slices.SortStableFunc(shown, func(x, y Headline) int { return cmp.Compare(y.ActiveMembers, x.ActiveMembers) })
		k := min(len(comms), maxScreenCommunities, max(room, 3))
		if k < len(comms) {
			// One line says how many more.
			k = min(len(comms), max(min(room-1, maxScreenCommunities), 3))
		}
		shown = comms[:k]
	}
	var b strings.Builder
	line := func(s string) { b.WriteString(strings.TrimRight(s, " ") + "\n") }
	for _, l := range top {
		line(l)
	}
	line("")
	line(fmt.Sprintf("The three moments of organizational learning, over %s:", metrics.Counted(len(a.Windows), "window")))
	for _, l := range a.momentsTable(org, shown, len(comms)) {
		line(l)
	}
	for _, l := range legend {
		line(l)
	}
	line("")
	for _, l := range capital {
		line(l)
	}
	line("")
	for _, l := range findings {
		line(l)
	}
	line("")
	for _, l := range next {
		line(l)
	}
	return b.String()
}

// screenDataset names the dataset and its size.
func (a *Analysis) screenDataset() []string {
	s := a.Summary.Dataset
	var out []string
	if s.Dataset != "" {
		out = append(out, wrap(s.Dataset, ScreenWidth, "")...)
	}
	comms := "no communities"
	if s.Communities > 0 {
		comms = metrics.Counted(s.Communities, "community")
	}
	size := fmt.Sprintf("%s active of %s · %s · %s · %s",
		metrics.Count(s.ActiveMembers), metrics.Counted(s.Members, "member"), metrics.Counted(s.Flows, "flow"), comms, metrics.Counted(s.KnowledgeItems, "knowledge item"))
	out = append(out, wrap(size, ScreenWidth, "")...)
	when := "no time: one static window"
	if s.FirstTime != nil && s.LastTime != nil {
		when = fmt.Sprintf("%s to %s in %s (%s)", day(*s.FirstTime), day(*s.LastTime), metrics.Counted(len(a.Windows), "window"), s.WindowUnit)
	}
	return append(out, when)
}

// day keeps the date of an RFC 3339 time.
func day(t string) string {
	if len(t) >= 10 {
		return t[:10]
	}
	return t
}

// momentsTable lays the headline indicators out in columns: the
// organization, then the communities shown, then how many more.
func (a *Analysis) momentsTable(org Headline, shown []Headline, all int) []string {
	h := a.Options.Horizon
	type col struct {
		group, head string
		cells       []string
	}
	cols := []col{
		{"", "scope", nil},
		{"internalizing", "newcomers", nil},
		{"", fmt.Sprintf("core≤%d", h), nil},
		{"", fmt.Sprintf("kept@%d", h), nil},
		{"", "core", nil},
		{"externalizing", "density", nil},
		{"", "recip.", nil},
		{"", "clust.", nil},
		{"objectifying", "cosine", nil},
		{"", "objectified", nil},
	}
	add := func(label string, hl Headline) {
		obj := "–"
		if a.HasKnowledge() {
			obj = fmt.Sprintf("%d of %d", hl.Objectified, hl.ItemsUsed)
		}
		cells := []string{label, metrics.Count(hl.Newcomers), Percent(hl.NewcomersToCore), Percent(hl.Retention), num(hl.CoreSize),
			num(hl.Density), Percent(hl.Reciprocity), num(hl.Clustering), num(hl.MeanCosine), obj}
		for j := range cols {
			cols[j].cells = append(cols[j].cells, cells[j])
		}
	}
	add("organization", org)
	for _, hl := range shown {
		label := hl.Scope
		if hl.Name != "" && hl.Name != hl.Scope {
			label = hl.Scope + " " + hl.Name
		}
		add(label, hl)
	}
	const gap = "  "
	width := make([]int, len(cols))
	for j, c := range cols {
		width[j] = utf8.RuneCountInString(c.head)
		for _, s := range c.cells {
			width[j] = max(width[j], utf8.RuneCountInString(s))
		}
	}
	// The scope's label takes what the figures leave of the screen.
	room := ScreenWidth
	for j := 1; j < len(cols); j++ {
		room -= len(gap) + width[j]
	}
	room = max(room, utf8.RuneCountInString("organization"))
	for i, s := range cols[0].cells {
		cols[0].cells[i] = clip(s, room)
	}
	width[0] = utf8.RuneCountInString(cols[0].head)
	for _, s := range cols[0].cells {
		width[0] = max(width[0], utf8.RuneCountInString(s))
	}
	pad := func(s string, n int, left bool) string {
		p := strings.Repeat(" ", max(0, n-utf8.RuneCountInString(s)))
		if left {
			return s + p
		}
		return p + s
	}
	// Each group's name stands over its columns, followed by a rule to
	// the group's last column.
	var groups, head strings.Builder
	at := 0
	for j, c := range cols {
		if j > 0 {
			head.WriteString(gap)
			at += len(gap)
		}
		if c.group != "" {
			span := width[j]
			for k := j + 1; k < len(cols) && cols[k].group == ""; k++ {
				span += len(gap) + width[k]
			}
			groups.WriteString(strings.Repeat(" ", at-utf8.RuneCountInString(groups.String())))
			groups.WriteString(c.group + " " + strings.Repeat("─", max(0, span-utf8.RuneCountInString(c.group)-1)))
		}
		head.WriteString(pad(c.head, width[j], j == 0))
		at += width[j]
	}
	out := []string{groups.String(), head.String()}
	for i := range cols[0].cells {
		var r strings.Builder
		for j, c := range cols {
			if j > 0 {
				r.WriteString(gap)
			}
			r.WriteString(pad(c.cells[i], width[j], j == 0))
		}
		out = append(out, r.String())
	}
	if more := all - len(shown); more > 0 {
		noun := "communities"
		if more == 1 {
			noun = "community"
		}
		out = append(out, fmt.Sprintf("… and %s more %s (every scope: scope_windows.csv of netmetrics analyze -out DIR)", metrics.Count(more), noun))
	}
	return out
}

// momentsLegend says what the columns of the moments table are.
func (a *Analysis) momentsLegend() string {
	h := a.Options.Horizon
	return fmt.Sprintf("newcomers: first active after the first window; core≤%d: share reaching the core within %d windows; "+
		"kept@%d: share active %d windows later; core: median core size; density, recip(rocity), clust(ering): means over windows; "+
		"cosine: mean similarity of knowledge profiles; objectified: items used by θ = %g of the members for %d windows running.",
		h, h, h, h, a.Options.Theta, a.Options.Persist)
}

// screenCapital gives the headline figures of social capital over the
// whole period: the community structure, and the members' constraint,
// bonding share and brokerage.
func (a *Analysis) screenCapital() []string {
	st := a.Structure()
	if st == nil {
		return []string{"Social capital: not computed in this analysis."}
	}
	louvain := fmt.Sprintf("Louvain %s (%s)", num(float64(st.DetectedModularity)), metrics.Counted(st.DetectedCommunities, "community"))
	comms := "modularity: no declared communities · " + louvain
	if a.Summary.Dataset.Communities > 0 {
		comms = fmt.Sprintf("modularity: declared %s · %s · NMI %s", num(float64(st.DeclaredModularity)), louvain, num(float64(st.NMI)))
	}
	out := []string{"Social capital, whole period:"}
	out = append(out, hang("  communities  ", comms)...)
	return append(out, hang("  members      ", a.memberCapital())...)
}

// memberCapital words the active members' social capital over the whole
// period: their mean constraint, bonding share (– without declared
// communities) and how many are Gould–Fernandez brokers.
func (a *Analysis) memberCapital() string {
	var constraint, bonding meanOf
	brokers, active := 0, 0
	for m := range a.MemberRows() {
		if !m.Active {
			continue
		}
		active++
		constraint.add(float64(m.Constraint))
		bonding.add(float64(m.BondingShare))
		if m.BrokerageTotal > 0 {
			brokers++
		}
	}
	bond := "bonding share –"
	if a.Summary.Dataset.Communities > 0 {
		bond = "bonding share " + Percent(bonding.mean())
	}
	return fmt.Sprintf("mean constraint %s · %s · brokers %s of %s (Gould–Fernandez)",
		num(constraint.mean()), bond, metrics.Count(brokers), metrics.Count(active))
}

// screenFindings words the model's claims: the findings as they are,
// except the community-advantage ones, which share their wording and are
// given in one statement (each in full in the detail).
func (a *Analysis) screenFindings() []string {
	fs := a.Findings()
	out := []string{"The model's claims, tested on these data (evidence, not proof):"}
	if len(fs) == 0 {
		return append(out, "  none tested (no claims family in this analysis).")
	}
	var adv []string
	at := -1 // where the advantage statement goes: at the first of them
	for _, f := range fs {
		if strings.HasPrefix(f.Claim, "advantage_") {
			adv = append(adv, fmt.Sprintf("%s %d of %d", advantageLabel(strings.TrimPrefix(f.Claim, "advantage_")), f.Supporting, f.Tested))
			if at < 0 {
				at = len(out)
			}
			continue
		}
		out = append(out, wrapItem(f.Text)...)
	}
	if len(adv) > 0 {
		text := fmt.Sprintf("Communities beating size-matched random groups (q < %s and z > 0), of those tested: %s. "+
			"Evidence for an advantage of communities only where they outnumber what chance gives.", num(a.Options.Alpha), strings.Join(adv, ", "))
		out = slices.Insert(out, at, wrapItem(text)...)
	}
	return out
}

// wrapItem wraps a list item: "- " then the text, continued under it.
func wrapItem(text string) []string { return hang("  - ", text) }

// hang wraps text to the screen's width after prefix, the lines after the
// first indented to stand under the first.
func hang(prefix, text string) []string {
	n := utf8.RuneCountInString(prefix)
	ls := wrap(text, ScreenWidth-n, "")
	for i := range ls {
		if i == 0 {
			ls[i] = prefix + ls[i]
		} else {
			ls[i] = strings.Repeat(" ", n) + ls[i]
		}
	}
	return ls
}

// advantageLabels name the community-advantage indicators for people.
var advantageLabels = map[string]string{
	metrics.IndicatorNewcomersToCore: "newcomers reaching the core",
	metrics.IndicatorRetention:       "retention",
	metrics.IndicatorDensity:         "density",
	metrics.IndicatorReciprocity:     "reciprocity",
	metrics.IndicatorClustering:      "clustering",
	metrics.IndicatorCosine:          "similarity of knowledge",
	metrics.IndicatorObjectified:     "objectified items",
}

func advantageLabel(ind string) string {
	if l, ok := advantageLabels[ind]; ok {
		return l
	}
	return strings.ReplaceAll(ind, "_", " ")
}

// nextCommands are the commands to run next on the same dataset, each
// with what it gives.
func (a *Analysis) nextCommands(alone bool) [][2]string {
	ds := a.datasetArgs()
	cmds := [][2]string{
		{"netmetrics report -o report.html" + ds, "the report: charts, network, claims"},
		{"netmetrics analyze -out DIR" + ds, "every table as CSV"},
	}
	if alone {
		cmds = append(cmds, [2]string{"netmetrics analyze -detail" + ds, "every window, transitions, provenance"})
	}
	return append(cmds, [2]string{"netmetrics -h", "every command and its flags"})
}

// nextLine is nextCommands in one line (wrapped to the screen's width),
// which ends the text summary: the first screen's list has scrolled away
// by then.
func (a *Analysis) nextLine() string {
	var cmds []string
	for _, c := range a.nextCommands(false) {
		cmds = append(cmds, c[0])
	}
	return strings.Join(wrap("Next: "+strings.Join(cmds, " · "), ScreenWidth, "  "), "\n")
}

// screenNext says what to run next, on the same dataset.
func (a *Analysis) screenNext(alone bool) []string {
	cmds := a.nextCommands(alone)
	w := 0
	for _, c := range cmds {
		w = max(w, utf8.RuneCountInString(c[0]))
	}
	if 2+w+3+utf8.RuneCountInString(cmds[0][1]) > ScreenWidth {
		// A long dataset path: the commands alone, said in the heading.
		head := "Next: the report (charts, network, claims); every table as CSV; every command and its flags:"
		if alone {
			head = "Next: the report (charts, network, claims); every table as CSV; the detail; every command:"
		}
		out := []string{head}
		for _, c := range cmds {
			out = append(out, shellLines(c[0], "  ", ScreenWidth)...)
		}
		return out
	}
	out := []string{"Next:"}
	for _, c := range cmds {
		out = append(out, "  "+c[0]+strings.Repeat(" ", w-utf8.RuneCountInString(c[0]))+"   "+c[1])
	}
	return out
}

// shellLines breaks a shell command into lines of at most width columns
// where its words allow, each but the last ending with a backslash, so
// that the lines paste as one command; the first is indented by indent,
// the others by two more spaces. A word longer than a line keeps a line
// of its own.
func shellLines(cmd, indent string, width int) []string {
	var out []string
	line := indent
	for _, word := range strings.Fields(cmd) {
		if line != indent && line != indent+"  " && utf8.RuneCountInString(line)+1+utf8.RuneCountInString(word)+2 > width {
			out = append(out, line+" \\")
			line = indent + "  "
		}
		if line != indent && line != indent+"  " {
			line += " "
		}
		line += word
	}
	return append(out, line)
}

// datasetArgs are the arguments naming the dataset of the run, read from
// the provenance (the preset and windows when not the defaults, and the
// positional arguments), for the commands to run next; empty for the
// demo.
func (a *Analysis) datasetArgs() string {
	if a.Given != nil {
		var out []string
		for _, arg := range a.Given {
			out = append(out, ShellQuote(arg))
		}
		if len(out) == 0 {
			return ""
		}
		return " " + strings.Join(out, " ")
	}
	p := a.Summary.Provenance
	if p == nil {
		return ""
	}
	var out []string
	pos := false
	for _, arg := range p.Arguments {
		switch {
		case arg == "--":
			pos = true
		case pos:
			out = append(out, ShellQuote(arg))
		case arg != "-preset=canonical" && strings.HasPrefix(arg, "-preset="),
			arg != "-windows=auto" && strings.HasPrefix(arg, "-windows="):
			name, value, _ := strings.Cut(arg, "=")
			out = append(out, name, ShellQuote(value))
		}
	}
	if len(out) == 0 {
		return ""
	}
	return " " + strings.Join(out, " ")
}

// wrap breaks text into lines of at most width columns at spaces, the
// lines after the first prefixed by indent; a word longer than a line
// stands alone.
func wrap(text string, width int, indent string) []string {
	var out []string
	cur := ""
	for _, word := range strings.Fields(text) {
		prefix := ""
		if len(out) > 0 {
			prefix = indent
		}
		switch {
		case cur == "":
			cur = prefix + word
		case utf8.RuneCountInString(cur)+1+utf8.RuneCountInString(word) <= width:
			cur += " " + word
		default:
			out = append(out, cur)
			cur = indent + word
		}
	}
	if cur != "" {
		out = append(out, cur)
	}
	return out
}
