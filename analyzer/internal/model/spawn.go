package model

import (
	"go/token"

	"golang.org/x/tools/go/ssa"
)

// SpawnKind says how a goroutine is started.
type SpawnKind int

// The ways code starts concurrent work.
const (
	SpawnGo              SpawnKind = iota // go statement
	SpawnWaitGroupGo                      // sync.WaitGroup.Go
	SpawnErrgroupGo                       // errgroup.Group.Go or TryGo
	SpawnAfterFunc                        // time.AfterFunc
	SpawnParallelSubtest                  // t.Run(name, f) where f calls t.Parallel()
	SpawnRunParallel                      // testing.B.RunParallel
)

// A Spawn is a site in a function that starts a goroutine running Fn.
type Spawn struct {
	Kind  SpawnKind
	Instr ssa.Instruction // the go statement or the call, in the parent
	Fn    *ssa.Function   // the function the goroutine runs
	Env   Env             // Fn's parameters and free variables in the parent's frame
	// Outer, for a goroutine a callee starts, translates from the
	// callee's frame (where Env leads) to its callers', innermost first.
	Outer    []Env
	Group    Loc             // the WaitGroup or errgroup.Group of Go methods
	Parallel ssa.Instruction // for parallel subtests: the t.Parallel() call in Fn
	// Started is, for a goroutine that a callee starts and leaves
	// running (a constructor, a Start method), the go statement or call
	// in the callee; Instr is then the call that leads to it.
	Started ssa.Instruction
	// NilAfter holds, for a goroutine a callee starts, the call's results
	// that are nil whenever the callee returns with it running ("start
	// the loop, return nil"): the caller's error paths do not run then.
	NilAfter []ssa.Value
	// NilResults are the indexes of its function's results that are nil
	// on every return reachable while the goroutine runs.
	NilResults []int
	// Inited holds, for a goroutine a callee starts, the locations the
	// callee certainly set (not nil or empty) before starting it, in the
	// parent's frame: a lazy initialization of one of them ("if
	// db.cleanerCh == nil") cannot run until someone empties it again.
	Inited []Loc
}

// Spawns returns the spawn sites of fn whose function is statically known.
func Spawns(fn *ssa.Function) []*Spawn {
	var out []*Spawn
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if s := spawnAt(instr); s != nil {
				out = append(out, s)
			}
		}
	}
	return out
}

// SpawnAt returns the spawn that instr performs, or nil.
func SpawnAt(instr ssa.Instruction) *Spawn { return spawnAt(instr) }

// spawnAt returns the spawn that instr performs, or nil.
func spawnAt(instr ssa.Instruction) *Spawn {
	switch in := instr.(type) {
	case *ssa.Go:
		c := in.Common()
		if c.IsInvoke() {
			return nil
		}
		fn, bindings := spawnedFunc(c.Value)
		if fn == nil || len(fn.Blocks) == 0 {
			return nil
		}
		return &Spawn{Kind: SpawnGo, Instr: in, Fn: fn, Env: CallEnv(fn, c.Args, bindings)}
	case *ssa.Call:
		return spawnCall(in)
	}
	return nil
}

// spawnCall recognizes calls that run a function argument concurrently.
func spawnCall(call *ssa.Call) *Spawn {
	c := call.Common()
	f := calleeFunc(c)
	if f == nil {
		return nil
	}
	var kind SpawnKind
	arg := -1
	switch {
	case isMethod(f, "sync", "WaitGroup", "Go"):
		kind, arg = SpawnWaitGroupGo, 1
	case isMethod(f, "golang.org/x/sync/errgroup", "Group", "Go"),
		isMethod(f, "golang.org/x/sync/errgroup", "Group", "TryGo"):
		kind, arg = SpawnErrgroupGo, 1
	case isFunc(f, "time", "AfterFunc"):
		kind, arg = SpawnAfterFunc, 1
	case isMethod(f, "testing", "T", "Run"):
		kind, arg = SpawnParallelSubtest, 2
	case isMethod(f, "testing", "B", "RunParallel"):
		kind, arg = SpawnRunParallel, 1
	default:
		return nil
	}
	if arg >= len(c.Args) {
		return nil
	}
	fn, bindings := spawnedFunc(c.Args[arg])
	if fn == nil || len(fn.Blocks) == 0 {
		return nil
	}
	s := &Spawn{Kind: kind, Instr: call, Fn: fn, Env: CallEnv(fn, nil, bindings)}
	switch kind {
	case SpawnWaitGroupGo, SpawnErrgroupGo:
		s.Group = LocOf(c.Args[0])
	case SpawnParallelSubtest:
		if s.Parallel = parallelCall(fn); s.Parallel == nil {
			return nil // a sequential subtest
		}
	}
	return s
}

