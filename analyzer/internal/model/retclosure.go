package model

import (
	"strconv"

	"golang.org/x/tools/go/ssa"
)

// ReturnedClosure returns the function literal that call's in-scope
// callee returns as its only result on every path that returns one
// (stop := startServer(t); defer stop()), with the values it binds in
// the callee's frame; nil when the callee returns anything else (nil on
// an early path counts as nothing).
func (m *Model) ReturnedClosure(call *ssa.Call) (*ssa.Function, []ssa.Value) {
	callee := call.Common().StaticCallee()
	if !m.InScope(callee) || callee.Signature.Results().Len() != 1 {
		return nil, nil
	}
	var mc *ssa.MakeClosure
	for _, b := range callee.Blocks {
		if len(b.Instrs) == 0 {
			continue
		}
		ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
		if !ok || len(ret.Results) != 1 {
			continue
		}
		if c, ok := ret.Results[0].(*ssa.Const); ok && c.IsNil() {
			continue
		}
		r, ok := ret.Results[0].(*ssa.MakeClosure)
		if !ok || mc != nil && r != mc {
			return nil, nil
		}
		mc = r
	}
	if mc == nil {
		return nil, nil
	}
	fn, _ := mc.Fn.(*ssa.Function)
	return fn, mc.Bindings
}

// ClosureVarLoc is where the caller of a function that returns a
// closure finds the closure's free variable i: a path on the call's
// result, the same from the closure's side (calling it) and from the
// callee's (its goroutines using the variable).
func ClosureVarLoc(call *ssa.Call, i int) Loc {
	return Loc{Root: call, Path: "(" + strconv.Itoa(i) + ")"}
}

// BindClosureVars maps, in env (the callee's frame to call's), the
// values the returned closure binds to their ClosureVarLoc: a captured
// variable's cell, and the one value it holds all its life.
func BindClosureVars(env Env, call *ssa.Call, bindings []ssa.Value) {
	for i, b := range bindings {
		l := ClosureVarLoc(call, i)
		if _, bound := env[b]; !bound {
			env[b] = l
		}
		if held := (Loc{Root: b}).Extend("*"); held.Root != b && held.Path == "" {
			if _, bound := env[held.Root]; !bound {
				env[held.Root] = l.Extend("*")
			}
		}
	}
}

// returnedClosureTarget resolves a call of a function value that an
// in-scope call returned, binding the closure's free variables to
// their ClosureVarLoc.
func (m *Model) returnedClosureTarget(c *ssa.CallCommon) (*ssa.Function, Env) {
	call, ok := c.Value.(*ssa.Call)
	if !ok {
		return nil, nil
	}
	fn, bindings := m.ReturnedClosure(call)
	if !m.InScope(fn) {
		return nil, nil
	}
	env := CallEnv(fn, c.Args, nil)
	for i, fv := range fn.FreeVars {
		if i < len(bindings) {
			env[fv] = ClosureVarLoc(call, i)
		}
	}
	return fn, env
}
