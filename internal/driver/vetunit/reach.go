package vetunit

import "go/types"

// reachable returns, by path, the packages an inherited fact can be
// about: imports and, transitively, what they import. The export data
// importer sets the Imports of a package it reads to every package its
// export data refers to, so this covers each package whose named types,
// methods or fields the unit can reach through its imports' types (the
// set x/tools' facts package computes by walking those types, at a
// fraction of the cost: that walk took 4% of a vet tool run).
func reachable(imports []*types.Package) map[string]*types.Package {
	pkgs := make(map[string]*types.Package)
	var visit func([]*types.Package)
	visit = func(list []*types.Package) {
		for _, p := range list {
			if pkgs[p.Path()] == nil {
				pkgs[p.Path()] = p
				visit(p.Imports())
			}
		}
	}
	visit(imports)
	return pkgs
}
