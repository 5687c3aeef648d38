package lockcheck

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/racecheck/racecheck/analyzer/internal/model"
)

// A bgWrite is a write to a field of a method's receiver by a goroutine
// the method starts.
type bgWrite struct {
	method *ssa.Function
	spawn  ssa.Instruction
	pos    token.Pos
}

// checkBackground reports reads, in other exported methods, of receiver
// fields that a goroutine started by a method writes without a lock, and
// writes there of channel fields such a goroutine reads (to select on
// them): a channel reassigned (s.done = make(chan struct{})) under a
// running goroutine races with it, and the goroutine may wait on the old
// channel forever.
func (c *checker) checkBackground() {
	writes := make(map[fieldKey]bgWrite)
	chanReads := make(map[fieldKey]bgWrite)
	for _, e := range c.entries {
		if recvOf(e.fn) != nil && len(e.fn.Params) > 0 {
			c.backgroundAccesses(e.fn, writes, func(a model.Access, _ fieldKey) bool { return a.Write })
			c.backgroundAccesses(e.fn, chanReads, func(a model.Access, k fieldKey) bool { return !a.Write && isChan(fieldType(k)) })
		}
	}
	for _, a := range c.accesses {
		if a.Atomic || len(a.Locks) > 0 || c.done(a.Pos) {
			continue
		}
		if r, ok := chanReads[a.key]; ok && a.Write && !a.content && c.otherMethod(a, r) {
			c.reportChanReassign(a, r)
			continue
		}
		w, ok := writes[a.key]
		if !ok || !c.otherMethod(a, w) {
			continue
		}
		c.mark(a.Pos)
		verb := "read"
		if a.Write {
			verb = "written"
		}
		name := describe(a.object()) + "." + a.key.field
		c.rep.Report(analysis.Diagnostic{Pos: a.Pos, Category: catBackground,
			Message: fmt.Sprintf("%s %s without synchronization%s, but the goroutine started by %s at %s writes it at %s; protect both with a mutex or use an atomic type",
				name, verb, c.via(a.Access), w.method.Name(), c.short(w.spawn.Pos()), c.short(w.pos)),
			Related: []analysis.RelatedInformation{
				{Pos: w.pos, Message: "write in the background goroutine"},
				{Pos: w.spawn.Pos(), Message: "goroutine started here"},
			},
		})
	}
}

// otherMethod reports whether a is made by an exported method of the
// same receiver, other than the one that starts the goroutine, that
// does not wait for anything first (a Wait or Stop joins the goroutine).
func (c *checker) otherMethod(a *fieldAccess, w bgWrite) bool {
	fn := a.entry.fn
	if fn == w.method || recvOf(fn) == nil || !declaredExported(fn) || a.entry.spawned {
		return false
	}
	if a.Loc.Root != fn.Params[0] || a.prefix != "" {
		return false
	}
	return !c.model.Summary(fn).Waits()
}

// backgroundAccesses records the receiver fields that goroutines
// started by method fn access without a lock, in the ways keep selects.
func (c *checker) backgroundAccesses(fn *ssa.Function, out map[fieldKey]bgWrite, keep func(model.Access, fieldKey) bool) {
	c.receiverAccesses(fn, func(s *model.Spawn, a model.Access, l model.Loc) {
		if a.Atomic || a.Chan || len(a.Locks) > 0 {
			return
		}
		key, prefix, _, ok := fieldOf(l)
		if !ok || prefix != "" || isSyncType(fieldType(key)) || !keep(a, key) {
			return
		}
		if _, seen := out[key]; !seen {
			out[key] = bgWrite{method: fn, spawn: s.Instr, pos: a.Pos}
		}
	})
}

