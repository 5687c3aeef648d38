package model

import "golang.org/x/tools/go/ssa"

// inlineFuncArgs adds what the function values a caller passes to fn do
// when fn calls them (r.ForEachScope(func(s *scope) {...})): at each
// call of one of fn's func parameters bound to a function or closure of
// the caller, that function runs with the caller's locks, the locks fn
// holds there, and its parameters bound to fn's arguments.
func (m *Model) inlineFuncArgs(s *Summary, fn *ssa.Function, env Env, call ssa.Instruction, ls Lockset, depth int) {
	if depth <= 0 {
		return
	}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			c, ok := instr.(*ssa.Call)
			if !ok || c.Call.IsInvoke() {
				continue
			}
			p, ok := c.Call.Value.(*ssa.Parameter)
			if !ok {
				continue
			}
			target, bindings := funcOfLoc(env[p])
			if !m.InScope(target) {
				continue
			}
			inner := make(Env, len(target.Params)+len(bindings))
			for i, tp := range target.Params {
				if i < len(c.Call.Args) {
					if l, ok := env.Translate(LocOf(c.Call.Args[i])); ok {
						inner[tp] = l
					}
				}
			}
			for i, fv := range target.FreeVars {
				if i < len(bindings) {
					inner[fv] = LocOf(bindings[i])
				}
			}
			m.inline(s, target, inner, call, union(ls, env.TranslateLocks(m.LocksAt(instr))), depth, false)
		}
	}
}

// funcOfLoc returns the function a location of the caller's frame
// denotes when it is a function or a closure the caller makes, with the
// closure's bindings.
func funcOfLoc(l Loc) (*ssa.Function, []ssa.Value) {
	if l.Path != "" {
		return nil, nil
	}
	switch v := l.Root.(type) {
	case *ssa.Function:
		return v, nil
	case *ssa.MakeClosure:
		fn, _ := v.Fn.(*ssa.Function)
		return fn, v.Bindings
	}
	return nil, nil
}
