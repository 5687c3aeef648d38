package model

import (
	"testing"

	"golang.org/x/tools/go/ssa"
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
	pkg := buildTestPkg(t, elemsSrc)
	caller := pkg.Func("caller")
	want := map[string]int{"sample": 1, "firstTwo": 0, "copies": -1, "merge": -1, "same": -1}
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
			if got := elemsParam(calleeResults(call, 0)); got != w {
				t.Errorf("elemsParam(%s) = %d, want %d", name, got, w)
			}
		}
	}
	if seen != len(want) {
		t.Fatalf("found %d calls, want %d", seen, len(want))
	}
}
