package lockcheck

import (
	"go/types"
	"slices"
	"strings"

	"github.com/racecheck/racecheck/analyzer/internal/model"
)

// PackageSummary is the one fact lockcheck exports per package: the
// FuncSummary of its exported functions and methods, and the guarded
// fields of its struct types.
//
// It is a package fact rather than a fact per method and per type on
// purpose. Both drivers pass facts on methods, fields and types to every
// package downstream (unitchecker re-encodes them into each .vetx file,
// go/analysis/checker copies them into each action), so per-method facts
// made every package carry the summaries of its whole import closure: 21
// MB of .vetx facts over std, and a cost per line that grew with the
// depth of the import graph. Package facts are read from direct imports
// only, in every driver.
type PackageSummary struct {
	Funcs []NamedSummary // sorted by Name
	Types []NamedGuards  // sorted by Type
}

// A NamedSummary is the FuncSummary of a function ("F") or method
// ("T.M", T the receiver's type name without pointer or type arguments).
type NamedSummary struct {
	Name    string
	Summary FuncSummary
}

// A NamedGuards is the GuardedFields of the struct type named Type.
type NamedGuards struct {
	Type   string
	Guards GuardedFields
}

// AFact marks PackageSummary as a fact.
func (*PackageSummary) AFact() {}

// String lists the summaries and guards, e.g.
// "Put: writes(0.items*{} 0.n); Store: guarded(items:mu n:mu)".
func (s *PackageSummary) String() string {
	var parts []string
	for _, f := range s.Funcs {
		parts = append(parts, f.Name+": "+f.Summary.String())
	}
	for _, g := range s.Types {
		parts = append(parts, g.Type+": "+g.Guards.String())
	}
	return strings.Join(parts, "; ")
}

// exportSummary exports the package's summaries and guards, if any.
func (c *checker) exportSummary(funcs []NamedSummary, guarded []NamedGuards) {
	if len(funcs) == 0 && len(guarded) == 0 {
		return
	}
	slices.SortFunc(funcs, func(x, y NamedSummary) int { return strings.Compare(x.Name, y.Name) })
	slices.SortFunc(guarded, func(x, y NamedGuards) int { return strings.Compare(x.Type, y.Type) })
	c.pass.ExportPackageFact(&PackageSummary{Funcs: funcs, Types: guarded})
}

// importedSummary returns the PackageSummary of pkg, when pkg is a
// direct import of the package under analysis and has one.
func (c *checker) importedSummary(pkg *types.Package) *PackageSummary {
	if pkg == nil || pkg == c.pass.Pkg {
		return nil
	}
	if s, ok := c.imported[pkg]; ok {
		return s
	}
	var s *PackageSummary
	if slices.Contains(c.pass.Pkg.Imports(), pkg) {
		f := new(PackageSummary)
		if c.pass.ImportPackageFact(pkg, f) {
			s = f
		}
	}
	c.imported[pkg] = s
	return s
}

// importedFunc returns the FuncSummary of a function of another package.
func (c *checker) importedFunc(obj *types.Func) (*FuncSummary, bool) {
	s := c.importedSummary(obj.Pkg())
	if s == nil {
		return nil, false
	}
	key := model.FuncKey(obj)
	i, ok := slices.BinarySearchFunc(s.Funcs, key, func(f NamedSummary, k string) int { return strings.Compare(f.Name, k) })
	if !ok {
		return nil, false
	}
	return &s.Funcs[i].Summary, true
}

// importedGuardsOf returns the GuardedFields of a type of another package.
func (c *checker) importedGuardsOf(tn *types.TypeName) (*GuardedFields, bool) {
	s := c.importedSummary(tn.Pkg())
	if s == nil {
		return nil, false
	}
	i, ok := slices.BinarySearchFunc(s.Types, tn.Name(), func(g NamedGuards, k string) int { return strings.Compare(g.Type, k) })
	if !ok {
		return nil, false
	}
	return &s.Types[i].Guards, true
}
