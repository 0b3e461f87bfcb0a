package csvio

import "math/rand/v2"

// idTable maps names to indices, like a map[string]int32, for the flows'
// fast path: names of at most 16 bytes (member ids, item names, as
// exports write them) sit in the table's own slots, so that a look-up
// reads one place in memory instead of a map's group and then the
// name's bytes elsewhere; touch lets a caller start the reads of many
// look-ups at once. Longer names go to a map. The hash is seeded at
// random, so that a hostile file cannot choose colliding names.
type idTable struct {
	s0, s1 uint64
	slots  []idSlot
	// narrow holds the names instead of slots once narrowed, when none
	// is longer than 8 bytes (member ids such as m0009634 or numbers):
	// its slots take two thirds of the memory, so that more of a large
	// table stays in the processor's cache. A narrowed table is
	// read-only.
	narrow []narrowSlot
	used   int
	long   map[string]int32
}

type narrowSlot struct {
	k0     uint64
	n, idx int32
}

type idSlot struct {
	k0, k1 uint64 // the name's bytes, zero-padded
	n      int32  // the name's length + 1; 0 for an empty slot
	idx    int32
}

func newIDTable(n int) *idTable {
	size := 16
	for size < 2*n {
		size *= 2
	}
	return &idTable{s0: rand.Uint64(), s1: rand.Uint64(), slots: make([]idSlot, size), long: map[string]int32{}}
}

