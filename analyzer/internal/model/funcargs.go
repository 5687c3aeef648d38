package model

import (
	"go/token"

	"golang.org/x/tools/go/ssa"
)

// inlineFuncArgs adds what the function values a caller passes to fn do
// when fn calls them (r.ForEachScope(func(s *scope) {...})): at each
// call of one of fn's func parameters bound to a function or closure of
// the caller, that function runs with the caller's locks, the locks fn
// holds there, and its parameters bound to fn's arguments.
func (m *Model) inlineFuncArgs(s *Summary, fn *ssa.Function, env Env, call ssa.Instruction, ls Lockset, depth int) {
	if depth <= 0 {
		return
	}
	for _, c := range paramCalls(fn) {
		p := c.Call.Value.(*ssa.Parameter)
		target, bindings := funcOfLoc(env[p])
		if !m.InScope(target) {
			continue
		}
		inner := make(Env, len(target.Params)+len(bindings))
		for i, tp := range target.Params {
			if i < len(c.Call.Args) {
				if l, ok := env.Translate(LocOf(c.Call.Args[i])); ok {
					inner[tp] = l
				} else if m.OpaqueArgs && loadedFromMemory(c.Call.Args[i]) {
					inner[tp] = Loc{Root: m.opaqueRoot(tp)}
				}
			}
		}
		for i, fv := range target.FreeVars {
			if i < len(bindings) {
				inner[fv] = LocOf(bindings[i])
			}
		}
		m.inline(s, target, inner, call, union(ls, env.TranslateLocks(m.LocksAt(c))), depth, false)
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

// CalledArgs returns the functions and closures of the spawner that a
// goroutine's function calls through its own func parameters: the work
// a wrapper such as withRecover(func() {...}) or safeGo(f) runs on the
// goroutine it is started on.
func CalledArgs(s *Spawn) []*ssa.Function {
	var out []*ssa.Function
	for _, c := range paramCalls(s.Fn) {
		if fn, _ := funcOfLoc(s.Env[c.Call.Value]); fn != nil && len(fn.Blocks) > 0 {
			out = append(out, fn)
		}
	}
	return out
}

// paramCalls returns fn's calls of its own func parameters.
func paramCalls(fn *ssa.Function) []*ssa.Call {
	var out []*ssa.Call
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if c, ok := instr.(*ssa.Call); ok && !c.Call.IsInvoke() {
				if _, ok := c.Call.Value.(*ssa.Parameter); ok {
					out = append(out, c)
				}
			}
		}
	}
	return out
}

// loadedFromMemory reports whether v is a value read out of memory (a
// map or channel element, a field, a slice element, a pointer's
// target) rather than one the function makes: an object some other code
// can reach too.
func loadedFromMemory(v ssa.Value) bool {
	switch v := v.(type) {
	case *ssa.Extract:
		_, next := v.Tuple.(*ssa.Next)
		_, lookup := v.Tuple.(*ssa.Lookup)
		return next || lookup
	case *ssa.Lookup, *ssa.Index, *ssa.Field:
		return true
	case *ssa.UnOp:
		return v.Op == token.MUL || v.Op == token.ARROW
	}
	return false
}

// An Opaque stands for an object a summary cannot name in its caller's
// frame (Model.OpaqueArgs): the parameter it was bound to. It
// translates unchanged into every caller, as a global does.
type Opaque struct{ *ssa.Parameter }

// opaqueRoot returns the one Opaque of a parameter.
func (m *Model) opaqueRoot(p *ssa.Parameter) *Opaque {
	if o, ok := m.opaque[p]; ok {
		return o
	}
	if m.opaque == nil {
		m.opaque = make(map[*ssa.Parameter]*Opaque)
	}
	o := &Opaque{p}
	m.opaque[p] = o
	return o
}
