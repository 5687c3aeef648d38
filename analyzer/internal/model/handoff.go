package model

import "golang.org/x/tools/go/ssa"

// handoffLocks returns the locks fn releases on every path without ever
// acquiring them: a goroutine body that unlocks what its starter locked
// before the go statement (b.lock.Lock(); go func() { defer
// b.lock.Unlock(); ... }()), an unlock helper. fn can only be entered
// with them held, since unlocking an unlocked sync.Mutex is a fatal
// error. "Every path" is kept simple: an unlock in the entry block, or
// deferred from it (directly or by a deferred closure's entry block).
func handoffLocks(fn *ssa.Function) Lockset {
	if len(fn.Blocks) == 0 {
		return nil
	}
	var out Lockset
	for _, instr := range fn.Blocks[0].Instrs {
		switch in := instr.(type) {
		case *ssa.Call:
			if h, ok := unlockOf(in.Common()); ok {
				out = out.with(h)
			}
		case *ssa.Defer:
			if h, ok := unlockOf(in.Common()); ok {
				out = out.with(h)
			} else {
				out = append(out, deferredUnlocks(fn, in.Common())...)
			}
		}
	}
	if len(out) == 0 {
		return nil
	}
	own := ownLocks(fn)
	var kept Lockset
	for _, h := range out {
		if !own[h.Loc] {
			kept = kept.with(h)
		}
	}
	return kept
}

// deferredUnlocks returns the unlocks in the entry block of a closure fn
// defers, in fn's frame; none when the closure locks anything itself.
func deferredUnlocks(fn *ssa.Function, c *ssa.CallCommon) Lockset {
	callee, bindings := FuncOf(c.Value)
	if callee == nil || callee.Parent() != fn || len(callee.Blocks) == 0 || len(ownLocks(callee)) > 0 {
		return nil
	}
	env := CallEnv(callee, c.Args, bindings)
	var out Lockset
	for _, instr := range callee.Blocks[0].Instrs {
		call, ok := instr.(*ssa.Call)
		if !ok {
			continue
		}
		if h, ok := unlockOf(call.Common()); ok {
			if l, ok := env.Translate(h.Loc); ok {
				h.Loc = l
				out = out.with(h)
			}
		}
	}
	return out
}

// unlockOf returns the lock an Unlock or RUnlock call releases, held for
// writing unless it is an RUnlock.
func unlockOf(c *ssa.CallCommon) (Held, bool) {
	op, h := classifyLock(c)
	if op != opUnlock || !h.Loc.Valid() {
		return Held{}, false
	}
	name := ""
	if c.IsInvoke() {
		name = c.Method.Name()
	} else if f := calleeFunc(c); f != nil {
		name = f.Name()
	}
	h.Write = name != "RUnlock"
	return h, true
}

// handedOver returns the caller's locks ls, held at a call of fn (whose
// summary is cs), without those fn takes over: locks fn holds on entry
// and releases. fn's own accesses carry them up to the release, so the
// caller's lockset must not cover the accesses after it.
func (m *Model) handedOver(fn *ssa.Function, cs *Summary, env Env, ls Lockset) Lockset {
	if len(cs.Releases) == 0 || len(ls) == 0 {
		return ls
	}
	entry := m.EntryLocks(fn)
	for _, l := range cs.Releases {
		if held, _ := entry.Holds(l); !held {
			continue
		}
		if cl, ok := env.Translate(l); ok {
			ls, _ = ls.without(cl)
		}
	}
	return ls
}
