package wgadd

import (
	"bytes"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/racecheck/racecheck/analyzer/internal/safe"
	"github.com/racecheck/racecheck/analyzer/internal/suppress"
)

// Analyzer reports WaitGroup.Add called inside the goroutine it counts.
var Analyzer = &analysis.Analyzer{
	Name:     "wgadd",
	Doc:      "report WaitGroup.Add called as the first statement of the goroutine it counts",
	URL:      "https://github.com/racecheck/racecheck/blob/main/docs/checks.md",
	Flags:    suppress.Flags("wgadd"),
	Requires: []*analysis.Analyzer{inspect.Analyzer, suppress.Analyzer},
	Run:      safe.Run(run),
}

func run(pass *analysis.Pass) (any, error) {
	r := suppress.New(pass)
	defer r.Finish()
	insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	insp.Preorder([]ast.Node{(*ast.GoStmt)(nil)}, func(n ast.Node) {
		checkGo(pass, r, n.(*ast.GoStmt))
	})
	return nil, nil
}

// checkGo reports a go statement whose function literal starts with
// wg.Add on a WaitGroup from outside that it also calls Done on.
func checkGo(pass *analysis.Pass, r *suppress.Reporter, g *ast.GoStmt) {
	lit, ok := g.Call.Fun.(*ast.FuncLit)
	if !ok || len(lit.Body.List) == 0 {
		return
	}
	stmt, ok := lit.Body.List[0].(*ast.ExprStmt)
	if !ok {
		return
	}
	add, ok := stmt.X.(*ast.CallExpr)
	if !ok || !isMethod(pass, add, "Add") {
		return
	}
	wg := add.Fun.(*ast.SelectorExpr).X
	if !declaredOutside(pass, wg, lit) || !callsDone(pass, lit.Body, types.ExprString(wg)) {
		return
	}
	name := types.ExprString(wg)
	d := analysis.Diagnostic{
		Pos:      add.Pos(),
		End:      add.End(),
		Category: "waitgroup-add",
		Message: name + ".Add runs inside the goroutine it counts, so " + name +
			".Wait may return before the goroutine starts; call " + name + ".Add before the go statement",
		Related: []analysis.RelatedInformation{{Pos: g.Pos(), Message: "goroutine started here"}},
	}
	if fix, ok := moveFix(pass, g, stmt, add); ok {
		d.SuggestedFixes = []analysis.SuggestedFix{fix}
	}
	r.Report(d)
}

// isMethod reports whether call calls (*sync.WaitGroup).name.
func isMethod(pass *analysis.Pass, call *ast.CallExpr, name string) bool {
	fn, ok := typeutil.Callee(pass.TypesInfo, call).(*types.Func)
	if !ok || fn.Name() != name || fn.Pkg() == nil || fn.Pkg().Path() != "sync" {
		return false
	}
	recv := fn.Signature().Recv()
	if recv == nil {
		return false
	}
	ptr, ok := recv.Type().(*types.Pointer)
	if !ok {
		return false
	}
	named, ok := ptr.Elem().(*types.Named)
	_, isSel := call.Fun.(*ast.SelectorExpr)
	return ok && named.Obj().Name() == "WaitGroup" && isSel
}

// declaredOutside reports whether e is a variable, or a field path
// x.f.g of one, declared outside lit, so that it means the same thing
// before the go statement.
func declaredOutside(pass *analysis.Pass, e ast.Expr, lit *ast.FuncLit) bool {
	for {
		switch x := ast.Unparen(e).(type) {
		case *ast.SelectorExpr:
			if _, ok := pass.TypesInfo.Selections[x]; !ok {
				// A qualified identifier: a package-level variable.
				_, ok := pass.TypesInfo.Uses[x.Sel].(*types.Var)
				return ok
			}
			e = x.X
		case *ast.Ident:
			v, ok := pass.TypesInfo.Uses[x].(*types.Var)
			return ok && (v.Pos() < lit.Pos() || v.Pos() >= lit.End())
		default:
			return false
		}
	}
}

// callsDone reports whether body, outside nested function literals,
// calls Done on the WaitGroup written as wg.
func callsDone(pass *analysis.Pass, body *ast.BlockStmt, wg string) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			if isMethod(pass, n, "Done") && types.ExprString(n.Fun.(*ast.SelectorExpr).X) == wg {
				found = true
			}
		}
		return !found
	})
	return found
}

// moveFix moves the Add statement to just before the go statement. It
// declines (ok false) unless the count is a constant, so evaluating it
// earlier changes nothing, and both statements stand alone on their
// lines, so that the edit keeps gofmt's layout.
func moveFix(pass *analysis.Pass, g *ast.GoStmt, stmt *ast.ExprStmt, add *ast.CallExpr) (analysis.SuggestedFix, bool) {
	if len(add.Args) != 1 || pass.TypesInfo.Types[add.Args[0]].Value == nil {
		return analysis.SuggestedFix{}, false
	}
	tf := pass.Fset.File(g.Pos())
	if pass.ReadFile == nil {
		return analysis.SuggestedFix{}, false // a driver that cannot read files
	}
	src, err := pass.ReadFile(tf.Name())
	if err != nil {
		return analysis.SuggestedFix{}, false
	}
	goIndent, ok := lineIndent(tf, src, g.Pos())
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	rest, ok := lineRest(tf, src, stmt.End())
	if _, ok2 := lineIndent(tf, src, stmt.Pos()); !ok || !ok2 {
		return analysis.SuggestedFix{}, false
	}
	// A trailing line comment moves with the statement.
	text := append(src[tf.Offset(stmt.Pos()):tf.Offset(stmt.End()):tf.Offset(stmt.End())], rest...)
	delStart := tf.LineStart(tf.Line(stmt.Pos()))
	delEnd := tf.Pos(tf.Offset(stmt.End()))
	if next := tf.Line(stmt.End()) + 1; next <= tf.LineCount() {
		delEnd = tf.LineStart(next)
	}
	return analysis.SuggestedFix{
		Message: "move " + string(text) + " before the go statement",
		TextEdits: []analysis.TextEdit{
			{Pos: g.Pos(), End: g.Pos(), NewText: append(append(text, '\n'), goIndent...)},
			{Pos: delStart, End: delEnd},
		},
	}, true
}

// lineIndent returns the blanks before pos on its line, and false when
// something other than blanks precedes pos.
func lineIndent(tf *token.File, src []byte, pos token.Pos) ([]byte, bool) {
	start := tf.Offset(tf.LineStart(tf.Line(pos)))
	indent := src[start:tf.Offset(pos)]
	for _, c := range indent {
		if c != ' ' && c != '\t' {
			return nil, false
		}
	}
	return append([]byte(nil), indent...), true
}

// lineRest returns what follows pos on its line when that is nothing
// or a line comment (without trailing blanks), and false otherwise.
func lineRest(tf *token.File, src []byte, pos token.Pos) ([]byte, bool) {
	rest := src[tf.Offset(pos):]
	if i := bytes.IndexByte(rest, '\n'); i >= 0 {
		rest = rest[:i]
	}
	trimmed := bytes.TrimSpace(rest)
	if len(trimmed) == 0 {
		return nil, true
	}
	if !bytes.HasPrefix(trimmed, []byte("//")) {
		return nil, false
	}
	return bytes.TrimRight(rest, " \t\r"), true
}
