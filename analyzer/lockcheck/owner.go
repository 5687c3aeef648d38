package lockcheck

import (
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/racecheck/racecheck/analyzer/internal/model"
)

// An object whose fields a mutex guards is often held by pointer in
// several kinds of owner (a Query's and a Batch's routing info). A
// locked write through one kind of owner says nothing about the objects
// of another kind when each owner allocates its own: an unlocked read
// of those reads memory no guarded write reaches.

// ownerOf returns the pointer field through which a's object was
// reached (Batch.routingInfo for b.routingInfo.table), if there is one.
func ownerOf(a *fieldAccess) (fieldKey, bool) {
	p, ok := strings.CutSuffix(a.prefix, "*")
	if !ok {
		return fieldKey{}, false
	}
	k, _, content, ok := fieldOf(model.Loc{Root: a.Loc.Root, Path: p})
	if !ok || content {
		return fieldKey{}, false
	}
	return k, true
}

// otherOwners reports whether no locked write of the field reaches a's
// object: a was reached through an owner field that only ever holds
// objects its owner allocated, and every locked write went through a
// different owner field.
func (c *checker) otherOwners(a *fieldAccess, byPos map[siteKey][]*fieldAccess, mu string) bool {
	own, ok := ownerOf(a)
	if !ok || !c.freshOnly(own) {
		return false
	}
	for _, as := range byPos {
		if !anyWrite(as) || !allHeld(mu, as) {
			continue
		}
		for _, w := range as {
			if o, ok := ownerOf(w); !ok || o == own {
				return false
			}
		}
	}
	return true
}

// freshOnly reports whether every store to field k in the package stores
// a new allocation (&T{} or new(T)), so no two owners share an object.
func (c *checker) freshOnly(k fieldKey) bool {
	if v, ok := c.fresh[k]; ok {
		return v
	}
	fresh := true
	for _, fn := range c.funcs {
		if !fresh {
			break
		}
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				st, ok := instr.(*ssa.Store)
				if ok && storesField(st, k) {
					if _, alloc := st.Val.(*ssa.Alloc); !alloc {
						fresh = false
					}
				}
			}
		}
	}
	c.fresh[k] = fresh
	return fresh
}

// storesField reports whether st stores to field k of some struct.
func storesField(st *ssa.Store, k fieldKey) bool {
	fa, ok := st.Addr.(*ssa.FieldAddr)
	if !ok {
		return false
	}
	p, ok := fa.X.Type().Underlying().(*types.Pointer)
	if !ok {
		return false
	}
	named, ok := types.Unalias(p.Elem()).(*types.Named)
	if !ok || named.Obj() != k.owner {
		return false
	}
	f := named.Underlying().(*types.Struct).Field(fa.Field)
	return f.Name() == k.field
}
