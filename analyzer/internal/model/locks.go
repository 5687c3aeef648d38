package model

import (
	"golang.org/x/tools/go/ssa"
)

// Held is a lock held at a program point. Write is false for a read
// lock (RLock), which excludes writers but not other readers.
type Held struct {
	Loc   Loc
	Write bool
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
				out = append(out, Held{x.Loc, x.Write && y.Write})
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
func Protects(a, b Lockset) bool {
	for _, x := range a {
		for _, y := range b {
			if x.Loc == y.Loc && (x.Write || y.Write) {
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

func classifyLock(c *ssa.CallCommon) (lockOp, Loc) {
	f := calleeFunc(c)
	if f == nil || len(c.Args) == 0 {
		return noLockOp, Loc{}
	}
	recv := LocOf(c.Args[0])
	switch {
	case isMethod(f, "sync", "Mutex", "Lock"), isMethod(f, "sync", "RWMutex", "Lock"):
		return opLock, recv
	case isMethod(f, "sync", "RWMutex", "RLock"):
		return opRLock, recv
	case isMethod(f, "sync", "Mutex", "Unlock"), isMethod(f, "sync", "RWMutex", "Unlock"),
		isMethod(f, "sync", "RWMutex", "RUnlock"):
		return opUnlock, recv
	case isMethod(f, "sync", "Once", "Do"):
		return opOnceDone, recv
	}
	return noLockOp, Loc{}
}
