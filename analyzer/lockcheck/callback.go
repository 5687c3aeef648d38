package lockcheck

import (
	"fmt"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/racecheck/racecheck/analyzer/internal/model"
)

// runsParams returns the indexes of fn's func-typed parameters that fn
// runs in several goroutines at once: go f(i) in a loop, or a goroutine
// body started in a loop (go statement, WaitGroup.Go, errgroup) or by
// RunParallel that calls f with no lock held. Such a helper
// (Parallelize(n, func(i int))) makes its callback concurrent with
// itself at every call site. A helper that starts one goroutine, or
// calls the callback under a lock, does not.
func (c *checker) runsParams(fn *ssa.Function) []int {
	if !hasFuncParam(fn) {
		return nil
	}
	var out []int
	add := func(v ssa.Value) { out = addParam(fn, v, out) }
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if g, ok := instr.(*ssa.Go); ok && !g.Common().IsInvoke() && inLoop(g.Block()) {
				add(g.Common().Value)
			}
		}
	}
	for _, s := range model.Spawns(fn) {
		if s.Kind != model.SpawnRunParallel && !inLoop(s.Instr.Block()) {
			continue
		}
		for _, call := range c.unlockedCalls(s.Fn) {
			if l, ok := s.Env.Translate(model.LocOf(call.Common().Value)); ok {
				if l = unspill(l); l.Path == "" {
					add(l.Root)
				}
			}
		}
	}
	slices.Sort(out)
	return out
}

// hasFuncParam reports whether one of fn's parameters has a func type.
func hasFuncParam(fn *ssa.Function) bool {
	for _, p := range fn.Params {
		if _, ok := p.Type().Underlying().(*types.Signature); ok {
			return true
		}
	}
	return false
}

// unlockedCalls returns the calls of function values in fn made with no
// lock held.
func (c *checker) unlockedCalls(fn *ssa.Function) []ssa.CallInstruction {
	var out []ssa.CallInstruction
	for _, call := range funcValueCalls(fn) {
		if len(c.model.LocksAt(call)) == 0 {
			out = append(out, call)
		}
	}
	return out
}

// calleeRunsParams returns the parameters a call's callee runs in
// concurrent goroutines: computed for the package's own functions, from
// the FuncSummary fact for others.
func (c *checker) calleeRunsParams(call *ssa.CallCommon) []int {
	callee := call.StaticCallee()
	if callee == nil {
		return nil
	}
	if c.model.InScope(callee) {
		return c.runsParams(callee)
	}
	obj, ok := callee.Object().(*types.Func)
	if !ok {
		return nil
	}
	if f, ok := c.importedFunc(obj); ok {
		return f.RunsParams
	}
	return nil
}

// checkCallbacks reports writes without a lock, by function literals
// passed to a helper that runs them in concurrent goroutines, to
// variables they capture (other than per-index elements).
func (c *checker) checkCallbacks(funcs []*ssa.Function) {
	for _, fn := range funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				call, ok := instr.(*ssa.Call)
				if !ok || !hasClosureArg(call.Common()) {
					continue
				}
				for _, i := range c.calleeRunsParams(call.Common()) {
					c.checkCallback(call, i)
				}
			}
		}
	}
}

// hasClosureArg reports whether a call passes a function literal (one
// with free variables; maybe converted to a named func type).
func hasClosureArg(call *ssa.CallCommon) bool {
	return slices.ContainsFunc(call.Args, func(v ssa.Value) bool {
		_, bindings := model.FuncOf(v)
		return len(bindings) > 0
	})
}

// checkCallback checks the function literal passed as argument i of
// call (parameter i of the callee: a static method call passes its
// receiver as Args[0], like Params[0]).
func (c *checker) checkCallback(call *ssa.Call, i int) {
	args := call.Common().Args
	if i >= len(args) {
		return
	}
	lit, bindings := model.FuncOf(args[i])
	if len(bindings) == 0 {
		return
	}
	env := model.CallEnv(lit, nil, bindings)
	for _, a := range c.callbackModel().Summary(lit).Accesses {
		if !a.Write || a.Atomic || len(a.Locks) > 0 || (hasUnknownIndex(a.Loc.Path) && !everyCallIndexes(a.Instr, lit)) || c.done(a.Pos) {
			continue
		}
		if _, captured := a.Loc.Root.(*ssa.FreeVar); !captured {
			continue
		}
		l, ok := env.Translate(a.Loc)
		if !ok || a.Lazy && c.setBefore(call, l) {
			continue // a lazy initialization the caller has already done
		}
		c.reportCallback(call, a)
	}
}

