package race

import (
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/racecheck/racecheck/analyzer/internal/model"
)

// A side is where an access of a racy pair runs.
type side struct {
	g      *goroutine // nil for the parent
	others bool       // another instance of the same goroutine
}

// A racePair is two conflicting accesses that may run in parallel.
type racePair struct {
	a, b         model.Access // a writes
	aSide, bSide side
}

// conflict reports whether accesses a and b race if they run in parallel.
func conflict(a, b model.Access) bool {
	if !a.Write && !b.Write {
		return false
	}
	if a.Atomic && b.Atomic {
		return false
	}
	if a.Atomic || b.Atomic {
		// Mixing on one variable is the lock checker's report; a plain
		// copy of a struct (return c.stats) racing with an atomic update
		// of one of its fields (atomic.AddUint64(&c.stats.Writes, 1)) is
		// this one's.
		return plainCovers(a, b) && !model.Protects(a.Locks, b.Locks)
	}
	if model.Protects(a.Locks, b.Locks) {
		return false
	}
	return model.Overlaps(a.Loc, b.Loc)
}

// plainCovers reports whether the plain one of a and b (one of them is
// atomic) accesses memory strictly enclosing the atomic one's: its path
// is a proper prefix of the atomic access's path, through fields only.
func plainCovers(a, b model.Access) bool {
	plain, atomic := a, b
	if plain.Atomic {
		plain, atomic = b, a
	}
	if plain.Loc.Root != atomic.Loc.Root || !strings.HasPrefix(atomic.Loc.Path, plain.Loc.Path) {
		return false
	}
	rest := atomic.Loc.Path[len(plain.Loc.Path):]
	return rest != "" && rest[0] == '.' && !strings.ContainsAny(rest, "*[{")
}

// checkParent reports races between a goroutine and its parent.
func (c *checker) checkParent(g *goroutine, parent *model.Summary) {
	signals := make(map[syncKey]bool)
	for _, s := range parent.Signals {
		signals[syncKey{s.Kind, s.Loc}] = true
	}
	for _, p := range parent.Accesses {
		if _, viaCall := p.Instr.(ssa.CallInstruction); viaCall && g.spawn.Started != nil {
			// With a goroutine a callee started, only the caller's own
			// accesses count: its calls go back into the object that
			// runs the goroutine, whose own discipline (locks, state
			// checked before each start) the model sees too little of.
			continue
		}
		gas := g.accesses[p.Loc.Root]
		if len(gas) == 0 || !g.parentMayRun(p.Instr, p.Loc.Root) {
			continue
		}
		for _, a := range gas {
			if conflict(a, p) && !g.waitsFor(a, signals) && !g.idle(a, signals) && g.parentRunsWith(a, p.Instr, p.Loc.Root) {
				c.pairs = append(c.pairs, newPair(a, side{g: g}, p, side{}))
			}
		}
	}
}

// checkInstances reports races between instances of one goroutine
// started repeatedly (in a loop, or by RunParallel).
func (c *checker) checkInstances(g *goroutine) {
	if synchronizes(g, g) {
		return // instances hand off to each other (a channel semaphore, a CAS)
	}
	for _, root := range g.roots {
		as := g.accesses[root]
		if !g.shared(root) {
			continue
		}
		for i, a := range as {
			for _, b := range as[i:] {
				if conflict(a, b) {
					c.pairs = append(c.pairs, newPair(a, side{g: g}, b, side{g: g, others: true}))
				}
			}
		}
	}
}

// checkPair reports races between two goroutines of the same parent.
func (c *checker) checkPair(g, h *goroutine) {
	for _, root := range g.roots {
		gas, has := g.accesses[root], h.accesses[root]
		if len(has) == 0 || !concurrent(g, h, root) {
			continue
		}
		for _, a := range gas {
			for _, b := range has {
				if conflict(a, b) {
					c.pairs = append(c.pairs, newPair(a, side{g: g}, b, side{g: h}))
				}
			}
		}
	}
}

// newPair orders a pair so that its first access writes, preferring the
// goroutine's write when both write.
func newPair(a model.Access, as side, b model.Access, bs side) racePair {
	if !a.Write || (b.Write && as.g == nil && bs.g != nil) {
		a, b, as, bs = b, a, bs, as
		if as.g == bs.g {
			as.others, bs.others = false, true // instances: the other access stays "other"
		}
	}
	return racePair{a: a, b: b, aSide: as, bSide: bs}
}

// spawnPos returns the position of the spawn of a side, if any.
func (s side) spawn() ssa.Instruction {
	if s.g == nil {
		return nil
	}
	if s.g.spawn.Started != nil {
		return s.g.spawn.Started
	}
	return s.g.spawn.Instr
}
