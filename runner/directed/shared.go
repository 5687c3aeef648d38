package directed

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/packages"
)

// goStmt adds the sites of one go statement: the statements of the
// goroutine's body that touch memory the goroutine may share (variables
// a literal captures, package variables, struct fields), and the
// statements after the go statement that touch the same objects. This
// set is wider than what the static analysis reports and costs nothing
// to be wrong about: a delay never makes a race, it only lets one show.
func (pl *planner) goStmt(p *packages.Package, files []*ast.File, g *ast.GoStmt, after []ast.Stmt) {
	body, lit := goBody(p, files, g)
	if body == nil {
		return
	}
	bf := fileOf(files, body.Pos())
	if bf == nil {
		return
	}
	shared := make(map[types.Object]bool)
	isShared := func(obj types.Object) bool {
		v, ok := obj.(*types.Var)
		switch {
		case !ok:
			return false
		case v.IsField(), v.Parent() == p.Types.Scope():
			return true
		}
		// Only a literal captures its spawner's variables; a declared
		// function's parameters are its own.
		return lit && (v.Pos() < body.Pos() || v.Pos() >= body.End()) && v.Pkg() == p.Types
	}
	Statements(&ast.File{Decls: []ast.Decl{&ast.FuncDecl{Name: ast.NewIdent("_"), Type: &ast.FuncType{}, Body: body}}}, func(s ast.Stmt) {
		hit := false
		ownRefs(p.TypesInfo, s, func(obj types.Object) {
			if isShared(obj) {
				shared[obj] = true
				hit = true
			}
		})
		if hit {
			pl.add(p, bf, s.Pos(), KindGoroutine)
		}
	})
	if len(shared) == 0 {
		return
	}
	gf := fileOf(files, g.Pos())
	for _, top := range after {
		Statements(&ast.File{Decls: []ast.Decl{&ast.FuncDecl{Name: ast.NewIdent("_"), Type: &ast.FuncType{}, Body: &ast.BlockStmt{List: []ast.Stmt{top}}}}}, func(s ast.Stmt) {
			hit := false
			ownRefs(p.TypesInfo, s, func(obj types.Object) { hit = hit || shared[obj] })
			if hit {
				pl.add(p, gf, s.Pos(), KindAfterGo)
			}
		})
	}
}

// goBody returns the body a go statement runs: a function literal's, or
// the declaration of a function or method of the same package; lit tells
// which.
func goBody(p *packages.Package, files []*ast.File, g *ast.GoStmt) (*ast.BlockStmt, bool) {
	fun := ast.Unparen(g.Call.Fun)
	if l, ok := fun.(*ast.FuncLit); ok {
		return l.Body, true
	}
	var id *ast.Ident
	switch f := fun.(type) {
	case *ast.Ident:
		id = f
	case *ast.SelectorExpr:
		id = f.Sel
	case *ast.IndexExpr: // generic instantiation
		if x, ok := ast.Unparen(f.X).(*ast.Ident); ok {
			id = x
		}
	}
	if id == nil {
		return nil, false
	}
	fn, ok := p.TypesInfo.Uses[id].(*types.Func)
	if !ok || fn.Pkg() != p.Types {
		return nil, false
	}
	fn = fn.Origin()
	for _, f := range files {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil && fd.Name.Pos() == fn.Pos() {
				return fd.Body, false
			}
		}
	}
	return nil, false
}

// ownRefs calls fn for the object of every identifier a statement uses
// itself: nested blocks and function literals are statements of their
// own (or run later) and are left out.
func ownRefs(info *types.Info, s ast.Stmt, fn func(types.Object)) {
	if _, ok := s.(*ast.BlockStmt); ok {
		return
	}
	ast.Inspect(s, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.BlockStmt, *ast.CaseClause, *ast.CommClause, *ast.FuncLit:
			return n == ast.Node(s)
		case *ast.Ident:
			if obj := info.Uses[n]; obj != nil {
				fn(obj)
			}
		}
		return true
	})
}
