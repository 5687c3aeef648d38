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

const elemsSrc = `package p

type node struct{ n int }

func sample(k int, nodes []*node, skip func(*node) bool) []*node {
	out := make([]*node, 0, k)
	for i := 0; i < len(nodes) && len(out) < k; i++ {
		if n := nodes[i]; !skip(n) {
			out = append(out, n)
		}
	}
	return out
}

func firstTwo(nodes []*node) []*node {
	var out []*node
	if len(nodes) > 1 {
		out = append(out, nodes[0], nodes[1])
	}
	return out
}

func copies(nodes []*node) []*node {
	var out []*node
	for _, n := range nodes {
		c := *n
		out = append(out, &c)
	}
	return out
}

func merge(a, b []*node) []*node {
	var out []*node
	for i := range a {
		out = append(out, a[i], b[i])
	}
	return out
}

func same(nodes []*node) []*node { return nodes }

func caller(ns, ms []*node) {
	_ = sample(2, ns, nil)
	_ = firstTwo(ns)
	_ = copies(ns)
	_ = merge(ns, ms)
	_ = same(ns)
}
`

// TestElemsArg checks which helpers return a slice holding only elements
// of one of their parameters.
func TestElemsArg(t *testing.T) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", elemsSrc, 0)
	if err != nil {
		t.Fatal(err)
	}
	pkg, _, err := ssautil.BuildPackage(&types.Config{Importer: importer.Default()}, fset,
		types.NewPackage("p", "p"), []*ast.File{f}, ssa.SanityCheckFunctions)
	if err != nil {
		t.Fatal(err)
	}
	caller := pkg.Func("caller")
	ns := caller.Params[0]
	want := map[string]ssa.Value{"sample": ns, "firstTwo": ns, "copies": nil, "merge": nil, "same": nil}
	seen := 0
	for _, b := range caller.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(*ssa.Call)
			if !ok || call.Common().StaticCallee() == nil {
				continue
			}
			name := call.Common().StaticCallee().Name()
			w, ok := want[name]
			if !ok {
				continue
			}
			seen++
			if got := elemsArg(call, 0); got != w {
				t.Errorf("elemsArg(%s) = %v, want %v", name, got, w)
			}
		}
	}
	if seen != len(want) {
		t.Fatalf("found %d calls, want %d", seen, len(want))
	}
}
