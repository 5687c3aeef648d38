package race

import (
	"fmt"
	"slices"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/racecheck/racecheck/analyzer/internal/model"
)

// A sigSite is where a goroutine signals, in the goroutine's function.
type sigSite struct {
	key      syncKey
	instr    ssa.Instruction
	deferred bool
}

// A lateKey names the region of the parent that may run with a
// goroutine's access made after it signalled: the root's per-iteration
// definition and the signals already sent.
type lateKey struct {
	def  ssa.Instruction
	late string
}

// late returns the synchronization objects that goroutine g has certainly
// signalled before its access a: every signal on them comes first on
// every path to a. A parent's wait on such an object may have been
// released before a ran ("send the result, then keep working"), so it
// does not order a. The rest, signalled after a or only on some paths,
// are taken to order it: when in doubt, racecheck assumes the order.
func (g *goroutine) late(a model.Access) []syncKey {
	var out []syncKey
	early := make(map[syncKey]bool)
	for _, s := range g.sigSites {
		if s.deferred || s.instr == a.Instr || !model.After(s.instr, a.Instr) {
			early[s.key] = true
		}
	}
	for _, s := range g.sigSites {
		if !early[s.key] && !slices.Contains(out, s.key) {
			out = append(out, s.key)
		}
	}
	return out
}

// parentMayRun reports whether the parent may run instr while any part
// of the goroutine runs: a cheap filter before parentRunsWith.
func (g *goroutine) parentMayRun(instr ssa.Instruction, root ssa.Value) bool {
	switch g.spawn.Kind {
	case model.SpawnParallelSubtest, model.SpawnRunParallel:
		return false // the parent's body is done (or waits) before they run
	}
	if len(g.sigSites) == 0 {
		return g.region(root).Contains(instr)
	}
	return g.lateRegion(root, nil, true).Contains(instr)
}

// parentRunsWith reports whether the parent may run instr while the
// goroutine makes access a, to memory rooted at root.
func (g *goroutine) parentRunsWith(a model.Access, instr ssa.Instruction, root ssa.Value) bool {
	late := g.late(a)
	if len(late) == 0 && len(g.meets) == 0 {
		return g.region(root).Contains(instr)
	}
	return g.lateRegion(root, late, false).Contains(instr)
}

// lateRegion returns what the parent may run after the spawn without
// crossing a join on anything but the late objects (or no join at all).
func (g *goroutine) lateRegion(root ssa.Value, late []syncKey, noJoins bool) *model.Region {
	var def ssa.Instruction
	if in, ok := root.(ssa.Instruction); ok && g.free.Contains(in) {
		def = in
	}
	key := lateKey{def: def, late: lateString(late, noJoins)}
	if r, ok := g.lateRegs[key]; ok {
		return r
	}
	barriers := make(map[ssa.Instruction]bool)
	if def != nil {
		barriers[def] = true
	}
	for _, joins := range []map[ssa.Instruction][]syncKey{g.joinKeys, g.meets} {
		for j, keys := range joins {
			if noJoins {
				break
			}
			for _, k := range keys {
				if k.kind == model.SyncAll || !slices.Contains(late, k) {
					barriers[j] = true
				}
			}
		}
	}
	r := g.frame.RegionAssuming(g.spawn.Instr, barriers, g.spawn.NilAfter)
	g.lateRegs[key] = r
	return r
}

// lateString is a deterministic name for a set of late objects.
func lateString(late []syncKey, noJoins bool) string {
	if noJoins {
		return "*"
	}
	names := make([]string, 0, len(late))
	for _, k := range late {
		names = append(names, fmt.Sprintf("%d:%p:%s", k.kind, k.loc.Root, k.loc.Path))
	}
	slices.Sort(names)
	return strings.Join(names, ",")
}

// joinPoint returns the instruction from which the parent has joined
// through j: for the last decrement of an atomic counter, the first of
// the block that only the last one enters; for a receive in a select,
// the first of its case's block (a select that takes its timeout case
// has not joined: what follows runs beside the goroutine, unless the
// timeout case returns or fails the test).
func joinPoint(j model.Sync) ssa.Instruction {
	if j.Kind == model.SyncAtomic && j.Branch != nil && len(j.Branch.Instrs) > 0 {
		return j.Branch.Instrs[0]
	}
	if j.Branch == nil || len(j.Branch.Instrs) == 0 {
		return j.Instr
	}
	if len(j.Branch.Preds) == 1 {
		return j.Branch.Instrs[0]
	}
	// A case without a body shares its block with other cases: its
	// join is the edge from the comparison that selects it.
	for _, p := range j.Branch.Preds {
		if br, ok := p.Instrs[len(p.Instrs)-1].(*ssa.If); ok && p.Succs[0] == j.Branch && caseTest(br, j.Instr) {
			return br
		}
	}
	return j.Instr
}

// caseTest reports whether br branches on the index of select sel.
func caseTest(br *ssa.If, sel ssa.Instruction) bool {
	cmp, ok := br.Cond.(*ssa.BinOp)
	if !ok {
		return false
	}
	ex, ok := cmp.X.(*ssa.Extract)
	if !ok {
		return false
	}
	t, ok := ex.Tuple.(ssa.Instruction)
	return ok && t == sel
}

// signalPoint returns the instruction at which sig has happened: for a
// case of a select, the first of the case's block (the select itself
// may take another case and signal nothing).
func signalPoint(sig model.Sync) ssa.Instruction {
	if sig.Branch != nil && len(sig.Branch.Instrs) > 0 {
		return sig.Branch.Instrs[0]
	}
	return sig.Instr
}
