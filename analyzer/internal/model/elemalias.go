package model

import (
	"go/token"

	"golang.org/x/tools/go/ssa"
)

// elemsParam returns the index of the slice parameter of fn whose
// elements results hold, when each of them is a slice fn builds by
// appending elements of that parameter and nothing else (a filter or
// sample of its input: kRandomNodes(k, m.nodes, filter)), or -1. The
// caller's result then shares the argument's elements with whoever else
// holds them.
func elemsParam(fn *ssa.Function, results []ssa.Value) int {
	src := -1
	seen := make(map[ssa.Value]bool)
	for _, r := range results {
		if !builtFrom(fn, r, &src, seen) {
			return -1
		}
	}
	return src
}

// builtFrom reports whether slice v of fn is empty or made by appending
// elements of fn's parameter *src only (setting *src to the first
// parameter found).
func builtFrom(fn *ssa.Function, v ssa.Value, src *int, seen map[ssa.Value]bool) bool {
	if seen[v] {
		return true
	}
	seen[v] = true
	switch v := v.(type) {
	case *ssa.MakeSlice:
		return true
	case *ssa.Const:
		return v.IsNil()
	case *ssa.Phi:
		for _, e := range v.Edges {
			if !builtFrom(fn, e, src, seen) {
				return false
			}
		}
		return true
	case *ssa.Call:
		c := v.Common()
		if BuiltinName(c) != "append" || len(c.Args) != 2 {
			return false
		}
		return builtFrom(fn, c.Args[0], src, seen) && packedFrom(fn, c.Args[1], src)
	}
	return false
}

// packedFrom reports whether the variadic slice of an append call holds
// only elements loaded from parameter *src of fn.
func packedFrom(fn *ssa.Function, v ssa.Value, src *int) bool {
	sl, ok := v.(*ssa.Slice)
	if !ok {
		return false
	}
	arr, ok := sl.X.(*ssa.Alloc)
	if !ok {
		return false
	}
	stored := false
	for _, ref := range *arr.Referrers() {
		ia, ok := ref.(*ssa.IndexAddr)
		if !ok {
			continue
		}
		for _, r := range *ia.Referrers() {
			st, ok := r.(*ssa.Store)
			if !ok || st.Addr != ia {
				continue
			}
			if !elemOfParam(fn, st.Val, src) {
				return false
			}
			stored = true
		}
	}
	return stored
}

// elemOfParam reports whether v is an element loaded from a slice
// parameter of fn, the same as *src if set.
func elemOfParam(fn *ssa.Function, v ssa.Value, src *int) bool {
	load, ok := v.(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return false
	}
	ia, ok := load.X.(*ssa.IndexAddr)
	if !ok {
		return false
	}
	p, ok := ia.X.(*ssa.Parameter)
	if !ok {
		return false
	}
	for j, q := range fn.Params {
		if q == p && (*src < 0 || *src == j) {
			*src = j
			return true
		}
	}
	return false
}
