package spawn

import (
	"go/ast"
	"go/token"
	"go/types"
)

// An owner is the function a parameter belongs to, and its position.
type owner struct {
	fn    *types.Func  // a declared function or method, or nil
	lit   *ast.FuncLit // a function literal, or nil
	sig   *types.Signature
	index int
}

// A callGraph holds the package's static call sites: calls of declared
// functions and methods, of function literals (directly, or through the
// local variable holding them), and the functions whose callers cannot
// all be seen because they are used as values.
type callGraph struct {
	funcs    map[*types.Func][]*ast.CallExpr
	vars     map[*types.Var][]*ast.CallExpr
	lits     map[*ast.FuncLit][]*ast.CallExpr
	callees  map[*ast.Ident]bool // identifiers called, not used as values
	escaping map[*types.Func]bool
}

func newCallGraph() callGraph {
	return callGraph{
		funcs:    make(map[*types.Func][]*ast.CallExpr),
		vars:     make(map[*types.Var][]*ast.CallExpr),
		lits:     make(map[*ast.FuncLit][]*ast.CallExpr),
		callees:  make(map[*ast.Ident]bool),
		escaping: make(map[*types.Func]bool),
	}
}

// add records a call site. It runs before the identifiers of the call
// are visited, so that use can tell calls from uses as values.
func (g callGraph) add(info *types.Info, call *ast.CallExpr) {
	var id *ast.Ident
	switch fun := ast.Unparen(call.Fun).(type) {
	case *ast.FuncLit:
		g.lits[fun] = append(g.lits[fun], call)
		return
	case *ast.Ident:
		id = fun
	case *ast.SelectorExpr:
		id = fun.Sel
	case *ast.IndexExpr: // an instantiated generic function
		if x, ok := ast.Unparen(fun.X).(*ast.Ident); ok {
			id = x
		}
	}
	if id == nil {
		return
	}
	g.callees[id] = true
	switch obj := info.Uses[id].(type) {
	case *types.Func:
		if sel := info.Selections[selOf(call.Fun)]; sel != nil && sel.Kind() == types.MethodExpr {
			g.escaping[obj.Origin()] = true // T.m(recv, ...): arguments shifted, not followed
			return
		}
		g.funcs[obj.Origin()] = append(g.funcs[obj.Origin()], call)
	case *types.Var:
		g.vars[obj] = append(g.vars[obj], call)
	}
}

func selOf(e ast.Expr) *ast.SelectorExpr {
	s, _ := ast.Unparen(e).(*ast.SelectorExpr)
	return s
}

// use records a function used as a value (a method value, a callback, an
// entry of a table): its callers are not all in sight.
func (g callGraph) use(info *types.Info, id *ast.Ident) {
	if g.callees[id] {
		return
	}
	if fn, ok := info.Uses[id].(*types.Func); ok {
		g.escaping[fn.Origin()] = true
	}
}

// declParams records the parameters of a declared function or method.
func (f *flow) declParams(d *ast.FuncDecl) {
	fn, ok := f.info.Defs[d.Name].(*types.Func)
	if !ok {
		return
	}
	f.recordParams(d.Type, owner{fn: fn, sig: fn.Type().(*types.Signature)})
}

// litParams records the parameters of a function literal.
func (f *flow) litParams(lit *ast.FuncLit) {
	sig, ok := f.info.TypeOf(lit).(*types.Signature)
	if !ok {
		return
	}
	f.recordParams(lit.Type, owner{lit: lit, sig: sig})
}

func (f *flow) recordParams(ft *ast.FuncType, o owner) {
	i := 0
	for _, field := range ft.Params.List {
		if len(field.Names) == 0 {
			i++
			continue
		}
		for _, id := range field.Names {
			if v, ok := f.info.Defs[id].(*types.Var); ok {
				o.index = i
				f.params[v] = o
			}
			i++
		}
	}
}

// paramIsInput reports whether a parameter carries input. A function
// whose callers are all in the package (unexported, or in package main,
// and never used as a value) gets input only if one of its call sites
// passes input: one goroutine per element of nodes is not input when
// every caller passes the cluster's nodes. A function called from
// outside (an exported API) or through a function value gets whatever
// its callers hold: its parameter is taken for input by its type (see
// boundaryInput).
func (f *flow) paramIsInput(v *types.Var, depth int) bool {
	if done, ok := f.memo[v]; ok {
		return done
	}
	f.memo[v] = false // guards recursion through recursive calls
	o := f.params[v]
	var in bool
	if f.atBoundary(o) {
		in = f.boundaryInput(v)
	} else {
		in = f.passedInput(o, depth)
	}
	f.memo[v] = in
	return in
}

