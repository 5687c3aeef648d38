package spawn

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/types/typeutil"
)

// isAddress reports whether e is a network address: the result of
// net.JoinHostPort, the String of a net.Addr, the Host of a url.URL, or a
// variable or same-package function result holding one. Collections keyed
// by address hold one entry per peer (per host, per configured address),
// so their size is the number of peers, not the amount of input.
func (f *flow) isAddress(e ast.Expr, depth int) bool {
	if depth > 8 {
		return false
	}
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		v := f.localVar(e)
		if v == nil || f.assigns[v] != 1 || f.defs[v] == nil {
			return false
		}
		if call, ok := ast.Unparen(f.defs[v]).(*ast.CallExpr); ok && len(f.all[v]) == 1 {
			if res, ok := f.info.TypeOf(call).(*types.Tuple); ok && res.Len() > 1 {
				return f.resultIsAddress(call, f.index[v], depth)
			}
		}
		return f.isAddress(f.defs[v], depth+1)
	case *ast.SelectorExpr:
		if v, ok := f.info.Uses[e.Sel].(*types.Var); ok && v.IsField() {
			return v.Name() == "Host" && isNamed(derefType(f.info.TypeOf(e.X)), "net/url", "URL")
		}
	case *ast.CallExpr:
		return f.callIsAddress(e, depth)
	}
	return false
}

// callIsAddress reports whether a call returns a network address.
func (f *flow) callIsAddress(call *ast.CallExpr, depth int) bool {
	fn, ok := typeutil.Callee(f.info, call).(*types.Func)
	if !ok {
		return false
	}
	sig := fn.Type().(*types.Signature)
	switch {
	case fn.Pkg() != nil && fn.Pkg().Path() == "net" && fn.Name() == "JoinHostPort":
		return true
	case sig.Recv() != nil && fn.Name() == "String" && implementsAddr(sig.Recv().Type()):
		return true
	case sig.Recv() != nil && (fn.Name() == "Hostname" || fn.Name() == "Host") &&
		isNamed(derefType(sig.Recv().Type()), "net/url", "URL"):
		return true
	}
	if sig.Results().Len() == 1 {
		return f.resultIsAddress(call, 0, depth)
	}
	return false
}

// resultIsAddress reports whether result i of a call to a function of the
// package is a network address on some return path.
func (f *flow) resultIsAddress(call *ast.CallExpr, i, depth int) bool {
	fn, ok := typeutil.Callee(f.info, call).(*types.Func)
	if !ok {
		return false
	}
	decl := f.decls[fn.Origin()]
	if decl == nil {
		return false
	}
	found := false
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			found = found || f.returnsAddress(decl, n, i, depth)
		}
		return !found
	})
	return found
}

// returnsAddress reports whether a return statement returns an address
// as result i, naming it or through a named result.
func (f *flow) returnsAddress(decl *ast.FuncDecl, ret *ast.ReturnStmt, i, depth int) bool {
	if len(ret.Results) > i && len(ret.Results) > 1 || len(ret.Results) == 1 && i == 0 {
		return f.isAddress(ret.Results[i], depth+1)
	}
	if len(ret.Results) != 0 || decl.Type.Results == nil {
		return false
	}
	k := 0
	for _, field := range decl.Type.Results.List {
		for _, name := range field.Names {
			if k == i {
				return f.isAddress(name, depth+1)
			}
			k++
		}
	}
	return false
}

// implementsAddr reports whether t has the methods of net.Addr.
func implementsAddr(t types.Type) bool {
	for _, name := range []string{"Network", "String"} {
		obj, _, _ := types.LookupFieldOrMethod(t, true, nil, name)
		if _, ok := obj.(*types.Func); !ok {
			return false
		}
	}
	return true
}

func derefType(t types.Type) types.Type {
	if p, ok := t.(*types.Pointer); ok {
		return p.Elem()
	}
	return t
}
