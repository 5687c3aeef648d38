package lockcheck

import (
	"fmt"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/racecheck/racecheck/analyzer/internal/model"
)

// checkOnceFields reports nil checks, with no lock held, of fields that
// are written only inside a sync.Once's function (started lazily by the
// first Write, say), by exported functions that never call that Once's
// Do: such a check (Close asking whether the first Write started the
// ticker) expects the Once may be running, and races with it. Plain
// reads are left alone: they usually come after the Once's work is
// known to be done (an action's results read once it has run). Readers
// that call Do first see its writes; goroutines started from it are left
// out.
func (c *checker) checkOnceFields(fields map[fieldKey]map[siteKey][]*fieldAccess) {
	for _, key := range c.sortedKeys(fields) {
		byPos := fields[key]
		once, example, ok := c.onceOnlyWrites(byPos)
		if !ok || c.publishedByOnce(byPos) {
			continue
		}
		seen := make(map[*ssa.Function]bool) // one report per reading function
		for _, pos := range c.sortedPos(byPos) {
			for _, a := range byPos[pos] {
				if a.Write || len(a.Locks) > 0 || a.entry.spawned || seen[a.entry.fn] || !nilChecked(a.Instr) || !declaredExported(a.entry.fn) ||
					c.callsOnce(a.entry.fn, once) || c.done(reportPos(a.Access)) {
					continue
				}
				seen[a.entry.fn] = true
				c.reportOnceField(a, once, example)
			}
		}
	}
}

// onceOnlyWrites returns the Once held at every write of a field, when
// there is one and every write holds it and no mutex.
func (c *checker) onceOnlyWrites(byPos map[siteKey][]*fieldAccess) (model.Held, token.Pos, bool) {
	var once model.Held
	var example token.Pos
	found := false
	for _, pos := range c.sortedPos(byPos) {
		for _, a := range byPos[pos] {
			if !a.Write {
				continue
			}
			if holdsMutex(a.Locks) || len(a.Locks) == 0 {
				return model.Held{}, token.NoPos, false
			}
			h := a.Locks[0]
			if found && !sameLock(h, once) {
				return model.Held{}, token.NoPos, false
			}
			once, example, found = h, reportPos(a.Access), true
		}
	}
	return once, example, found
}

// publishedByOnce reports whether the Once's function hands off what it
// wrote: after a write, it sends on or closes a channel, calls Done, or
// stores an atomic flag (fasthttp's adaptor makes the pipe, then tells
// the server goroutine to stream from it). Readers are then ordered by
// whoever received that signal, which the model cannot follow.
func (c *checker) publishedByOnce(byPos map[siteKey][]*fieldAccess) bool {
	for _, as := range byPos {
		for _, w := range as {
			if !w.Write {
				continue
			}
			for _, sig := range c.model.Summary(w.entry.fn).Signals {
				if sig.Instr == w.Instr && sig.Kind != model.SyncIO && !sig.Counter {
					return true
				}
			}
		}
	}
	return false
}

// sameLock reports whether two held locks are the same lock of the same
// object, or the same field of objects of the same type (each entry
// roots the locks of its receiver in its own parameter).
func sameLock(x, y model.Held) bool {
	return x.Loc == y.Loc || lockName(x) != "" && lockName(x) == lockName(y)
}

func lockName(h model.Held) string {
	if h.Field != "" {
		return h.Field
	}
	if p, ok := h.Loc.Root.(*ssa.Parameter); ok && h.Loc.Path != "" {
		t := p.Type()
		if ptr, ok := t.Underlying().(*types.Pointer); ok {
			t = ptr.Elem()
		}
		return types.TypeString(t, nil) + h.Loc.Path
	}
	return ""
}

// callsOnce reports whether fn may run once's function (calls Do on the
// same Once): some access of its summary holds that Once. A Do whose
// function the model does not see counts too.
func (c *checker) callsOnce(fn *ssa.Function, once model.Held) bool {
	for _, a := range c.model.Summary(fn).Accesses {
		for _, h := range a.Locks {
			if sameLock(h, once) {
				return true
			}
		}
	}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if call, ok := instr.(ssa.CallInstruction); ok && isOnceDo(call.Common()) {
				return true
			}
		}
	}
	return false
}

func (c *checker) reportOnceField(a *fieldAccess, once model.Held, example token.Pos) {
	pos := reportPos(a.Access)
	c.mark(pos)
	obj := describe(a.object())
	name := obj + "." + a.key.field
	onceName := describe(once.Loc)
	d := analysis.Diagnostic{Pos: pos, Category: catUnguarded,
		Message: fmt.Sprintf("%s read without synchronization%s, but it is written only inside %s.Do at %s, which may be running: call %s.Do first, or guard both with a mutex",
			name, c.via(a.Access), onceName, c.short(example), onceName),
		Related: []analysis.RelatedInformation{{Pos: example, Message: "write inside " + onceName + ".Do"}},
	}
	c.addAccessRelated(&d, a.Access)
	c.rep.Report(d)
}

// nilChecked reports whether the value a read loads is compared with nil.
func nilChecked(instr ssa.Instruction) bool {
	v, ok := instr.(ssa.Value)
	if !ok || v.Referrers() == nil {
		return false
	}
	for _, r := range *v.Referrers() {
		if rv, ok := r.(ssa.Value); ok {
			if x, _, ok := model.NilTest(rv); ok && x == v {
				return true
			}
		}
	}
	return false
}
