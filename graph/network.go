package graph

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// None marks an absent index: a flow without a community or kind, a member
// without a join date.
const None = -1

// Sentinel errors reported by the Builder; test for them with errors.Is.
var (
	// ErrDuplicateID reports a member or community id declared twice.
	ErrDuplicateID = errors.New("duplicate id")
	// ErrEmptyID reports a member or community without an id.
	ErrEmptyID = errors.New("empty id")
	// ErrUnknownMember reports a flow naming a member that was not declared,
	// when the builder is strict.
	ErrUnknownMember = errors.New("unknown member")
	// ErrUnknownCommunity reports a reference to an undeclared community,
	// when the builder is strict.
	ErrUnknownCommunity = errors.New("unknown community")
	// ErrWeight reports a flow weight that is not a positive finite number.
	ErrWeight = errors.New("weight must be a positive finite number")
)

// Member is a participant of the organization.
type Member struct {
	// ID is the member's identifier as written in the input.
	ID string
	// Name is the display name; it may be empty.
	Name string
	// Joined is when the member joined, in Unix nanoseconds; valid when
	// HasJoined is true.
	Joined    int64
	HasJoined bool
	// Communities are the indices of the communities the member declares,
	// in input order.
	Communities []int32
	// Attrs holds the values of the extra member columns, aligned with
	// Network.MemberAttrs.
	Attrs []string
	// FromFlows is true when the member was not declared but appeared in a
	// flow.
	FromFlows bool
}

// Label returns the name, or the id when the member has no name.
func (m *Member) Label() string {
	if m.Name != "" {
		return m.Name
	}
	return m.ID
}

// InCommunity reports whether the member declares community c.
func (m *Member) InCommunity(c int32) bool {
	return slices.Contains(m.Communities, c)
}

// Community is a community of practice.
type Community struct {
	ID   string
	Name string
	// Attrs holds the values of extra community columns, aligned with
	// Network.CommunityAttrs.
	Attrs []string
	// FromReferences is true when the community was not declared in
	// communities.csv but named by a member or a flow.
	FromReferences bool
}

// Label returns the name, or the id when the community has no name.
func (c *Community) Label() string {
	if c.Name != "" {
		return c.Name
	}
	return c.ID
}

// Flow is one knowledge exchange from Source to Target. It is 40 bytes;
// knowledge items live in a pool shared by the network (see
// Network.Knowledge).
type Flow struct {
	// Time in Unix nanoseconds; zero when the network has no time.
	Time int64
	// Weight is positive and finite; 1 unless the input says otherwise.
	Weight float64
	// Source and Target are member indices.
	Source, Target int32
	// Community is the index of the community the exchange happened in, or
	// None when the input left it empty.
	Community int32
	// Kind is an index into Network.Kinds, or None.
	Kind int32
	// knowledge items are Network.knowledge[kOff : kOff+kLen]
	kOff, kLen uint32
}

// Self reports whether the flow goes from a member to itself.
func (f *Flow) Self() bool { return f.Source == f.Target }

// Network is an organization's members, communities and knowledge flows,
// with every name interned to a dense index. Build one with a Builder (or
// load one with package csvio); treat it as read-only afterwards, which
// makes it safe for concurrent use.
type Network struct {
	Members     []Member
	Communities []Community
	// Flows are sorted by time; flows with equal times keep input order.
	Flows []Flow
	// Items are the knowledge items in order of first appearance.
	Items []string
	// ItemMeta describes the items, aligned with Items: when and by whom
	// an item was introduced outside the flows (for instance the question
	// that introduced a tag); zero values when unknown.
	ItemMeta []ItemMeta
	// Kinds are the flow kinds in order of first appearance.
	Kinds []string
	// HasTime is false when the input had no time column: the network is
	// then one static window.
	HasTime bool
	// Undirected is true when a flow's source and target carry no
	// direction (face-to-face contacts, co-authorship): every projection
	// then counts each flow both ways, so its directed projection is
	// symmetric (see Projection.Undirected). The zero value reads flows
	// as directed, source → target.
	Undirected bool
	// MemberAttrs and CommunityAttrs name the extra columns kept as
	// attributes.
	MemberAttrs, CommunityAttrs []string
	// FlowAttrs are the extra flow columns, one per column.
	FlowAttrs []FlowAttr

	knowledge   []int32
	memberIdx   map[string]int32
	commIdx     map[string]int32
	itemIdx     map[string]int32
	kindIdx     map[string]int32
	selfFlows   int
	addedMember int
}

