package lockcheck

import (
	"fmt"
	"go/ast"
	"go/token"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/racecheck/racecheck/analyzer/internal/model"
)

// checkGuarded reports accesses to guarded fields without their mutex.
func (c *checker) checkGuarded(guards map[fieldKey]*guard, fields map[fieldKey]map[siteKey][]*fieldAccess) {
	for _, key := range c.sortedKeys(fields) {
		byPos, g := fields[key], guards[key]
		if g == nil {
			continue
		}
		for _, a := range onePerAccess(c.unguarded(byPos, g)) {
			c.reportUnguarded(a, g)
		}
	}
}

// unguarded returns the unlocked accesses of a guarded field that race,
// one per site, in source order.
func (c *checker) unguarded(byPos map[siteKey][]*fieldAccess, g *guard) []*fieldAccess {
	mutable, writers := c.mutableUnderLock(byPos, g.mutex)
	lockedWrite := g.imported || mutable
	wl, writes := writeLocks(byPos), c.fieldWrites(byPos)
	var out []*fieldAccess
	for _, pos := range c.sortedPos(byPos) {
		for _, a := range unlocked(g.mutex, byPos[pos], wl, writes) {
			if isContainerMutex(g.mutex) && !throughContainer(a, g.mutex) {
				continue // not reached through the container: no lock to name
			}
			if c.races(a, g, lockedWrite, writers, byPos) {
				out = append(out, a)
				break
			}
		}
	}
	return out
}

// races reports whether an access made without the guard races with
// the guarded ones.
func (c *checker) races(a *fieldAccess, g *guard, lockedWrite bool, writers map[*ssa.Function]bool, byPos map[siteKey][]*fieldAccess) bool {
	if !a.Write && (c.atomicState(a) || !lockedWrite && !g.declared) {
		return false
	}
	// Without a majority of locked accesses, the guard rests on the
	// writes: a read in the entry that makes them is that code's own,
	// not a concurrent one.
	if !a.Write && !g.declared && !g.imported && 2*g.held <= g.total && writers[a.entry.fn] {
		return false
	}
	return !c.publishedBefore(a) && !c.waitsFirst(a) && !c.otherOwners(a, byPos, g.mutex)
}

// onePerAccess keeps one report per racy access: an access in a callee
// reached through many calls (a Closed() helper every method calls) is
// reported where it is when its function is itself an entry, else at
// the first call that reaches it.
func onePerAccess(as []*fieldAccess) []*fieldAccess {
	direct := make(map[token.Pos]bool)
	for _, a := range as {
		if viaCall(a.Access) == nil {
			direct[a.Pos] = true
		}
	}
	seen := make(map[string]bool)
	var out []*fieldAccess
	for _, a := range as {
		if viaCall(a.Access) != nil {
			at := a.Origin
			if at == "" {
				at = fmt.Sprint(a.Pos)
			}
			if direct[a.Pos] || seen[at] {
				continue
			}
			seen[at] = true
		}
		out = append(out, a)
	}
	return out
}

func (c *checker) reportUnguarded(a *fieldAccess, g *guard) {
	if c.done(reportPos(a.Access)) {
		return
	}
	c.mark(reportPos(a.Access))
	obj := describe(a.object())
	name, mu := obj+"."+a.key.field, obj+"."+g.mutex
	if l, ok := containerLock(a, g.mutex); ok {
		mu = describe(l)
	}
	verb := "read"
	if a.Write {
		verb = "written"
	}
	why := fmt.Sprintf("%s guards %s at %d of %d accesses, e.g. %s", mu, name, g.held, g.total, c.short(g.example))
	switch {
	case g.declared:
		why = fmt.Sprintf("%s is declared racecheck:guardedby %s", name, g.mutex)
	case g.imported:
		why = fmt.Sprintf("%s guards %s at %d of %d accesses in its package", mu, name, g.held, g.total)
	case 2*g.held <= g.total:
		why = fmt.Sprintf("every write of %s holds %s, e.g. %s", name, mu, c.short(g.example))
	}
	d := analysis.Diagnostic{Pos: reportPos(a.Access), Category: catUnguarded,
		Message: fmt.Sprintf("%s %s without %s held%s (%s)", name, verb, mu, c.via(a.Access), why)}
	if g.example.IsValid() {
		d.Related = []analysis.RelatedInformation{{Pos: g.example, Message: "access with " + mu + " held"}}
	}
	c.addAccessRelated(&d, a.Access)
	c.rep.Report(d)
}

// via says where an access made by a callee lies.
func (c *checker) via(a model.Access) string {
	if a.Origin != "" {
		return " in " + calleeName(a.Instr) + " at " + a.Origin + ", called here"
	}
	if viaCall(a) != nil {
		if _, lit := enclosingFunc(c.pass, a.Pos).(*ast.FuncLit); lit {
			// A closure the caller passed (r.forEachScope(func(s *scope)
			// {...})): name it, not only the function that runs it.
			return " in a function literal run by " + calleeName(a.Instr) + " at " + c.short(a.Pos) + ", called here"
		}
		return " in " + calleeName(a.Instr) + " at " + c.short(a.Pos) + ", called here"
	}
	return ""
}

// viaCall returns the call of an entry through which an access happens
// in a callee, or nil.
func viaCall(a model.Access) ssa.CallInstruction {
	call, ok := a.Instr.(ssa.CallInstruction)
	if !ok || !call.Pos().IsValid() || call.Pos() == a.Pos || a.Atomic || isOnceDo(call.Common()) {
		return nil
	}
	return call
}

// reportPos is where an access is reported: at the call of the entry
// that leads to it when it lies in a callee (the callee may rely on its
// callers to lock), else at the access.
func reportPos(a model.Access) token.Pos {
	if call := viaCall(a); call != nil {
		return call.Pos()
	}
	return a.Pos
}

// addAccessRelated points at the access a call makes in its callee.
func (c *checker) addAccessRelated(d *analysis.Diagnostic, a model.Access) {
	if viaCall(a) != nil && a.Origin == "" {
		d.Related = append(d.Related, analysis.RelatedInformation{Pos: a.Pos, Message: "the access in the callee"})
	}
}

// orderedWithWrites reports whether a holds a lock in common with every
// write among writes other than itself.
func orderedWithWrites(a *fieldAccess, writes []*fieldAccess) bool {
	for _, w := range writes {
		if w != a && !model.Protects(a.Locks, w.Locks) {
			return false
		}
	}
	return true
}

// fieldWrites returns the writes among a field's accesses.
func (c *checker) fieldWrites(byPos map[siteKey][]*fieldAccess) []*fieldAccess {
	var out []*fieldAccess
	for _, pos := range c.sortedPos(byPos) {
		for _, a := range byPos[pos] {
			if a.Write {
				out = append(out, a)
			}
		}
	}
	return out
}
