package race

import (
	"golang.org/x/tools/go/ssa"

	"github.com/racecheck/racecheck/analyzer/internal/model"
)

// A goroutine is a spawn site with the accesses of the goroutine it
// starts, translated into the parent's frame.
type goroutine struct {
	spawn    *model.Spawn
	accesses map[ssa.Value][]model.Access  // by root; Instr is in spawn.Fn
	roots    []ssa.Value                   // keys of accesses, in order of first access
	joins    map[ssa.Instruction]bool      // parent instructions that wait for it
	joinKeys map[ssa.Instruction][]syncKey // what each of joins waits for
	meets    map[ssa.Instruction][]syncKey // parent sends on unbuffered channels it receives from: they order only what it did before receiving
	sigSites []sigSite                     // where it signals (Instr in spawn.Fn)
	signals  map[syncKey]bool              // what it signals, in the parent's frame
	waits    []model.Sync                  // what it waits for, in the parent's frame (Instr in spawn.Fn)
	frame    *model.Frame
	inited   map[model.Loc]bool                // set (not nil or empty) before the spawn
	free     *model.Region                     // what may follow the spawn at all
	regions  map[ssa.Instruction]*model.Region // by per-iteration root definition
	lateRegs map[lateKey]*model.Region         // regions for accesses made after a signal
	// deferredJoins are the parent's joins of it made by deferred calls:
	// they hold at the function's exits (its RunDefers).
	deferredJoins []model.Sync
}

// newGoroutine summarizes the goroutine s starts and finds the parent
// instructions that join it.
func (c *checker) newGoroutine(s *model.Spawn, parent *model.Summary, frame *model.Frame) *goroutine {
	s, sum := c.model.SpawnFuncArgs(s, c.model.Summary(s.Fn))
	g := &goroutine{
		spawn:    s,
		accesses: make(map[ssa.Value][]model.Access),
		joins:    make(map[ssa.Instruction]bool),
		joinKeys: make(map[ssa.Instruction][]syncKey),
		meets:    make(map[ssa.Instruction][]syncKey),
		signals:  make(map[syncKey]bool),
		frame:    frame,
		regions:  make(map[ssa.Instruction]*model.Region),
		lateRegs: make(map[lateKey]*model.Region),
	}
	inited := initializedBefore(s.Instr, parent)
	for _, l := range s.Inited {
		inited[l] = true
	}
	g.inited = inited
	accesses := sum.Accesses
	if _, direct := s.Instr.(*ssa.Go); direct && s.Started == nil {
		accesses = model.LiveAccesses(s.Fn, accesses, s.Instr) // go unsubscribe(sub, 0)
	}
	for _, a := range accesses {
		if a.Deferred {
			continue // the goroutine's cleanup at its exit: an order the merge loses
		}
		if s.Parallel != nil && !model.After(s.Parallel, a.Instr) {
			continue // runs before t.Parallel(), sequentially with the parent
		}
		l, ok := s.Translate(a.Loc)
		if !ok {
			continue // the goroutine's own memory
		}
		if a.Write && a.Lazy && inited[l] {
			continue // lazy initialization the parent has already done
		}
		a.Loc = l
		a.Locks = s.TranslateLocks(a.Locks)
		a.Taken = s.TranslateLocks(a.Taken)
		if _, seen := g.accesses[l.Root]; !seen {
			g.roots = append(g.roots, l.Root)
		}
		g.accesses[l.Root] = append(g.accesses[l.Root], a)
	}
	for _, w := range sum.Joins {
		if l, ok := s.Translate(w.Loc); ok {
			w.Loc = l
			g.waits = append(g.waits, w)
		}
	}
	g.findJoins(s, sum, parent)
	c.handleJoins(g, s, frame)
	g.free = frame.RegionAssuming(s.Instr, nil, s.NilAfter)
	return g
}

// initializedBefore returns the locations the parent certainly sets
// (to something not nil or empty, or by the lazy initialization itself)
// before spawn.
func initializedBefore(spawn ssa.Instruction, parent *model.Summary) map[model.Loc]bool {
	out := make(map[model.Loc]bool)
	for _, p := range parent.Accesses {
		if p.Write && (p.Lazy || p.Sets) && p.Instr != spawn && model.After(p.Instr, spawn) {
			out[p.Loc] = true
		}
	}
	return out
}

