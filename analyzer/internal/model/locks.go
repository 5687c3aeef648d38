package model

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// Held is a lock held at a program point. Write is false for a read
// lock (RLock), which excludes writers but not other readers.
type Held struct {
	Loc   Loc
	Write bool
	Field string // "pkg.Type.field" when the lock is a struct field, for may-alias checks
}

// A Lockset is the set of locks certainly held at a program point.
type Lockset []Held

// with returns ls plus h (a stronger mode replaces a weaker one).
func (ls Lockset) with(h Held) Lockset {
	out := make(Lockset, 0, len(ls)+1)
	for _, x := range ls {
		if x.Loc != h.Loc {
			out = append(out, x)
		} else if x.Write {
			h.Write = true
		}
	}
	return append(out, h)
}

// without returns ls minus any lock at l, and whether l was held.
func (ls Lockset) without(l Loc) (Lockset, bool) {
	out := make(Lockset, 0, len(ls))
	found := false
	for _, x := range ls {
		if x.Loc == l {
			found = true
			continue
		}
		out = append(out, x)
	}
	return out, found
}

// intersect returns the locks held in both sets, in the weaker mode.
func (ls Lockset) intersect(o Lockset) Lockset {
	var out Lockset
	for _, x := range ls {
		for _, y := range o {
			if x.Loc == y.Loc {
				out = append(out, Held{x.Loc, x.Write && y.Write, x.Field})
			}
		}
	}
	return out
}

func (ls Lockset) equal(o Lockset) bool {
	if len(ls) != len(o) {
		return false
	}
	for _, x := range ls {
		found := false
		for _, y := range o {
			if x == y {
				found = true
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// Protects reports whether two accesses holding a and b are mutually
// excluded: a lock common to both, held for writing by at least one.
// Two locks reached by different paths are taken to be the same when
// they are the same field of the same struct type (c.mu and p.c.mu):
// when in doubt, racecheck assumes the code is synchronized.
func Protects(a, b Lockset) bool {
	for _, x := range a {
		for _, y := range b {
			same := x.Loc == y.Loc || (x.Field != "" && x.Field == y.Field)
			if same && (x.Write || y.Write) {
				return true
			}
		}
	}
	return false
}

// Holds reports whether ls holds l, and in write mode.
func (ls Lockset) Holds(l Loc) (held, write bool) {
	for _, x := range ls {
		if x.Loc == l {
			return true, x.Write
		}
	}
	return false, false
}

// lockOp classifies a call as a lock operation on a mutex location.
type lockOp int

const (
	noLockOp lockOp = iota
	opLock
	opRLock
	opUnlock
	opOnceDone // after sync.Once.Do: what Do's function wrote is visible
)

func classifyLock(c *ssa.CallCommon) (lockOp, Held) {
	if c.IsInvoke() {
		return classifyLocker(c)
	}
	f := calleeFunc(c)
	if f == nil || len(c.Args) == 0 {
		return noLockOp, Held{}
	}
	op := lockOpOf(f)
	if op == noLockOp {
		return noLockOp, Held{} // most calls: no lock to resolve
	}
	return op, heldOf(c.Args[0])
}

// lockOpOf classifies a call of f, whose first argument is the lock.
func lockOpOf(f *types.Func) lockOp {
	switch {
	case isMethod(f, "sync", "Mutex", "Lock"), isMethod(f, "sync", "RWMutex", "Lock"):
		return opLock
	case isMethod(f, "sync", "RWMutex", "RLock"):
		return opRLock
	case isMethod(f, "sync", "Mutex", "Unlock"), isMethod(f, "sync", "RWMutex", "Unlock"),
		isMethod(f, "sync", "RWMutex", "RUnlock"):
		return opUnlock
	case isMethod(f, "sync", "Once", "Do"):
		return opOnceDone
	case isFunc(f, "runtime", "lock"), isFunc(f, "runtime", "lockWithRank"):
		return opLock // the runtime's own mutexes
	case isFunc(f, "runtime", "unlock"), isFunc(f, "runtime", "unlockWithRank"):
		return opUnlock
	}
	return classifyByName(f)
}

// classifyByName recognizes the methods of other lock types by their
// conventional names: a custom mutex (poll.fdMutex.RWLock) is a lock.
func classifyByName(f *types.Func) lockOp {
	if f.Type().(*types.Signature).Recv() == nil || f.Pkg() == nil || f.Pkg().Path() == "sync" {
		return noLockOp
	}
	switch f.Name() {
	case "Lock", "RWLock":
		return opLock
	case "RLock":
		return opRLock
	case "Unlock", "RUnlock", "RWUnlock":
		return opUnlock
	}
	return noLockOp
}

// classifyLocker recognizes Lock and Unlock through an interface such
// as sync.Locker (sync.Cond's L).
func classifyLocker(c *ssa.CallCommon) (lockOp, Held) {
	sig := c.Method.Type().(*types.Signature)
	if sig.Params().Len() != 0 || sig.Results().Len() != 0 {
		return noLockOp, Held{}
	}
	switch c.Method.Name() {
	case "Lock":
		return opLock, heldOf(c.Value)
	case "RLock":
		return opRLock, heldOf(c.Value)
	case "Unlock", "RUnlock":
		return opUnlock, heldOf(c.Value)
	}
	return noLockOp, Held{}
}

// heldOf returns the lock a mutex address denotes, with its field key.
func heldOf(v ssa.Value) Held {
	h := Held{Loc: LocOf(v)}
	if load, ok := v.(*ssa.UnOp); ok && load.Op == token.MUL {
		v = load.X // an interface or pointer field holding the lock
	}
	if fa, ok := v.(*ssa.FieldAddr); ok {
		if ptr, ok := fa.X.Type().Underlying().(*types.Pointer); ok { // not a type parameter
			h.Field = types.TypeString(ptr.Elem(), nil) + "." + fieldName(fa.X.Type(), fa.Field)
		}
	}
	return h
}