// ItemMeta is what is known of a knowledge item besides its uses.
type ItemMeta struct {
	// Label is a display name; it may be empty.
	Label string
	// Created is when the item was introduced, in Unix nanoseconds; valid
	// when HasCreated.
	Created    int64
	HasCreated bool
	// Creator is the member who introduced it, or None.
	Creator int32
}

// FlowAttr is an extra flow column kept as an attribute: Values[i] is an
// index into Dict for flow i (in Network.Flows order).
type FlowAttr struct {
	Name   string
	Dict   []string
	Values []int32
	idx    map[string]int32
}

// Append records the value of the next flow, interning it in Dict.
func (a *FlowAttr) Append(value string) {
	if a.idx == nil {
		a.idx = map[string]int32{}
	}
	a.Values = append(a.Values, intern(a.idx, &a.Dict, value))
}

// Knowledge returns the indices (into Items) of the knowledge items a flow
// carries. The slice must not be modified.
func (n *Network) Knowledge(f *Flow) []int32 {
	return n.knowledge[f.kOff : f.kOff+f.kLen : f.kOff+f.kLen]
}

// MemberIndex returns the index of the member with the given id.
func (n *Network) MemberIndex(id string) (int32, bool) {
	i, ok := n.memberIdx[id]
	return i, ok
}

// CommunityIndex returns the index of the community with the given id.
func (n *Network) CommunityIndex(id string) (int32, bool) {
	i, ok := n.commIdx[id]
	return i, ok
}

// ItemIndex returns the index of the knowledge item with the given name.
func (n *Network) ItemIndex(name string) (int32, bool) {
	i, ok := n.itemIdx[name]
	return i, ok
}

// SelfFlows is the number of flows from a member to itself.
func (n *Network) SelfFlows() int { return n.selfFlows }

// AddedMembers is the number of members that were not declared but
// appeared in flows.
func (n *Network) AddedMembers() int { return n.addedMember }

// TimeSpan returns the times of the first and last flows, and false when
// the network has no time or no flows.
func (n *Network) TimeSpan() (first, last time.Time, ok bool) {
	if !n.HasTime || len(n.Flows) == 0 {
		return time.Time{}, time.Time{}, false
	}
	return time.Unix(0, n.Flows[0].Time).UTC(), time.Unix(0, n.Flows[len(n.Flows)-1].Time).UTC(), true
}

// Builder assembles a Network. The zero value is not usable; call
// NewBuilder.
type Builder struct {
	net *Network
	// StrictMembers makes Member fail on an undeclared id instead of
	// adding it; StrictCommunities does the same for Community.
	StrictMembers, StrictCommunities bool
	sorted                           bool
}

// NewBuilder returns an empty Builder.
func NewBuilder() *Builder {
	return &Builder{
		net: &Network{
			memberIdx: map[string]int32{},
			commIdx:   map[string]int32{},
			itemIdx:   map[string]int32{},
			kindIdx:   map[string]int32{},
		},
		sorted: true,
	}
}

// SetMemberAttrs names the extra member columns; values passed with
// AddMember are aligned with them.
func (b *Builder) SetMemberAttrs(names []string) { b.net.MemberAttrs = names }

// SetCommunityAttrs names the extra community columns.
func (b *Builder) SetCommunityAttrs(names []string) { b.net.CommunityAttrs = names }

// SetHasTime records whether flows carry times.
func (b *Builder) SetHasTime(v bool) { b.net.HasTime = v }

// SetUndirected records whether flows carry no direction (see
// Network.Undirected).
func (b *Builder) SetUndirected(v bool) { b.net.Undirected = v }

