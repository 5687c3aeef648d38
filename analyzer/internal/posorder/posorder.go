// Package posorder orders source positions the same way in every run
// and under every driver.
//
// A token.Pos orders positions within one file, but not across files:
// go/packages parses a package's files in parallel, so which file gets
// the lower base in the shared FileSet changes from run to run, while
// go vet parses them one by one in the package's file order. An
// analyzer that sorts by token.Pos across files, or keeps the first of
// several findings, then reports differently from run to run. Order
// compares positions by the package's file order instead, which is what
// token.Pos gives under go vet.
package posorder

import (
	"cmp"
	"go/ast"
	"go/token"
)

// An Order compares positions of one package.
type Order struct {
	fset  *token.FileSet
	index map[*token.File]int
}

// New returns the order of positions in files, in that order, and of
// positions elsewhere after them, by file name.
func New(fset *token.FileSet, files []*ast.File) *Order {
	o := &Order{fset: fset, index: make(map[*token.File]int, len(files))}
	for i, f := range files {
		if tf := fset.File(f.FileStart); tf != nil {
			o.index[tf] = i
		}
	}
	return o
}

// Compare returns -1, 0 or +1 as x is before, at or after y.
func (o *Order) Compare(x, y token.Pos) int {
	fx, fy := o.fset.File(x), o.fset.File(y)
	if fx == fy || fx == nil || fy == nil {
		return cmp.Compare(x, y)
	}
	ix, okx := o.index[fx]
	iy, oky := o.index[fy]
	switch {
	case okx && oky:
		return cmp.Compare(ix, iy)
	case okx != oky:
		if okx {
			return -1
		}
		return +1
	}
	return cmp.Or(cmp.Compare(fx.Name(), fy.Name()), cmp.Compare(x, y))
}

// Less reports whether x is before y.
func (o *Order) Less(x, y token.Pos) bool { return o.Compare(x, y) < 0 }