// atBoundary reports whether the function owning a parameter can be
// called from code the analysis does not see.
func (f *flow) atBoundary(o owner) bool {
	if o.lit != nil {
		if len(f.calls.lits[o.lit]) > 0 {
			return false
		}
		for _, v := range f.litVars(o.lit) {
			if len(f.calls.vars[v]) > 0 {
				return false
			}
		}
		return true // a callback: the caller is elsewhere
	}
	if f.calls.escaping[o.fn] {
		return true
	}
	if f.pkg.Name() == "main" || !o.fn.Exported() {
		return false
	}
	recv := o.sig.Recv()
	if recv == nil {
		return true
	}
	t := recv.Type()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	// A method of an unexported type is reached through the package's own
	// code, or through an interface whose callers cannot be seen: neither
	// is the caller's input in sight, so its parameters are not input.
	return ok && n.Obj().Exported()
}

// litVars returns the variables a function literal is assigned to.
func (f *flow) litVars(lit *ast.FuncLit) []*types.Var {
	return f.litVar[lit]
}

// passedInput reports whether one of the visible call sites of a
// parameter's function passes input for it.
func (f *flow) passedInput(o owner, depth int) bool {
	sites := f.calls.lits[o.lit]
	if o.fn != nil {
		sites = f.calls.funcs[o.fn.Origin()]
	} else {
		for _, v := range f.litVars(o.lit) {
			sites = append(sites, f.calls.vars[v]...)
		}
	}
	for _, call := range sites {
		for _, arg := range argsFor(call, o) {
			if f.isInput(arg, depth+1) {
				return true
			}
		}
	}
	return false
}

// argsFor returns the arguments a call passes for a parameter: one, the
// variadic tail, or the whole call when it passes f(g()) with g returning
// several values.
func argsFor(call *ast.CallExpr, o owner) []ast.Expr {
	n := o.sig.Params().Len()
	if len(call.Args) == 1 && n > 1 {
		return call.Args
	}
	if o.index >= len(call.Args) {
		return nil
	}
	if o.sig.Variadic() && o.index == n-1 && call.Ellipsis == token.NoPos {
		return call.Args[o.index:]
	}
	return call.Args[o.index : o.index+1]
}

// boundaryInput reports whether a parameter of a function called from
// code out of sight carries the caller's data, judged by its type:
// collections, strings, channels, iterators and interfaces (a request, a
// reader) do; numbers, booleans, contexts and errors do not. A struct, or
// pointer to one, is the caller's data (a request) unless the function
// keeps it in a composite literal or a field: then it is the
// configuration of what the function builds (NewTransport(cfg *Config)).
func (f *flow) boundaryInput(v *types.Var) bool {
	t := v.Type()
	if isNamed(t, "context", "Context") || isNamed(t, "", "error") {
		return false
	}
	if isStruct(t) {
		return !f.retained(v)
	}
	switch u := t.Underlying().(type) {
	case *types.Slice, *types.Map, *types.Chan, *types.Signature, *types.Interface, *types.Array:
		return true
	case *types.Basic:
		return u.Info()&types.IsString != 0
	}
	return false
}

// retain records parameters stored in fields or elements: x.f = cfg.
func (f *flow) retain(as *ast.AssignStmt) {
	for i, l := range as.Lhs {
		if _, ok := ast.Unparen(l).(*ast.Ident); ok || i >= len(as.Rhs) {
			continue
		}
		f.markRetained(as.Rhs[i])
	}
}

// retainLit records parameters stored in a composite literal: T{cfg: cfg}.
func (f *flow) retainLit(lit *ast.CompositeLit) {
	for _, elt := range lit.Elts {
		if kv, ok := elt.(*ast.KeyValueExpr); ok {
			elt = kv.Value
		}
		f.markRetained(elt)
	}
}

func (f *flow) markRetained(e ast.Expr) {
	if u, ok := ast.Unparen(e).(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = u.X
	}
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return
	}
	if v, ok := f.info.Uses[id].(*types.Var); ok {
		f.kept[v] = true
	}
}

// retained reports whether a parameter is stored in a field or element.
func (f *flow) retained(v *types.Var) bool { return f.kept[v] }
