package model

import (
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// An Access is a read or write of a location.
type Access struct {
	Loc    Loc
	Write  bool
	Atomic bool // through a sync/atomic function
	Append bool // the store of an append result back to its variable
	Map    bool // a map read, write or delete
	// Lazy marks a store made only when its location is nil or empty
	// ("if t.common == nil { t.common = c }"); Sets, a store of a value
	// that is certainly not nil or empty. Once either has run, a lazy
	// store to the same location no longer runs.
	Lazy, Sets bool
	// Chan marks a close (Write) of, or a send (read) on, a channel: Loc
	// is the channel's own state (ChanState), which the race detector
	// sees written by close and read by every send.
	Chan bool
	// Deferred marks an access a deferred call makes, at the exit of the
	// function that deferred it.
	Deferred bool
	// The flags above come first and together: summaries hold many
	// accesses, and packed they take one word.
	Pos    token.Pos
	Instr  ssa.Instruction // in the summarized function: the access or the call leading to it
	Locks  Lockset         // locks certainly held
	Origin string          // for an access made by another package's function (see Model.External): its position, "file.go:line"
	// After holds locks the access certainly runs after acquiring: for
	// an access of a goroutine started with them held (set by the race
	// checker for nested goroutines).
	After Lockset
	// Taken holds, for an access through a map its function loaded from
	// a field and then replaced in the field with these locks held
	// ("conns := cc.conns; cc.conns = nil"), those locks: accesses made
	// through the field under them reach the replacement.
	Taken Lockset
	// Inner is, for an access a callee makes (Instr is then the call),
	// the callee's own record of it, or nil when not known.
	Inner *Access
}

// SyncKind says which primitive a Sync operation uses.
type SyncKind int

// The synchronization primitives the model orders goroutines with.
const (
	SyncWaitGroup SyncKind = iota // Done / Wait
	SyncChan                      // send or close / receive
	SyncErrgroup                  // Go / Wait of golang.org/x/sync/errgroup
	SyncAtomic                    // atomic store / atomic load of a flag
	SyncAll                       // synctest.Wait: every goroutine of the bubble is blocked
	SyncSemaphore                 // Release / Acquire of golang.org/x/sync/semaphore.Weighted
	SyncIO                        // a write to / a blocking read from a connection or file (Model.IO)
	SyncCtx                       // a context's cancel func called / a receive that a cancellation ends
	// SyncRendezvous is a receive (signal) / a send (join) on a channel
	// that counts only when the channel is unbuffered (Unbuffered): the
	// receive is synchronized before the completion of the send, so what
	// the receiver did before it happens before what the sender does
	// after its send returns.
	SyncRendezvous
)

// A Sync is a synchronizing operation on a WaitGroup, channel or group.
type Sync struct {
	Kind     SyncKind
	Loc      Loc
	Instr    ssa.Instruction
	Deferred bool // runs when the function returns
	// Partial marks a semaphore Acquire not shown to take every unit: it
	// waits for some holder to Release, not for all of them, so it does
	// not join the goroutines that hold the others.
	Partial bool
	// Branch is, for a receive in a select, the first block of its
	// case: only code there has received from this channel.
	Branch *ssa.BasicBlock
	// Pos is, for a WaitGroup, errgroup or semaphore call, the position
	// of the call itself, in whatever function makes it.
	Pos token.Pos
	// Counter marks an atomic Add or CompareAndSwap: it updates a counter
	// or a state word rather than publishing a flag set after a write.
	Counter bool
	// At is, for an operation a callee makes (Instr is then the call),
	// the position in that callee of the operation or of the call that
	// leads to it.
	At token.Pos
	// Final marks a join that none of its function's accesses (nor its
	// calls of function values it was passed) follow: a loop that runs
	// its callback and then waits for the next tick or a stop channel.
	// Tail marks the join of a callee that was Final there: at the call
	// it orders what comes after the call, not the callee's own accesses.
	Final, Tail bool
	// Poll marks a receive case of a select with a default, made
	// directly or by a callee: it never blocks (a shutdown check).
	Poll bool
	// Inner is, for a join a callee makes (Instr is then the call), the
	// callee's own record of it, or nil when not known.
	Inner *Sync
}

// A Summary is what a function does to memory visible to its callers,
// including what the same-package functions it calls do.
type Summary struct {
	Accesses []Access
	Signals  []Sync  // WaitGroup.Done, channel send and close
	Joins    []Sync  // WaitGroup.Wait, channel receive, errgroup Wait
	Acquires Lockset // locks held at every return that were not held on entry
	Releases []Loc   // locks released that the function did not acquire
	// Adds are the sync.WaitGroup.Add calls (Loc the WaitGroup), save
	// those of a negative constant; TestCalls, the calls that report to
	// a test; Cleanups, what the functions registered with t.Cleanup
	// wait for (testing.go).
	Adds      []Access
	TestCalls []TestCall
	Cleanups  []Sync
	// FuncCalls are the calls of function values the caller passes in
	// (funcargs.go).
	FuncCalls []FuncCall
}

// A Model computes function summaries for one SSA package. It is not
// safe for concurrent use; make one per analysis pass.
type Model struct {
	Pkg         *ssa.Package
	MaxDepth    int // how deep calls are followed
	MaxAccesses int // cap on the accesses of one summary
	// Deferred adds the accesses of deferred calls of the package's
	// functions, at the function's exit (deferred.go); off, they are left
	// out, as the race analyzer's ordering by instruction needs.
	Deferred bool
	// DeferredLocal adds them, marked Access.Deferred, to the summary of
	// the function that defers the calls only: callers do not get them.
	DeferredLocal bool
	// OpaqueArgs binds a parameter of a function value run by a callee
	// (inlineFuncArgs) to itself when its argument is read from memory
	// the caller's frame cannot name (an element of a map the callee
	// ranges over): the accesses stay, about "some shared object". Off
	// for the race analyzer, which would pair such accesses as one
	// object's.
	OpaqueArgs bool
	opaque     map[*ssa.Parameter]*Opaque
	// Devirtualize follows calls through an interface of the package
	// that one package type alone implements (devirt.go).
	Devirtualize bool
	impls        map[*types.Named]types.Type
	devirtParams map[*ssa.Parameter]types.Type // interface parameters whose calls were devirtualized, to the implementor
	// External, when set, summarizes a call to a function outside the
	// package (from facts): accesses and locks already in the caller's
	// frame. Pos and Instr of the accesses are set by the model.
	External func(c *ssa.CallCommon) *Summary
	// Funcs, when set, lists the package's source functions: the call
	// sites of each give the locks held on entry (EntryLocks).
	Funcs []*ssa.Function
	// IO is the one location that I/O synchronizes on: the race detector
	// orders every read from a file descriptor after every earlier write
	// to one, so a goroutine's write to a connection happens before what
	// its parent does after a blocking read that needs it.
	IO        Loc
	io        map[*ssa.Function]ioEffect
	callers   *callers
	entry     map[*ssa.Function]Lockset
	entryBusy map[*ssa.Function]bool
	memo      map[memoKey]memoEntry
	cuts      []*ssa.Function // functions whose recursive calls were cut short, innermost last
	busy      map[*ssa.Function]bool
	noRet     map[*ssa.Function]bool                        // functions that never return (noreturn.go)
	ends      map[*ssa.BasicBlock]bool                      // blocks that end in such a call
	locksAt   map[*ssa.Function]map[*ssa.BasicBlock]Lockset // LocksAt's block entries, at MaxDepth
}

// InScope reports whether calls to fn are followed: functions of the
// package itself with a body, and the synthetic wrappers around them.
func (m *Model) InScope(fn *ssa.Function) bool {
	if fn == nil || len(fn.Blocks) == 0 {
		return false
	}
	if fn.Pkg == m.Pkg || (fn.Origin() != nil && fn.Origin().Pkg == m.Pkg) {
		return true
	}
	return fn.Synthetic != "" && fn.Pkg == nil && len(fn.Blocks) <= 4
}

// build computes the summary of fn.
func (m *Model) build(fn *ssa.Function, depth int) *Summary {
	s := &Summary{}
	entry := m.lockEntries(fn, depth)
	var atReturn Lockset
	returned := false
	released := make(map[Loc]bool)
	rets := make(map[*ssa.BasicBlock]Lockset) // for deferred
	for _, b := range fn.Blocks {
		ls, ok := entry[b]
		if !ok {
			continue
		}
		for _, instr := range b.Instrs {
			m.visit(s, fn, instr, ls, depth)
			if _, ok := instr.(*ssa.Return); ok && b != fn.Recover { // a panic's path says nothing of locks
				if !returned {
					atReturn, returned = ls, true
				} else {
					atReturn = atReturn.intersect(ls)
				}
				rets[b] = ls
			}
			ls = m.transferTracking(fn, instr, ls, depth, released)
		}
	}
	m.deferred(s, fn, rets, depth)
	markFinalJoins(s, m.Deferred)
	s.Acquires = withoutDeferredUnlocks(fn, atReturn)
	if returned {
		s.Acquires = withDeferredLocks(fn, s.Acquires)
	}
	own := ownLocks(fn)
	for l := range released {
		if l.Root != nil && !own[l] {
			s.Releases = append(s.Releases, l)
		}
	}
	// Locks held on entry are the caller's: not acquired here, and
	// released here if they are no longer held at the return.
	for _, h := range m.EntryLocks(fn) {
		var held bool
		s.Acquires, held = s.Acquires.without(h.Loc)
		if returned && !held && !slices.Contains(s.Releases, h.Loc) {
			s.Releases = append(s.Releases, h.Loc)
		}
	}
	return s
}

// ownLocks returns the locks fn itself locks somewhere. Its unlocks of
// them that the must-held dataflow cannot match (if needLock { mu.RLock() }
// ... if needLock { mu.RUnlock() }) release what it took, not a lock of
// its caller: such a function is not an unlock helper.
func ownLocks(fn *ssa.Function) map[Loc]bool {
	own := make(map[Loc]bool)
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if call, ok := instr.(*ssa.Call); ok {
				if op, h := classifyLock(call.Common()); op == opLock || op == opRLock {
					own[h.Loc] = true
				}
			}
		}
	}
	return own
}

