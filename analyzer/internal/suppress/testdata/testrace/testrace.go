// Package testrace is a stand-in analyzer for the tests of package
// suppress: it reports every call to a function named racy, Racy or
// Plain, with the callee's declaration as related position, through a
// suppress.Reporter, the way the real analyzers report races whose other
// access lies in another package.
package testrace

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/racecheck/racecheck/analyzer/internal/suppress"
)

// Analyzer reports calls to racy, Racy and Plain.
var Analyzer = &analysis.Analyzer{
	Name:     "testrace",
	Doc:      "report calls to functions named racy, for testing suppress",
	Flags:    suppress.Flags("testrace"),
	Requires: []*analysis.Analyzer{suppress.Analyzer},
	Run:      run,
}

func run(pass *analysis.Pass) (any, error) {
	r := suppress.NewFor(pass, "test-race")
	defer r.Finish()
	for _, f := range pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncDecl:
				if n.Name.Name == "Racy" {
					// Callers in other packages are reported with this
					// declaration as related position.
					r.Reachable(n.Pos())
				}
			case *ast.CallExpr:
				fn, ok := typeutil.Callee(pass.TypesInfo, n).(*types.Func)
				if ok && (fn.Name() == "racy" || fn.Name() == "Racy" || fn.Name() == "Plain") {
					r.Report(analysis.Diagnostic{
						Pos:      n.Pos(),
						Category: "test-race",
						Message:  "call to " + fn.Name(),
						Related:  []analysis.RelatedInformation{{Pos: fn.Pos(), Message: "declared here"}},
					})
				}
			}
			return true
		})
	}
	return nil, nil
}
