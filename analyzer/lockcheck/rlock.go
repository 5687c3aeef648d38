package lockcheck

import (
	"fmt"

	"golang.org/x/tools/go/analysis"
)

// checkRLockWrites reports writes made while holding only the read lock
// of the written object's RWMutex.
func (c *checker) checkRLockWrites() {
	for _, a := range c.accesses {
		if !a.Write || a.Atomic || c.done(reportPos(a.Access)) || isSyncType(fieldType(a.key)) {
			continue
		}
		mu, ok := readOnlyLock(a)
		// A map written under a read lock needs no other evidence: two
		// readers doing it at once are a concurrent map write.
		if !ok || !(a.Map && a.content) && !c.writeLocked(a.key, mu) {
			continue
		}
		c.mark(reportPos(a.Access))
		obj := describe(a.object())
		what := obj + "." + a.key.field
		if a.Map && a.content {
			what = "map " + what
		}
		d := analysis.Diagnostic{Pos: reportPos(a.Access), Category: catRLockWrite,
			Message: fmt.Sprintf("%s written while holding only the read lock %s.%s.RLock()%s: concurrent readers race with this write; take %s.%s.Lock()",
				what, obj, mu, c.via(a.Access), obj, mu)}
		c.addAccessRelated(&d, a.Access)
		c.rep.Report(d)
	}
}

// writeLocked reports whether some access to field k holds mu for
// writing: evidence that mu guards k, and not only keeps the object
// from closing (database/sql's Rows.closemu) while a single owner
// writes it under the read lock.
func (c *checker) writeLocked(k fieldKey, mu string) bool {
	for _, a := range c.accesses {
		if a.key == k {
			if _, write := a.holds(mu); write {
				return true
			}
		}
	}
	return false
}

// readOnlyLock returns the mutex field of the accessed object that the
// access holds in read mode only, when no lock at all is held in write
// mode.
func readOnlyLock(a *fieldAccess) (string, bool) {
	for _, h := range a.Locks {
		if h.Write {
			return "", false
		}
	}
	for _, mu := range mutexFields(a.key.owner) {
		if held, write := a.holds(mu); held && !write {
			return mu, true
		}
	}
	return "", false
}
