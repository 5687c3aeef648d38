package model

import (
	"go/token"

	"golang.org/x/tools/go/ssa"
)

// taken returns, when v is a map loaded from a struct field that the
// same function then replaces (a store to that field after the load)
// with a lock held at both, the locks held at both: the object was taken
// out of the field in one critical section ("conns := cc.conns;
// cc.conns = nil"), and whoever reaches the map through the field under
// those locks afterwards finds the replacement.
func (m *Model) taken(v ssa.Value) Lockset {
	load, ok := v.(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return nil
	}
	fa, ok := load.X.(*ssa.FieldAddr)
	if !ok || fa.X.Referrers() == nil {
		return nil
	}
	var stores []*ssa.Store
	for _, r := range *fa.X.Referrers() {
		other, ok := r.(*ssa.FieldAddr)
		if !ok || other.Field != fa.Field || other.Referrers() == nil {
			continue
		}
		for _, u := range *other.Referrers() {
			if st, ok := u.(*ssa.Store); ok && st.Addr == other && After(load, st) {
				stores = append(stores, st)
			}
		}
	}
	if len(stores) == 0 {
		return nil
	}
	held := m.LocksAt(load)
	if len(held) == 0 {
		return nil
	}
	var out Lockset
	for _, st := range stores {
		out = union(out, held.intersect(m.LocksAt(st)))
	}
	return out
}