// visit records the accesses and synchronization of one instruction.
func (m *Model) visit(s *Summary, fn *ssa.Function, instr ssa.Instruction, ls Lockset, depth int) {
	switch in := instr.(type) {
	case *ssa.Store:
		if isSelfStore(in) {
			return // "return x" onto the named result x itself: no store is compiled
		}
		m.add(s, Access{Loc: LocOf(in.Addr), Write: true, Append: isAppend(in.Val), Pos: accessPos(in), Instr: in, Locks: ls,
			Lazy: lazyStore(in), Sets: nonZero(in.Val)})
	case *ssa.UnOp:
		switch in.Op {
		case token.MUL:
			if !isSyncType(in.Type()) {
				m.add(s, Access{Loc: LocOf(in.X), Pos: accessPos(in), Instr: in, Locks: ls})
			}
		case token.ARROW:
			s.Joins = append(s.Joins, Sync{Kind: SyncChan, Loc: LocOf(in.X), Instr: in})
			s.Signals = append(s.Signals, Sync{Kind: SyncRendezvous, Loc: LocOf(in.X), Instr: in})
			ctxJoins(s, in.X, in)
		}
	case *ssa.MapUpdate:
		m.add(s, Access{Loc: LocOf(in.Map).Extend("{}"), Write: true, Map: true, Pos: accessPos(in), Instr: in, Locks: ls, Taken: m.taken(in.Map)})
	case *ssa.Lookup:
		if _, ok := in.X.Type().Underlying().(*types.Map); ok {
			m.add(s, Access{Loc: LocOf(in.X).Extend("{}"), Map: true, Pos: accessPos(in), Instr: in, Locks: ls, Taken: m.taken(in.X)})
		}
	case *ssa.Range:
		if _, ok := in.X.Type().Underlying().(*types.Map); ok {
			m.add(s, Access{Loc: LocOf(in.X).Extend("{}"), Map: true, Pos: accessPos(in), Instr: in, Locks: ls, Taken: m.taken(in.X)})
		}
	case *ssa.Send:
		s.Signals = append(s.Signals, Sync{Kind: SyncChan, Loc: LocOf(in.Chan), Instr: in})
		s.Joins = append(s.Joins, Sync{Kind: SyncRendezvous, Loc: LocOf(in.Chan), Instr: in})
		m.add(s, chanAccess(in.Chan, false, in, ls))
	case *ssa.Select:
		// A non-blocking select counts too: polled in a loop until the
		// receive succeeds, it is a join on the path that goes on.
		// A send case signals like a send statement, even in a select
		// with a default: Stop methods often send so, never blocking.
		for i, st := range in.States {
			op := Sync{Kind: SyncChan, Loc: LocOf(st.Chan), Instr: in, Branch: caseBlock(in, i), Poll: !in.Blocking}
			if st.Dir == types.RecvOnly {
				s.Joins = append(s.Joins, op)
				ctxJoins(s, st.Chan, in)
				op.Kind = SyncRendezvous
				s.Signals = append(s.Signals, op)
			} else {
				s.Signals = append(s.Signals, op)
				a := chanAccess(st.Chan, false, in, ls)
				if st.Pos.IsValid() {
					a.Pos = st.Pos // the case's arrow, not the select keyword
				}
				m.add(s, a)
			}
		}
	case *ssa.MakeClosure:
		m.closureSignals(s, in, depth)
	case *ssa.Call:
		m.visitCall(s, in.Common(), in, ls, depth, false)
	case *ssa.Defer:
		m.visitCall(s, in.Common(), in, ls, depth, true)
	}
}

