package model

import (
	"go/constant"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// An Env maps the parameters and free variables of a callee (or of a
// spawned function) to locations in the caller's frame.
type Env map[ssa.Value]Loc

// CallEnv binds fn's parameters to args and its free variables to
// bindings, all values of the caller.
func CallEnv(fn *ssa.Function, args, bindings []ssa.Value) Env {
	env := make(Env, len(args)+len(bindings))
	for i, p := range fn.Params {
		if i < len(args) {
			env[p] = LocOf(args[i])
		}
	}
	for i, fv := range fn.FreeVars {
		if i < len(bindings) {
			env[fv] = LocOf(bindings[i])
		}
	}
	return env
}

// Translate expresses l, a location of the callee's frame, in the
// caller's frame. Globals (and Opaque roots) are the same everywhere; locations rooted in
// the callee's own values do not translate.
func (env Env) Translate(l Loc) (Loc, bool) {
	switch l.Root.(type) {
	case *ssa.Global, *Opaque:
		return l, true
	}
	base, ok := env[l.Root]
	if !ok || !base.Valid() || l.Path != "" && asserted(l.Root, base) {
		return Loc{}, false
	}
	return base.Extend(l.Path), true
}

// asserted reports whether a path on callee value root, bound to base,
// went through a type assertion that the caller's location may not
// satisfy: root is an interface and base a concrete value (String
// passing a *Named to TypeString(Type), which reads an *Interface's
// methods in one case of its type switch). A path on an interface value
// exists only through an assertion, whose type the path does not keep.
func asserted(root ssa.Value, base Loc) bool {
	if !types.IsInterface(root.Type()) {
		return false
	}
	return base.Path != "" || !types.IsInterface(base.Root.Type())
}

// TranslateLocks translates a lockset, dropping locks local to the
// callee. A mutex field of an object the caller cannot name (s :=
// nc.subs[sub.sid]; s.mu.Lock()) stays held, identified by its field
// and type, as locks reached through different paths are compared.
func (env Env) TranslateLocks(ls Lockset) Lockset {
	var out Lockset
	for _, h := range ls {
		if l, ok := env.Translate(h.Loc); ok {
			if p, rlocker := strings.CutSuffix(l.Path, RLockerStep); rlocker {
				// withLock(mu.RLocker(), f): mu, read-locked
				out = append(out, Held{Loc{l.Root, p}, false, h.Field})
				continue
			}
			out = append(out, Held{l, h.Write, h.Field})
		} else if h.Field != "" && loadedFromMemory(h.Loc.Root) {
			out = append(out, h)
		}
	}
	return out
}

// union returns the locks of a and b.
func union(a, b Lockset) Lockset {
	out := append(Lockset(nil), a...)
	for _, h := range b {
		out = out.with(h)
	}
	return out
}

// callTarget returns the in-scope function a call runs and its Env.
func (m *Model) callTarget(c *ssa.CallCommon) (*ssa.Function, Env) {
	fn, bindings := m.callee(c)
	if fn == nil {
		return m.returnedClosureTarget(c)
	}
	return fn, CallEnv(fn, CallArgs(c), bindings)
}

// CallArgs returns the arguments a call passes to its callee's
// parameters: for a call through an interface, the receiver first.
func CallArgs(c *ssa.CallCommon) []ssa.Value {
	if c.IsInvoke() {
		return append([]ssa.Value{c.Value}, c.Args...)
	}
	return c.Args
}

// Resolves reports whether the model follows a call: a static callee,
// an interface it devirtualizes, or a closure a callee returned.
func (m *Model) Resolves(c *ssa.CallCommon) bool {
	fn, _ := m.callTarget(c)
	return fn != nil
}

// Callee returns the in-scope function a call runs, statically or
// through an interface the model resolves (Devirtualize), or nil.
func (m *Model) Callee(c *ssa.CallCommon) *ssa.Function {
	fn, _ := m.callee(c)
	return fn
}

// callee returns the in-scope function a call runs and the values bound
// to its free variables, without resolving the Env, which most callers
// of callTarget's result do not need.
func (m *Model) callee(c *ssa.CallCommon) (*ssa.Function, []ssa.Value) {
	if c.IsInvoke() {
		if fn := m.invokeTarget(c); m.InScope(fn) {
			return fn, nil
		}
		return nil, nil
	}
	fn, bindings := FuncOf(c.Value)
	if !m.InScope(fn) {
		return nil, nil
	}
	return fn, bindings
}

// visitCall records what a call does: builtins, atomics, WaitGroup and
// errgroup operations, sync.Once.Do, and same-package callees.
func (m *Model) visitCall(s *Summary, c *ssa.CallCommon, instr ssa.Instruction, ls Lockset, depth int, deferred bool) {
	switch BuiltinName(c) {
	case "delete":
		if !deferred {
			m.add(s, Access{Loc: LocOf(c.Args[0]).Extend("{}"), Write: true, Map: true, Pos: accessPos(instr), Instr: instr, Locks: ls})
		}
		return
	case "close":
		s.Signals = append(s.Signals, Sync{Kind: SyncChan, Loc: LocOf(c.Args[0]), Instr: instr, Deferred: deferred})
		if !deferred {
			m.add(s, chanAccess(c.Args[0], true, instr, ls))
		}
		return
	case "":
	default:
		return
	}
	m.visitEffects(s, c, instr, deferred)
	f := calleeFunc(c)
	m.visitTesting(s, c, f, instr, ls, depth, deferred)
	if atomic, write := isAtomicFunc(f); atomic && len(c.Args) > 0 {
		l := LocOf(c.Args[0])
		if !deferred {
			m.add(s, Access{Loc: l, Write: write, Atomic: true, Pos: accessPos(instr), Instr: instr, Locks: ls})
		}
		atomicSync(s, f.Name(), l, instr, deferred)
		return
	}
	if isAtomicTypeMethod(f) && len(c.Args) > 0 {
		atomicSync(s, f.Name(), LocOf(c.Args[0]), instr, deferred)
		return
	}
	if isFunc(f, "testing/synctest", "Wait") || isFunc(f, "internal/synctest", "Wait") {
		s.Joins = append(s.Joins, Sync{Kind: SyncAll, Instr: instr, Deferred: deferred})
		return
	}
	if k, ok := syncOp(f); ok && len(c.Args) > 0 {
		op := Sync{Kind: k.kind, Loc: LocOf(c.Args[0]), Instr: instr, Deferred: deferred, Pos: c.Pos()}
		op.Partial = k.kind == SyncSemaphore && !k.signal && !acquiresAll(c)
		if k.signal {
			s.Signals = append(s.Signals, op)
		} else {
			s.Joins = append(s.Joins, op)
		}
		return
	}
	if isMethod(f, "sync", "Once", "Do") && len(c.Args) == 2 && !deferred {
		if fn, bindings := FuncOf(c.Args[1]); m.InScope(fn) && depth > 0 {
			once := Held{Loc: LocOf(c.Args[0]), Write: true}
			m.inline(s, fn, CallEnv(fn, nil, bindings), instr, ls.with(once), depth, false)
		}
		return
	}
	fn, env := m.callTarget(c)
	switch {
	case fn != nil && depth > 0:
		m.inline(s, fn, env, instr, ls, depth, deferred)
	case fn != nil:
	case !deferred && isFuncInput(LocOf(c.Value)):
		recordFuncCall(s, c, instr, ls)
	case m.External != nil:
		m.external(s, c, instr, ls, deferred)
	}
}

// external adds what an out-of-package callee does, per m.External.
// Its synchronization (channel operations, waits) happens at the call;
// its accesses are left out of deferred calls, like those of builtins.
func (m *Model) external(s *Summary, c *ssa.CallCommon, instr ssa.Instruction, ls Lockset, deferred bool) {
	ext := m.External(c)
	if ext == nil {
		return
	}
	for _, op := range ext.Signals {
		op.Instr, op.Deferred = instr, deferred
		s.Signals = append(s.Signals, op)
	}
	for _, op := range ext.Joins {
		op.Instr, op.Deferred = instr, deferred
		s.Joins = append(s.Joins, op)
	}
	if deferred {
		return
	}
	for _, a := range ext.Accesses {
		a.Instr, a.Pos = instr, accessPos(instr)
		a.Locks = union(ls, a.Locks)
		m.add(s, a)
	}
}

type syncKind struct {
	kind   SyncKind
	signal bool
}

// syncOp classifies WaitGroup, errgroup and semaphore calls: a
// semaphore hands what one goroutine did before Release to whoever
// Acquires after it.
func syncOp(f *types.Func) (syncKind, bool) {
	switch {
	case isMethod(f, "sync", "WaitGroup", "Done"):
		return syncKind{SyncWaitGroup, true}, true
	case isMethod(f, "sync", "WaitGroup", "Wait"):
		return syncKind{SyncWaitGroup, false}, true
	case isMethod(f, "golang.org/x/sync/errgroup", "Group", "Wait"):
		return syncKind{SyncErrgroup, false}, true
	case isMethod(f, "golang.org/x/sync/semaphore", "Weighted", "Release"):
		return syncKind{SyncSemaphore, true}, true
	case isMethod(f, "golang.org/x/sync/semaphore", "Weighted", "Acquire"),
		isMethod(f, "golang.org/x/sync/semaphore", "Weighted", "TryAcquire"):
		return syncKind{SyncSemaphore, false}, true
	}
	return syncKind{}, false
}

// inline adds the translated summary of a callee to s, at the call.
func (m *Model) inline(s *Summary, fn *ssa.Function, env Env, call ssa.Instruction, ls Lockset, depth int, deferred bool) {
	cs := m.summary(fn, calleeDepth(fn, depth))
	s.Signals = appendSignals(s.Signals, cs.Signals, env, call, deferred)
	for i, j := range cs.Joins {
		if l, ok := env.Translate(j.Loc); ok {
			s.Joins = append(s.Joins, Sync{Kind: j.Kind, Loc: l, Instr: call, Deferred: deferred || j.Deferred, Partial: j.Partial, Pos: j.Pos, At: opPos(j), Tail: j.Final, Poll: j.Poll, Inner: &cs.Joins[i]})
		}
	}
	m.inlineTesting(s, cs, env, call, ls, deferred)
	if deferred {
		return
	}
	m.addTranslated(s, LiveAccesses(fn, cs.Accesses, call), env, call, m.handedOver(fn, cs, env, ls))
	passFuncCalls(s, cs, env, call, ls)
	m.inlineFuncArgs(s, cs, env, call, ls, depth) // the closures are the caller's code: no level of their own
}

// appendSignals appends a callee's signals, expressed in the caller's
// frame through env, as made at call. Signals that differ only in where
// the callee makes them are the same at the call: each is added once.
func appendSignals(to, signals []Sync, env Env, call ssa.Instruction, deferred bool) []Sync {
	start := len(to)
	var seen map[Sync]bool // for many signals; a scan of the few added otherwise
	if len(signals) > 8 {
		seen = make(map[Sync]bool, len(signals))
	}
	for _, so := range signals {
		l, ok := env.Translate(so.Loc)
		if !ok {
			continue
		}
		sig := Sync{Kind: so.Kind, Loc: l, Instr: call, Deferred: deferred || so.Deferred, Counter: so.Counter}
		if seen != nil {
			if seen[sig] {
				continue
			}
			seen[sig] = true
		} else if slices.Contains(to[start:], sig) {
			continue
		}
		to = append(to, sig)
	}
	return to
}

// addTranslated adds a callee's accesses to s, expressed in the caller's
// frame through env, made at instr with the locks ls held besides their
// own. Accesses rooted in the callee's own values are left out.
func (m *Model) addTranslated(s *Summary, accesses []Access, env Env, instr ssa.Instruction, ls Lockset) {
	// One allocation for what the callee adds, not a doubling per append.
	s.Accesses = slices.Grow(s.Accesses, max(0, min(len(accesses), m.MaxAccesses-len(s.Accesses))))
	for i, a := range accesses {
		if a.Deferred && !m.Deferred {
			continue // DeferredLocal: the callee's own exit only
		}
		a.Inner = &accesses[i]
		l, ok := env.Translate(a.Loc)
		if !ok {
			l, ok = m.devirtTranslate(env, a.Loc, instr)
		}
		if !ok && m.OpaqueArgs && a.Chan && loadedFromMemory(a.Loc.Root) {
			// A channel of an object the callee took out of shared
			// memory (a query looked up in a registry): it stays, about
			// that object, as OpaqueArgs keeps function arguments.
			l, ok = a.Loc, true
		}
		if !ok {
			continue
		}
		a.Loc, a.Instr = l, instr
		a.Locks = union(ls, env.TranslateLocks(a.Locks))
		a.Taken = env.TranslateLocks(a.Taken)
		m.add(s, a)
	}
}

// opPos returns the position, in the callee, of the instruction of op:
// the operation itself or the call that leads to it.
func opPos(op Sync) token.Pos {
	if op.Instr == nil {
		return token.NoPos
	}
	return op.Instr.Pos()
}

// atomicSync records an atomic operation as synchronization: a store
// publishes (release), a load observes (acquire). A goroutine that waits
// for a flag another sets with an atomic store is ordered after it.
func atomicSync(s *Summary, name string, l Loc, instr ssa.Instruction, deferred bool) {
	op := Sync{Kind: SyncAtomic, Loc: l, Instr: instr, Deferred: deferred}
	if !strings.HasPrefix(name, "Load") {
		sig := op
		sig.Counter = strings.HasPrefix(name, "Add") || strings.HasPrefix(name, "CompareAndSwap")
		s.Signals = append(s.Signals, sig)
	}
	if strings.HasPrefix(name, "Load") || strings.HasPrefix(name, "CompareAndSwap") || strings.HasPrefix(name, "Swap") {
		s.Joins = append(s.Joins, op)
	}
	if strings.HasPrefix(name, "Add") && !deferred {
		if b := lastOut(instr); b != nil {
			op.Branch = b
			s.Joins = append(s.Joins, op)
		}
	}
}

// lastOut returns the block entered when the result of the atomic Add
// call instr is zero ("if atomic.AddInt64(&left, -1) == 0 { close(ch) }"):
// the last of the goroutines sharing the counter to decrement it runs
// it, after every other one's decrement and what each did before it.
func lastOut(instr ssa.Instruction) *ssa.BasicBlock {
	v, ok := instr.(ssa.Value)
	if !ok || v.Referrers() == nil {
		return nil
	}
	for _, r := range *v.Referrers() {
		cmp, ok := r.(*ssa.BinOp)
		if !ok || cmp.Op != token.EQL || !(isZero(cmp.X) && cmp.Y == v || isZero(cmp.Y) && cmp.X == v) {
			continue
		}
		for _, u := range *cmp.Referrers() {
			if br, ok := u.(*ssa.If); ok && len(br.Block().Succs) == 2 {
				return br.Block().Succs[0]
			}
		}
	}
	return nil
}

func isZero(v ssa.Value) bool {
	c, ok := v.(*ssa.Const)
	return ok && c.Value != nil && c.Value.Kind() == constant.Int && constant.Sign(c.Value) == 0
}

// isAtomicTypeMethod reports whether f is a method of a sync/atomic type
// (atomic.Int64, atomic.Bool, atomic.Pointer, ...).
func isAtomicTypeMethod(f *types.Func) bool {
	return f != nil && f.Pkg() != nil && f.Pkg().Path() == "sync/atomic" &&
		f.Type().(*types.Signature).Recv() != nil
}

// acquiresAll reports whether a semaphore.Weighted Acquire or TryAcquire
// takes every unit of a semaphore created in the same function by
// NewWeighted: the same value, or equal constants, as its size.
func acquiresAll(c *ssa.CallCommon) bool {
	size := semaphoreSize(c.Args[0])
	if size == nil {
		return false
	}
	weight := c.Args[len(c.Args)-1]
	if size == weight {
		return true
	}
	cs, ok1 := size.(*ssa.Const)
	cw, ok2 := weight.(*ssa.Const)
	return ok1 && ok2 && cs.Value != nil && cw.Value != nil && constant.Compare(cs.Value, token.EQL, cw.Value)
}

// semaphoreSize returns the size argument of the NewWeighted call that
// created sem, looking through a local variable assigned once (one that
// closures capture), or nil.
func semaphoreSize(sem ssa.Value) ssa.Value {
	if load, ok := sem.(*ssa.UnOp); ok && load.Op == token.MUL {
		alloc, ok := load.X.(*ssa.Alloc)
		if !ok {
			return nil
		}
		var stored ssa.Value
		for _, r := range *alloc.Referrers() {
			if st, ok := r.(*ssa.Store); ok && st.Addr == alloc {
				if stored != nil {
					return nil // assigned more than once
				}
				stored = st.Val
			}
		}
		sem = stored
	}
	create, ok := sem.(*ssa.Call)
	if !ok || !isFunc(calleeFunc(&create.Call), "golang.org/x/sync/semaphore", "NewWeighted") || len(create.Call.Args) != 1 {
		return nil
	}
	return create.Call.Args[0]
}