// AddCommunity declares a community and returns its index.
func (b *Builder) AddCommunity(c Community) (int32, error) {
	if c.ID == "" {
		return None, fmt.Errorf("graph: community: %w", ErrEmptyID)
	}
	if i, ok := b.net.commIdx[c.ID]; ok {
		prev := &b.net.Communities[i]
		if !prev.FromReferences {
			return None, fmt.Errorf("graph: community %q: %w", c.ID, ErrDuplicateID)
		}
		// A community referenced before its declaration takes the declared
		// attributes.
		c.FromReferences = false
		*prev = c
		return i, nil
	}
	i := int32(len(b.net.Communities))
	b.net.Communities = append(b.net.Communities, c)
	b.net.commIdx[c.ID] = i
	return i, nil
}

// Community returns the index of the community with the given id,
// adding it (marked FromReferences) when it is unknown and
// StrictCommunities is off. added reports an addition.
func (b *Builder) Community(id string) (idx int32, added bool, err error) {
	if id == "" {
		return None, false, fmt.Errorf("graph: community: %w", ErrEmptyID)
	}
	if i, ok := b.net.commIdx[id]; ok {
		return i, false, nil
	}
	if b.StrictCommunities {
		return None, false, fmt.Errorf("graph: community %q: %w", id, ErrUnknownCommunity)
	}
	i, err := b.AddCommunity(Community{ID: strings.Clone(id), FromReferences: true})
	return i, true, err
}

// AddMember declares a member and returns its index.
func (b *Builder) AddMember(m Member) (int32, error) {
	if m.ID == "" {
		return None, fmt.Errorf("graph: member: %w", ErrEmptyID)
	}
	if i, ok := b.net.memberIdx[m.ID]; ok {
		prev := &b.net.Members[i]
		if prev.Name != m.Name {
			return None, fmt.Errorf("graph: member %q (names %q and %q): %w", m.ID, prev.Name, m.Name, ErrDuplicateID)
		}
		return None, fmt.Errorf("graph: member %q: %w", m.ID, ErrDuplicateID)
	}
	i := int32(len(b.net.Members))
	b.net.Members = append(b.net.Members, m)
	b.net.memberIdx[m.ID] = i
	return i, nil
}

// Member returns the index of the member with the given id, adding it
// (marked FromFlows) when it is unknown and StrictMembers is off.
// The id is copied when it is added, so it may alias a reused buffer.
func (b *Builder) Member(id string) (idx int32, added bool, err error) {
	if i, ok := b.net.memberIdx[id]; ok {
		return i, false, nil
	}
	if id == "" {
		return None, false, fmt.Errorf("graph: member: %w", ErrEmptyID)
	}
	if b.StrictMembers {
		return None, false, fmt.Errorf("graph: member %q: %w", id, ErrUnknownMember)
	}
	id = strings.Clone(id)
	i := int32(len(b.net.Members))
	b.net.Members = append(b.net.Members, Member{ID: id, FromFlows: true})
	b.net.memberIdx[id] = i
	b.net.addedMember++
	return i, true, nil
}

// Item returns the index of a knowledge item, adding it when new.
func (b *Builder) Item(name string) int32 {
	i := intern(b.net.itemIdx, &b.net.Items, name)
	for len(b.net.ItemMeta) < len(b.net.Items) {
		b.net.ItemMeta = append(b.net.ItemMeta, ItemMeta{Creator: None})
	}
	return i
}

// ItemCreated records that item i was introduced at time t (Unix
// nanoseconds) by member creator (or None), keeping the earliest record.
func (b *Builder) ItemCreated(i int32, t int64, creator int32) {
	m := &b.net.ItemMeta[i]
	if !m.HasCreated || t < m.Created {
		m.Created, m.HasCreated, m.Creator = t, true, creator
	}
}

// SetItemLabel sets the display name of item i.
func (b *Builder) SetItemLabel(i int32, label string) { b.net.ItemMeta[i].Label = label }

// Kind returns the index of a flow kind, adding it when new; the empty
// kind is None.
func (b *Builder) Kind(name string) int32 {
	if name == "" {
		return None
	}
	return intern(b.net.kindIdx, &b.net.Kinds, name)
}

