package model

import (
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// noReturnTesting reports whether name is a method of testing.T, B, F
// and TB (or of an interface with such methods, like testify's
// TestingT) that ends the goroutine: code after it does not run.
func noReturnTesting(name string) bool {
	switch name {
	case "FailNow", "Fatal", "Fatalf", "SkipNow":
		return true
	}
	return false
}

// noReturnFunc reports whether path.name is a function of the standard
// library that never returns to its caller.
func noReturnFunc(path, name string) bool {
	switch path {
	case "os":
		return name == "Exit"
	case "runtime":
		return name == "Goexit"
	case "log":
		switch name {
		case "Fatal", "Fatalf", "Fatalln", "Panic", "Panicf", "Panicln":
			return true
		}
	}
	return false
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
		return noReturnTesting(c.Method.Name())
	}
	f := calleeFunc(c)
	if f == nil || f.Pkg() == nil {
		return false
	}
	if f.Pkg().Path() == "testing" && noReturnTesting(f.Name()) {
		return true
	}
	if noReturnFunc(f.Pkg().Path(), f.Name()) && f.Type().(*types.Signature).Recv() == nil {
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
