package posorder

import (
	"go/ast"
	"go/parser"
	"go/token"
	"testing"
)

func TestCompare(t *testing.T) {
	fset := token.NewFileSet()
	parse := func(name, src string) *ast.File {
		f, err := parser.ParseFile(fset, name, src, 0)
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	// Parsed out of order, as go/packages may: z.go gets the lowest base.
	z := parse("z.go", "package p\nvar Z int\n")
	b := parse("b.go", "package p\nvar B int\n")
	a := parse("a.go", "package p\nvar A int\n")
	other := parse("other.go", "package q\nvar O int\n")
	early := parse("early.go", "package q\nvar E int\n")
	o := New(fset, []*ast.File{a, b, z})

	posA, posB, posZ := a.Decls[0].Pos(), b.Decls[0].Pos(), z.Decls[0].Pos()
	for _, tc := range []struct {
		name string
		x, y token.Pos
		want int
	}{
		{"file order, not base order", posA, posZ, -1},
		{"file order, reversed", posZ, posB, +1},
		{"same file", a.Package, posA, -1},
		{"same position", posB, posB, 0},
		{"package files before others", posZ, other.Decls[0].Pos(), -1},
		{"others by name", early.Decls[0].Pos(), other.Decls[0].Pos(), -1},
		{"no position first", token.NoPos, posA, -1},
	} {
		if got := o.Compare(tc.x, tc.y); got != tc.want {
			t.Errorf("%s: Compare = %d, want %d", tc.name, got, tc.want)
		}
		if got := o.Compare(tc.y, tc.x); got != -tc.want {
			t.Errorf("%s, swapped: Compare = %d, want %d", tc.name, got, -tc.want)
		}
	}
	if !o.Less(posB, posZ) || o.Less(posZ, posB) {
		t.Error("Less disagrees with Compare")
	}
}
