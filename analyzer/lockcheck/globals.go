package lockcheck

import (
	"fmt"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"
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
