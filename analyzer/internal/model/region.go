package model

import (
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
	r := &Region{frame: f, from: from, entered: make(map[*ssa.BasicBlock]int)}
	b := from.Block()
	var queue []*ssa.BasicBlock
	r.fromStop = len(b.Instrs)
	for i := f.index[from] + 1; i < len(b.Instrs); i++ {
		if barriers[b.Instrs[i]] {
			r.fromStop = i
			break
		}
	}
	loops := newLoopExits(f.Fn, barriers)
	if r.fromStop == len(b.Instrs) {
		queue = append(queue, loops.succs(b)...)
	}
	for len(queue) > 0 {
		b := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		if _, done := r.entered[b]; done {
			continue
		}
		stop := len(b.Instrs)
		for i, instr := range b.Instrs {
			if barriers[instr] {
				stop = i
				break
			}
		}
		r.entered[b] = stop
		if stop == len(b.Instrs) {
			queue = append(queue, loops.succs(b)...)
		}
	}
	return r
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
