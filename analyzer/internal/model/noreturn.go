package model

import (
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// noReturnTesting are the methods of testing.T, B, F and TB, and of
// interfaces with their names (testify's TestingT), that end the
// goroutine: code after them does not run.
var noReturnTesting = map[string]bool{"FailNow": true, "Fatal": true, "Fatalf": true, "SkipNow": true}

// noReturnFuncs are the functions of the standard library that never
// return to their caller.
var noReturnFuncs = map[[2]string]bool{
	{"os", "Exit"}: true, {"runtime", "Goexit"}: true,
	{"log", "Fatal"}: true, {"log", "Fatalf"}: true, {"log", "Fatalln"}: true,
	{"log", "Panic"}: true, {"log", "Panicf"}: true, {"log", "Panicln"}: true,
}

// endsBlock reports whether b calls a function that never returns, so
// that its successors do not run after it.
func (m *Model) endsBlock(b *ssa.BasicBlock) bool {
	if v, ok := m.ends[b]; ok {
		return v
	}
	v := false
	for _, instr := range b.Instrs {
		if call, ok := instr.(*ssa.Call); ok && m.noReturnCall(call.Common()) {
			v = true
			break
		}
	}
	m.ends[b] = v
	return v
}

// noReturnCall reports whether a call never returns: a known function,
// a testing method that ends the test, or a function of the package
// whose every path ends in one of those or in a panic.
func (m *Model) noReturnCall(c *ssa.CallCommon) bool {
	if c.IsInvoke() {
		return noReturnTesting[c.Method.Name()]
	}
	f := calleeFunc(c)
	if f == nil || f.Pkg() == nil {
		return false
	}
	if f.Pkg().Path() == "testing" && noReturnTesting[f.Name()] {
		return true
	}
	if noReturnFuncs[[2]string{f.Pkg().Path(), f.Name()}] && f.Type().(*types.Signature).Recv() == nil {
		return true
	}
	callee := c.StaticCallee()
	return m.InScope(callee) && m.noReturn(callee)
}

// noReturn reports whether no return of fn can be reached: every path
// ends in a panic or a call that never returns.
func (m *Model) noReturn(fn *ssa.Function) bool {
	if v, ok := m.noRet[fn]; ok {
		return v
	}
	m.noRet[fn] = false // recursion: assume it returns
	seen := make(map[*ssa.BasicBlock]bool)
	stack := []*ssa.BasicBlock{fn.Blocks[0]}
	result := true
	for len(stack) > 0 && result {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[b] {
			continue
		}
		seen[b] = true
		if m.endsBlock(b) {
			continue
		}
		if _, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok {
			result = false
		}
		stack = append(stack, b.Succs...)
	}
	m.noRet[fn] = result
	return result
}