// receiverAccesses calls f with each access of the goroutines method fn
// starts that lies under fn's receiver, and its location in fn's frame.
func (c *checker) receiverAccesses(fn *ssa.Function, f func(s *model.Spawn, a model.Access, l model.Loc)) {
	recv := fn.Params[0]
	for _, s := range model.Spawns(fn) {
		for _, a := range c.model.Summary(s.Fn).Accesses {
			if l, ok := s.Env.Translate(a.Loc); ok {
				if l = unspill(l); l.Root == recv {
					f(s, a, l)
				}
			}
		}
	}
}

// checkHandlers reports writes without a lock, in HTTP handlers, to
// memory shared between requests.
func (c *checker) checkHandlers() {
	report := func(a model.Access, e *entry, name string) {
		if !e.handler || !a.Write || a.Atomic || len(a.Locks) > 0 || c.done(reportPos(a)) {
			return
		}
		c.mark(reportPos(a))
		d := analysis.Diagnostic{Pos: reportPos(a), Category: catHandler,
			Message: fmt.Sprintf("%s written without a lock in HTTP handler %s%s: net/http serves requests concurrently, so requests race on it; protect it with a mutex or use an atomic type",
				name, handlerName(e.fn), c.via(a))}
		c.addAccessRelated(&d, a)
		c.rep.Report(d)
	}
	for _, a := range c.accesses {
		if p, ok := a.Loc.Root.(*ssa.Parameter); ok && (recvOf(a.entry.fn) == nil || p != a.entry.fn.Params[0]) {
			continue // a request, response or other per-call argument
		}
		report(a.Access, a.entry, describe(a.object())+"."+a.key.field)
	}
	for _, v := range c.vars {
		report(v.Access, v.entry, describe(v.Loc))
	}
}

func handlerName(fn *ssa.Function) string {
	if fn.Parent() != nil {
		return "func literal in " + fn.Parent().Name()
	}
	return fn.Name()
}

// unspill rewrites a location rooted in the variable of a parameter
// that a closure captures (SSA spills it to an Alloc that is stored once,
// with the parameter) as rooted in the parameter itself.
func unspill(l model.Loc) model.Loc {
	alloc, ok := l.Root.(*ssa.Alloc)
	if !ok || len(l.Path) == 0 || l.Path[0] != '*' {
		return l
	}
	var param *ssa.Parameter
	for _, r := range *alloc.Referrers() {
		switch r := r.(type) {
		case *ssa.Store:
			p, ok := r.Val.(*ssa.Parameter)
			if !ok || param != nil || r.Addr != alloc {
				return l
			}
			param = p
		case *ssa.UnOp, *ssa.MakeClosure, *ssa.DebugRef:
		default:
			return l
		}
	}
	if param == nil {
		return l
	}
	return model.Loc{Root: param, Path: l.Path[1:]}
}

// publishedBefore reports whether a read in a goroutine body is of a
// field the function starting the goroutine writes: typically before
// the go statement, which orders the write before the read. An object
// the goroutine looks up in a map or slice itself is not one of those:
// it is whatever the container holds at the lookup, written since by
// anyone.
func (c *checker) publishedBefore(a *fieldAccess) bool {
	if a.Write || !a.entry.spawned || hasContainerStep(a.object().Path) {
		return false
	}
	for _, p := range a.entry.parents {
		for _, pa := range c.model.Summary(p).Accesses {
			pa = unspillAccess(pa)
			if k, _, _, ok := fieldOf(pa.Loc); ok && pa.Write && k == a.key {
				return true
			}
		}
	}
	return false
}

// waitsFirst reports whether a read is made by an entry after it waits
// for something (a channel receive, a Wait, an atomic load of a flag),
// or in a call that may: the value is then usually published by whoever
// it waits for, not guarded (crypto/tls reads handshakeErr after a
// receive; go/types reads methods after an atomic state load). A wait
// that only follows the read (a getter that reads, then loads a clock)
// publishes nothing to it.
func (c *checker) waitsFirst(a *fieldAccess) bool {
	return !a.Write && c.waitsBefore(a, true)
}

