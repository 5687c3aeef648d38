package model

import "golang.org/x/tools/go/ssa"

// loopExits cuts the exits of loops that contain a barrier. A join in a
// loop ("for i := 0; i < n; i++ { <-done }", the receive of one result
// per goroutine started) runs at least once in practice, though a
// control-flow graph allows zero iterations; what follows such a loop
// comes after the join.
type loopExits struct {
	barrierBlocks map[*ssa.BasicBlock]bool
	reach         map[*ssa.BasicBlock]map[*ssa.BasicBlock]bool // memoized forward reachability
}

func newLoopExits(fn *ssa.Function, barriers map[ssa.Instruction]bool) *loopExits {
	l := &loopExits{barrierBlocks: make(map[*ssa.BasicBlock]bool), reach: make(map[*ssa.BasicBlock]map[*ssa.BasicBlock]bool)}
	for in := range barriers {
		if b := in.Block(); b != nil && b.Parent() == fn {
			l.barrierBlocks[b] = true
		}
	}
	return l
}

// succs returns the successors of b the region flows to: all of them,
// except, when b is on a cycle through a barrier, those that leave the
// cycle for good (cannot reach a barrier block again without b).
func (l *loopExits) succs(b *ssa.BasicBlock) []*ssa.BasicBlock {
	if len(l.barrierBlocks) == 0 || len(b.Succs) < 2 || !l.onBarrierCycle(b) {
		return b.Succs
	}
	var out []*ssa.BasicBlock
	for _, s := range b.Succs {
		if l.reachesBarrier(s, b) {
			out = append(out, s)
		}
	}
	if len(out) == 0 {
		return b.Succs
	}
	return out
}

// onBarrierCycle reports whether some barrier block is reachable from b
// and reaches b.
func (l *loopExits) onBarrierCycle(b *ssa.BasicBlock) bool {
	from := l.reachable(b)
	for bb := range l.barrierBlocks {
		if from[bb] && l.reachable(bb)[b] {
			return true
		}
	}
	return false
}

// reachesBarrier reports whether a barrier block is reachable from s
// without passing through avoid.
func (l *loopExits) reachesBarrier(s, avoid *ssa.BasicBlock) bool {
	seen := map[*ssa.BasicBlock]bool{avoid: true}
	stack := []*ssa.BasicBlock{s}
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[b] {
			continue
		}
		seen[b] = true
		if l.barrierBlocks[b] {
			return true
		}
		stack = append(stack, b.Succs...)
	}
	return false
}

// reachable returns the blocks reachable from b (b included when on a
// cycle).
func (l *loopExits) reachable(b *ssa.BasicBlock) map[*ssa.BasicBlock]bool {
	if r, ok := l.reach[b]; ok {
		return r
	}
	r := make(map[*ssa.BasicBlock]bool)
	stack := append([]*ssa.BasicBlock(nil), b.Succs...)
	for len(stack) > 0 {
		x := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if r[x] {
			continue
		}
		r[x] = true
		stack = append(stack, x.Succs...)
	}
	l.reach[b] = r
	return r
}