// Waits reports whether s waits for another goroutine: a join other than
// a send that may be a rendezvous.
func (s *Summary) Waits() bool {
	for _, j := range s.Joins {
		if j.Kind != SyncRendezvous {
			return true
		}
	}
	return false
}

func (m *Model) add(s *Summary, a Access) {
	if a.Loc.Valid() && len(s.Accesses) < m.MaxAccesses {
		s.Accesses = append(s.Accesses, a)
	}
}

// isSelfStore reports whether st stores into a variable the value just
// loaded from it, as SSA does for "return a, b" onto the named results
// a and b: the compiler emits nothing, so nothing is written.
func isSelfStore(st *ssa.Store) bool {
	load, ok := st.Val.(*ssa.UnOp)
	return ok && load.Op == token.MUL && load.X == st.Addr && load.Block() == st.Block()
}

// isAppend reports whether v is the result of the append builtin.
func isAppend(v ssa.Value) bool {
	c, ok := v.(*ssa.Call)
	return ok && BuiltinName(c.Common()) == "append"
}

// isSyncType reports whether t is a type of package sync or sync/atomic,
// whose copies are not data accesses the race detector reports as such.
func isSyncType(t types.Type) bool {
	named, ok := types.Unalias(t).(*types.Named)
	if !ok || named.Obj().Pkg() == nil {
		return false
	}
	p := named.Obj().Pkg().Path()
	return p == "sync" || p == "sync/atomic"
}

