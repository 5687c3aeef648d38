package spawn

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"
)

// inputPkgs are the packages whose functions and methods return data read
// at run time (directory listings, file contents, command lines, decoded
// documents, request forms): a collection they return grows with the
// program's input. net is not among them: what it returns (resolved
// addresses, interfaces) is the machine's or the cluster's topology.
var inputPkgs = map[string]bool{
	"bufio":          true,
	"database/sql":   true,
	"encoding/csv":   true,
	"encoding/gob":   true,
	"encoding/json":  true,
	"encoding/xml":   true,
	"flag":           true,
	"io":             true,
	"io/fs":          true,
	"io/ioutil":      true,
	"mime/multipart": true,
	"net/textproto":  true,
	"net/url":        true,
	"os":             true,
	"path/filepath":  true,
}

// maxDepth bounds how far isInput follows definitions, fields, calls and
// call sites; beyond it a value is not taken for input (precision first).
const maxDepth = 24

// A flow records, for the variables of one package, where their values
// come from: the assignments of locals, what is appended to or stored in
// them, which calls decode into them, and for parameters the function
// they belong to (see params.go). From this isInput decides whether a
// collection grows with the program's input.
type flow struct {
	info     *types.Info
	pkg      *types.Package
	params   map[*types.Var]owner           // parameters of functions and literals, not receivers
	defs     map[*types.Var]ast.Expr        // the last assignment of a local variable
	all      map[*types.Var][]ast.Expr      // every assignment of a local variable, in source order
	index    map[*types.Var]int             // position of the variable in x, y := f()
	assigns  map[*types.Var]int             // number of assignments of each local variable
	lits     map[*types.Var][]*ast.FuncLit  // function literals assigned to each variable
	litVar   map[*ast.FuncLit][]*types.Var  // the variables each function literal is assigned to
	kept     map[*types.Var]bool            // parameters stored in a field or composite literal
	rangeVal map[*types.Var]bool            // value variables of range statements
	fills    map[*types.Var][]fill          // m[k] = v stores into each local variable
	into     map[*types.Var][]*ast.CallExpr // calls given the variable's address, which may decode into it
	calls    callGraph
	decls    map[*types.Func]*ast.FuncDecl // same-package function bodies
	memo     map[*types.Var]bool           // parameters already judged (false while being judged)
}

// A fill is a store m[key] = val into a local map or slice.
type fill struct{ key, val ast.Expr }

func newFlow(pass *analysis.Pass, insp *inspector.Inspector) *flow {
	f := &flow{
		info:     pass.TypesInfo,
		pkg:      pass.Pkg,
		params:   make(map[*types.Var]owner),
		defs:     make(map[*types.Var]ast.Expr),
		all:      make(map[*types.Var][]ast.Expr),
		index:    make(map[*types.Var]int),
		assigns:  make(map[*types.Var]int),
		lits:     make(map[*types.Var][]*ast.FuncLit),
		litVar:   make(map[*ast.FuncLit][]*types.Var),
		kept:     make(map[*types.Var]bool),
		rangeVal: make(map[*types.Var]bool),
		fills:    make(map[*types.Var][]fill),
		into:     make(map[*types.Var][]*ast.CallExpr),
		calls:    newCallGraph(),
		decls:    funcDecls(pass),
		memo:     make(map[*types.Var]bool),
	}
	filter := []ast.Node{
		(*ast.FuncDecl)(nil), (*ast.FuncLit)(nil), (*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil),
		(*ast.RangeStmt)(nil), (*ast.IncDecStmt)(nil), (*ast.CallExpr)(nil), (*ast.Ident)(nil),
		(*ast.CompositeLit)(nil),
	}
	insp.Preorder(filter, func(n ast.Node) {
		switch n := n.(type) {
		case *ast.FuncDecl:
			f.declParams(n)
		case *ast.FuncLit:
			f.litParams(n)
		case *ast.AssignStmt:
			f.assign(n.Lhs, n.Rhs)
			f.retain(n)
		case *ast.ValueSpec:
			f.assign(identExprs(n.Names), n.Values)
		case *ast.RangeStmt:
			// An element of a collection grows with it: record range
			// variables as defined by the collection itself.
			f.assign([]ast.Expr{n.Key, n.Value}, []ast.Expr{n.X})
			if v := f.localVar(n.Value); v != nil {
				f.rangeVal[v] = true
			}
		case *ast.IncDecStmt:
			f.assign([]ast.Expr{n.X}, nil)
		case *ast.CallExpr:
			f.call(n)
		case *ast.Ident:
			f.calls.use(f.info, n)
		case *ast.CompositeLit:
			f.retainLit(n)
		}
	})
	return f
}

