// Package facttest is the fact-exporting analyzer of vetunit's tests,
// shared by the in-process tests and the vet tool they build
// (testdata/facttool).
package facttest

import (
	"go/ast"
	"go/types"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// A PkgFact names the package it is about.
type PkgFact struct{ Path string }

// An ObjFact names the object it is about ("pkg.T.M").
type ObjFact struct{ Name string }

func (*PkgFact) AFact() {}
func (*ObjFact) AFact() {}

func (f *PkgFact) String() string { return "pkg " + f.Path }
func (f *ObjFact) String() string { return "obj " + f.Name }

// ForEachObject calls fn with every package-level object of pkg and
// every method of its named types, each with the fact that names it.
func ForEachObject(pkg *types.Package, fn func(types.Object, *ObjFact)) {
	scope := pkg.Scope()
	for _, name := range scope.Names() {
		obj := scope.Lookup(name)
		fn(obj, &ObjFact{pkg.Path() + "." + name})
		if tn, ok := obj.(*types.TypeName); ok && !tn.IsAlias() {
			if named, ok := tn.Type().(*types.Named); ok {
				for m := range named.Methods() {
					fn(m, &ObjFact{pkg.Path() + "." + name + "." + m.Name()})
				}
			}
		}
	}
}

// Analyzer returns an analyzer that exports a package fact and an object
// fact per package-level object and method, then reports the package
// facts it sees on the package clause and, at each selector, the fact of
// the object selected.
func Analyzer() *analysis.Analyzer {
	return &analysis.Analyzer{
		Name:      "facts",
		Doc:       "exports and reports facts (test)",
		FactTypes: []analysis.Fact{new(PkgFact), new(ObjFact)},
		Run:       run,
	}
}

func run(pass *analysis.Pass) (any, error) {
	pass.ExportPackageFact(&PkgFact{pass.Pkg.Path()})
	ForEachObject(pass.Pkg, func(obj types.Object, f *ObjFact) { pass.ExportObjectFact(obj, f) })
	var seen []string
	for _, pf := range pass.AllPackageFacts() {
		seen = append(seen, pf.Package.Path())
	}
	sort.Strings(seen)
	pass.Reportf(pass.Files[0].Name.Pos(), "package facts: %s", strings.Join(seen, " "))
	for _, f := range pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			if sel, ok := n.(*ast.SelectorExpr); ok {
				var fact ObjFact
				if obj := pass.TypesInfo.Uses[sel.Sel]; obj != nil && pass.ImportObjectFact(obj, &fact) {
					pass.Reportf(sel.Sel.Pos(), "%s has fact %s", sel.Sel.Name, fact.Name)
				}
			}
			return true
		})
	}
	return nil, nil
}
