package lockcheck

import (
	"fmt"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/racecheck/racecheck/analyzer/internal/model"
)

// checkGlobals reports package-level variables that a goroutine body
// accesses and an exported function other than the goroutine's starter
// accesses, one of them writing, with no lock on either side. (A race
// between a goroutine and the function that starts it is the race
// analyzer's global-var.)
func (c *checker) checkGlobals() {
	byGlobal := make(map[*ssa.Global][]*varAccess)
	for _, v := range c.vars {
		if g, ok := v.Loc.Root.(*ssa.Global); ok && v.Loc.Path == "" && !v.Atomic && len(v.Locks) == 0 &&
			!isSyncType(g.Type().(*types.Pointer).Elem()) {
			byGlobal[g] = append(byGlobal[g], v)
		}
	}
	for _, v := range c.vars {
		g, ok := v.Loc.Root.(*ssa.Global)
		if !ok || !v.entry.spawned || c.writtenBy(g, v.entry.parents) {
			continue
		}
		for _, o := range byGlobal[g] {
			if o.entry.spawned || !declaredExported(o.entry.fn) || !(o.Write || v.Write) || c.waits(o.entry.fn) {
				continue
			}
			c.reportGlobal(g, v, o)
		}
	}
}

func (c *checker) reportGlobal(g *ssa.Global, inG, other *varAccess) {
	pos := reportPos(other.Access)
	if c.done(pos) {
		return
	}
	c.mark(pos)
	verb, gverb := "read", "reads"
	if other.Write {
		verb = "written"
	}
	if inG.Write {
		gverb = "writes"
	}
	spawn := inG.entry.fn.Pos()
	d := analysis.Diagnostic{Pos: pos, Category: catGlobal,
		Message: fmt.Sprintf("package-level variable %s %s without synchronization in %s%s, but the goroutine %s runs concurrently and %s it at %s; protect both with a mutex or use an atomic type",
			g.Name(), verb, other.entry.fn.Name(), c.via(other.Access), handlerName(inG.entry.fn), gverb, c.short(inG.Pos)),
		Related: []analysis.RelatedInformation{{Pos: inG.Pos, Message: "access in the goroutine"}},
	}
	if spawn.IsValid() {
		d.Related = append(d.Related, analysis.RelatedInformation{Pos: spawn, Message: "goroutine body"})
	}
	c.rep.Report(d)
}

// writtenBy reports whether one of fns writes g: a goroutine reading
// what its starter set before the go statement is ordered after it.
func (c *checker) writtenBy(g *ssa.Global, fns []*ssa.Function) bool {
	for _, fn := range fns {
		for _, a := range c.model.Summary(fn).Accesses {
			if a.Loc.Root == g && a.Write {
				return true
			}
		}
	}
	return false
}

// waits reports whether fn waits for something (and so is likely ordered
// with the goroutine it waits for).
func (c *checker) waits(fn *ssa.Function) bool { return c.model.Summary(fn).Waits() }

// declaredExported reports whether fn is a declared, exported function or
// method. Function literals and synthetic wrappers (entries as goroutine
// bodies or HTTP handlers) have no declared object.
func declaredExported(fn *ssa.Function) bool {
	obj := fn.Object()
	return obj != nil && obj.Exported()
}

// checkPerObjectGlobals reports package-level variables that a goroutine
// writes with no lock when the goroutine is started by an API method:
// each object's method starts its own, so calls on two objects (two
// brokers opened, two servers started) run two of them at once, and
// the package-level variable is the one thing they share. (A goroutine
// started by a package-level function is often the package's single
// background loop; it is not judged by this rule.)
func (c *checker) checkPerObjectGlobals() {
	methods := make(map[*ssa.Function]bool)
	for _, e := range c.entries {
		if !e.spawned && !e.handler && recvOf(e.fn) != nil {
			methods[e.fn] = true
		}
	}
	seen := make(map[*ssa.Global]bool) // one report per variable, at its first write
	for _, v := range c.vars {
		g, ok := v.Loc.Root.(*ssa.Global)
		if !ok || seen[g] || v.Loc.Path != "" || !v.Write || v.Atomic || sharedLock(v.Locks) || !v.entry.spawned ||
			isSyncType(g.Type().(*types.Pointer).Elem()) || inTestFile(c.pass, v.Pos) {
			continue
		}
		if starter := c.perObjectStarter(v.entry, methods); starter != nil {
			seen[g] = true
			c.reportPerObjectGlobal(g, v, starter)
		}
	}
}

