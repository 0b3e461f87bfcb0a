package csvio

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/copnet/copnet/graph"
)

// WriteFlows writes the network's flows in canonical form, in time order:
// source, target, then time (RFC 3339, UTC) when the network has time,
// community, knowledge, kind, weight when any flow has them, then the extra
// columns.
func WriteFlows(w io.Writer, n *graph.Network) error {
	hasComm, hasKind, hasKnow, hasW := false, false, false, false
	for i := range n.Flows {
		f := &n.Flows[i]
		hasComm = hasComm || f.Community != graph.None
		hasKind = hasKind || f.Kind != graph.None
		hasKnow = hasKnow || len(n.Knowledge(f)) > 0
		hasW = hasW || f.Weight != 1
	}
	header := []string{"source", "target"}
	add := func(ok bool, name string) {
		if ok {
			header = append(header, name)
		}
	}
	add(n.HasTime, "time")
	add(hasComm, "community")
	add(hasKnow, "knowledge")
	add(hasKind, "kind")
	add(hasW, "weight")
	for _, a := range n.FlowAttrs {
		header = append(header, a.Name)
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(header); err != nil {
		return fmt.Errorf("csvio: write flows: %w", err)
	}
	rec := make([]string, 0, len(header))
	var items []string
	for i := range n.Flows {
		f := &n.Flows[i]
		rec = append(rec[:0], n.Members[f.Source].ID, n.Members[f.Target].ID)
		if n.HasTime {
			rec = append(rec, FormatTime(f.Time))
		}
		if hasComm {
			c := ""
			if f.Community != graph.None {
				c = n.Communities[f.Community].ID
			}
			rec = append(rec, c)
		}
		if hasKnow {
			items = items[:0]
			for _, k := range n.Knowledge(f) {
				items = append(items, n.Items[k])
			}
			rec = append(rec, strings.Join(items, ";"))
		}
		if hasKind {
			k := ""
			if f.Kind != graph.None {
				k = n.Kinds[f.Kind]
			}
			rec = append(rec, k)
		}
		if hasW {
			rec = append(rec, strconv.FormatFloat(f.Weight, 'g', -1, 64))
		}
		for _, a := range n.FlowAttrs {
			rec = append(rec, a.Dict[a.Values[i]])
		}
		if err := cw.Write(rec); err != nil {
			return fmt.Errorf("csvio: write flows: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("csvio: write flows: %w", err)
	}
	return nil
}

// WriteMembers writes the declared members (not those added from flows)
// in canonical form: id, name, joined, community, then the extra columns.
func WriteMembers(w io.Writer, n *graph.Network) error {
	cw := csv.NewWriter(w)
	header := append([]string{"id", "name", "joined", "community"}, n.MemberAttrs...)
	if err := cw.Write(header); err != nil {
		return fmt.Errorf("csvio: write members: %w", err)
	}
	var comms []string
	for i := range n.Members {
		m := &n.Members[i]
		if m.FromFlows {
			continue
		}
		joined := ""
		if m.HasJoined {
			joined = FormatTime(m.Joined)
		}
		comms = comms[:0]
		for _, c := range m.Communities {
			comms = append(comms, n.Communities[c].ID)
		}
		rec := append([]string{m.ID, m.Name, joined, strings.Join(comms, ";")}, m.Attrs...)
		if err := cw.Write(rec); err != nil {
			return fmt.Errorf("csvio: write members: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("csvio: write members: %w", err)
	}
	return nil
}

// WriteCommunities writes the communities in canonical form: id, name,
// then the extra columns.
func WriteCommunities(w io.Writer, n *graph.Network) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(append([]string{"id", "name"}, n.CommunityAttrs...)); err != nil {
		return fmt.Errorf("csvio: write communities: %w", err)
	}
	for i := range n.Communities {
		c := &n.Communities[i]
		attrs := c.Attrs
		if len(attrs) < len(n.CommunityAttrs) {
			attrs = append(attrs, make([]string, len(n.CommunityAttrs)-len(attrs))...)
		}
		if err := cw.Write(append([]string{c.ID, c.Name}, attrs...)); err != nil {
			return fmt.Errorf("csvio: write communities: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("csvio: write communities: %w", err)
	}
	return nil
}

// HasItemMeta reports whether any item has a label or a creation time,
// that is whether WriteKnowledge has something to write.
func HasItemMeta(n *graph.Network) bool {
	for _, m := range n.ItemMeta {
		if m.Label != "" || m.HasCreated {
			return true
		}
	}
	return false
}

// WriteKnowledge writes the items that have a label or a creation time in
// canonical form: id, name, created, creator.
func WriteKnowledge(w io.Writer, n *graph.Network) error {
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"id", "name", "created", "creator"}); err != nil {
		return fmt.Errorf("csvio: write knowledge: %w", err)
	}
	for i, m := range n.ItemMeta {
		if m.Label == "" && !m.HasCreated {
			continue
		}
		created, creator := "", ""
		if m.HasCreated {
			created = FormatTime(m.Created)
			if m.Creator != graph.None {
				creator = n.Members[m.Creator].ID
			}
		}
		if err := cw.Write([]string{n.Items[i], m.Label, created, creator}); err != nil {
			return fmt.Errorf("csvio: write knowledge: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("csvio: write knowledge: %w", err)
	}
	return nil
}

// FormatTime formats Unix nanoseconds as RFC 3339 in UTC, the form the
// loader reads back exactly.
func FormatTime(ns int64) string {
	return time.Unix(0, ns).UTC().Format(time.RFC3339Nano)
}
