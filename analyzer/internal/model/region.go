package model

import (
	"fmt"
	"go/token"

	"golang.org/x/tools/go/ssa"
)

// A Frame indexes the instructions of one function for region queries.
type Frame struct {
	Fn    *ssa.Function
	index map[ssa.Instruction]int
}

// NewFrame returns a Frame for fn.
func NewFrame(fn *ssa.Function) *Frame {
	f := &Frame{Fn: fn, index: make(map[ssa.Instruction]int)}
	for _, b := range fn.Blocks {
		for i, instr := range b.Instrs {
			f.index[instr] = i
		}
	}
	return f
}

// A Region is the set of instructions that may execute after a given
// instruction, along control-flow paths that cross no barrier: what a
// parent may run while a goroutine it started is still running.
type Region struct {
	frame    *Frame
	from     ssa.Instruction
	fromStop int                     // from's block runs (index(from), fromStop)
	entered  map[*ssa.BasicBlock]int // blocks entered at the top run [0, stop)
}

// Region returns the instructions reachable from `from` (excluded) without
// crossing an instruction in barriers.
func (f *Frame) Region(from ssa.Instruction, barriers map[ssa.Instruction]bool) *Region {
	return f.RegionAssuming(from, barriers, nil)
}

// RegionAssuming is Region on the paths where each of nilAfter, values
// computed by from (a call's results), is nil.
func (f *Frame) RegionAssuming(from ssa.Instruction, barriers map[ssa.Instruction]bool, nilAfter []ssa.Value) *Region {
	r := &Region{frame: f, from: from, entered: make(map[*ssa.BasicBlock]int)}
	b := from.Block()
	r.fromStop = scanBarriers(b, f.index[from]+1, barriers)
	loops := newLoopExits(f.Fn, barriers)
	fs := initialFacts(b)
	for _, v := range nilAfter {
		fs = append(fs, fact{v, isNil})
	}
	if r.fromStop == len(b.Instrs) && !r.walk(b, fs, barriers, loops) {
		r.entered = make(map[*ssa.BasicBlock]int)
		r.walk(b, nil, barriers, loops) // too many paths: without facts
	}
	return r
}

// maxStatesPerBlock bounds a path-sensitive walk.
const maxStatesPerBlock = 4

// walk enters the successors of start allowed by fs and what they reach
// without crossing a barrier. It reports false when the facts make too
// many states.
func (r *Region) walk(start *ssa.BasicBlock, fs facts, barriers map[ssa.Instruction]bool, loops *loopExits) bool {
	type state struct {
		b  *ssa.BasicBlock
		fs facts
	}
	visited := make(map[string]bool)
	limit := maxStatesPerBlock * (len(r.frame.Fn.Blocks) + 1)
	var queue []state
	push := func(from *ssa.BasicBlock, fs facts) {
		succs := loops.succs(from)
		if br, ok := lastIf(from); ok {
			if len(fs) > 0 {
				if k, ok := fs.decide(br.Cond); ok {
					succs = allowed(succs, from.Succs[k])
				}
			}
			if barriers[br] {
				succs = without(succs, from.Succs[0]) // a select case's join on its edge
			}
		}
		for _, s := range succs {
			queue = append(queue, state{s, fs.along(from, s)})
		}
	}
	push(start, fs)
	for len(queue) > 0 {
		st := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		key := fmt.Sprintf("%d|%s", st.b.Index, st.fs.key())
		if visited[key] {
			continue
		}
		visited[key] = true
		if len(visited) > limit {
			return false
		}
		stop := scanBarriers(st.b, 0, barriers)
		if old, ok := r.entered[st.b]; !ok || stop > old {
			r.entered[st.b] = stop
		}
		if stop == len(st.b.Instrs) {
			push(st.b, st.fs)
		}
	}
	return true
}

// scanBarriers returns the index of the first barrier of b at or after
// from, or len(b.Instrs). An If barrier is a join on the edge to its
// true branch (the case of a select that shares its block with other
// cases): the block runs to its end, and the walk leaves out that edge.
func scanBarriers(b *ssa.BasicBlock, from int, barriers map[ssa.Instruction]bool) int {
	for i := from; i < len(b.Instrs); i++ {
		if _, edge := b.Instrs[i].(*ssa.If); barriers[b.Instrs[i]] && !edge {
			return i
		}
	}
	return len(b.Instrs)
}

// without returns succs without s.
func without(succs []*ssa.BasicBlock, s *ssa.BasicBlock) []*ssa.BasicBlock {
	var out []*ssa.BasicBlock
	for _, x := range succs {
		if x != s {
			out = append(out, x)
		}
	}
	return out
}

