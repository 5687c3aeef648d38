package lockcheck

import (
	"fmt"
	"go/token"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"
)

// checkReadGuarded reports lazy initializations (a store made only when
// the field is nil or empty), with no lock held, of fields that no write
// guards but that another exported function reads under a mutex of the
// same struct (gocql's HostnameAndPort fills h.hostname lazily, while
// String reads it under h.mu.RLock): the reader's lock says the field is
// shared, and a lock taken on one side only orders nothing. Other
// unlocked writes are left alone: they usually come after a barrier the
// model does not see (database/sql's Tx clears dc once rollback has
// taken and released the lock its readers hold). Fields some write locks
// are left to checkGuarded.
func (c *checker) checkReadGuarded(guards map[fieldKey]*guard, fields map[fieldKey]map[siteKey][]*fieldAccess) {
	for _, key := range c.sortedKeys(fields) {
		byPos := fields[key]
		if guards[key] != nil {
			continue
		}
		for _, mu := range mutexFields(key.owner) {
			read, readers := c.lockedReads(mu, byPos)
			if !read.IsValid() {
				continue
			}
			for _, pos := range c.sortedPos(byPos) {
				if a := unlockedWrite(mu, byPos[pos], readers); a != nil && !c.otherOwners(a, byPos, mu) && !c.done(reportPos(a.Access)) {
					c.reportReadGuarded(a, mu, read)
				}
			}
		}
	}
}

// lockedReads returns a read made with mu held and the entries that make
// such reads, or no position when a write holds mu (the field is then
// checkGuarded's) or no read does.
func (c *checker) lockedReads(mu string, byPos map[siteKey][]*fieldAccess) (token.Pos, map[*ssa.Function]bool) {
	var example token.Pos
	readers := make(map[*ssa.Function]bool)
	for _, pos := range c.sortedPos(byPos) {
		for _, a := range byPos[pos] {
			held, _ := a.holds(mu)
			switch {
			case held && a.Write:
				return token.NoPos, nil
			case held:
				readers[a.entry.fn] = true
				if !example.IsValid() {
					example = a.Pos
				}
			}
		}
	}
	return example, readers
}

// unlockedWrite returns a lazy write of a site made with no lock held by
// an entry that is not one of the locked readers, or nil.
func unlockedWrite(mu string, as []*fieldAccess, readers map[*ssa.Function]bool) *fieldAccess {
	for _, a := range as {
		if a.Write && a.Lazy && len(a.Locks) == 0 && !readers[a.entry.fn] && !a.entry.spawned {
			return a
		}
	}
	return nil
}

func (c *checker) reportReadGuarded(a *fieldAccess, mu string, read token.Pos) {
	pos := reportPos(a.Access)
	c.mark(pos)
	obj := describe(a.object())
	name, lock := obj+"."+a.key.field, obj+"."+mu
	d := analysis.Diagnostic{Pos: pos, Category: catUnguarded,
		Message: fmt.Sprintf("%s written without %s held%s, but it is read with %s held at %s: a lock taken by the reader alone does not order the write; hold %s here too",
			name, lock, c.via(a.Access), lock, c.short(read), lock),
		Related: []analysis.RelatedInformation{{Pos: read, Message: "read with " + lock + " held"}},
	}
	c.addAccessRelated(&d, a.Access)
	c.rep.Report(d)
}
