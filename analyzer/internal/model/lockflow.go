package model

import (
	"go/constant"

	"golang.org/x/tools/go/ssa"
)

// maxLockIterations bounds the lockset fixpoint; locksets only shrink,
// so it is reached long before this in practice.
const maxLockIterations = 50

// lockEntries computes the must-held lockset at the entry of every
// reachable block of fn: forward dataflow, intersection at merges. Each
// pass goes through the blocks in order but skips those whose entry did
// not change since they were last gone through, which would give their
// successors what they already have (the confirming pass of a function
// without loops then costs nothing).
func (m *Model) lockEntries(fn *ssa.Function, depth int) map[*ssa.BasicBlock]Lockset {
	entry := make(map[*ssa.BasicBlock]Lockset, len(fn.Blocks))
	dirty := make([]bool, len(fn.Blocks)) // by block index
	entry[fn.Blocks[0]], dirty[0] = m.EntryLocks(fn), true
	if fn.Recover != nil {
		entry[fn.Recover], dirty[fn.Recover.Index] = nil, true
	}
	for iter, changed := 0, true; changed && iter < maxLockIterations; iter++ {
		changed = false
		for _, b := range fn.Blocks {
			if !dirty[b.Index] {
				continue
			}
			dirty[b.Index] = false
			ls := entry[b]
			for _, instr := range b.Instrs {
				ls = m.transfer(instr, ls, depth)
			}
			for _, succ := range m.liveSuccs(b) {
				old, seen := entry[succ]
				if !seen {
					entry[succ] = ls
				} else if n := old.intersect(ls); !n.equal(old) {
					entry[succ] = n
				} else {
					continue
				}
				dirty[succ.Index], changed = true, true
			}
		}
	}
	return entry
}

// transfer returns the lockset after instr given the lockset before it.
func (m *Model) transfer(instr ssa.Instruction, ls Lockset, depth int) Lockset {
	return m.transferTracking(instr.Parent(), instr, ls, depth, nil)
}

// transferTracking is transfer that also records, in released, locks
// the function releases without having acquired them (unlock helpers).
func (m *Model) transferTracking(fn *ssa.Function, instr ssa.Instruction, ls Lockset, depth int, released map[Loc]bool) Lockset {
	call, ok := instr.(*ssa.Call)
	if !ok {
		return ls
	}
	c := call.Common()
	switch op, h := classifyLock(c); op {
	case opLock:
		h.Write = true
		return ls.with(h)
	case opRLock, opOnceDone:
		return ls.with(h)
	case opUnlock:
		out, held := ls.without(h.Loc)
		if !held && released != nil {
			released[h.Loc] = true
		}
		return out
	}
	if depth <= 0 {
		return ls
	}
	callee, bindings := m.callee(c)
	if callee == nil && m.External != nil {
		return externalLocks(m.External(c), ls, released)
	}
	if callee == nil || callee == fn {
		return ls
	}
	cs := m.summary(callee, calleeDepth(callee, depth))
	if len(cs.Releases) == 0 && len(cs.Acquires) == 0 {
		return ls
	}
	env := CallEnv(callee, CallArgs(c), bindings)
	for _, l := range cs.Releases {
		if tl, ok := env.Translate(l); ok {
			var held bool
			ls, held = ls.without(tl)
			if !held && released != nil {
				released[tl] = true
			}
		}
	}
	for _, h := range env.TranslateLocks(cs.Acquires) {
		ls = ls.with(h)
	}
	return ls
}

// liveSuccs returns the successors of b that can run: none after a call
// that never returns (t.Fatal, os.Exit, a helper that always fails the
// test), and one branch of an if on a constant (if debug { ... } with
// const debug = false).
func (m *Model) liveSuccs(b *ssa.BasicBlock) []*ssa.BasicBlock {
	if len(b.Instrs) == 0 {
		return b.Succs
	}
	if m.endsBlock(b) {
		return nil
	}
	if cond, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If); ok {
		if c, ok := cond.Cond.(*ssa.Const); ok && c.Value != nil && c.Value.Kind() == constant.Bool {
			if constant.BoolVal(c.Value) {
				return b.Succs[:1]
			}
			return b.Succs[1:]
		}
	}
	return b.Succs
}

// externalLocks applies the lock effects of an out-of-package callee.
func externalLocks(ext *Summary, ls Lockset, released map[Loc]bool) Lockset {
	if ext == nil {
		return ls
	}
	for _, l := range ext.Releases {
		var held bool
		ls, held = ls.without(l)
		if !held && released != nil {
			released[l] = true
		}
	}
	for _, h := range ext.Acquires {
		ls = ls.with(h)
	}
	return ls
}

// LocksAt returns the locks certainly held just before instr runs, in
// its function, following calls MaxDepth deep. The dataflow of each
// function is computed once.
func (m *Model) LocksAt(instr ssa.Instruction) Lockset {
	b := instr.Block()
	if b == nil {
		return nil
	}
	fn := instr.Parent()
	entries, ok := m.locksAt[fn]
	if !ok {
		entries = m.lockEntries(fn, m.MaxDepth)
		m.locksAt[fn] = entries
	}
	ls, ok := entries[b]
	if !ok {
		return nil
	}
	for _, in := range b.Instrs {
		if in == instr {
			break
		}
		ls = m.transfer(in, ls, m.MaxDepth)
	}
	return ls
}
