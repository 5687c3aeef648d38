package race

import (
	"cmp"
	"fmt"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/racecheck/racecheck/analyzer/internal/model"
)

// SyncSummary is the package fact race exports: the synchronization
// its exported functions and methods perform on memory their callers
// pass them (a channel send, close or receive, a WaitGroup Done or Wait,
// a semaphore Release or Acquire), as paths from their parameters.
// Importers then see the handoffs a goroutine and its parent make
// through another package's synchronizer (a Gate, a Future, a Latch)
// instead of reporting the data they hand over as racing. Like every
// package fact it is read by direct importers only.
type SyncSummary struct {
	Funcs []SyncFunc // sorted by Name
}

// A SyncFunc is the synchronization of one function ("F") or method
// ("T.M").
type SyncFunc struct {
	Name string
	Ops  []SyncOp // sorted
}

// ioParam is the Param of a SyncOp on I/O (model.SyncIO), which is on
// no parameter's memory: the function writes to or blocks reading from
// a connection or file.
const ioParam = -1

// A SyncOp is one signal or wait on parameter Param's memory at Path.
type SyncOp struct {
	Kind    int // a model.SyncKind
	Signal  bool
	Param   int
	Path    string
	Partial bool // a semaphore Acquire that may take only some units
}

// AFact marks SyncSummary as a fact.
func (*SyncSummary) AFact() {}

func (s *SyncSummary) String() string {
	var parts []string
	for _, f := range s.Funcs {
		var ops []string
		for _, op := range f.Ops {
			verb := "waits"
			if op.Signal {
				verb = "signals"
			}
			ops = append(ops, fmt.Sprintf("%s(%d%s)", verb, op.Param, op.Path))
		}
		parts = append(parts, f.Name+": "+strings.Join(ops, " "))
	}
	return strings.Join(parts, "; ")
}

// exportSyncFacts exports the SyncSummary of the package, if any of its
// exported functions synchronizes on its parameters.
func (c *checker) exportSyncFacts(funcs []*ssa.Function) {
	var out []SyncFunc
	if path := c.pass.Pkg.Path(); path == "sync" || path == "runtime" || strings.HasPrefix(path, "sync/") || strings.HasPrefix(path, "internal/") {
		return // the primitives themselves: locks are the lockset's business
	}
	for _, fn := range funcs {
		obj, ok := fn.Object().(*types.Func)
		if !ok || fn.Parent() != nil || !obj.Exported() || takesTesting(fn) {
			continue
		}
		if !c.mayHandoff(fn, depthFlag(c.pass), make(map[*ssa.Function]bool)) && !c.model.DoesIO(fn) {
			continue // cheap test first: most functions never synchronize
		}
		if ops := paramOps(fn, c.model.Summary(fn)); len(ops) > 0 {
			out = append(out, SyncFunc{Name: model.FuncKey(obj), Ops: ops})
		}
	}
	if len(out) > 0 {
		slices.SortFunc(out, func(x, y SyncFunc) int { return strings.Compare(x.Name, y.Name) })
		c.pass.ExportPackageFact(&SyncSummary{Funcs: out})
	}
}

// paramOps returns the signals and waits of a summary on memory rooted
// at fn's parameters, sorted and deduplicated.
func paramOps(fn *ssa.Function, s *model.Summary) []SyncOp {
	var ops []SyncOp
	add := func(op model.Sync, signal bool) {
		if op.Kind == model.SyncIO {
			ops = append(ops, SyncOp{Kind: int(op.Kind), Signal: signal, Param: ioParam})
			return
		}
		p, ok := op.Loc.Root.(*ssa.Parameter)
		if !ok || !handoffKind(op.Kind) {
			return
		}
		if i := slices.Index(fn.Params, p); i >= 0 {
			ops = append(ops, SyncOp{Kind: int(op.Kind), Signal: signal, Param: i, Path: op.Loc.Path, Partial: op.Partial})
		}
	}
	for _, op := range s.Signals {
		add(op, true)
	}
	for _, op := range s.Joins {
		add(op, false)
	}
	slices.SortFunc(ops, compareOps)
	return slices.Compact(ops)
}

// handoffKind reports whether a kind of synchronization hands memory
// from one goroutine to another in a way a summary can carry: channel,
// WaitGroup, errgroup and semaphore operations. Atomic flags are left
// out: through another package they are as often a mutex's own state,
// which would order every Lock after every Unlock.
func handoffKind(k model.SyncKind) bool {
	switch k {
	case model.SyncChan, model.SyncWaitGroup, model.SyncErrgroup, model.SyncSemaphore, model.SyncIO:
		return true
	}
	return false
}

