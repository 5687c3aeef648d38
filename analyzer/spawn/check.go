package spawn

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
)

const boundAdvice = "bound it with a worker pool of runtime.NumCPU() workers, errgroup.SetLimit or a semaphore"

// checkSpawn checks one spawn site: a go statement or a WaitGroup.Go or
// errgroup.Group.Go call at cur, whose goroutine runs body (nil when
// unknown). It walks the enclosing loops from the innermost outwards:
// a loop that throttles itself ends the walk silently, a loop over input
// reports unbounded spawning, constant loops multiply into a constant
// fan-out, and any other loop (a service loop, a configured or CPU-sized
// count) ends the walk.
func (c *checker) checkSpawn(cur inspector.Cursor, call *ast.CallExpr, body *ast.BlockStmt) {
	stmt := cur
	if _, ok := cur.Node().(*ast.GoStmt); !ok {
		stmt = cur.Parent()
	}
	if exitsAfter(stmt) || c.limitedGroup(cur, call) {
		return
	}
	count, constant := int64(1), false
loops:
	for lc := range cur.Enclosing((*ast.ForStmt)(nil), (*ast.RangeStmt)(nil), (*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
		loopBody := bodyOf(lc.Node())
		if loopBody == nil || !within(cur.Node(), loopBody) {
			break // a function boundary, or a spawn in a loop header
		}
		if c.blocksIn(loopBody) {
			return
		}
		t := c.flow.tripCount(lc.Node())
		switch t.kind {
		case tripInput:
			// Workers and goroutines that take a semaphore first are
			// bounded by design; their number is still checked as a pool.
			if body == nil || !(c.isWorker(body, 0) || c.acquiresInside(body, 0)) {
				c.reportUnbounded(stmt.Node(), t, body)
			}
			return
		case tripConst:
			count, constant = mulSat(count, t.n), true
		default:
			break loops
		}
	}
	if constant && count > int64(c.maxPool) {
		c.report.Report(analysis.Diagnostic{
			Pos:      stmt.Node().Pos(),
			Category: "oversized-pool",
			Message: fmt.Sprintf("%s goroutines started by a constant loop (more than -spawn.maxpool=%d); "+
				"size the pool from the machine: runtime.GOMAXPROCS(0) workers, about 2 x runtime.NumCPU() for CPU-bound work",
				describe(count), c.maxPool),
		})
	}
}

// bodyOf returns the body of a loop, or nil for a function boundary.
func bodyOf(n ast.Node) *ast.BlockStmt {
	switch n := n.(type) {
	case *ast.ForStmt:
		return n.Body
	case *ast.RangeStmt:
		return n.Body
	}
	return nil
}

func within(n, outer ast.Node) bool {
	return outer.Pos() <= n.Pos() && n.End() <= outer.End()
}

func (c *checker) reportUnbounded(at ast.Node, t trip, body *ast.BlockStmt) {
	if lock := c.lockThread(body, 0); lock != nil {
		c.report.Report(analysis.Diagnostic{
			Pos:      at.Pos(),
			Category: "lockosthread-per-item",
			Message: fmt.Sprintf("one goroutine per %s locks its OS thread (unbounded: %s, each holding an OS thread, "+
				"up to the runtime's limit of 10000 threads); %s", t.per, t.grows, boundAdvice),
			Related: []analysis.RelatedInformation{{Pos: lock.Pos(), Message: "runtime.LockOSThread called here"}},
		})
		return
	}
	c.report.Report(analysis.Diagnostic{
		Pos:      at.Pos(),
		Category: "unbounded-spawn",
		Message:  fmt.Sprintf("one goroutine per %s (unbounded: %s); %s", t.per, t.grows, boundAdvice),
	})
}

// exitsAfter reports whether the spawn statement is followed, in its
// block, by a return, break or goto: the loop then starts one goroutine,
// not one per iteration.
func exitsAfter(stmt inspector.Cursor) bool {
	for next, ok := stmt.NextSibling(); ok; next, ok = next.NextSibling() {
		switch n := next.Node().(type) {
		case *ast.ReturnStmt:
			return true
		case *ast.BranchStmt:
			if n.Tok == token.BREAK || n.Tok == token.GOTO {
				return true
			}
		}
	}
	return false
}

// limitedGroup reports whether call is errgroup.Group.Go on a group that
// is, or may be, limited: SetLimit is called on it in the enclosing
// function, or it comes from elsewhere (a parameter, a field, a global),
// where its limit cannot be seen.
func (c *checker) limitedGroup(cur inspector.Cursor, call *ast.CallExpr) bool {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	if fn, ok := c.pass.TypesInfo.Uses[sel.Sel].(*types.Func); !ok || !isMethod(fn, "golang.org/x/sync/errgroup", "Group") {
		return false
	}
	id, ok := ast.Unparen(sel.X).(*ast.Ident)
	if !ok {
		return true
	}
	g, ok := c.pass.TypesInfo.Uses[id].(*types.Var)
	if !ok || c.flow.isParam(id) || g.Parent() == g.Pkg().Scope() || !c.freshGroup(g) {
		return true
	}
	var fn ast.Node
	for f := range cur.Enclosing((*ast.FuncDecl)(nil)) {
		fn = f.Node()
	}
	if fn == nil {
		return true
	}
	limited := false
	ast.Inspect(fn, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok {
			if s, ok := call.Fun.(*ast.SelectorExpr); ok && s.Sel.Name == "SetLimit" {
				if x, ok := s.X.(*ast.Ident); ok && c.pass.TypesInfo.Uses[x] == g {
					limited = true
				}
			}
		}
		return !limited
	})
	return limited
}

// freshGroup reports whether the local variable g holds a group created in
// this function (var g errgroup.Group, errgroup.WithContext, &errgroup.Group{}),
// rather than one copied from elsewhere.
func (c *checker) freshGroup(g *types.Var) bool {
	def := c.flow.defs[g]
	if c.flow.assigns[g] > 1 {
		return false
	}
	if u, ok := def.(*ast.UnaryExpr); ok && u.Op == token.AND {
		def = u.X
	}
	switch d := def.(type) {
	case nil, *ast.CompositeLit:
		return true
	case *ast.CallExpr:
		return isFunc(c.pass, d, "golang.org/x/sync/errgroup", "WithContext")
	}
	return false
}
