package lockcheck

import (
	"slices"

	"golang.org/x/tools/go/ssa"

	"github.com/racecheck/racecheck/analyzer/internal/model"
)

// asyncArgs returns a function that lists the functions and closures a
// call passes to a callee of the package that runs them on a goroutine
// it starts (asyncParams): they run concurrently with the caller, as
// goroutine bodies do.
func (c *checker) asyncArgs() func(*ssa.Call) []*ssa.Function {
	memo := make(map[*ssa.Function][]int)
	return func(call *ssa.Call) []*ssa.Function {
		callee := call.Common().StaticCallee()
		if !c.model.InScope(callee) || !hasClosureArg(call.Common()) {
			return nil
		}
		params, ok := memo[callee]
		if !ok {
			params = c.asyncParams(callee)
			memo[callee] = params
		}
		var out []*ssa.Function
		for _, i := range params {
			if i >= len(call.Common().Args) {
				continue
			}
			if fn, _ := model.FuncOf(call.Common().Args[i]); fn != nil && len(fn.Blocks) > 0 {
				out = append(out, fn)
			}
		}
		return out
	}
}

// asyncParams returns the indexes of fn's func-typed parameters that fn
// runs on a goroutine it starts: go f(), or a goroutine body or timer
// function that calls f (newSuspicion(d, fn) arms a timer whose function
// calls fn).
func (c *checker) asyncParams(fn *ssa.Function) []int {
	if !hasFuncParam(fn) {
		return nil
	}
	var out []int
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if g, ok := instr.(*ssa.Go); ok && !g.Common().IsInvoke() {
				out = addParam(fn, g.Common().Value, out)
			}
		}
	}
	for _, s := range model.Spawns(fn) {
		for _, call := range funcValueCalls(s.Fn) {
			if l, ok := s.Env.Translate(model.LocOf(call.Common().Value)); ok {
				if l = unspill(l); l.Path == "" {
					out = addParam(fn, l.Root, out)
				}
			}
		}
	}
	slices.Sort(out)
	return out
}

// addParam adds to out the index of v among fn's parameters, if v is one
// and out does not hold it yet.
func addParam(fn *ssa.Function, v ssa.Value, out []int) []int {
	if p, ok := v.(*ssa.Parameter); ok {
		if i := slices.Index(fn.Params, p); i >= 0 && !slices.Contains(out, i) {
			out = append(out, i)
		}
	}
	return out
}

// funcValueCalls returns fn's calls of function values (not of static
// callees or interface methods).
func funcValueCalls(fn *ssa.Function) []ssa.CallInstruction {
	var out []ssa.CallInstruction
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(ssa.CallInstruction)
			if ok && !call.Common().IsInvoke() && call.Common().StaticCallee() == nil {
				out = append(out, call)
			}
		}
	}
	return out
}
