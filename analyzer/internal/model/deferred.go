package model

import (
	"sort"

	"golang.org/x/tools/go/ssa"
)

// deferred adds, at fn's exit (its rundefers instruction), what its
// deferred calls do: when m.Deferred is set, the accesses of deferred
// calls of the package's functions, and the close of each "defer
// close(ch)". rets holds the lockset at each return block.
func (m *Model) deferred(s *Summary, fn *ssa.Function, rets map[*ssa.BasicBlock]Lockset, depth int) {
	exit := runDefers(fn)
	if exit == nil || len(rets) == 0 {
		return
	}
	defers := deferStmts(fn)
	if (m.Deferred || m.DeferredLocal) && depth > 0 {
		n := len(s.Accesses)
		m.deferredAccesses(s, exit, defers, rets, depth)
		for i := n; i < len(s.Accesses); i++ {
			s.Accesses[i].Deferred = true
		}
	}
	m.deferredCloses(s, exit, defers, rets)
}

// deferredAccesses adds the accesses of the deferred calls of the
// package's functions and closures ("defer func() { s.joining = false
// }()"). They run when fn returns, at its rundefers
// instruction, with the locks held at every return the defer statement
// reaches (rets: the lockset at each return block, before any deferred
// call runs) that were already held at the statement and that no
// deferred call registered after it releases first: "mu.Lock(); defer
// mu.Unlock(); defer func() {...}()" runs the closure with mu held.
func (m *Model) deferredAccesses(s *Summary, exit ssa.Instruction, defers []*ssa.Defer, rets map[*ssa.BasicBlock]Lockset, depth int) {
	for i, d := range defers {
		callee, env := m.callTarget(d.Common())
		if callee == nil {
			continue
		}
		locks, ok := exitLocks(d, rets)
		if !ok {
			continue
		}
		locks = m.LocksAt(d).intersect(locks)
		for _, later := range defers[i+1:] {
			if op, h := classifyLock(later.Common()); op == opUnlock {
				locks, _ = locks.without(h.Loc)
			}
		}
		cs := m.summary(callee, calleeDepth(callee, depth))
		m.addTranslated(s, cs.Accesses, env, exit, m.handedOver(callee, cs, env, locks))
	}
}

// deferredCloses adds the close of each "defer close(ch)" as an access at
// the exit, with the locks held at every return the statement reaches:
// the goroutine that closes its channel when it returns (defer
// close(w.destsCh)) races with a sender as one that closes it last.
func (m *Model) deferredCloses(s *Summary, exit ssa.Instruction, defers []*ssa.Defer, rets map[*ssa.BasicBlock]Lockset) {
	for _, d := range defers {
		if BuiltinName(d.Common()) != "close" || len(d.Common().Args) != 1 {
			continue
		}
		locks, ok := exitLocks(d, rets)
		if !ok {
			continue
		}
		a := chanAccess(d.Common().Args[0], true, exit, m.LocksAt(d).intersect(locks))
		a.Pos = d.Common().Pos()
		m.add(s, a)
	}
}

// exitLocks returns the locks held at every return reachable from the
// defer statement d, and false when it reaches none.
func exitLocks(d *ssa.Defer, rets map[*ssa.BasicBlock]Lockset) (Lockset, bool) {
	var out Lockset
	found := false
	seen := map[*ssa.BasicBlock]bool{d.Block(): true}
	for work := []*ssa.BasicBlock{d.Block()}; len(work) > 0; {
		b := work[len(work)-1]
		work = work[:len(work)-1]
		if ls, ok := rets[b]; ok {
			if !found {
				out, found = ls, true
			} else {
				out = out.intersect(ls)
			}
		}
		for _, succ := range b.Succs {
			if !seen[succ] {
				seen[succ] = true
				work = append(work, succ)
			}
		}
	}
	return out, found
}

// runDefers returns an instruction that runs fn's deferred calls, or nil.
func runDefers(fn *ssa.Function) ssa.Instruction {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if rd, ok := instr.(*ssa.RunDefers); ok {
				return rd
			}
		}
	}
	return nil
}

// deferStmts returns fn's defer statements in source order, the order
// they are registered in straight-line code.
func deferStmts(fn *ssa.Function) []*ssa.Defer {
	var out []*ssa.Defer
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if d, ok := instr.(*ssa.Defer); ok {
				out = append(out, d)
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Pos() < out[j].Pos() })
	return out
}
