package model

import (
	"go/token"

	"golang.org/x/tools/go/ssa"
)

// maxClosureNesting bounds the search for stores through closures.
const maxClosureNesting = 4

// storedOnce returns the value that a holds for its whole life, when
// it is stored exactly once and never written again, by the function or
// any closure, and its address does not escape otherwise: a variable
// declared with its value (c := &Client{}, or a parameter that SSA moves
// to the heap) that closures capture by reference. Reads through the
// cell are then reads of that value, and locations named through the
// cell and through the value are the same; otherwise what a method does
// to its receiver inside and outside its closures, or a goroutine to a
// captured pointer and its parent to the same pointer, would not meet.
func storedOnce(a *ssa.Alloc) ssa.Value {
	if !a.Heap || a.Parent() == nil {
		return nil
	}
	var val ssa.Value
	for _, r := range *a.Referrers() {
		switch r := r.(type) {
		case *ssa.Store:
			if r.Addr != a || val != nil || r.Val == a {
				return nil
			}
			val = r.Val
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
	switch v := val.(type) {
	case *ssa.Parameter:
		if v.Parent() != a.Parent() {
			return nil
		}
	case *ssa.Alloc, *ssa.Call, *ssa.Extract, *ssa.MakeMap, *ssa.MakeChan, *ssa.MakeSlice, *ssa.Global:
		// roots, which LocOf resolves without reading other cells
	default:
		return nil
	}
	return val
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

// canon rewrites a location read through a variable's cell that holds
// one value all its life to the location through that value.
func canon(l Loc) Loc {
	a, ok := l.Root.(*ssa.Alloc)
	if !ok || len(l.Path) == 0 || l.Path[0] != '*' {
		return l
	}
	if v := storedOnce(a); v != nil {
		base := LocOf(v)
		if !base.Valid() || base.Root == a {
			return l
		}
		return Loc{Root: base.Root, Path: base.Path + l.Path[1:]}
	}
	return l
}
