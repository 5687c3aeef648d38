package race

import (
	"fmt"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/racecheck/racecheck/analyzer/internal/model"
)

// checkAdds reports the WaitGroup.Add calls of goroutine g that may run
// while its parent waits on the same WaitGroup. An Add that finds the
// counter at zero must happen before Wait: otherwise Wait may return
// before the work it should wait for has started, and the race detector
// reports the Add and the Wait. A goroutine the WaitGroup counts keeps
// the counter above zero while it adds, unless it adds for itself.
func (c *checker) checkAdds(g *goroutine, parent *model.Summary) {
	if g.spawn.Kind == model.SpawnParallelSubtest || g.spawn.Kind == model.SpawnRunParallel {
		return
	}
	adds := c.model.Summary(g.spawn.Fn).Adds
	if len(adds) == 0 {
		return
	}
	signals := parentSignals(g, parent)
	for _, a := range adds {
		l, ok := g.spawn.Translate(a.Loc)
		if !ok || g.idle(a, signals) || addedBefore(g, parent, l) || c.addedByStarter(g, a) {
			continue // the goroutine's own WaitGroup, or a counter already held up
		}
		if c.wgaddReports(g, a) {
			continue
		}
		locks := g.spawn.TranslateLocks(a.Locks)
		for _, j := range parent.Joins {
			if j.Kind != model.SyncWaitGroup || j.Deferred || j.Loc != l || !waitRuns(g, j) || lockOrders(locks, parent, j) {
				continue
			}
			c.reportAdd(g, a, j)
			break
		}
	}
}

// addedBefore reports whether the parent adds to the WaitGroup at l
// before it starts g: the counter stays above zero until that count is
// done, which the model does not follow.
func addedBefore(g *goroutine, parent *model.Summary, l model.Loc) bool {
	for _, p := range parent.Adds {
		if p.Loc == l && model.After(p.Instr, g.spawn.Instr) {
			return true
		}
	}
	return false
}

// addedByStarter reports whether the callee that starts g (a
// constructor, a Start or Listen method) adds to the WaitGroup of g's Add
// a before its go statement: as with addedBefore, that count holds the
// counter above zero while g runs.
func (c *checker) addedByStarter(g *goroutine, a model.Access) bool {
	st := g.spawn.Started
	if st == nil || st.Parent() == nil {
		return false
	}
	l, ok := g.spawn.Env.Translate(a.Loc)
	if !ok {
		return false
	}
	for _, p := range c.model.Summary(st.Parent()).Adds {
		if p.Loc == l && model.After(p.Instr, st) {
			return true
		}
	}
	return false
}

// waitRuns reports whether the parent may run the Wait j while g's Add
// may run. When g calls Done on the WaitGroup (or a goroutine it starts
// does), the Wait joins g only once the Add has run: no parent Add comes
// first (addedBefore), so the Wait is no barrier for the Add.
func waitRuns(g *goroutine, j model.Sync) bool {
	only := syncKey{model.SyncWaitGroup, j.Loc}
	barriers := make(map[ssa.Instruction]bool)
	for in, keys := range g.joinKeys {
		for _, k := range keys {
			if k != only {
				barriers[in] = true
			}
		}
	}
	return g.frame.RegionAssuming(g.spawn.Instr, barriers, g.spawn.NilAfter).Contains(j.Instr)
}

// lockOrders reports whether the parent holds one of the locks held at
// the Add (locks) on its way to the Wait j: at the Wait itself, or at an
// access that runs before it. A closed flag set under the mutex that
// guards Add orders every later Add after it, or stops it.
func lockOrders(locks model.Lockset, parent *model.Summary, j model.Sync) bool {
	if len(locks) == 0 {
		return false
	}
	for _, p := range parent.Accesses {
		if !model.After(p.Instr, j.Instr) {
			continue
		}
		for _, h := range locks {
			if held, _ := p.Locks.Holds(h.Loc); held {
				return true
			}
		}
	}
	return false
}

// wgaddReports reports whether the wgadd analyzer reports the Add a: the
// first call of the function literal a go statement starts.
func (c *checker) wgaddReports(g *goroutine, a model.Access) bool {
	fn := g.spawn.Fn
	if g.spawn.Kind != model.SpawnGo || g.spawn.Started != nil || fn.Parent() == nil || a.Instr.Parent() != fn || len(fn.Blocks) == 0 {
		return false
	}
	for _, in := range fn.Blocks[0].Instrs {
		if _, ok := in.(ssa.CallInstruction); ok {
			return in == a.Instr
		}
	}
	return false
}

// reportAdd reports the Add a of goroutine g that may run while the
// parent waits at j.
func (c *checker) reportAdd(g *goroutine, a model.Access, j model.Sync) {
	pos, add := c.callAt(a.Pos)
	if c.addReported[pos] {
		return
	}
	c.addReported[pos] = true
	waitPos, wait := c.callAt(j.Pos)
	if !j.Pos.IsValid() {
		waitPos, wait = lparen(j.Instr), strings.TrimSuffix(add, ".Add")+".Wait"
	}
	where := c.short(waitPos)
	callPos, _ := c.callAt(lparen(j.Instr))
	if callPos != waitPos {
		where += fmt.Sprintf(" (by the call at %s)", c.short(callPos))
	}
	fix := "call " + add + " before starting the goroutine that runs it, or check a closed flag under the mutex that guards " + add + " and set it before " + wait
	msg := fmt.Sprintf("%s in goroutine started at %s may run while %s at %s waits with a zero counter, so Wait may return before that work starts; %s",
		add, c.spawnSite(g), wait, where, fix)
	d := analysis.Diagnostic{Pos: pos, Category: catAddDuringWait, Message: msg,
		Related: append([]analysis.RelatedInformation{{Pos: waitPos, Message: "the Wait"}}, spawnRelated(g)...)}
	if callPos != waitPos {
		d.Related = append(d.Related, analysis.RelatedInformation{Pos: callPos, Message: "the call that waits"})
	}
	c.out.Report(d)
}