// accessPos returns the position of an access; loads have none of their
// own, so the first user or a following instruction lends one.
func accessPos(instr ssa.Instruction) token.Pos {
	if p := instr.Pos(); p.IsValid() {
		return p
	}
	if v, ok := instr.(ssa.Value); ok && v.Referrers() != nil {
		for _, r := range *v.Referrers() {
			if p := r.Pos(); p.IsValid() {
				return p
			}
		}
	}
	b := instr.Block()
	seen := false
	for _, in := range b.Instrs {
		if in == instr {
			seen = true
		} else if seen && in.Pos().IsValid() {
			return in.Pos()
		}
	}
	return instr.Parent().Pos()
}

// withoutDeferredUnlocks removes from ls the locks that fn releases in a
// deferred call: they are held to the end of the body, not after it.
func withoutDeferredUnlocks(fn *ssa.Function, ls Lockset) Lockset {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if d, ok := instr.(*ssa.Defer); ok {
				if op, h := classifyLock(d.Common()); op == opUnlock {
					ls, _ = ls.without(h.Loc)
				}
			}
		}
	}
	return ls
}

// withDeferredLocks adds to ls the locks fn takes in a deferred call:
// "mu.RUnlock(); defer mu.RLock()" (crypto/tls upgrades a read lock so)
// returns with the lock held again.
func withDeferredLocks(fn *ssa.Function, ls Lockset) Lockset {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if d, ok := instr.(*ssa.Defer); ok {
				switch op, h := classifyLock(d.Common()); op {
				case opLock:
					h.Write = true
					ls = ls.with(h)
				case opRLock:
					ls = ls.with(h)
				}
			}
		}
	}
	return ls
}

