package model

import (
	"go/ast"
	"go/types"
	"regexp"
	"slices"
	"strings"
	"sync"

	"golang.org/x/tools/go/ssa"
)

// callers records how the functions of the package are referred to:
// the static calls to each, and whether it is used in any other way
// (as a value, through an interface, started as a goroutine, deferred,
// or called from other packages), which leaves its callers unknown.
type callers struct {
	sites   map[*ssa.Function][]*ssa.Call
	escapes map[*ssa.Function]bool
}

// indexCallers scans the package's functions once.
func (m *Model) indexCallers() *callers {
	cs := &callers{sites: make(map[*ssa.Function][]*ssa.Call), escapes: make(map[*ssa.Function]bool)}
	invoked := make(map[string]bool)
	for _, fn := range m.Funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				cs.scan(instr, invoked)
			}
		}
	}
	for _, fn := range m.Funcs {
		if obj, ok := fn.Object().(*types.Func); ok && (obj.Exported() || invoked[obj.Name()]) {
			cs.escapes[fn] = true
		}
	}
	return cs
}

// scan records the references of one instruction.
func (cs *callers) scan(instr ssa.Instruction, invoked map[string]bool) {
	if call, ok := instr.(*ssa.Call); ok {
		c := call.Common()
		if c.IsInvoke() {
			invoked[c.Method.Name()] = true
		} else if fn, ok := c.Value.(*ssa.Function); ok {
			cs.sites[fn] = append(cs.sites[fn], call)
		}
	}
	var ops []*ssa.Value
	for _, op := range instr.Operands(ops) {
		fn, ok := (*op).(*ssa.Function)
		if !ok {
			continue
		}
		if call, ok := instr.(*ssa.Call); ok && op == &call.Call.Value {
			continue
		}
		cs.escapes[fn] = true
		if fn.Synthetic != "" { // a bound-method or interface thunk: what it wraps escapes
			for _, b := range fn.Blocks {
				for _, in := range b.Instrs {
					if c, ok := in.(ssa.CallInstruction); ok && c.Common().StaticCallee() != nil {
						cs.escapes[c.Common().StaticCallee()] = true
					}
				}
			}
		}
	}
	if mc, ok := instr.(*ssa.MakeClosure); ok {
		if fn, ok := mc.Fn.(*ssa.Function); ok {
			cs.escapes[fn] = true
		}
	}
}

// EntryLocks returns the locks held whenever fn starts: those every
// caller in the package holds at its call (RacerD's "locks held on
// entry"), for functions called only directly from this package; and,
// by convention, the receiver's mutexes for a method named ...Locked or
// documented as called with the lock held; and the locks fn releases
// without acquiring them, which its caller or starter handed over
// (handoffLocks).
func (m *Model) EntryLocks(fn *ssa.Function) Lockset {
	if ls, ok := m.entry[fn]; ok {
		return ls
	}
	if m.entryBusy[fn] {
		return nil
	}
	var ls Lockset
	if len(m.Funcs) > 0 {
		if m.callers == nil {
			m.callers = m.indexCallers()
		}
		m.entryBusy[fn] = true
		ls = m.callerLocks(fn)
		for _, h := range conventionLocks(fn) {
			ls = ls.with(h)
		}
		delete(m.entryBusy, fn)
	}
	for _, h := range handoffLocks(fn) {
		ls = ls.with(h)
	}
	m.entry[fn] = ls
	return ls
}

// callerLocks intersects the locks held at fn's call sites, in fn's frame.
func (m *Model) callerLocks(fn *ssa.Function) Lockset {
	sites := m.callers.sites[fn]
	if m.callers.escapes[fn] || len(sites) == 0 {
		return nil
	}
	var acc Lockset
	for i, call := range sites {
		ls := toCallee(m.LocksAt(call), call.Common().Args, fn)
		if i == 0 {
			acc = ls
		} else {
			acc = acc.intersect(ls)
		}
		if len(acc) == 0 {
			return nil
		}
	}
	return acc
}

