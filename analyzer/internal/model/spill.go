package model

import (
	"go/token"

	"golang.org/x/tools/go/ssa"
)

// maxClosureNesting bounds the search for stores through closures.
const maxClosureNesting = 4

// spilledParam returns the parameter that a is the heap cell of, when a
// only ever holds that parameter's value: SSA moves a parameter that a
// closure captures into such a cell (captures are by reference), and
// without this, what a method does to its receiver's fields inside and
// outside its closures would be rooted at its own cell, which does not
// translate to the caller's argument. Cells written again, by the function
// or any closure, or whose address escapes otherwise, are variables.
func spilledParam(a *ssa.Alloc) *ssa.Parameter {
	if !a.Heap || a.Parent() == nil {
		return nil
	}
	var param *ssa.Parameter
	for _, r := range *a.Referrers() {
		switch r := r.(type) {
		case *ssa.Store:
			p, ok := r.Val.(*ssa.Parameter)
			if !ok || r.Addr != a || param != nil || p.Parent() != a.Parent() {
				return nil
			}
			param = p
		case *ssa.UnOp:
			if r.Op != token.MUL {
				return nil
			}
		case *ssa.MakeClosure:
			if storedInClosure(r, a, 0) {
				return nil
			}
		case *ssa.DebugRef:
		default:
			return nil
		}
	}
	return param
}

// storedInClosure reports whether the closure mc, to which cell is bound,
// may store to it (directly or through closures it creates in turn).
func storedInClosure(mc *ssa.MakeClosure, cell ssa.Value, depth int) bool {
	fn, ok := mc.Fn.(*ssa.Function)
	if !ok || depth > maxClosureNesting {
		return true
	}
	for i, b := range mc.Bindings {
		if b != cell || i >= len(fn.FreeVars) {
			continue
		}
		fv := fn.FreeVars[i]
		for _, r := range *fv.Referrers() {
			switch r := r.(type) {
			case *ssa.UnOp:
				if r.Op != token.MUL {
					return true
				}
			case *ssa.MakeClosure:
				if storedInClosure(r, fv, depth+1) {
					return true
				}
			case *ssa.DebugRef:
			default:
				return true
			}
		}
	}
	return false
}

// canon rewrites a location rooted at the heap cell of a parameter
// (read through it) to one rooted at the parameter itself.
func canon(l Loc) Loc {
	a, ok := l.Root.(*ssa.Alloc)
	if !ok || len(l.Path) == 0 || l.Path[0] != '*' {
		return l
	}
	if p := spilledParam(a); p != nil {
		return Loc{Root: p, Path: l.Path[1:]}
	}
	return l
}