// load64 reads 8 bytes little-endian (the compiler makes it one load).
func load64(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// loadTail reads up to 8 bytes little-endian, zero-padded.
func loadTail(s string) uint64 {
	var v uint64
	for i := len(s) - 1; i >= 0; i-- {
		v = v<<8 | uint64(s[i])
	}
	return v
}

// packName returns the bytes of a name of at most 16 bytes.
func packName(s string) (k0, k1 uint64) {
	if len(s) >= 8 {
		if len(s) == 16 {
			return load64(s), load64(s[8:])
		}
		return load64(s), loadTail(s[8:])
	}
	return loadTail(s), 0
}

// narrowed makes t read-only, in narrow slots when its names allow.
func (t *idTable) narrowed() {
	if t.narrow != nil || len(t.long) > 0 {
		return
	}
	for i := range t.slots {
		if t.slots[i].n > 9 {
			return
		}
	}
	t.narrow = make([]narrowSlot, len(t.slots))
	for i, s := range t.slots {
		t.narrow[i] = narrowSlot{s.k0, s.n, s.idx}
	}
	t.slots = nil
}

// size is the number of slots.
func (t *idTable) size() int {
	if t.narrow != nil {
		return len(t.narrow)
	}
	return len(t.slots)
}

func (t *idTable) hash(k0, k1 uint64, n int32) uint64 {
	h := (k0^t.s0)*0x9E3779B97F4A7C15 ^ (k1^t.s1^uint64(n))*0xC2B2AE3D27D4EB4F
	h ^= h >> 31
	h *= 0xBF58476D1CE4E5B9
	return h ^ h>>29
}

// get returns the index of name.
func (t *idTable) get(name string) (int32, bool) {
	if len(name) > 16 {
		i, ok := t.long[name]
		return i, ok
	}
	k0, k1 := packName(name)
	n := int32(len(name) + 1)
	return t.getAt(k0, k1, n, t.hash(k0, k1, n)&uint64(t.size()-1))
}

// idKey is a name of at most 16 bytes packed for look-ups (see
// prepare), with its first slot.
type idKey struct {
	k0, k1 uint64
	n      int32
	home   uint64
}

// prepare packs names into keys and reads their first slots, so that
// the look-ups of many names wait for memory together rather than one
// after the other: the loop that reads is kept small so that the
// processor runs many of its iterations ahead. A long name gets n = 0.
// sink keeps the reads.
func (t *idTable) prepare(names []string, keys []idKey, sink *int32) []idKey {
	mask := uint64(t.size() - 1)
	for _, name := range names {
		if len(name) > 16 {
			keys = append(keys, idKey{})
			continue
		}
		k0, k1 := packName(name)
		n := int32(len(name) + 1)
		keys = append(keys, idKey{k0, k1, n, t.hash(k0, k1, n) & mask})
	}
	var sum int32
	if narrow := t.narrow; narrow != nil {
		for i := range keys {
			sum += narrow[keys[i].home].n
		}
	} else {
		slots := t.slots
		for i := range keys {
			sum += slots[keys[i].home].n
		}
	}
	*sink += sum
	return keys
}

// lookup returns the index of name, prepared as key.
func (t *idTable) lookup(name string, key *idKey) (int32, bool) {
	if key.n == 0 {
		i, ok := t.long[name]
		return i, ok
	}
	return t.getAt(key.k0, key.k1, key.n, key.home)
}

func (t *idTable) getAt(k0, k1 uint64, n int32, home uint64) (int32, bool) {
	if narrow := t.narrow; narrow != nil {
		if n > 9 {
			return 0, false
		}
		mask := uint64(len(narrow) - 1)
		for i := home; ; i = (i + 1) & mask {
			s := &narrow[i]
			if s.n == n && s.k0 == k0 {
				return s.idx, true
			}
			if s.n == 0 {
				return 0, false
			}
		}
	}
	mask := uint64(len(t.slots) - 1)
	for i := home; ; i = (i + 1) & mask {
		s := &t.slots[i]
		if s.n == n && s.k0 == k0 && s.k1 == k1 {
			return s.idx, true
		}
		if s.n == 0 {
			return 0, false
		}
	}
}

// grow makes room for n more names without rehashing.
func (t *idTable) grow(n int) {
	size := len(t.slots)
	for size < 2*(t.used+n) {
		size *= 2
	}
	if size == len(t.slots) {
		return
	}
	old := t.slots
	t.slots, t.used = make([]idSlot, size), 0
	for _, s := range old {
		if s.n != 0 {
			t.insert(s)
		}
	}
}

// put records the index of a name not in the table.
func (t *idTable) put(name string, idx int32) {
	if t.narrow != nil {
		panic("csvio: put on a narrowed idTable")
	}
	if len(name) > 16 {
		t.long[name] = idx
		return
	}
	if 2*(t.used+1) > len(t.slots) {
		t.grow(1)
	}
	k0, k1 := packName(name)
	t.insert(idSlot{k0: k0, k1: k1, n: int32(len(name) + 1), idx: idx})
}

func (t *idTable) insert(s idSlot) {
	mask := uint64(len(t.slots) - 1)
	i := t.hash(s.k0, s.k1, s.n) & mask
	for t.slots[i].n != 0 {
		i = (i + 1) & mask
	}
	t.slots[i] = s
	t.used++
}

// asyncPutRows is the number of names from which startPuts is worth a
// goroutine.
const asyncPutRows = 8192

// tablePuts fills an idTable in a goroutine of its own, in the order of
// the calls to put, while the caller goes on with the rows (the members
// of a large members.csv). wait must return before the table is read.
type tablePuts struct {
	batch []idPut
	ch    chan []idPut
	done  chan struct{}
}

type idPut struct {
	name string
	idx  int32
}

const putBatch = 1024

func startPuts(t *idTable) *tablePuts {
	p := &tablePuts{batch: make([]idPut, 0, putBatch), ch: make(chan []idPut, 8), done: make(chan struct{})}
	go func() {
		defer close(p.done)
		for b := range p.ch {
			for _, e := range b {
				t.put(e.name, e.idx)
			}
		}
	}()
	return p
}

// put records the index of a name not in the table.
func (p *tablePuts) put(name string, idx int32) {
	p.batch = append(p.batch, idPut{name, idx})
	if len(p.batch) == putBatch {
		p.ch <- p.batch
		p.batch = make([]idPut, 0, putBatch)
	}
}

// wait returns once every name is in the table.
func (p *tablePuts) wait() {
	if len(p.batch) > 0 {
		p.ch <- p.batch
	}
	close(p.ch)
	<-p.done
}
