package race

import (
	"golang.org/x/tools/go/ssa"

	"github.com/racecheck/racecheck/analyzer/internal/model"
)

// deferredRuns reports whether the parent's access p, made by a
// function literal the parent deferred, may run while the goroutine
// runs although the parent's deferred calls join it there: the parent
// reaches its exit with the goroutine unjoined, and every such join
// comes after p in that literal (a cleanup closure that signals the
// goroutine to stop through a field it shares, then waits for it).
// Other deferred calls (defer r.Close()) are APIs with their own order
// (a closed flag checked under a lock): their accesses are left out.
func (g *goroutine) deferredRuns(p model.Access) bool {
	exit, ok := p.Instr.(*ssa.RunDefers)
	if !ok || !p.Deferred || p.Inner == nil || p.Inner.Instr == nil || p.Inner.Instr.Parent().Parent() != g.frame.Fn ||
		len(g.deferredJoins) == 0 || !g.region(p.Loc.Root).Reaches(exit) {
		return false
	}
	for _, j := range g.deferredJoins {
		if j.Inner == nil || !sameFunc(j.Inner.Instr, p.Inner.Instr) {
			return false
		}
		if first, known := model.JoinFirst(*j.Inner, *p.Inner); !known || first {
			return false
		}
	}
	return true
}

func sameFunc(x, y ssa.Instruction) bool {
	return x != nil && y != nil && x.Parent() == y.Parent()
}
