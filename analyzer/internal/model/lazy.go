package model

import (
	"go/constant"
	"go/token"

	"golang.org/x/tools/go/ssa"
)

// lazyStore reports whether st runs only when the location it stores to
// was nil or empty: the branches that lead to it say that a load of the
// same location is nil, or has length 0.
func lazyStore(st *ssa.Store) bool {
	target := LocOf(st.Addr)
	for _, f := range initialFacts(st.Block()) {
		switch f.kind {
		case isNil:
			if sameLoad(f.v, target) {
				return true
			}
		case isTrue:
			if v, ok := lenIsZero(f.v); ok && sameLoad(v, target) {
				return true
			}
			if v, ok := isEmptyString(f.v); ok && sameLoad(v, target) {
				return true
			}
		}
	}
	return false
}

// sameLoad reports whether v loads the location l.
func sameLoad(v ssa.Value, l Loc) bool {
	load, ok := v.(*ssa.UnOp)
	return ok && load.Op == token.MUL && LocOf(load.X) == l
}

// isEmptyString matches `v == ""`.
func isEmptyString(cond ssa.Value) (ssa.Value, bool) {
	bin, ok := cond.(*ssa.BinOp)
	if !ok || bin.Op != token.EQL {
		return nil, false
	}
	c, ok := bin.Y.(*ssa.Const)
	if !ok || c.Value == nil || c.Value.Kind() != constant.String || constant.StringVal(c.Value) != "" {
		return nil, false
	}
	return bin.X, true
}

// lenIsZero matches "len(v) == 0".
func lenIsZero(cond ssa.Value) (ssa.Value, bool) {
	bin, ok := cond.(*ssa.BinOp)
	if !ok || bin.Op != token.EQL {
		return nil, false
	}
	c, ok := bin.Y.(*ssa.Const)
	if !ok || c.Value == nil || c.Value.Kind() != constant.Int || constant.Sign(c.Value) != 0 {
		return nil, false
	}
	call, ok := bin.X.(*ssa.Call)
	if !ok || BuiltinName(call.Common()) != "len" || len(call.Common().Args) != 1 {
		return nil, false
	}
	return call.Common().Args[0], true
}

// nonZero reports whether v is certainly not nil or empty: a new
// allocation, a made map, channel or slice of constant non-zero length,
// a function, or a conversion of a non-empty constant string.
func nonZero(v ssa.Value) bool {
	switch v := v.(type) {
	case *ssa.Alloc, *ssa.MakeMap, *ssa.MakeChan, *ssa.MakeClosure, *ssa.Function:
		return true
	case *ssa.MakeSlice:
		c, ok := v.Len.(*ssa.Const)
		return ok && c.Value != nil && constant.Sign(c.Value) > 0
	case *ssa.Convert:
		c, ok := v.X.(*ssa.Const)
		return ok && c.Value != nil && c.Value.Kind() == constant.String && constant.StringVal(c.Value) != ""
	case *ssa.Slice:
		return nonZero(v.X)
	}
	return false
}
