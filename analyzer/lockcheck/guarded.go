package lockcheck

import (
	"cmp"
	"go/token"
	"go/types"
	"sort"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/racecheck/racecheck/analyzer/internal/model"
)

// A guard says which mutex field of a struct guards one of its fields.
type guard struct {
	mutex      string
	declared   bool      // by a racecheck:guardedby comment
	imported   bool      // from a GuardedFields fact
	everyWrite bool      // every write of the field holds the mutex
	held       int       // positions that access the field with the mutex held
	total      int       // positions that access the field
	example    token.Pos // a locked access, preferably a write
}

// minLocked is how many distinct locked accesses make a field guarded.
const minLocked = 2

// A siteKey is an access site: the line of an access and the line of
// the entry's call that leads to it (the same when the access is the
// entry's own). A line is one site, whatever the loads and stores it
// compiles to; a helper's access called from two places is two sites.
type siteKey struct{ line, call token.Pos }

// byField groups the collected accesses by field, then by site.
func (c *checker) byField() map[fieldKey]map[siteKey][]*fieldAccess {
	out := make(map[fieldKey]map[siteKey][]*fieldAccess)
	for _, a := range c.accesses {
		if a.Atomic || isSyncType(fieldType(a.key)) {
			continue
		}
		if out[a.key] == nil {
			out[a.key] = make(map[siteKey][]*fieldAccess)
		}
		site := siteKey{c.lineStart(a.Pos), c.lineStart(reportPos(a.Access))}
		out[a.key][site] = append(out[a.key][site], a)
	}
	return out
}

// inferGuards returns the mutex guarding each field: the declared one,
// or a mutex field of the same struct held at minLocked accesses or more,
// one of them a write, and either at most of the field's accesses or at
// every write. (Many unlocked reads do not outvote writes that all hold
// the lock: the reads are what races.)
func (c *checker) inferGuards(declared map[fieldKey]string) map[fieldKey]*guard {
	out := make(map[fieldKey]*guard)
	for key, byPos := range c.byField() {
		for _, mu := range mutexFields(key.owner) {
			g := c.countHeld(mu, byPos)
			// Fields only read under the lock (a Clone) are not evidence;
			// one locked write is, when it changes a value the lock keeps
			// changing (a counter, an append, a map entry).
			writes, heldWrites, mutated := countWrites(mu, byPos)
			written := heldWrites > 0
			if decl, ok := declared[key]; ok {
				if decl == mu {
					g.declared = true
					out[key] = g
				}
				continue
			}
			g.everyWrite = writes > 0 && heldWrites == writes
			// A lock only ever read-locked around the field does not
			// exclude its writers from each other: it guards something else.
			if !written || !c.writeLocked(key, mu) || g.held < minLocked && !mutated || 2*g.held <= g.total && !g.everyWrite {
				continue
			}
			if old := out[key]; old == nil || betterGuard(g, old) {
				out[key] = g
			}
		}
		if _, ok := declared[key]; !ok && out[key] == nil {
			if g := c.containerGuard(key, byPos); g != nil {
				out[key] = g
			}
		}
	}
	return out
}

// countWrites counts the sites that write a field, and those of them
// that hold mu at every write; mutated says whether one of the latter
// changes a value the lock keeps changing (a counter, an append, a map
// entry).
func countWrites(mu string, byPos map[siteKey][]*fieldAccess) (writes, held int, mutated bool) {
	for _, as := range byPos {
		if anyWrite(as) {
			writes++
			if allHeld(mu, as) {
				held++
				mutated = mutated || isMutation(as)
			}
		}
	}
	return writes, held, mutated
}

// betterGuard reports whether g is more likely than old to be a field's
// guard: a mutex held at every write beats one that is not (Clear
// takes all of a struct's mutexes, and a getter may read under the
// wrong one), then the one held at more accesses.
func betterGuard(g, old *guard) bool {
	if g.everyWrite != old.everyWrite {
		return g.everyWrite
	}
	return g.held > old.held
}

// countHeld counts the positions that access a field with mu held.
func (c *checker) countHeld(mu string, byPos map[siteKey][]*fieldAccess) *guard {
	g := &guard{mutex: mu, total: len(byPos)}
	exampleWrites := false
	for _, pos := range c.sortedPos(byPos) {
		as := byPos[pos]
		if !allHeld(mu, as) {
			continue
		}
		g.held++
		if !g.example.IsValid() || (anyWrite(as) && !exampleWrites) {
			g.example, exampleWrites = as[0].Pos, anyWrite(as)
		}
	}
	return g
}