// takesTesting reports whether fn has a *testing.T, B or F (or a
// testing.TB) parameter: tests and test helpers, of no use to importers.
func takesTesting(fn *ssa.Function) bool {
	for _, p := range fn.Params {
		t := p.Type()
		if ptr, ok := t.(*types.Pointer); ok {
			t = ptr.Elem()
		}
		if n, ok := types.Unalias(t).(*types.Named); ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "testing" {
			return true
		}
	}
	return false
}

func compareOps(x, y SyncOp) int {
	return cmp.Or(cmp.Compare(x.Param, y.Param), strings.Compare(x.Path, y.Path),
		cmp.Compare(x.Kind, y.Kind), cmpBool(x.Signal, y.Signal), cmpBool(x.Partial, y.Partial))
}

func cmpBool(x, y bool) int {
	switch {
	case x == y:
		return 0
	case !x:
		return -1
	}
	return 1
}

// externalSync is the model's External hook: the synchronization a call
// to a function of a directly imported package performs, from that
// package's SyncSummary, in the caller's frame.
func (c *checker) externalSync(call *ssa.CallCommon) *model.Summary {
	callee := call.StaticCallee()
	if callee == nil {
		return nil
	}
	if callee.Origin() != nil {
		callee = callee.Origin()
	}
	obj, ok := callee.Object().(*types.Func)
	if !ok || obj.Pkg() == nil || obj.Pkg() == c.pass.Pkg {
		return nil
	}
	f := c.importedSync(obj)
	if f == nil {
		return nil
	}
	s := new(model.Summary)
	for _, op := range f.Ops {
		if op.Param >= len(call.Args) {
			continue
		}
		loc := c.model.IO
		if op.Param != ioParam {
			loc = model.LocOf(call.Args[op.Param]).Extend(op.Path)
		}
		sync := model.Sync{Kind: model.SyncKind(op.Kind), Loc: loc, Partial: op.Partial}
		if op.Signal {
			s.Signals = append(s.Signals, sync)
		} else {
			s.Joins = append(s.Joins, sync)
		}
	}
	return s
}

// importedSync returns the SyncFunc of a function of a direct import.
func (c *checker) importedSync(obj *types.Func) *SyncFunc {
	pkg := obj.Pkg()
	sum, ok := c.imported[pkg]
	if !ok {
		if slices.Contains(c.pass.Pkg.Imports(), pkg) {
			f := new(SyncSummary)
			if c.pass.ImportPackageFact(pkg, f) {
				sum = f
			}
		}
		c.imported[pkg] = sum
	}
	if sum == nil {
		return nil
	}
	i, found := slices.BinarySearchFunc(sum.Funcs, model.FuncKey(obj), func(f SyncFunc, k string) int { return strings.Compare(f.Name, k) })
	if !found {
		return nil
	}
	return &sum.Funcs[i]
}

// mayHandoff reports whether fn, or a same-package function it calls up
// to depth levels down, may send, receive, select, close a channel or
// call a synchronizing function (package sync or golang.org/x/sync, or
// a function of an import with a SyncSummary): a cheap over-approximation
// of a summary with signals or waits.
func (c *checker) mayHandoff(fn *ssa.Function, depth int, seen map[*ssa.Function]bool) bool {
	if seen[fn] {
		return false
	}
	seen[fn] = true
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			switch in := instr.(type) {
			case *ssa.Send, *ssa.Select:
				return true
			case *ssa.UnOp:
				if in.Op == token.ARROW {
					return true
				}
			case ssa.CallInstruction:
				if c.callMayHandoff(in.Common(), depth, seen) {
					return true
				}
			}
		}
	}
	return false
}

func (c *checker) callMayHandoff(call *ssa.CallCommon, depth int, seen map[*ssa.Function]bool) bool {
	if b, ok := call.Value.(*ssa.Builtin); ok {
		return b.Name() == "close"
	}
	callee := call.StaticCallee()
	if callee == nil {
		return false
	}
	if c.model.InScope(callee) {
		return depth > 0 && c.mayHandoff(callee, depth-1, seen)
	}
	if callee.Origin() != nil {
		callee = callee.Origin()
	}
	obj, ok := callee.Object().(*types.Func)
	if !ok || obj.Pkg() == nil {
		return false
	}
	path := obj.Pkg().Path()
	return path == "sync" || strings.HasPrefix(path, "golang.org/x/sync/") || c.importedSync(obj) != nil
}
