package model

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// A FuncCall is a call of a function value the summarized function got
// from its caller, a func parameter or a free variable, made by the
// function itself or by a callee it passed the value on to
// (Until(f, stop) -> JitterUntil(f, stop) -> func() { f() }()).
type FuncCall struct {
	Loc    Loc             // the function value, or the interface value of Method: a parameter or free variable of the summarized function
	Method *types.Func     // for a call through an interface the model does not resolve, its method
	Instr  ssa.Instruction // the call, or the call of the summarized function that leads to it
	Args   []Loc           // the arguments in the summarized function's frame (zero where it cannot name them)
	Vals   []ssa.Value     // the arguments, in the function that calls the value
	Locks  Lockset         // locks held at the call
}

// recordFuncCall adds c, a call of a func parameter or free variable or
// of a method of one, to s.FuncCalls.
func recordFuncCall(s *Summary, c *ssa.CallCommon, instr ssa.Instruction, ls Lockset) {
	fc := FuncCall{Loc: LocOf(c.Value), Method: c.Method, Instr: instr, Vals: c.Args, Locks: ls}
	for _, a := range c.Args {
		fc.Args = append(fc.Args, LocOf(a))
	}
	s.FuncCalls = append(s.FuncCalls, fc)
}

// isFuncInput reports whether l is a value the function got from its
// caller: a parameter or free variable, or the variable a free variable
// captures by reference.
func isFuncInput(l Loc) bool {
	switch l.Root.(type) {
	case *ssa.Parameter, *ssa.FreeVar:
		return l.Path == "" || l.Path == "*"
	}
	return false
}

// passFuncCalls adds to s the calls a callee makes of function values
// the caller passed on from its own parameters or free variables.
func passFuncCalls(s, cs *Summary, env Env, call ssa.Instruction, ls Lockset) {
	for _, fc := range cs.FuncCalls {
		l, ok := env.Translate(fc.Loc)
		if !ok || !isFuncInput(l) {
			continue
		}
		out := FuncCall{Loc: l, Method: fc.Method, Instr: call, Vals: fc.Vals, Locks: union(ls, env.TranslateLocks(fc.Locks))}
		for _, a := range fc.Args {
			t, _ := env.Translate(a)
			out.Args = append(out.Args, t)
		}
		s.FuncCalls = append(s.FuncCalls, out)
	}
}

// inlineFuncArgs adds what the function values a caller passes to a
// callee do when the callee runs them (r.ForEachScope(func(s *scope)
// {...})), itself or through its own callees: cs is the callee's
// summary, env its Env. The function or closure of the caller runs with
// the caller's locks and those held at the call, its parameters bound
// to the call's arguments.
func (m *Model) inlineFuncArgs(s, cs *Summary, env Env, call ssa.Instruction, ls Lockset, depth int) {
	if depth <= 0 {
		return
	}
	for _, fc := range cs.FuncCalls {
		l, ok := env.Translate(fc.Loc)
		if !ok {
			continue
		}
		target, bindings, recv := m.funcCallTarget(fc, l, call)
		if !m.InScope(target) {
			continue
		}
		inner := funcCallEnv(target, bindings, recv, l, len(fc.Args), func(i int, tp *ssa.Parameter) (Loc, bool) {
			if a, ok := env.Translate(fc.Args[i]); ok {
				return a, true
			}
			if m.OpaqueArgs && loadedFromMemory(fc.Vals[i]) {
				return Loc{Root: m.opaqueRoot(tp)}, true
			}
			return Loc{}, false
		})
		m.inline(s, target, inner, call, union(ls, env.TranslateLocks(fc.Locks)), depth, false)
	}
}

// funcCallTarget returns the function fc runs when its value is l in
// the frame of the caller of the function that makes it, called there
// with call: the function or closure l denotes, or for a call through
// an interface, the method of the concrete type the call passes
// (Pop(h.data) running (*heapData).Pop), recv then true.
func (m *Model) funcCallTarget(fc FuncCall, l Loc, call ssa.Instruction) (fn *ssa.Function, bindings []ssa.Value, recv bool) {
	if fc.Method == nil {
		fn, bindings = funcOfLoc(l)
		return fn, bindings, false
	}
	p, ok := fc.Loc.Root.(*ssa.Parameter)
	if !ok || fc.Loc.Path != "" {
		return nil, nil, false
	}
	mi := concreteArg(p, call)
	if mi == nil {
		return nil, nil, false
	}
	fn = m.methodOf(mi.X.Type(), fc.Method)
	return fn, nil, fn != nil
}

// funcCallEnv returns the Env of target run for a FuncCall of nargs
// arguments: its free variables bound to bindings, its receiver, for a
// method the call resolved to (recv), to l, and each other parameter to
// what arg returns for it.
func funcCallEnv(target *ssa.Function, bindings []ssa.Value, recv bool, l Loc, nargs int, arg func(i int, p *ssa.Parameter) (Loc, bool)) Env {
	env := CallEnv(target, nil, bindings)
	params := target.Params
	if recv {
		env[params[0]], params = l, params[1:]
	}
	for i, p := range params {
		if i >= nargs {
			break
		}
		if a, ok := arg(i, p); ok {
			env[p] = a
		}
	}
	return env
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