func allHeld(mu string, as []*fieldAccess) bool {
	for _, a := range as {
		if held, _ := a.holds(mu); !held {
			return false
		}
	}
	return true
}

func anyWrite(as []*fieldAccess) bool {
	for _, a := range as {
		if a.Write {
			return true
		}
	}
	return false
}

// holds reports whether the access holds the mutex field mu of its
// object, and in write mode.
func (a *fieldAccess) holds(mu string) (held, write bool) {
	for _, h := range a.Locks {
		if a.isMutex(h, mu) {
			return true, h.Write
		}
	}
	return false, false
}

// isMutex reports whether h is the mutex field mu of the object whose
// field a accesses (the same location, or a lock of the same field of
// the same type).
func (a *fieldAccess) isMutex(h model.Held, mu string) bool {
	if isContainerMutex(mu) {
		return h.Field == mu
	}
	obj := a.object()
	same := h.Loc.Root == obj.Root && (h.Loc.Path == obj.Path+"."+mu || h.Loc.Path == obj.Path+"."+mu+"*")
	return same || h.Field == types.TypeString(a.key.owner.Type(), nil)+"."+mu
}

// mutexFields returns the names of the mutex fields of a struct type,
// embedded ones included (named Mutex or RWMutex).
func mutexFields(tn *types.TypeName) []string {
	st, ok := tn.Type().Underlying().(*types.Struct)
	if !ok {
		return nil
	}
	var out []string
	for i := 0; i < st.NumFields(); i++ {
		if f := st.Field(i); model.IsMutexType(f.Type()) {
			out = append(out, f.Name())
		}
	}
	return out
}

// mutableUnderLock reports whether the locked writes of a field are
// evidence that its unlocked reads race: writes at two sites or more, or
// at one site that changes the value the lock keeps changing (a counter,
// an append, a map entry), or one written site and a locked read in an
// entry that does not write it (a getter that takes the lock, beside one
// that forgets it). A single plain store whose only locked reads are in
// the same entries is the shape of a lazy initialization, read freely
// after; that is left alone. It also returns the entries that make the
// locked writes.
func (c *checker) mutableUnderLock(byPos map[siteKey][]*fieldAccess, mu string) (bool, map[*ssa.Function]bool) {
	writeSites := make(map[token.Pos]bool) // by line of the write
	writers := make(map[*ssa.Function]bool)
	mutated := false
	for site, as := range byPos {
		if anyWrite(as) && allHeld(mu, as) {
			writeSites[site.line] = true
			mutated = mutated || isMutation(as)
			for _, a := range as {
				writers[a.entry.fn] = true
			}
		}
	}
	if len(writeSites) != 1 || mutated {
		return len(writeSites) >= 1, writers
	}
	for _, as := range byPos {
		if !anyWrite(as) && allHeld(mu, as) && !writers[as[0].entry.fn] {
			return true, writers
		}
	}
	return false, writers
}

// isMutation reports whether a site's write changes the field's current
// value rather than replacing it: it writes the map or slice elements the
// field holds, or reads the field on the same line (x.n++, x.list =
// append(x.list, v)).
func isMutation(as []*fieldAccess) bool {
	read, write := false, false
	for _, a := range as {
		switch {
		case a.Write && a.content:
			return true
		case a.Write:
			write = true
		case !a.content:
			read = true
		}
	}
	return read && write
}

// unlocked returns the accesses of a line made without the guard mu
// held, writes first. Another lock orders them with the guarded
// accesses only when it is held at some write of the field (fasthttp's
// streamBody lock, held where its writer's context is cleared) and every
// write shares a lock with the access: serf read its state under
// memberLock while every write held stateLock alone, and raced; tally
// read a scope's gauges under the registry bucket's lock, which one
// write held and another did not.
func unlocked(mu string, as []*fieldAccess, writeLocks map[string]bool, writes []*fieldAccess) []*fieldAccess {
	var ws, rs []*fieldAccess
	for _, a := range as {
		if held, _ := a.holds(mu); held || sharesForeignLock(a, writeLocks) && orderedWithWrites(a, writes) {
			continue
		}
		if a.Write {
			ws = append(ws, a)
		} else {
			rs = append(rs, a)
		}
	}
	return append(ws, rs...)
}

// writeLocks returns the names (lockName) of the locks held at some
// write of a field, Onces left out.
func writeLocks(byPos map[siteKey][]*fieldAccess) map[string]bool {
	out := make(map[string]bool)
	for _, as := range byPos {
		for _, a := range as {
			if !a.Write {
				continue
			}
			for _, h := range a.Locks {
				if n := lockName(h); n != "" && !isOnce(h.Loc) {
					out[n] = true
				}
			}
		}
	}
	return out
}

