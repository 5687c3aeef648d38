package lockcheck

import (
	"fmt"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/racecheck/racecheck/analyzer/internal/model"
)

// collectChan records a close of, or a send on, a channel held in a
// field, keyed by that field: of an object from a parameter, a global or
// looked up in a map or returned by a call (a registry's entry), not of
// one the function allocated itself.
func (c *checker) collectChan(a model.Access, e *entry) {
	switch a.Loc.Root.(type) {
	case *ssa.Alloc, *ssa.MakeChan:
		return
	}
	p, _ := strings.CutSuffix(a.Loc.Path, model.ChanState)
	p, _ = strings.CutSuffix(p, "*")
	key, prefix, content, ok := fieldOf(model.Loc{Root: a.Loc.Root, Path: p})
	if ok && !content {
		c.chans = append(c.chans, &fieldAccess{Access: a, entry: e, key: key, prefix: prefix})
	}
}

// checkUnguardedSends reports sends, without the lock, on a channel
// field that is closed with a mutex of its object held (and without
// waiting for anything first): closing under the lock is how senders
// are kept from sending after the close, by checking a closed flag under
// the same lock and sending while still holding it. A send made after
// the lock is released (or never taken) can follow the close and panic.
func (c *checker) checkUnguardedSends() {
	var keys []fieldKey
	closes := make(map[fieldKey][]*fieldAccess)
	for _, a := range c.chans {
		if a.Write {
			if len(closes[a.key]) == 0 {
				keys = append(keys, a.key)
			}
			closes[a.key] = append(closes[a.key], a)
		}
	}
	for _, key := range keys {
		cl, mu := c.lockedClose(closes[key])
		if cl == nil {
			continue
		}
		for _, s := range c.chans {
			if s.key != key || s.Write || s.entry.fn == cl.entry.fn || model.Protects(s.Locks, cl.Locks) || c.done(reportPos(s.Access)) {
				continue
			}
			if held, _ := s.holds(mu); !held {
				c.reportUnguardedSend(s, cl, mu)
			}
		}
	}
}

// lockedClose returns a close among cls made with a mutex of the
// channel's object held for writing, and that mutex, when the closing
// function does not wait for anything before it.
func (c *checker) lockedClose(cls []*fieldAccess) (*fieldAccess, string) {
	for _, cl := range cls {
		if c.waitsBefore(cl, false) {
			continue
		}
		for _, mu := range mutexFields(cl.key.owner) {
			if held, write := cl.holds(mu); held && write {
				return cl, mu
			}
		}
	}
	return nil, ""
}

func (c *checker) reportUnguardedSend(s, cl *fieldAccess, mu string) {
	pos := reportPos(s.Access)
	c.mark(pos)
	obj := describe(s.object())
	name := obj + "." + s.key.field
	d := analysis.Diagnostic{Pos: pos, Category: catUnguardedSend,
		Message: fmt.Sprintf("send on %s without %s.%s held%s, but %s closes it with the lock held at %s: the send can run after the close and panic; check a closed flag and send while holding %s.%s",
			name, obj, mu, c.via(s.Access), cl.entry.fn.Name(), c.short(reportPos(cl.Access)), obj, mu),
		Related: []analysis.RelatedInformation{{Pos: reportPos(cl.Access), Message: "close with " + mu + " held"}},
	}
	c.addAccessRelated(&d, s.Access)
	c.rep.Report(d)
}
