// Command facttool is a vet tool for vetunit's tests: through go vet,
// each package exports a package fact and a fact per type and method,
// and reports the facts it sees (see go_vet_test.go).
package main

import (
	"fmt"
	"go/ast"
	"go/types"
	"io"
	"os"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/racecheck/racecheck/internal/driver/vetunit"
)

type pkgFact struct{ Path string }
type objFact struct{ Name string }

func (*pkgFact) AFact() {}
func (*objFact) AFact() {}

var analyzer = &analysis.Analyzer{
	Name:      "facts",
	Doc:       "exports and reports facts",
	FactTypes: []analysis.Fact{new(pkgFact), new(objFact)},
	Run:       run,
}

func run(pass *analysis.Pass) (any, error) {
	pass.ExportPackageFact(&pkgFact{pass.Pkg.Path()})
	scope := pass.Pkg.Scope()
	for _, name := range scope.Names() {
		obj := scope.Lookup(name)
		pass.ExportObjectFact(obj, &objFact{pass.Pkg.Path() + "." + name})
		if tn, ok := obj.(*types.TypeName); ok && !tn.IsAlias() {
			for m := range tn.Type().(*types.Named).Methods() {
				pass.ExportObjectFact(m, &objFact{pass.Pkg.Path() + "." + name + "." + m.Name()})
			}
		}
	}
	var seen []string
	for _, pf := range pass.AllPackageFacts() {
		seen = append(seen, pf.Fact.(*pkgFact).Path)
	}
	sort.Strings(seen)
	pass.Reportf(pass.Files[0].Name.Pos(), "package facts: %s", strings.Join(seen, " "))
	for _, f := range pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			if sel, ok := n.(*ast.SelectorExpr); ok {
				var fact objFact
				if obj := pass.TypesInfo.Uses[sel.Sel]; obj != nil && pass.ImportObjectFact(obj, &fact) {
					pass.Reportf(sel.Sel.Pos(), "%s has fact %s", sel.Sel.Name, fact.Name)
				}
			}
			return true
		})
	}
	return nil, nil
}

func main() {
	version := func(w io.Writer) error {
		_, err := fmt.Fprintln(w, "facttool version devel buildID=facttool")
		return err
	}
	os.Exit(vetunit.Main("facttool", os.Args[1:], []*analysis.Analyzer{analyzer}, vetunit.Options{Version: version}, os.Stdout, os.Stderr))
}