func intern(idx map[string]int32, list *[]string, s string) int32 {
	if i, ok := idx[s]; ok {
		return i
	}
	s = strings.Clone(s)
	i := int32(len(*list))
	*list = append(*list, s)
	idx[s] = i
	return i
}

// AddFlow appends a flow carrying the given knowledge items (indices from
// Item; duplicates are removed). Source, Target and Community must be valid
// indices (Community may be None).
func (b *Builder) AddFlow(f Flow, items []int32) error {
	if !(f.Weight > 0) || f.Weight > maxWeight {
		return fmt.Errorf("graph: weight %v: %w", f.Weight, ErrWeight)
	}
	nm := int32(len(b.net.Members))
	if f.Source < 0 || f.Source >= nm || f.Target < 0 || f.Target >= nm {
		return fmt.Errorf("graph: flow %d→%d: %w", f.Source, f.Target, ErrUnknownMember)
	}
	if f.Community < None || f.Community >= int32(len(b.net.Communities)) {
		return fmt.Errorf("graph: flow community %d: %w", f.Community, ErrUnknownCommunity)
	}
	k := &b.net.knowledge
	f.kOff = uint32(len(*k))
	for _, it := range items {
		if !slices.Contains((*k)[f.kOff:], it) {
			*k = append(*k, it)
		}
	}
	f.kLen = uint32(len(*k)) - f.kOff
	if fl := b.net.Flows; len(fl) > 0 && fl[len(fl)-1].Time > f.Time {
		b.sorted = false
	}
	if f.Source == f.Target {
		b.net.selfFlows++
	}
	b.net.Flows = append(b.net.Flows, f)
	return nil
}

// Grow makes room for n more flows carrying k more knowledge items in all,
// so that loading a large file does not copy the flows repeatedly.
func (b *Builder) Grow(n, k int) {
	// make + copy rather than slices.Grow: fresh memory from the system
	// needs no clearing, which matters for hundreds of megabytes.
	if n > cap(b.net.Flows)-len(b.net.Flows) {
		flows := make([]Flow, len(b.net.Flows), len(b.net.Flows)+n)
		copy(flows, b.net.Flows)
		b.net.Flows = flows
	}
	if k > cap(b.net.knowledge)-len(b.net.knowledge) {
		kn := make([]int32, len(b.net.knowledge), len(b.net.knowledge)+k)
		copy(kn, b.net.knowledge)
		b.net.knowledge = kn
	}
}

// GrowMembers makes room for n more members, so that declaring many
// members does not copy the list and rehash the index repeatedly.
func (b *Builder) GrowMembers(n int) {
	net := b.net
	if n <= cap(net.Members)-len(net.Members) {
		return
	}
	members := make([]Member, len(net.Members), len(net.Members)+n)
	copy(members, net.Members)
	net.Members = members
	idx := make(map[string]int32, len(net.memberIdx)+n)
	for id, i := range net.memberIdx {
		idx[id] = i
	}
	net.memberIdx = idx
}

// maxWeight bounds weights so that sums over a million flows stay finite.
const maxWeight = 1e300

// AddFlowAttr records an extra flow column; values[i] belongs to the i-th
// flow added (in input order).
func (b *Builder) AddFlowAttr(a FlowAttr) { b.net.FlowAttrs = append(b.net.FlowAttrs, a) }

// Network sorts the flows by time (stably) and returns the network. The
// builder must not be used afterwards.
func (b *Builder) Network() *Network {
	n := b.net
	b.net = nil
	if !b.sorted {
		keys := timeOrder(n.Flows)
		flows := make([]Flow, len(n.Flows))
		for i, k := range keys {
			flows[i] = n.Flows[k.i]
		}
		n.Flows = flows
		for ai := range n.FlowAttrs {
			vals := n.FlowAttrs[ai].Values
			sorted := make([]int32, len(vals))
			for i, k := range keys {
				if int(k.i) < len(vals) {
					sorted[i] = vals[k.i]
				}
			}
			n.FlowAttrs[ai].Values = sorted
		}
	} else if cap(n.Flows) > len(n.Flows)+len(n.Flows)/8 {
		n.Flows = slices.Clone(n.Flows)
	}
	n.knowledge = slices.Clip(n.knowledge)
	return n
}