func identExprs(ids []*ast.Ident) []ast.Expr {
	out := make([]ast.Expr, len(ids))
	for i, id := range ids {
		out[i] = id
	}
	return out
}

// assign records an assignment of rhs to lhs. A multi-value right-hand
// side (x, err := f()) defines every variable on the left by the call.
// Stores into an element (m[k] = v) are recorded as fills of m.
func (f *flow) assign(lhs, rhs []ast.Expr) {
	for i, l := range lhs {
		if ix, ok := l.(*ast.IndexExpr); ok && len(rhs) == len(lhs) {
			if v := f.localVar(ix.X); v != nil {
				f.fills[v] = append(f.fills[v], fill{ix.Index, rhs[i]})
			}
			continue
		}
		v := f.localVar(l)
		if v == nil {
			continue
		}
		f.assigns[v]++
		var def ast.Expr
		switch {
		case len(rhs) == len(lhs):
			def = rhs[i]
			if lit, ok := rhs[i].(*ast.FuncLit); ok {
				f.lits[v] = append(f.lits[v], lit)
				f.litVar[lit] = append(f.litVar[lit], v)
			}
		case len(rhs) == 1:
			def = rhs[0]
			f.index[v] = i
		}
		f.defs[v] = def
		f.all[v] = append(f.all[v], def)
	}
}

// localVar returns the variable e names, defined or used, if any.
func (f *flow) localVar(e ast.Expr) *types.Var {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return nil
	}
	obj := f.info.Defs[id]
	if obj == nil {
		obj = f.info.Uses[id]
	}
	v, _ := obj.(*types.Var)
	return v
}

// call records a call for the call graph, and the variables whose
// address it is given (json.Unmarshal(data, &req), dec.Decode(&req)):
// they hold what the call decodes.
func (f *flow) call(call *ast.CallExpr) {
	f.calls.add(f.info, call)
	for _, arg := range call.Args {
		if u, ok := ast.Unparen(arg).(*ast.UnaryExpr); ok && u.Op == token.AND {
			if v := f.localVar(u.X); v != nil {
				f.into[v] = append(f.into[v], call)
			}
		}
	}
}

// isInput reports whether the collection e grows with the program's input:
// it derives from a parameter carrying the caller's data (see
// paramIsInput), from a value read at run time (a call into an I/O or
// decoding package, os.Args), or from a call taking such data; or it is
// built from such data by appends, stores or decoding. Receivers' fields,
// package-level variables, literals and variables reassigned other than
// by append are not input: they are the fixed, small sets a program is
// built around (its configuration and topology), or cannot be judged.
func (f *flow) isInput(e ast.Expr, depth int) bool {
	if depth > maxDepth {
		return false
	}
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		return f.varIsInput(e, depth)
	case *ast.SelectorExpr:
		if v, ok := f.info.Uses[e.Sel].(*types.Var); ok && !v.IsField() {
			return v.Pkg() != nil && v.Pkg().Path() == "os" && v.Name() == "Args"
		}
		if sel := f.info.Selections[e]; sel != nil && sel.Kind() != types.FieldVal {
			return false // a method value
		}
		return f.isInput(e.X, depth+1)
	case *ast.IndexExpr:
		return f.isInput(e.X, depth+1)
	case *ast.SliceExpr:
		return f.isInput(e.X, depth+1)
	case *ast.StarExpr:
		return f.isInput(e.X, depth+1)
	case *ast.TypeAssertExpr:
		return f.isInput(e.X, depth+1)
	case *ast.CallExpr:
		return f.callIsInput(e, depth)
	}
	return false
}

// varIsInput reports whether the variable id names holds input: a
// parameter given input, or a local defined from input.
func (f *flow) varIsInput(id *ast.Ident, depth int) bool {
	v, ok := f.info.Uses[id].(*types.Var)
	if !ok || v.IsField() {
		return false
	}
	if _, ok := f.params[v]; ok {
		return f.paramIsInput(v, depth)
	}
	if v.Parent() == nil || v.Parent() == v.Pkg().Scope() {
		return false // a package variable, or a receiver
	}
	for _, call := range f.into[v] {
		if f.callIsInput(call, depth) {
			return true
		}
	}
	if f.assigns[v] == 1 {
		def := f.defs[v]
		if f.rangeVal[v] && f.filledValues(def, depth) {
			return true
		}
		return def != nil && f.isInput(def, depth+1) || f.filledFromInput(v, depth)
	}
	return f.appendedInput(v, depth)
}