// sharesForeignLock reports whether a holds one of the locks named in
// names other than a mutex of the field's own object: the sibling
// mutexes of a struct each guard their own fields (tally's scope read
// gaugesSlice under cm, written under gm), while the lock of an object
// that owns this one can order its use (fasthttp's stream body).
func sharesForeignLock(a *fieldAccess, names map[string]bool) bool {
	for _, h := range a.Locks {
		if names[lockName(h)] && !isOwnMutex(a, h) {
			return true
		}
	}
	return false
}

// isOwnMutex reports whether h is a mutex field of the object whose
// field a accesses.
func isOwnMutex(a *fieldAccess, h model.Held) bool {
	for _, mu := range mutexFields(a.key.owner) {
		if a.isMutex(h, mu) {
			return true
		}
	}
	return false
}

// holdsMutex reports whether a lockset holds a lock other than a
// sync.Once's: the model runs the function passed to Once.Do as if under
// a lock of the Once, which orders the Do calls with each other but
// nothing else, so an access there is unlocked for every other code.
func holdsMutex(ls model.Lockset) bool {
	for _, h := range ls {
		if !isOnce(h.Loc) {
			return true
		}
	}
	return false
}

// isOnce reports whether a lock's location is a sync.Once (a field or a
// package-level variable).
func isOnce(l model.Loc) bool {
	var t types.Type
	if key, _, content, ok := fieldOf(l); ok && !content && l.Path != "" {
		t = fieldType(key)
	} else if g, ok := l.Root.(*ssa.Global); ok && l.Path == "" {
		t = g.Type().(*types.Pointer).Elem()
	}
	return t != nil && model.IsNamed(t, "sync", "Once")
}

// isOnceDo reports whether a call is sync.Once.Do, whose function literal
// is written where it runs: its accesses are reported where they are.
func isOnceDo(c *ssa.CallCommon) bool {
	fn := c.StaticCallee()
	if fn == nil || fn.Name() != "Do" || fn.Signature.Recv() == nil {
		return false
	}
	return model.IsNamed(model.Deref(fn.Signature.Recv().Type()), "sync", "Once")
}

func (c *checker) sortedPos(m map[siteKey][]*fieldAccess) []siteKey {
	out := make([]siteKey, 0, len(m))
	for p := range m {
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool {
		return cmp.Or(c.order.Compare(out[i].line, out[j].line), c.order.Compare(out[i].call, out[j].call)) < 0
	})
	return out
}

// sortedKeys returns the fields of m in declaration order.
func (c *checker) sortedKeys(m map[fieldKey]map[siteKey][]*fieldAccess) []fieldKey {
	out := make([]fieldKey, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool {
		x, y := out[i], out[j]
		if x.owner != y.owner {
			return cmp.Or(c.order.Compare(x.owner.Pos(), y.owner.Pos()), strings.Compare(x.owner.Name(), y.owner.Name())) < 0
		}
		return fieldIndex(x) < fieldIndex(y)
	})
	return out
}

func fieldIndex(k fieldKey) int {
	st, _ := k.owner.Type().Underlying().(*types.Struct)
	for i := 0; st != nil && i < st.NumFields(); i++ {
		if st.Field(i).Name() == k.field {
			return i
		}
	}
	return -1
}

// atomicState reports whether a struct type publishes its state through
// an atomic field as well as its mutex (go/types.Named's state_): reads
// outside the lock are then the fast path of double-checked
// initialization, ordered by the atomic load. A read that holds another
// mutex is no fast path: it took the wrong lock (serf read its state
// under memberLock; its atomic field is an unrelated atomic.Value). A
// lock of another object (a logger's global lock) says nothing.
func (c *checker) atomicState(a *fieldAccess) bool {
	if holdsOwnMutex(a) {
		return false
	}
	st, ok := a.key.owner.Type().Underlying().(*types.Struct)
	if !ok {
		return false
	}
	for i := 0; i < st.NumFields(); i++ {
		if f := st.Field(i); isSyncType(f.Type()) && !model.IsMutexType(f.Type()) && model.IsNamed(f.Type(), "sync/atomic") {
			return true
		}
	}
	for _, b := range c.accesses {
		if b.Atomic && b.key.owner == a.key.owner {
			return true
		}
	}
	return false
}

// holdsOwnMutex reports whether a holds a mutex field of the object
// whose field it accesses, whatever the field's guard.
func holdsOwnMutex(a *fieldAccess) bool {
	for _, mu := range mutexFields(a.key.owner) {
		if held, _ := a.holds(mu); held {
			return true
		}
	}
	return false
}