// waitsBefore reports whether a's entry waits for another goroutine (a
// Wait, a receive, an atomic load) before it makes a; inCall says
// whether a wait in the callee that makes a counts too (its order there
// is not known).
func (c *checker) waitsBefore(a *fieldAccess, inCall bool) bool {
	for _, j := range c.model.Summary(a.entry.fn).Joins {
		if j.Kind == model.SyncRendezvous || j.Kind == model.SyncAtomic && !c.atomicPublishes(j, a.key) {
			continue
		}
		if j.Instr == a.Instr && inCall && c.joinFirstInCall(j, a) || j.Instr != a.Instr && model.After(j.Instr, a.Instr) {
			return true
		}
	}
	return false
}

// joinFirstInCall reports whether a callee that both waits (j) and
// makes a, through the same call of a's entry, may wait first: where the
// model cannot tell, by positions when both lie in one function.
func (c *checker) joinFirstInCall(j model.Sync, a *fieldAccess) bool {
	if first, known := model.JoinFirst(j, a.Access); known {
		return first
	}
	return !c.laterInSameFunc(j.At, a.Pos)
}

// atomicPublishes reports whether an atomic load (or CAS) j can publish
// field key: some entry writes the field, then stores to the atomic
// variable j loads (go/types writes a Named's methods, then stores its
// state). Adds and compare-and-swaps update counters and state words:
// a load of a Lamport clock that every method advances publishes
// nothing.
func (c *checker) atomicPublishes(j model.Sync, key fieldKey) bool {
	jk, _, _, ok := fieldOf(j.Loc)
	if !ok {
		return true // a package-level flag or a local: not known, as before
	}
	for _, w := range c.accesses {
		if !w.Write || w.key != key {
			continue
		}
		for _, sig := range c.model.Summary(w.entry.fn).Signals {
			if sig.Kind != model.SyncAtomic || sig.Counter {
				continue
			}
			if k, _, _, ok := fieldOf(sig.Loc); ok && k == jk && (sig.Instr == w.Instr || model.After(sig.Instr, w.Instr)) {
				return true
			}
		}
	}
	return false
}

// laterInSameFunc reports whether the operation at op comes after the
// access at pos in the source of the one function that makes both (a
// callee reads a field, then loads an atomic clock): the order of
// operations in different callees is not known.
func (c *checker) laterInSameFunc(op, pos token.Pos) bool {
	if !op.IsValid() || op <= pos {
		return false
	}
	f := enclosingFunc(c.pass, pos)
	return f != nil && f == enclosingFunc(c.pass, op)
}

// enclosingFunc returns the innermost function declaration or literal of
// pass's files that contains pos, or nil.
func enclosingFunc(pass *analysis.Pass, pos token.Pos) ast.Node {
	for _, f := range pass.Files {
		if pos < f.Pos() || pos > f.End() {
			continue
		}
		var fn ast.Node
		ast.Inspect(f, func(n ast.Node) bool {
			if n == nil || pos < n.Pos() || pos >= n.End() {
				return false
			}
			switch n.(type) {
			case *ast.FuncDecl, *ast.FuncLit:
				fn = n
			}
			return true
		})
		return fn
	}
	return nil
}

func (c *checker) reportChanReassign(a *fieldAccess, r bgWrite) {
	c.mark(a.Pos)
	name := describe(a.object()) + "." + a.key.field
	c.rep.Report(analysis.Diagnostic{Pos: a.Pos, Category: catBackground,
		Message: fmt.Sprintf("channel field %s reassigned without synchronization%s, but the goroutine started by %s at %s reads it at %s; stop and wait for the goroutine first, or give each run its own channel",
			name, c.via(a.Access), r.method.Name(), c.short(r.spawn.Pos()), c.short(r.pos)),
		Related: []analysis.RelatedInformation{
			{Pos: r.pos, Message: "read in the background goroutine"},
			{Pos: r.spawn.Pos(), Message: "goroutine started here"},
		},
	})
}

func isChan(t types.Type) bool {
	if t == nil {
		return false
	}
	_, ok := t.Underlying().(*types.Chan)
	return ok
}