// toCallee expresses locks of a caller's frame in the callee's frame:
// locks reached from an argument are reached from the parameter;
// locks in globals are the same; others are out of the callee's reach.
func toCallee(ls Lockset, args []ssa.Value, fn *ssa.Function) Lockset {
	var out Lockset
	for _, h := range ls {
		if _, ok := h.Loc.Root.(*ssa.Global); ok {
			out = append(out, h)
			continue
		}
		for i, a := range args {
			al := LocOf(a)
			if i >= len(fn.Params) || al.Root != h.Loc.Root || !strings.HasPrefix(h.Loc.Path, al.Path) {
				continue
			}
			out = append(out, Held{Loc{fn.Params[i], h.Loc.Path[len(al.Path):]}, h.Write, h.Field})
			break
		}
	}
	return out
}

// holdsDoc matches doc comments saying the caller holds a lock: "must
// be called with c.mu held", "lock should be held entering", "caller
// must hold the lock", "requires mu".
var holdsDoc = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)(must|should)\s+(already\s+)?(be\s+)?(hold|held|own)|callers?\s+(must\s+|should\s+)?(hold|holds|own|owns|has|have)\b|(lock|mu|mutex)\w*\s+(is|are|must\s+be|should\s+be)\s+(held|locked|acquired)|(with|while)\s+[\w.]*\s*(lock|mu|mutex)\w*\s+(is\s+|being\s+)?(held|locked)|requires\s+[\w.]*(mu|lock)`)
})

// conventionLocks returns the receiver's mutex fields, held for writing,
// when fn says by its name or doc that its caller holds the lock.
func conventionLocks(fn *ssa.Function) Lockset {
	if fn.Signature.Recv() == nil || len(fn.Params) == 0 {
		return nil
	}
	recv := fn.Params[0]
	ptr, ok := recv.Type().Underlying().(*types.Pointer)
	if !ok {
		return nil
	}
	st, ok := ptr.Elem().Underlying().(*types.Struct)
	if !ok {
		return nil
	}
	var out Lockset
	for i := range st.NumFields() {
		f := st.Field(i)
		if IsMutexType(f.Type()) {
			out = append(out, Held{Loc{recv, "." + f.Name()}, true, types.TypeString(ptr.Elem(), nil) + "." + f.Name()})
		}
	}
	if len(out) == 0 || !callerHolds(fn) { // the doc's regexp last: it is the costly part
		return nil
	}
	return out
}

// callerHolds reports whether fn's name or doc says its caller holds a lock.
func callerHolds(fn *ssa.Function) bool {
	if LockedName(fn.Name()) {
		return true
	}
	decl, ok := fn.Syntax().(*ast.FuncDecl)
	return ok && decl.Doc != nil && holdsDoc().MatchString(decl.Doc.Text())
}

// LockedName reports whether a function's name says, by convention, that
// its caller holds the lock: fooLocked, foo_locked, lockedFoo.
func LockedName(name string) bool {
	return (strings.HasSuffix(name, "Locked") && !strings.HasSuffix(name, "Unlocked")) ||
		strings.HasSuffix(name, "_locked") || strings.HasPrefix(name, "locked")
}

// IsMutexType reports whether t is sync.Mutex or sync.RWMutex, or a
// pointer to one.
func IsMutexType(t types.Type) bool {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	return IsNamed(t, "sync", "Mutex", "RWMutex")
}

// Deref returns what the pointer type t points to, else t.
func Deref(t types.Type) types.Type {
	if p, ok := t.(*types.Pointer); ok {
		return p.Elem()
	}
	return t
}

// IsNamed reports whether t is a named type of package pkgPath, one of
// names when names are given.
func IsNamed(t types.Type, pkgPath string, names ...string) bool {
	named, ok := types.Unalias(t).(*types.Named)
	if !ok || named.Obj().Pkg() == nil || named.Obj().Pkg().Path() != pkgPath {
		return false
	}
	return len(names) == 0 || slices.Contains(names, named.Obj().Name())
}
