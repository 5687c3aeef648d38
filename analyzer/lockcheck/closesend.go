package lockcheck

import (
	"fmt"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/racecheck/racecheck/analyzer/internal/model"
)

// A bgSend is a send, by a goroutine that a method starts, on a channel
// held in a field of the method's receiver.
type bgSend struct {
	method *ssa.Function
	spawn  ssa.Instruction
	pos    token.Pos
	locks  model.Lockset
}

// checkBackgroundClose reports closes, in other exported methods of the
// same type, of a receiver channel that a goroutine started by a method
// sends on: the send can run after the close and panic. A method that
// waits for anything (a Wait, a receive) is taken to join the goroutine
// first; a lock held around both the send and the close orders them.
func (c *checker) checkBackgroundClose() {
	sends := make(map[string]bgSend)
	for _, e := range c.entries {
		if recvOf(e.fn) != nil && len(e.fn.Params) > 0 {
			c.backgroundSends(e.fn, sends)
		}
	}
	if len(sends) == 0 {
		return
	}
	for _, e := range c.entries {
		fn := e.fn
		if recvOf(fn) == nil || len(fn.Params) == 0 || !declaredExported(fn) || e.spawned || c.model.Summary(fn).Waits() {
			continue
		}
		for _, a := range c.model.Summary(fn).Accesses {
			if !a.Chan || !a.Write || a.Loc.Root != fn.Params[0] || inTestFile(c.pass, a.Pos) {
				continue
			}
			s, ok := sends[recvKey(fn)+a.Loc.Path]
			if !ok || s.method == fn || model.Protects(a.Locks, s.locks) || c.done(reportPos(a)) {
				continue
			}
			c.reportBackgroundClose(fn, a, s)
		}
	}
}

func (c *checker) reportBackgroundClose(fn *ssa.Function, a model.Access, s bgSend) {
	pos := reportPos(a)
	c.mark(pos)
	name := describe(model.Loc{Root: a.Loc.Root, Path: a.Loc.Path[:len(a.Loc.Path)-len(model.ChanState)]})
	d := analysis.Diagnostic{Pos: pos, Category: catBackgroundClose,
		Message: fmt.Sprintf("channel %s closed in %s%s while the goroutine started by %s at %s may still send on it at %s: a send on a closed channel panics; stop and wait for the goroutine before closing, or let it close the channel",
			name, fn.Name(), c.via(a), s.method.Name(), c.short(s.spawn.Pos()), c.short(s.pos)),
		Related: []analysis.RelatedInformation{
			{Pos: s.pos, Message: "send in the background goroutine"},
			{Pos: s.spawn.Pos(), Message: "goroutine started here"},
		},
	}
	c.rep.Report(d)
}

// backgroundSends records the receiver channels that goroutines started
// by method fn send on, by receiver type and path.
func (c *checker) backgroundSends(fn *ssa.Function, out map[string]bgSend) {
	c.receiverAccesses(fn, func(s *model.Spawn, a model.Access, l model.Loc) {
		if !a.Chan || a.Write {
			return
		}
		key := recvKey(fn) + l.Path
		if _, seen := out[key]; !seen {
			out[key] = bgSend{method: fn, spawn: s.Instr, pos: a.Pos, locks: s.Env.TranslateLocks(a.Locks)}
		}
	})
}

// recvKey names the receiver type of method fn.
func recvKey(fn *ssa.Function) string {
	t := fn.Params[0].Type()
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	return types.TypeString(t, nil)
}