type sortKey struct {
	t int64
	i int32
}

func (a sortKey) cmp(b sortKey) int {
	if c := cmp.Compare(a.t, b.t); c != 0 {
		return c
	}
	return cmp.Compare(a.i, b.i)
}

// timeOrder returns the flows' (time, position) keys in stable time
// order. Exports are usually sorted, or nearly: a natural merge sort merges
// the sorted runs in O(n log runs); many short runs go to pdqsort instead.
func timeOrder(flows []Flow) []sortKey {
	keys := make([]sortKey, len(flows))
	var runs []int // start of each run
	for i := range flows {
		keys[i] = sortKey{flows[i].Time, int32(i)}
		if i == 0 || keys[i].t < keys[i-1].t {
			runs = append(runs, i)
		}
	}
	if len(runs) > 1+len(flows)/64 {
		slices.SortFunc(keys, sortKey.cmp)
		return keys
	}
	buf := make([]sortKey, len(keys))
	for len(runs) > 1 {
		var merged []int
		for r := 0; r < len(runs); r += 2 {
			lo := runs[r]
			merged = append(merged, lo)
			if r+1 == len(runs) {
				copy(buf[lo:], keys[lo:])
				break
			}
			mid, hi := runs[r+1], len(keys)
			if r+2 < len(runs) {
				hi = runs[r+2]
			}
			mergeKeys(buf[lo:hi], keys[lo:mid], keys[mid:hi])
		}
		keys, buf = buf, keys
		runs = merged
	}
	return keys
}

func mergeKeys(dst, a, b []sortKey) {
	i, j, k := 0, 0, 0
	for i < len(a) && j < len(b) {
		if a[i].cmp(b[j]) <= 0 {
			dst[k] = a[i]
			i++
		} else {
			dst[k] = b[j]
			j++
		}
		k++
	}
	k += copy(dst[k:], a[i:])
	copy(dst[k:], b[j:])
}

// InScope reports whether a flow belongs to a scope: the organization
// holds every flow; a community holds the flows declared in it and, when a
// flow's community is empty, the flows whose both ends are its members.
func (n *Network) InScope(f *Flow, s Scope) bool {
	if s == Organization {
		return true
	}
	if f.Community != None {
		return f.Community == int32(s)
	}
	return n.Members[f.Source].InCommunity(int32(s)) && n.Members[f.Target].InCommunity(int32(s))
}

// FlowScopes appends to dst the scopes a flow belongs to, as InScope
// decides: the organization, then its declared community or, without one,
// every community of which both ends are members.
func (n *Network) FlowScopes(f *Flow, dst []Scope) []Scope {
	dst = append(dst, Organization)
	if f.Community != None {
		return append(dst, Scope(f.Community))
	}
	for _, c := range n.Members[f.Source].Communities {
		if n.Members[f.Target].InCommunity(c) && !slices.Contains(dst, Scope(c)) {
			dst = append(dst, Scope(c))
		}
	}
	return dst
}

// Scope is the whole organization or one community.
type Scope int32

// Organization is the scope of every flow.
const Organization Scope = -1

// Scopes returns the organization followed by every community, in
// declaration order.
func (n *Network) Scopes() []Scope {
	s := make([]Scope, 0, len(n.Communities)+1)
	s = append(s, Organization)
	for i := range n.Communities {
		s = append(s, Scope(i))
	}
	return s
}

// ScopeID is the scope's label in output tables: "*" for the organization,
// the community id otherwise.
func (n *Network) ScopeID(s Scope) string {
	if s == Organization {
		return "*"
	}
	return n.Communities[s].ID
}

// ScopeMembers returns the members of a scope: every member for the
// organization, the declared members of a community otherwise.
func (n *Network) ScopeMembers(s Scope) []int32 {
	var out []int32
	for i := range n.Members {
		if s == Organization || n.Members[i].InCommunity(int32(s)) {
			out = append(out, int32(i))
		}
	}
	return out
}
