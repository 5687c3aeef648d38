package lockcheck

import (
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"

	"github.com/racecheck/racecheck/analyzer/internal/model"
)

// asyncArgs returns a function that lists the functions and closures a
// call passes to a callee that runs them on a goroutine it starts and
// leaves running (asyncParams, for another package's callee its
// FuncSummary fact): they run concurrently with the caller, as goroutine
// bodies do.
func (c *checker) asyncArgs() func(*ssa.Call) []*ssa.Function {
	memo := make(map[*ssa.Function][]int)
	return func(call *ssa.Call) []*ssa.Function {
		callee := call.Common().StaticCallee()
		if callee == nil || !hasClosureArg(call.Common()) {
			return nil
		}
		params, ok := memo[callee]
		if !ok {
			params = c.calleeAsyncParams(callee)
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

// calleeAsyncParams returns asyncParams of a callee of the package, or
// the AsyncParams of another package's callee's fact.
func (c *checker) calleeAsyncParams(callee *ssa.Function) []int {
	if c.model.InScope(callee) {
		return c.asyncParams(callee)
	}
	if obj, ok := callee.Object().(*types.Func); ok {
		if f, ok := c.importedFunc(obj); ok {
			return f.AsyncParams
		}
	}
	return nil
}

// asyncParams returns the indexes of fn's func-typed parameters that fn
// runs on a goroutine it starts and leaves running: go f(), or a
// goroutine body or timer function that calls f, itself or through the
// package's helpers it passes f to (newSuspicion(d, fn) arms a timer
// whose function calls fn). A helper that waits for
// anything after the start (Parallelize's wg.Wait) runs f within the
// call, under its caller's locks, as the model's inlining of function
// arguments already sees it.
func (c *checker) asyncParams(fn *ssa.Function) []int {
	if !hasFuncParam(fn) {
		return nil
	}
	var out []int
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if g, ok := instr.(*ssa.Go); ok && !g.Common().IsInvoke() && !c.waitsAfter(fn, g) {
				out = addParam(fn, g.Common().Value, out)
			}
		}
	}
	for _, s := range model.Spawns(fn) {
		if s.Kind == model.SpawnRunParallel || s.Kind == model.SpawnParallelSubtest || c.waitsAfter(fn, s.Instr) {
			continue // RunParallel returns when its goroutines do; subtests are the testing package's
		}
		for _, fc := range c.model.Summary(s.Fn).FuncCalls {
			if fc.Method != nil {
				continue
			}
			if l, ok := s.Env.Translate(fc.Loc); ok {
				if l = unspill(l); l.Path == "" {
					out = addParam(fn, l.Root, out)
				}
			}
		}
	}
	slices.Sort(out)
	return out
}

// waitsAfter reports whether fn may wait for anything (a Wait, a
// receive, an atomic load) after instr: every join but those made before
// it on every path.
func (c *checker) waitsAfter(fn *ssa.Function, instr ssa.Instruction) bool {
	for _, j := range c.model.Summary(fn).Joins {
		if j.Instr != instr && !model.After(j.Instr, instr) {
			return true
		}
	}
	return false
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