// closureSignals records the signals of a closure created here as the
// creator's own: it may well be called (often through a parameter that
// the model does not follow), and assuming more synchronization only
// suppresses reports.
func (m *Model) closureSignals(s *Summary, mc *ssa.MakeClosure, depth int) {
	fn, ok := mc.Fn.(*ssa.Function)
	if !ok || depth <= 0 || !m.InScope(fn) {
		return
	}
	env := CallEnv(fn, nil, mc.Bindings)
	for _, so := range m.summary(fn, calleeDepth(fn, depth)).Signals {
		if so.Kind == SyncIO || so.Kind == SyncRendezvous {
			continue // I/O goes to a peer, a receive is the closure's own
		}
		if l, ok := env.Translate(so.Loc); ok {
			s.Signals = append(s.Signals, Sync{Kind: so.Kind, Loc: l, Instr: mc, Deferred: so.Deferred, Counter: so.Counter})
		}
	}
}

// calleeDepth is the depth a callee is summarized at from a caller at
// depth: one less, except for wrappers (instances of generic functions
// built without instantiation, which forward to the generic body, and
// bound-method or interface-method thunks). They only pass the call on
// and must not use up a level of what they forward to: without this,
// a generic type's methods lost two levels per call. Source functions
// that do nothing but pass the call on (func (s *Server) Check() {
// s.check() }, a getter's call through an interface) are wrappers too.
func calleeDepth(callee *ssa.Function, depth int) int {
	if len(callee.Blocks) == 1 && (callee.Synthetic != "" || forwards(callee)) {
		return depth
	}
	return depth - 1
}

// forwards reports whether fn, one block long, makes one call and
// otherwise only reads its operands and returns: its summary is its
// callee's, at no cost of its own.
func forwards(fn *ssa.Function) bool {
	calls := 0
	for _, instr := range fn.Blocks[0].Instrs {
		switch in := instr.(type) {
		case *ssa.Call:
			if calls++; calls > 1 || BuiltinName(in.Common()) != "" {
				return false
			}
		case *ssa.FieldAddr, *ssa.Field, *ssa.UnOp, *ssa.MakeInterface, *ssa.ChangeType,
			*ssa.ChangeInterface, *ssa.Extract, *ssa.Return, *ssa.DebugRef:
		default:
			return false
		}
	}
	return calls == 1
}