// perObjectStarter returns the API method among e's starters that does
// not wait after starting it, or nil.
func (c *checker) perObjectStarter(e *entry, methods map[*ssa.Function]bool) *ssa.Function {
	for _, p := range e.parents {
		if methods[p] && !c.waitsAfterStart(p, e.fn) {
			return p
		}
	}
	return nil
}

// waitsAfterStart reports whether p, after a statement that starts fn,
// can reach a wait (a WaitGroup, channel, errgroup, atomic or other
// join): the goroutines of two calls made one after the other are then
// likely ordered.
func (c *checker) waitsAfterStart(p, fn *ssa.Function) bool {
	joins := c.model.Summary(p).Joins
	for _, b := range p.Blocks {
		for _, instr := range b.Instrs {
			if !starts(instr, fn) {
				continue
			}
			for _, j := range joins {
				if j.Kind != model.SyncRendezvous && j.Instr != nil && runsAfter(instr, j.Instr) {
					return true
				}
			}
		}
	}
	return false
}

// starts reports whether instr starts a goroutine running fn, directly
// or as the function argument a goroutine wrapper calls.
func starts(instr ssa.Instruction, fn *ssa.Function) bool {
	s := model.SpawnAt(instr)
	if s == nil {
		return false
	}
	return s.Fn == fn || boundMethod(s.Fn) == fn || slices.Contains(model.CalledArgs(s), fn)
}

// runsAfter reports whether instruction b can run after a in their
// function.
func runsAfter(a, b ssa.Instruction) bool {
	return (a.Block() == b.Block() && model.After(a, b)) || reaches(a.Block(), b.Block())
}

func (c *checker) reportPerObjectGlobal(g *ssa.Global, v *varAccess, starter *ssa.Function) {
	pos := v.Pos
	if c.done(pos) {
		return
	}
	c.mark(pos)
	recv := types.TypeString(recvOf(starter).Type(), types.RelativeTo(c.pass.Pkg))
	d := analysis.Diagnostic{Pos: pos, Category: catGlobal,
		Message: fmt.Sprintf("package-level variable %s written without synchronization by the goroutine %s starts: calls on two %s values run two such goroutines at once; protect it with a mutex or sync.Once, or use an atomic type",
			g.Name(), starter.Name(), recv),
	}
	if call := viaCall(v.Access); call != nil {
		d.Related = append(d.Related, analysis.RelatedInformation{Pos: call.Pos(), Message: "call in the goroutine"})
	}
	if spawn := v.entry.fn.Pos(); spawn.IsValid() {
		d.Related = append(d.Related, analysis.RelatedInformation{Pos: spawn, Message: "goroutine body"})
	}
	d.Related = append(d.Related, analysis.RelatedInformation{Pos: starter.Pos(), Message: starter.Name() + " starts it"})
	c.rep.Report(d)
}

// sharedLock reports whether one of ls may be shared by the goroutines
// of different objects: any lock but a mutex field of the goroutine's own
// object (b.lock), which each object has its own of.
func sharedLock(ls model.Lockset) bool {
	for _, h := range ls {
		path := strings.TrimPrefix(h.Loc.Path, "*") // a captured receiver: p.mu is *p's field
		if _, global := h.Loc.Root.(*ssa.Global); global || strings.Count(path, ".") != 1 || strings.ContainsAny(path, "*[{") {
			return true
		}
	}
	return false
}
