package model

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"testing"

	"golang.org/x/tools/go/ssa"
	"golang.org/x/tools/go/ssa/ssautil"
)

// memoSrc has a recursion (f -> g -> f) reached first from h, which cuts
// g's call back into the busy f, and then from j, through k, where f is
// not busy: j's summary must include f's write, not reuse g's summary
// built while f was being summarized.
const memoSrc = `package p

type obj struct{ a, n int }

func f(o *obj) { o.a = 1; g(o) }

func g(o *obj) {
	if o.n > 0 {
		f(o)
	}
}

func h(o *obj) { f(o) }

func j(o *obj) { k(o) }

func k(o *obj) { g(o) }
`

func buildMemoPkg(t *testing.T) *ssa.Package { return buildTestPkg(t, memoSrc) }

// buildTestPkg builds the SSA of package p from one file of source.
func buildTestPkg(t *testing.T, src string) *ssa.Package {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	pkg, _, err := ssautil.BuildPackage(&types.Config{Importer: importer.Default()}, fset,
		types.NewPackage("p", "p"), []*ast.File{f}, ssa.SanityCheckFunctions)
	if err != nil {
		t.Fatal(err)
	}
	return pkg
}

func writesField(s *Summary, path string) bool {
	for _, a := range s.Accesses {
		if a.Write && a.Loc.Path == path {
			return true
		}
	}
	return false
}

func TestSummaryAfterCutRecursion(t *testing.T) {
	pkg := buildMemoPkg(t)
	m := New(pkg, 3)
	if s := m.Summary(pkg.Func("h")); !writesField(s, ".a") {
		t.Fatalf("h: no write of o.a in %v", s.Accesses)
	}
	if s := m.Summary(pkg.Func("j")); !writesField(s, ".a") {
		t.Errorf("j: the write of o.a that g reaches through f is missing (a summary cut short by recursion was reused): %v", s.Accesses)
	}
	if len(m.cuts) != 0 {
		t.Errorf("cuts left after top-level summaries: %v", m.cuts)
	}
}
