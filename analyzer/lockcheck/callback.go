package lockcheck

import (
	"fmt"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/racecheck/racecheck/analyzer/internal/model"
)

// runsParams returns the indexes of fn's func-typed parameters that fn
// calls in goroutines it starts: go f(i), or a goroutine body (go
// statement, WaitGroup.Go, errgroup) that calls f. Such a helper
// (Parallelize(n, func(i int))) makes its callback concurrent with
// itself at every call site.
func runsParams(fn *ssa.Function) []int {
	var out []int
	add := func(v ssa.Value) {
		if p, ok := v.(*ssa.Parameter); ok {
			if i := slices.Index(fn.Params, p); i >= 0 && !slices.Contains(out, i) {
				out = append(out, i)
			}
		}
	}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if g, ok := instr.(*ssa.Go); ok && !g.Common().IsInvoke() {
				add(g.Common().Value)
			}
		}
	}
	for _, s := range model.Spawns(fn) {
		for _, b := range s.Fn.Blocks {
			for _, instr := range b.Instrs {
				call, ok := instr.(ssa.CallInstruction)
				if !ok || call.Common().IsInvoke() {
					continue
				}
				if l, ok := s.Env.Translate(model.LocOf(call.Common().Value)); ok {
					if l = unspill(l); l.Path == "" {
						add(l.Root)
					}
				}
			}
		}
	}
	slices.Sort(out)
	return out
}

// calleeRunsParams returns the parameters a call's callee runs in
// goroutines: computed for the package's own functions, from the
// FuncSummary fact for others.
func (c *checker) calleeRunsParams(call *ssa.CallCommon) []int {
	callee := call.StaticCallee()
	if callee == nil {
		return nil
	}
	if c.model.InScope(callee) {
		return runsParams(callee)
	}
	obj, ok := callee.Object().(*types.Func)
	var f FuncSummary
	if !ok || obj.Pkg() == nil || !c.pass.ImportObjectFact(obj, &f) {
		return nil
	}
	return f.RunsParams
}

// checkCallbacks reports writes without a lock, by function literals
// passed to a helper that runs them in concurrent goroutines, to
// variables they capture (other than per-index elements).
func (c *checker) checkCallbacks(funcs []*ssa.Function) {
	for _, fn := range funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				if call, ok := instr.(*ssa.Call); ok {
					for _, i := range c.calleeRunsParams(call.Common()) {
						c.checkCallback(call, i)
					}
				}
			}
		}
	}
}

func (c *checker) checkCallback(call *ssa.Call, i int) {
	args := call.Common().Args
	if i >= len(args) {
		return
	}
	mc, ok := args[i].(*ssa.MakeClosure)
	if !ok {
		return
	}
	lit := mc.Fn.(*ssa.Function)
	env := model.CallEnv(lit, nil, mc.Bindings)
	for _, a := range c.model.Summary(lit).Accesses {
		if !a.Write || a.Atomic || len(a.Locks) > 0 || hasUnknownIndex(a.Loc.Path) || c.done(a.Pos) {
			continue
		}
		if _, captured := a.Loc.Root.(*ssa.FreeVar); !captured {
			continue
		}
		if _, ok := env.Translate(a.Loc); !ok {
			continue
		}
		c.mark(a.Pos)
		c.rep.Report(analysis.Diagnostic{Pos: a.Pos, Category: catCallback,
			Message: fmt.Sprintf("%s written without a lock in a function literal that %s runs in concurrent goroutines: its calls race on it; protect it with a mutex, use an atomic type, or write per-index results",
				describe(a.Loc), calleeName(call)),
			Related: []analysis.RelatedInformation{{Pos: call.Pos(), Message: "passed here"}},
		})
	}
}

// hasUnknownIndex reports whether a path goes through an element of
// unknown index: each call of the callback has its own (results[i]).
func hasUnknownIndex(path string) bool {
	for _, st := range splitPath(path) {
		if st.text == "[?]" {
			return true
		}
	}
	return false
}