// findJoins marks the parent's waits that the goroutine's signals (or
// its WaitGroup/errgroup) satisfy.
func (g *goroutine) findJoins(s *model.Spawn, sum *model.Summary, parent *model.Summary) {
	switch s.Kind {
	case model.SpawnWaitGroupGo:
		g.signals[syncKey{model.SyncWaitGroup, s.Group}] = true
	case model.SpawnErrgroupGo:
		g.signals[syncKey{model.SyncErrgroup, s.Group}] = true
	}
	for _, sig := range sum.Signals {
		if l, ok := s.Translate(sig.Loc); ok {
			k := syncKey{sig.Kind, l}
			g.signals[k] = true
			g.sigSites = append(g.sigSites, sigSite{k, signalPoint(sig), sig.Deferred})
		}
	}
	var deferred []syncKey
	for _, j := range parent.Joins {
		if j.Partial {
			continue // Acquire(1) of a counting semaphore waits for one holder, not this one
		}
		if j.Kind == model.SyncRendezvous && !model.Unbuffered(j.Loc) {
			continue // a buffered send returns before anyone receives
		}
		k := syncKey{j.Kind, j.Loc}
		if j.Kind == model.SyncRendezvous && g.signals[k] && !j.Deferred {
			g.meets[j.Instr] = append(g.meets[j.Instr], k)
			continue
		}
		if j.Kind == model.SyncAll || g.signals[k] {
			if j.Deferred {
				deferred = append(deferred, k)
				g.deferredJoins = append(g.deferredJoins, j)
			} else {
				at := joinPoint(j)
				g.joins[at] = true
				g.joinKeys[at] = append(g.joinKeys[at], k)
			}
		}
	}
	if len(deferred) > 0 {
		for _, b := range g.frame.Fn.Blocks {
			for _, instr := range b.Instrs {
				if _, ok := instr.(*ssa.RunDefers); ok {
					g.joins[instr] = true
					g.joinKeys[instr] = append(g.joinKeys[instr], deferred...)
				}
			}
		}
	}
}

// handleJoins marks, for a goroutine a callee left running, the calls
// the model cannot follow that the parent makes on a value that callee
// returned, through an interface (a token's Wait, a future's Get) or as a
// function (the stop func a start helper returns, maybe deferred): the
// handle came back while the goroutine runs and is how the caller waits
// for it; racecheck assumes it does.
func (c *checker) handleJoins(g *goroutine, s *model.Spawn, frame *model.Frame) {
	call, ok := s.Instr.(*ssa.Call)
	if !ok || s.Started == nil {
		return
	}
	handles := make(map[ssa.Value]bool)
	for _, r := range callResults(call) {
		if r != nil {
			handles[r] = true
		}
	}
	deferred := false
	var exits []ssa.Instruction // where deferred calls run
	for _, b := range frame.Fn.Blocks {
		for _, instr := range b.Instrs {
			if _, ok := instr.(*ssa.RunDefers); ok {
				exits = append(exits, instr)
				continue
			}
			ci, ok := instr.(ssa.CallInstruction)
			if !ok || !handles[model.LocOf(ci.Common().Value).Root] || c.model.Resolves(ci.Common()) {
				continue
			}
			switch instr.(type) {
			case *ssa.Call:
				g.addJoin(instr)
			case *ssa.Defer:
				deferred = true
			}
		}
	}
	if deferred {
		for _, instr := range exits {
			g.addJoin(instr)
		}
	}
}

// addJoin marks instr as a join of everything the goroutine does.
func (g *goroutine) addJoin(instr ssa.Instruction) {
	g.joins[instr] = true
	g.joinKeys[instr] = append(g.joinKeys[instr], syncKey{kind: model.SyncAll})
}

// A syncKey identifies a synchronization object and how it is used.
type syncKey struct {
	kind model.SyncKind
	loc  model.Loc
}

// waitsFor reports whether the goroutine's access a runs after it waited
// on something in signals: the parent (or another goroutine) hands it
// the go-ahead, so what the signaller did before is visible.
func (g *goroutine) waitsFor(a model.Access, signals map[syncKey]bool) bool {
	for _, w := range g.waits {
		if w.Kind != model.SyncRendezvous && signals[syncKey{w.Kind, w.Loc}] && model.Follows(w, a.Instr) {
			return true
		}
	}
	return false
}

