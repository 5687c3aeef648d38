package lockcheck

import (
	"fmt"
	"go/token"
	"go/types"
	"sort"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/racecheck/racecheck/analyzer/internal/model"
)

// A varKey names a field (owner set) or a package-level variable.
type varKey struct {
	field   fieldKey
	pointee bool // the value field points to, not the field
	global  *ssa.Global
}

// mixSite is one access to a variable for the atomic-mix check.
type mixSite struct {
	pos    token.Pos
	write  bool
	atomic bool
	name   string
	typ    types.Type
	locks  model.Lockset
}

// checkAtomicMix reports plain accesses to variables and fields that
// other code accesses with sync/atomic functions.
func (c *checker) checkAtomicMix() {
	sites := make(map[varKey][]mixSite)
	for _, a := range c.accesses {
		if a.content || isSyncType(fieldType(a.key)) {
			continue
		}
		k := varKey{field: a.key}
		sites[k] = append(sites[k], mixSite{a.Pos, a.Write, a.Atomic, describe(a.object()) + "." + a.key.field, fieldType(a.key), a.Locks})
	}
	for _, a := range c.pointees {
		k := varKey{field: a.key, pointee: true}
		elem := fieldType(a.key).Underlying().(*types.Pointer).Elem()
		sites[k] = append(sites[k], mixSite{a.Pos, a.Write, a.Atomic, "*" + describe(a.object()) + "." + a.key.field, elem, a.Locks})
	}
	for _, v := range c.vars {
		if g, ok := v.Loc.Root.(*ssa.Global); ok && v.Loc.Path == "" {
			k := varKey{global: g}
			sites[k] = append(sites[k], mixSite{v.Pos, v.Write, v.Atomic, g.Name(), g.Type().(*types.Pointer).Elem(), v.Locks})
		}
	}
	keys := make([]varKey, 0, len(sites))
	for k := range sites {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return c.order.Less(sites[keys[i]][0].pos, sites[keys[j]][0].pos) })
	for _, k := range keys {
		c.checkMix(sites[k])
	}
}

// checkMix reports the plain accesses of one variable when it has an
// atomic access and a write.
func (c *checker) checkMix(sites []mixSite) {
	var atomicSite *mixSite
	written := false
	for i, s := range sites {
		written = written || s.write
		if s.atomic && (atomicSite == nil || s.write && !atomicSite.write) {
			atomicSite = &sites[i]
		}
	}
	if atomicSite == nil || !written {
		return
	}
	var plain []mixSite
	for _, s := range sites {
		if !s.atomic && !c.done(s.pos) && !(!s.write && excludesAtomicWrites(s, sites)) {
			plain = append(plain, s)
		}
	}
	// One diagnostic per variable, at its first plain access: the fix
	// (an atomic type) is one change to the declaration.
	for i, s := range plain[:min(len(plain), 1)] {
		c.mark(s.pos)
		more := ""
		if n := len(plain) - 1 - i; n > 0 {
			more = fmt.Sprintf(" (and %d more plain accesses)", n)
		}
		verb := "read"
		if s.write {
			verb = "written"
		}
		c.rep.Report(analysis.Diagnostic{Pos: s.pos, Category: catAtomicMix,
			Message: fmt.Sprintf("%s %s with a plain access%s but accessed atomically at %s: mixed atomic and plain accesses race; %s",
				s.name, verb, more, c.short(atomicSite.pos), atomicAdvice(s.typ)),
			Related: []analysis.RelatedInformation{{Pos: atomicSite.pos, Message: "atomic access"}},
		})
	}
}

// atomicAdvice suggests the sync/atomic type that makes mixing impossible.
func atomicAdvice(t types.Type) string {
	names := map[types.BasicKind]string{
		types.Int32: "atomic.Int32", types.Int64: "atomic.Int64", types.Uint32: "atomic.Uint32",
		types.Uint64: "atomic.Uint64", types.Uintptr: "atomic.Uintptr",
	}
	if b, ok := t.Underlying().(*types.Basic); ok {
		if n, ok := names[b.Kind()]; ok {
			return "declare it as " + n + " so that every access is atomic"
		}
		if b.Kind() == types.UnsafePointer {
			return "declare it as atomic.Pointer[T] so that every access is atomic"
		}
	}
	return "use a sync/atomic type so that every access is atomic"
}

// excludesAtomicWrites reports whether a plain read holds a lock that
// every atomic write of the variable holds too: the double-checked
// "if atomic.Load(&done) == 0 { mu.Lock(); if done == 0 {...} }" reads
// plainly under the lock that serializes the writers.
func excludesAtomicWrites(read mixSite, sites []mixSite) bool {
	for _, s := range sites {
		if s.atomic && s.write && !model.Protects(read.locks, s.locks) {
			return false
		}
	}
	return true
}
