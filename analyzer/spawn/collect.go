package spawn

import (
	"go/ast"
	"go/types"
)

// Collections built in the function that ranges over them: by appends
// (lines = append(lines, sc.Text())), by stores (slots[slot] = keys), or
// grouped under network addresses, whose size is the number of peers.

// appendedInput reports whether a variable assigned more than once is a
// collection built from input: every assignment after the first appends
// to it (x = append(x, ...)), and what is appended, or its first value,
// is input. A variable reassigned otherwise cannot be judged.
func (f *flow) appendedInput(v *types.Var, depth int) bool {
	defs := f.all[v]
	if len(defs) < 2 {
		return false
	}
	for _, def := range defs[1:] {
		if !f.isAppendTo(def, v) {
			return false
		}
	}
	for i, def := range defs {
		if i == 0 && !f.isAppendTo(def, v) {
			if def != nil && f.isInput(def, depth+1) {
				return true
			}
			continue
		}
		for _, arg := range def.(*ast.CallExpr).Args[1:] {
			if f.isInput(arg, depth+1) {
				return true
			}
		}
	}
	return f.filledFromInput(v, depth)
}

// isAppendTo reports whether e is append(v, ...).
func (f *flow) isAppendTo(e ast.Expr, v *types.Var) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || len(call.Args) == 0 || !f.isBuiltin(call, "append") {
		return false
	}
	id, ok := ast.Unparen(call.Args[0]).(*ast.Ident)
	return ok && f.info.Uses[id] == v
}

// filledFromInput reports whether a local map or slice is filled from
// input: a store m[k] = v whose key or value is input, as when keys read
// from a request are grouped by hash slot. A map filled only under
// network addresses (m[net.JoinHostPort(h, p)] = ...) holds one entry per
// peer, however much input was grouped into it: its size is the number
// of peers, which is topology, not input.
func (f *flow) filledFromInput(v *types.Var, depth int) bool {
	fills := f.fills[v]
	if len(fills) == 0 {
		return false
	}
	if _, isMap := v.Type().Underlying().(*types.Map); isMap {
		allAddr := true
		for _, fl := range fills {
			allAddr = allAddr && f.isAddress(fl.key, 0)
		}
		if allAddr {
			return false
		}
	}
	for _, fl := range fills {
		if f.isInput(fl.key, depth+1) || f.isInput(fl.val, depth+1) {
			return true
		}
	}
	return false
}

// filledValues reports whether the local map or slice x has input stored
// in it, whatever the keys: the values of a map grouping input by peer
// address are input, though the number of entries is not.
func (f *flow) filledValues(x ast.Expr, depth int) bool {
	v := f.localVar(x)
	if v == nil {
		return false
	}
	for _, fl := range f.fills[v] {
		if f.isInput(fl.val, depth+1) {
			return true
		}
	}
	return false
}
