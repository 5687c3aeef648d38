package race

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ssa"

	"github.com/racecheck/racecheck/analyzer/internal/model"
)

// loopVarFix returns the fix for a loop variable shared with a goroutine
// started by `go func() { ... }()`: pass it as an argument, as Go 1.22
// would have copied it. It declines when the closure assigns the variable
// or takes its address, where a copy would change what the code does.
func (c *checker) loopVarFix(p racePair, alloc *ssa.Alloc) []analysis.SuggestedFix {
	g := p.bSide.g
	if g == nil {
		g = p.aSide.g
	}
	if g == nil || g.spawn.Kind != model.SpawnGo {
		return nil
	}
	gostmt := c.goStmtAt(g.spawn.Instr.Pos())
	if gostmt == nil {
		return nil
	}
	lit, ok := gostmt.Call.Fun.(*ast.FuncLit)
	if !ok || gostmt.Call.Ellipsis.IsValid() {
		return nil
	}
	obj := c.varAt(alloc.Pos())
	if obj == nil || c.mutatedIn(lit.Body, obj) {
		return nil
	}
	typ := types.TypeString(obj.Type(), types.RelativeTo(c.pass.Pkg))
	param, arg := fmt.Sprintf("%s %s", obj.Name(), typ), obj.Name()
	if lit.Type.Params.NumFields() > 0 {
		param, arg = ", "+param, ", "+arg
	}
	return []analysis.SuggestedFix{{
		Message: fmt.Sprintf("pass %s to the goroutine as an argument", obj.Name()),
		TextEdits: []analysis.TextEdit{
			{Pos: lit.Type.Params.Closing, End: lit.Type.Params.Closing, NewText: []byte(param)},
			{Pos: gostmt.Call.Rparen, End: gostmt.Call.Rparen, NewText: []byte(arg)},
		},
	}}
}

// goStmtAt returns the go statement at pos.
func (c *checker) goStmtAt(pos token.Pos) *ast.GoStmt {
	for _, f := range c.pass.Files {
		if f.FileStart > pos || pos > f.FileEnd {
			continue
		}
		path, _ := astutil.PathEnclosingInterval(f, pos, pos)
		for _, n := range path {
			if g, ok := n.(*ast.GoStmt); ok && g.Go == pos {
				return g
			}
		}
	}
	return nil
}

// varAt returns the variable declared at pos.
func (c *checker) varAt(pos token.Pos) *types.Var {
	for id, obj := range c.pass.TypesInfo.Defs {
		if id.Pos() == pos {
			v, _ := obj.(*types.Var)
			return v
		}
	}
	return nil
}

// mutatedIn reports whether body assigns obj or takes its address.
func (c *checker) mutatedIn(body *ast.BlockStmt, obj *types.Var) bool {
	is := func(e ast.Expr) bool {
		id, ok := ast.Unparen(e).(*ast.Ident)
		return ok && c.pass.TypesInfo.Uses[id] == obj
	}
	mutated := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, l := range n.Lhs {
				mutated = mutated || is(l)
			}
		case *ast.IncDecStmt:
			mutated = mutated || is(n.X)
		case *ast.UnaryExpr:
			mutated = mutated || (n.Op == token.AND && is(n.X))
		}
		return !mutated
	})
	return mutated
}
