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
		if c.restarts(g, p) || p.Write && p.Lazy && g.inited[p.Loc] {
			// A lazy initialization of what was set before the spawn
			// runs only once someone has emptied it again.
			continue
		}
		gas := g.accesses[p.Loc.Root]
		if len(gas) == 0 {
			continue
		}
		atExit := g.deferredRuns(p)
		if p.Deferred && !atExit || !atExit && !g.parentMayRun(p.Instr, p.Loc.Root) {
			continue
		}
		for _, a := range gas {
			if conflict(a, p) && !g.waitsFor(a, signals) && !g.idle(a, signals) && !c.lockOrdered(g, a, p) && !swappedOut(a, p) && (atExit || g.parentRunsWith(a, p.Instr, p.Loc.Root)) {
				c.pairs = append(c.pairs, newPair(a, side{g: g}, p, side{}))
			}
		}
	}
}

// restarts reports whether the parent's access p, for a goroutine a
// callee started, is made by a call of that same callee (the spawning
// call run again in a loop, or another call of it): whether that call
// gets past the state the callee checks before each start (a flag it
// sets, a field still nil) while the goroutine runs is more than the
// model follows.
func (c *checker) restarts(g *goroutine, p model.Access) bool {
	if g.spawn.Started == nil {
		return false
	}
	call, ok := p.Instr.(ssa.CallInstruction)
	if !ok {
		return false
	}
	if call == g.spawn.Instr {
		return true
	}
	spawning, ok := g.spawn.Instr.(ssa.CallInstruction)
	if !ok {
		return false
	}
	callee := c.model.Callee(call.Common())
	return callee != nil && callee == c.model.Callee(spawning.Common())
}

// lockOrdered reports whether the goroutine's access a runs after
// acquiring a lock that the parent holds from where it starts the
// goroutine through its access p: a goroutine started under that lock
// (Access.After) cannot have started before the parent's critical
// section ends, so a comes after p.
func (c *checker) lockOrdered(g *goroutine, a, p model.Access) bool {
	for _, h := range a.After {
		l := model.Lockset{h}
		if model.Protects(l, p.Locks) && model.Protects(l, c.model.LocksAt(g.spawn.Instr)) && !c.releasedBetween(g, l, p.Instr) {
			return true
		}
	}
	return false
}

// releasedBetween reports whether the parent may release the lock l on
// some path from the spawn of g to instr: an instruction after which l
// is no longer held lies between them.
func (c *checker) releasedBetween(g *goroutine, l model.Lockset, instr ssa.Instruction) bool {
	from := g.frame.RegionAssuming(g.spawn.Instr, nil, g.spawn.NilAfter)
	held := func(x ssa.Instruction) bool { return model.Protects(l, c.model.LocksAt(x)) }
	for _, b := range g.frame.Fn.Blocks {
		for i, x := range b.Instrs {
			if x == instr || !from.Contains(x) || !held(x) {
				continue
			}
			var next []ssa.Instruction
			if i+1 < len(b.Instrs) {
				next = append(next, b.Instrs[i+1])
			} else {
				for _, s := range b.Succs {
					next = append(next, s.Instrs[0])
				}
			}
			for _, n := range next {
				if !held(n) && g.frame.Region(x, nil).Contains(instr) {
					return true
				}
			}
		}
	}
	return false
}

// swappedOut reports whether p goes through an object its function took
// out of a field and replaced in one critical section ("conns :=
// cc.conns; cc.conns = nil" under cc.mu, Access.Taken): the other access
// a, made through the field with that lock held, reaches the replacement,
// not the object p uses after the unlock.
func swappedOut(a, p model.Access) bool {
	return len(p.Taken) > 0 && model.Protects(p.Taken, a.Locks)
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
				if conflict(a, b) && !swappedOut(a, b) && !swappedOut(b, a) {
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
