package spawn

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"
)

// inputPkgs are the packages whose functions return data read at run time
// (directory listings, file contents, command lines): a collection they
// return grows with the program's input.
var inputPkgs = map[string]bool{
	"bufio":         true,
	"database/sql":  true,
	"flag":          true,
	"io":            true,
	"io/fs":         true,
	"os":            true,
	"path/filepath": true,
}

// A flow records, for the variables of one package, which are parameters
// and which are assigned exactly once (and from what), so that a ranged
// collection can be traced back to the caller's data.
type flow struct {
	info    *types.Info
	params  map[*types.Var]bool           // parameters of functions and literals, not receivers
	defs    map[*types.Var]ast.Expr       // the single assignment of a local variable
	assigns map[*types.Var]int            // number of assignments of each local variable
	lits    map[*types.Var][]*ast.FuncLit // function literals assigned to each variable
}

func newFlow(pass *analysis.Pass, insp *inspector.Inspector) *flow {
	f := &flow{
		info:    pass.TypesInfo,
		params:  make(map[*types.Var]bool),
		defs:    make(map[*types.Var]ast.Expr),
		assigns: make(map[*types.Var]int),
		lits:    make(map[*types.Var][]*ast.FuncLit),
	}
	filter := []ast.Node{(*ast.FuncType)(nil), (*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil), (*ast.RangeStmt)(nil), (*ast.IncDecStmt)(nil)}
	insp.Preorder(filter, func(n ast.Node) {
		switch n := n.(type) {
		case *ast.FuncType:
			for _, field := range n.Params.List {
				for _, id := range field.Names {
					if v, ok := f.info.Defs[id].(*types.Var); ok {
						f.params[v] = true
					}
				}
			}
		case *ast.AssignStmt:
			f.assign(n.Lhs, n.Rhs)
		case *ast.ValueSpec:
			f.assign(identExprs(n.Names), n.Values)
		case *ast.RangeStmt:
			// An element of a collection grows with it: record range
			// variables as defined by the collection itself.
			f.assign([]ast.Expr{n.Key, n.Value}, []ast.Expr{n.X})
		case *ast.IncDecStmt:
			f.assign([]ast.Expr{n.X}, nil)
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
func (f *flow) assign(lhs, rhs []ast.Expr) {
	for i, l := range lhs {
		id, ok := l.(*ast.Ident)
		if !ok {
			continue
		}
		obj := f.info.Defs[id]
		if obj == nil {
			obj = f.info.Uses[id]
		}
		v, ok := obj.(*types.Var)
		if !ok {
			continue
		}
		f.assigns[v]++
		switch {
		case len(rhs) == len(lhs):
			f.defs[v] = rhs[i]
			if lit, ok := rhs[i].(*ast.FuncLit); ok {
				f.lits[v] = append(f.lits[v], lit)
			}
		case len(rhs) == 1:
			f.defs[v] = rhs[0]
		}
	}
}

// isInput reports whether the collection e grows with the program's input:
// it derives from a parameter (the caller's data), from a value read at
// run time (a call into an I/O package, os.Args), or from a call taking
// such data. Package-level variables, receivers' fields, literals and
// variables assigned more than once are not input: they are the fixed,
// small sets a program is built around, or cannot be judged.
func (f *flow) isInput(e ast.Expr, depth int) bool {
	if depth > 8 {
		return false
	}
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		v, ok := f.info.Uses[e].(*types.Var)
		if !ok || v.IsField() {
			return false
		}
		if f.params[v] {
			return true
		}
		if def := f.defs[v]; def != nil && f.assigns[v] == 1 {
			return f.isInput(def, depth+1)
		}
	case *ast.SelectorExpr:
		if v, ok := f.info.Uses[e.Sel].(*types.Var); ok && !v.IsField() {
			return v.Pkg() != nil && v.Pkg().Path() == "os" && v.Name() == "Args"
		}
		return f.isInput(e.X, depth+1)
	case *ast.IndexExpr:
		return f.isInput(e.X, depth+1)
	case *ast.SliceExpr:
		return f.isInput(e.X, depth+1)
	case *ast.StarExpr:
		return f.isInput(e.X, depth+1)
	case *ast.CallExpr:
		return f.callIsInput(e, depth)
	}
	return false
}

// callIsInput reports whether the result of call grows with input: a
// call into an I/O package, or a function given input (strings.Split(s),
// maps.Keys(m)). Methods of input values are not followed: what they
// return (ctxt.SrcDirs(), cfg.Backends()) is as often configuration.
func (f *flow) callIsInput(call *ast.CallExpr, depth int) bool {
	if tv, ok := f.info.Types[call.Fun]; ok && tv.IsType() && len(call.Args) == 1 {
		return f.isInput(call.Args[0], depth+1) // conversion
	}
	fn, _ := typeutil.Callee(f.info, call).(*types.Func)
	if fn != nil && fn.Pkg() != nil && inputPkgs[fn.Pkg().Path()] {
		return true
	}
	for _, arg := range call.Args {
		if f.isInput(arg, depth+1) {
			return true
		}
	}
	return false
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