// callIsInput reports whether the result of call grows with input: a
// call into an I/O or decoding package, a function given input
// (strings.Split(s), maps.Keys(m)), or a method of an input value that is
// not a parameter's struct (cmd.Args() of a request interface; but not
// ctxt.SrcDirs() or cfg.Backends(), which are configuration). Contexts
// and functions passed along carry no data.
func (f *flow) callIsInput(call *ast.CallExpr, depth int) bool {
	if tv, ok := f.info.Types[call.Fun]; ok && tv.IsType() && len(call.Args) == 1 {
		return f.isInput(call.Args[0], depth+1) // conversion
	}
	fn, _ := typeutil.Callee(f.info, call).(*types.Func)
	if fn != nil && fn.Pkg() != nil && inputPkgs[fn.Pkg().Path()] {
		return true
	}
	for _, arg := range call.Args {
		if carriesData(f.info.TypeOf(arg)) && f.isInput(arg, depth+1) {
			return true
		}
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || f.info.Selections[sel] == nil || f.info.Selections[sel].Kind() != types.MethodVal {
		return false
	}
	if isStruct(f.info.TypeOf(sel.X)) && f.isParam(sel.X) {
		return false
	}
	return f.isInput(sel.X, depth+1)
}

// isParam reports whether e names a parameter.
func (f *flow) isParam(e ast.Expr) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return false
	}
	v, ok := f.info.Uses[id].(*types.Var)
	_, param := f.params[v]
	return ok && param
}

// carriesData reports whether a value of type t can carry the input a
// call's result derives from: not a context, an error or a function.
func carriesData(t types.Type) bool {
	if t == nil || isNamed(t, "context", "Context") || isNamed(t, "", "error") {
		return false
	}
	_, isFunc := t.Underlying().(*types.Signature)
	return !isFunc
}

// isNamed reports whether t is the named type pkgPath.name ("" for universe).
func isNamed(t types.Type, pkgPath, name string) bool {
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Name() != name {
		return false
	}
	if n.Obj().Pkg() == nil {
		return pkgPath == ""
	}
	return n.Obj().Pkg().Path() == pkgPath
}

// isStruct reports whether t is a struct or a pointer to one.
func isStruct(t types.Type) bool {
	if t == nil {
		return false
	}
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	_, ok := t.Underlying().(*types.Struct)
	return ok
}

// constInt returns the value of e when it is an integer constant.
func (f *flow) constInt(e ast.Expr) (int64, bool) {
	tv, ok := f.info.Types[e]
	if !ok || tv.Value == nil {
		return 0, false
	}
	n, exact := constantInt64(tv.Value)
	return n, exact
}

// funcLits returns the function literals a call may run: those assigned
// to the local variable it calls, including recursive closures declared
// first and assigned after (var walk func(string); walk = func...).
func (f *flow) funcLits(call *ast.CallExpr) []*ast.FuncLit {
	if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
		if v, ok := f.info.Uses[id].(*types.Var); ok {
			return f.lits[v]
		}
	}
	return nil
}

// localDef returns the single definition of the local variable e names.
func (f *flow) localDef(e ast.Expr) ast.Expr {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return nil
	}
	v, ok := f.info.Uses[id].(*types.Var)
	if !ok || f.assigns[v] != 1 {
		return nil
	}
	return f.defs[v]
}

// loopVar returns the variable the post statement of a counting loop
// increments by one (i++ or i += 1), or nil.
func (f *flow) loopVar(post ast.Stmt) *types.Var {
	var x ast.Expr
	switch p := post.(type) {
	case *ast.IncDecStmt:
		if p.Tok == token.INC {
			x = p.X
		}
	case *ast.AssignStmt:
		if n, ok := f.constInt(p.Rhs[0]); ok && p.Tok == token.ADD_ASSIGN && n == 1 {
			x = p.Lhs[0]
		}
	}
	id, ok := x.(*ast.Ident)
	if !ok {
		return nil
	}
	v, _ := f.info.Uses[id].(*types.Var)
	return v
}