// reportCallback reports a, a write of the function literal passed at
// call, or of the code it calls (a.Instr is then that call).
func (c *checker) reportCallback(call *ssa.Call, a model.Access) {
	what := describe(a.Loc)
	if a.Map {
		what = "map " + what
	}
	where := "in a function literal"
	related := []analysis.RelatedInformation{{Pos: call.Pos(), Message: "passed here"}}
	if _, isCall := a.Instr.(ssa.CallInstruction); isCall && a.Instr.Pos().IsValid() && a.Instr.Pos() != a.Pos {
		where = fmt.Sprintf("by the call at %s in a function literal", c.short(a.Instr.Pos()))
		related = append(related, analysis.RelatedInformation{Pos: a.Instr.Pos(), Message: "the literal's call that leads to the write"})
	}
	c.mark(a.Pos)
	c.rep.Report(analysis.Diagnostic{Pos: a.Pos, Category: catCallback,
		Message: fmt.Sprintf("%s written without a lock %s that %s runs in concurrent goroutines: its calls race on it; protect it with a mutex, use an atomic type, or write per-index results",
			what, where, calleeName(call)),
		Related: related,
	})
}

// everyCallIndexes reports whether the access instr of the function
// literal lit, through elements of unknown index, reaches the same
// elements in every call: each index it goes through is computed from
// constants and loop counters only (for i := range results { results[i]
// = ... }), not from lit's parameters or anything else a call may get
// for itself (a value received, a counter taken under a lock).
func everyCallIndexes(instr ssa.Instruction, lit *ssa.Function) bool {
	var addr ssa.Value
	switch in := instr.(type) {
	case *ssa.Store:
		addr = in.Addr
	case *ssa.MapUpdate:
		addr = in.Map
	case ssa.CallInstruction:
		return !passesParams(in.Common(), lit)
	default:
		return false
	}
	found := false
	for addr != nil {
		switch v := addr.(type) {
		case *ssa.IndexAddr:
			if !invariantIndex(v.Index, lit, make(map[ssa.Value]bool)) {
				return false
			}
			found = true
			addr = v.X
		case *ssa.FieldAddr:
			addr = v.X
		case *ssa.UnOp:
			if v.Op != token.MUL {
				return false
			}
			addr = v.X
		default:
			addr = nil
		}
	}
	return found
}

// passesParams reports whether a call in lit passes it anything computed
// from lit's parameters: a callee that gets none of them indexes the same
// elements in every call of lit.
func passesParams(c *ssa.CallCommon, lit *ssa.Function) bool {
	seen := make(map[ssa.Value]bool)
	return slices.ContainsFunc(append([]ssa.Value{c.Value}, c.Args...), func(v ssa.Value) bool {
		return fromParams(v, lit, seen)
	})
}

// fromParams reports whether v, a value of lit, is computed from one of
// lit's parameters.
func fromParams(v ssa.Value, lit *ssa.Function, seen map[ssa.Value]bool) bool {
	if seen[v] {
		return false
	}
	seen[v] = true
	if p, ok := v.(*ssa.Parameter); ok {
		return p.Parent() == lit
	}
	instr, ok := v.(ssa.Instruction)
	if !ok || instr.Parent() != lit {
		return false
	}
	for _, op := range instr.Operands(nil) {
		if *op != nil && fromParams(*op, lit, seen) {
			return true
		}
	}
	return false
}

// invariantIndex reports whether v is computed from constants, lengths
// and its own loop's counter only, in lit.
func invariantIndex(v ssa.Value, lit *ssa.Function, seen map[ssa.Value]bool) bool {
	if seen[v] {
		return true // a loop counter's back edge
	}
	seen[v] = true
	switch v := v.(type) {
	case *ssa.Const:
		return true
	case *ssa.Phi:
		for _, e := range v.Edges {
			if !invariantIndex(e, lit, seen) {
				return false
			}
		}
		return v.Parent() == lit
	case *ssa.BinOp:
		return invariantIndex(v.X, lit, seen) && invariantIndex(v.Y, lit, seen)
	case *ssa.Convert:
		return invariantIndex(v.X, lit, seen)
	case *ssa.Call:
		name := model.BuiltinName(v.Common())
		return name == "len" || name == "cap"
	}
	return false
}

// setBefore reports whether the caller of call certainly sets l, a
// location of its frame, to something not nil or empty before the call.
func (c *checker) setBefore(call *ssa.Call, l model.Loc) bool {
	for _, p := range c.model.Summary(call.Parent()).Accesses {
		if p.Write && (p.Sets || p.Lazy) && p.Loc == l && model.After(p.Instr, call) {
			return true
		}
	}
	return false
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