// spawnedFunc is FuncOf for the function value a goroutine runs, which
// may also be read back from a field the spawning function stored it in
// itself, once and before (s.timeoutFn = func() {...}; then
// time.AfterFunc(d, s.timeoutFn)).
func spawnedFunc(v ssa.Value) (*ssa.Function, []ssa.Value) {
	if fn, bindings := FuncOf(v); fn != nil {
		return fn, bindings
	}
	if st := storedBefore(v); st != nil {
		return FuncOf(st.Val)
	}
	return nil, nil
}

// storedBefore returns, for v a load of a field, the store to the same
// field of the same object that its function makes before the load in
// every execution, when it is the function's only store to that field.
func storedBefore(v ssa.Value) *ssa.Store {
	load, ok := v.(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return nil
	}
	fa, ok := load.X.(*ssa.FieldAddr)
	if !ok {
		return nil
	}
	var found *ssa.Store
	for _, b := range load.Parent().Blocks {
		for _, instr := range b.Instrs {
			st, ok := instr.(*ssa.Store)
			if !ok {
				continue
			}
			if sa, ok := st.Addr.(*ssa.FieldAddr); ok && sa.Field == fa.Field && sameObject(sa.X, fa.X) {
				if found != nil {
					return nil
				}
				found = st
			}
		}
	}
	if found == nil || !After(found, load) {
		return nil
	}
	return found
}

// sameObject reports whether a and b are the same pointer: one value, or
// two loads of a variable that holds one value all its life (storedOnce:
// a pointer captured by a closure lives in such a variable).
func sameObject(a, b ssa.Value) bool {
	if a == b {
		return true
	}
	la, ok1 := a.(*ssa.UnOp)
	lb, ok2 := b.(*ssa.UnOp)
	if !ok1 || !ok2 || la.Op != token.MUL || lb.Op != token.MUL || la.X != lb.X {
		return false
	}
	alloc, ok := la.X.(*ssa.Alloc)
	return ok && storedOnce(alloc) != nil
}

// parallelCall returns the call t.Parallel() on fn's *testing.T
// parameter, if fn makes one.
func parallelCall(fn *ssa.Function) ssa.Instruction {
	if len(fn.Params) == 0 {
		return nil
	}
	t := fn.Params[0]
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(*ssa.Call)
			if !ok {
				continue
			}
			c := call.Common()
			if isMethod(calleeFunc(c), "testing", "T", "Parallel") && len(c.Args) == 1 && c.Args[0] == t {
				return call
			}
		}
	}
	return nil
}

// After reports whether instruction b runs after a in every execution
// of their function (a dominates b and comes first).
func After(a, b ssa.Instruction) bool {
	ab, bb := a.Block(), b.Block()
	if ab != bb {
		return ab.Dominates(bb)
	}
	for _, in := range ab.Instrs {
		if in == a {
			return true
		}
		if in == b {
			return false
		}
	}
	return false
}

// Translate expresses l, a location of Fn's frame, in the parent's frame:
// through Env, then through each of Outer.
func (s *Spawn) Translate(l Loc) (Loc, bool) {
	l, ok := s.Env.Translate(l)
	for _, env := range s.Outer {
		if !ok {
			break
		}
		l, ok = env.Translate(l)
	}
	return l, ok
}

// StartLocks returns the locks held where the goroutine was started, in
// the parent's frame: at the go statement (in the callee that started
// it, for a spawn rebound to a call) and at the spawning call.
func (s *Spawn) StartLocks(locksAt func(ssa.Instruction) Lockset) Lockset {
	out := locksAt(s.Instr)
	if s.Started != nil {
		ls := locksAt(s.Started)
		for _, env := range s.Outer {
			ls = env.TranslateLocks(ls)
		}
		out = union(out, ls)
	}
	return out
}

// TranslateLocks translates a lockset of Fn's frame into the parent's,
// dropping the locks local to Fn or to the callees on the way.
func (s *Spawn) TranslateLocks(ls Lockset) Lockset {
	ls = s.Env.TranslateLocks(ls)
	for _, env := range s.Outer {
		ls = env.TranslateLocks(ls)
	}
	return ls
}
