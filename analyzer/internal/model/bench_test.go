package model

import (
	"go/ast"
	"go/build"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/ssa"
	"golang.org/x/tools/go/ssa/ssautil"
)

// BenchmarkSummaries queries a model of net/http (1,257 source functions,
// many of them taking locks) as lockcheck does: the summary of every
// source function at lockcheck's depth, and the locks held at each of
// their calls, which need the locks held on entry from every caller.
func BenchmarkSummaries(b *testing.B) {
	pkg, funcs := buildStdPkg(b, "net/http")
	for b.Loop() {
		m := New(pkg, 4)
		m.Deferred, m.OpaqueArgs, m.Funcs = true, true, funcs
		for _, fn := range funcs {
			m.Summary(fn)
			for _, blk := range fn.Blocks {
				for _, instr := range blk.Instrs {
					if _, ok := instr.(*ssa.Call); ok {
						m.LocksAt(instr)
					}
				}
			}
		}
	}
}

// buildStdPkg builds the SSA of a standard library package from its
// source files (tests excluded), its imports from export data, and
// returns it with its source functions, anonymous ones included.
func buildStdPkg(tb testing.TB, path string) (*ssa.Package, []*ssa.Function) {
	tb.Helper()
	bp, err := build.Import(path, "", 0)
	if err != nil {
		tb.Fatal(err)
	}
	fset := token.NewFileSet()
	var files []*ast.File
	for _, name := range bp.GoFiles {
		f, err := parser.ParseFile(fset, filepath.Join(bp.Dir, name), nil, parser.SkipObjectResolution)
		if err != nil {
			tb.Fatal(err)
		}
		files = append(files, f)
	}
	pkg, _, err := ssautil.BuildPackage(&types.Config{Importer: importer.Default()}, fset,
		types.NewPackage(path, bp.Name), files, 0)
	if err != nil {
		tb.Fatal(err)
	}
	var funcs []*ssa.Function
	for fn := range ssautil.AllFunctions(pkg.Prog) {
		if fn.Pkg == pkg && fn.Synthetic == "" && len(fn.Blocks) > 0 {
			funcs = append(funcs, fn)
		}
	}
	slices.SortFunc(funcs, func(x, y *ssa.Function) int { return strings.Compare(x.String(), y.String()) })
	return pkg, funcs
}