// idle reports whether the goroutine's access a runs only after it
// received from a channel of the parent's frame that the parent never
// sends on or closes: a worker waiting for requests that the parent never
// makes (a connection opener, a flush-on-demand loop) stays idle while
// the parent runs. Senders the model cannot see (another package's
// goroutine) make this an assumption, on the quiet side.
func (g *goroutine) idle(a model.Access, signals map[syncKey]bool) bool {
	for _, w := range g.waits {
		if w.Kind != model.SyncChan || signals[syncKey{w.Kind, w.Loc}] || w.Instr == a.Instr || foreignCall(w.Instr) {
			continue
		}
		if model.After(w.Instr, a.Instr) && (w.Branch == nil || w.Branch.Dominates(a.Instr.Block())) {
			return true
		}
	}
	return false
}

// foreignCall reports whether instr calls another package's function: a
// receive inside it (exec.Cmd.Wait waiting for its copying goroutines)
// waits for that package's own goroutines, not for requests.
func foreignCall(instr ssa.Instruction) bool {
	ci, ok := instr.(ssa.CallInstruction)
	if !ok {
		return false
	}
	callee := ci.Common().StaticCallee()
	if callee == nil {
		return false
	}
	if o := callee.Origin(); o != nil {
		callee = o
	}
	return callee.Pkg != nil && callee.Pkg != instr.Parent().Pkg
}

// synchronizes reports whether goroutines g and h synchronize with each
// other directly (one signals what the other waits for). Their order is
// then beyond this model, and racecheck assumes them ordered. I/O does
// not count here: two goroutines that each write and read some
// connection are not ordered with each other by that alone.
func synchronizes(g, h *goroutine) bool {
	for _, w := range h.waits {
		if w.Kind != model.SyncIO && g.signals[syncKey{w.Kind, w.Loc}] {
			return true
		}
	}
	for _, w := range g.waits {
		if w.Kind != model.SyncIO && h.signals[syncKey{w.Kind, w.Loc}] {
			return true
		}
	}
	return false
}

// parentRuns reports whether the parent may run instr while the
// goroutine runs, for an access to memory rooted at root.
func (g *goroutine) parentRuns(instr ssa.Instruction, root ssa.Value) bool {
	switch g.spawn.Kind {
	case model.SpawnParallelSubtest, model.SpawnRunParallel:
		return false // the parent's body is done (or waits) before they run
	}
	return g.region(root).Contains(instr)
}

// region returns what the parent may run while the goroutine runs, for
// memory rooted at root. A root defined anew in the loop around the spawn
// is another variable in the next iteration: its definition is a barrier.
func (g *goroutine) region(root ssa.Value) *model.Region {
	var def ssa.Instruction
	if in, ok := root.(ssa.Instruction); ok && g.free.Contains(in) {
		def = in
	}
	if r, ok := g.regions[def]; ok {
		return r
	}
	barriers := g.joins
	if def != nil {
		barriers = make(map[ssa.Instruction]bool, len(g.joins)+1)
		for k := range g.joins {
			barriers[k] = true
		}
		barriers[def] = true
	}
	r := g.frame.RegionAssuming(g.spawn.Instr, barriers, g.spawn.NilAfter)
	g.regions[def] = r
	return r
}

// shared reports whether instances of the goroutine started by later
// executions of the spawn run concurrently with this one and see the same
// memory rooted at root.
func (g *goroutine) shared(root ssa.Value) bool {
	switch g.spawn.Kind {
	case model.SpawnRunParallel:
		return true
	case model.SpawnParallelSubtest:
		in, ok := root.(ssa.Instruction)
		return g.free.Contains(g.spawn.Instr) && !(ok && g.free.Contains(in))
	}
	return g.region(root).Contains(g.spawn.Instr)
}

// concurrent reports whether goroutines g and h may run at the same
// time, for memory rooted at root.
func concurrent(g, h *goroutine, root ssa.Value) bool {
	gsub, hsub := g.spawn.Kind == model.SpawnParallelSubtest, h.spawn.Kind == model.SpawnParallelSubtest
	if gsub || hsub {
		return gsub && hsub
	}
	if synchronizes(g, h) {
		return false
	}
	return g.parentRuns(h.spawn.Instr, root) || h.parentRuns(g.spawn.Instr, root)
}
