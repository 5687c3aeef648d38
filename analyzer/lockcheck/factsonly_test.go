package lockcheck

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"testing"

	"golang.org/x/tools/go/analysis"
)

// TestDeclaresMutexOwner: the facts-only run infers guards only for a
// package that declares a struct type with a mutex field, at package
// level or in a function.
func TestDeclaresMutexOwner(t *testing.T) {
	for _, tc := range []struct {
		src  string
		want bool
	}{
		{"type T struct{ mu sync.Mutex; n int }", true},
		{"type T struct{ sync.RWMutex; n int }", true},
		{"func f() { type t struct{ mu sync.Mutex }; _ = t{} }", true},
		{"type T struct{ n int }; func (t *T) f() { var mu sync.Mutex; mu.Lock(); t.n++; mu.Unlock() }", false},
		{"type M sync.Mutex; type T []int", false},
	} {
		src := "package p\nimport \"sync\"\nvar _ sync.Locker\n" + tc.src
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, "p.go", src, 0)
		if err != nil {
			t.Fatal(err)
		}
		info := &types.Info{Defs: make(map[*ast.Ident]types.Object)}
		conf := types.Config{Importer: importer.Default()}
		if _, err := conf.Check("p", fset, []*ast.File{f}, info); err != nil {
			t.Fatal(err)
		}
		if got := declaresMutexOwner(&analysis.Pass{TypesInfo: info}); got != tc.want {
			t.Errorf("%s: declaresMutexOwner = %v, want %v", tc.src, got, tc.want)
		}
	}
}