// allowed returns the members of succs that are s.
func allowed(succs []*ssa.BasicBlock, s *ssa.BasicBlock) []*ssa.BasicBlock {
	for _, x := range succs {
		if x == s {
			return []*ssa.BasicBlock{s}
		}
	}
	return nil
}

// Reaches reports whether the region reaches instr: contains it, or
// stops at it as its block's first barrier.
func (r *Region) Reaches(instr ssa.Instruction) bool {
	if r.Contains(instr) {
		return true
	}
	b := instr.Block()
	if b == nil || instr.Parent() != r.frame.Fn {
		return false
	}
	i := r.frame.index[instr]
	if stop, ok := r.entered[b]; ok && i == stop {
		return true
	}
	return b == r.from.Block() && i > r.frame.index[r.from] && i == r.fromStop
}

// Contains reports whether instr may execute within the region.
func (r *Region) Contains(instr ssa.Instruction) bool {
	b := instr.Block()
	if b == nil || instr.Parent() != r.frame.Fn {
		return false
	}
	i := r.frame.index[instr]
	if stop, ok := r.entered[b]; ok && i < stop {
		return true
	}
	return b == r.from.Block() && i > r.frame.index[r.from] && i < r.fromStop
}

// Empty reports whether the region contains no instruction.
func (r *Region) Empty() bool {
	return len(r.entered) == 0 && r.fromStop <= r.frame.index[r.from]+1
}

// caseBlock returns the first block of case i of a select, or nil: the
// select's index is compared with each case's number in turn, and the
// comparison's true branch is the case.
func caseBlock(sel *ssa.Select, i int) *ssa.BasicBlock {
	for _, r := range *sel.Referrers() {
		ex, ok := r.(*ssa.Extract)
		if !ok || ex.Index != 0 {
			continue
		}
		for _, u := range *ex.Referrers() {
			cmp, ok := u.(*ssa.BinOp)
			if !ok || cmp.Op != token.EQL {
				continue
			}
			c, ok := cmp.Y.(*ssa.Const)
			if !ok || c.Value == nil || c.Int64() != int64(i) {
				continue
			}
			for _, v := range *cmp.Referrers() {
				if br, ok := v.(*ssa.If); ok && len(br.Block().Succs) == 2 {
					return br.Block().Succs[0]
				}
			}
		}
	}
	return nil
}

// maxFinalChecks bounds the pairs markFinalJoins compares.
const maxFinalChecks = 1 << 14

// markFinalJoins marks the joins of s that none of its accesses or
// function value calls follow (Sync.Final). With passDeferred false
// (Model.DeferredLocal), the accesses of deferred calls, which callers
// do not get, do not count.
func markFinalJoins(s *Summary, passDeferred bool) {
	if len(s.Joins)*(len(s.Accesses)+len(s.FuncCalls)) > maxFinalChecks {
		return
	}
	for i := range s.Joins {
		j := &s.Joins[i]
		if j.Deferred || j.Instr == nil {
			continue
		}
		j.Final = true
		for _, a := range s.Accesses {
			if (passDeferred || !a.Deferred) && Follows(*j, a.Instr) {
				j.Final = false
				break
			}
		}
		for _, fc := range s.FuncCalls {
			if j.Final && Follows(*j, fc.Instr) {
				j.Final = false
			}
		}
	}
}

// Follows reports whether instr, of the function that makes the join j,
// certainly runs after j: after its instruction (in the receive's own
// case, for a select), and not as part of the same call when j is a
// callee's wait that comes after the callee's accesses (Tail).
func Follows(j Sync, instr ssa.Instruction) bool {
	if instr == nil || !After(j.Instr, instr) {
		return false
	}
	if j.Tail && j.Instr == instr {
		return false
	}
	return j.Branch == nil || j.Branch.Dominates(instr.Block())
}

// JoinFirst reports, for a join j and an access a that a callee makes
// through the same call, whether the callee certainly makes j before a:
// their own records are followed down the calls they share to the
// function where they part. known is false when the model cannot tell
// (a record not kept, a deferred join, records in different functions).
func JoinFirst(j Sync, a Access) (first, known bool) {
	for j.Instr != nil && j.Instr == a.Instr {
		if j.Inner == nil || a.Inner == nil {
			return false, false
		}
		j, a = *j.Inner, *a.Inner
	}
	if j.Instr == nil || a.Instr == nil || j.Deferred || j.Instr.Parent() != a.Instr.Parent() {
		return false, false
	}
	return After(j.Instr, a.Instr), true
}
