package model

import (
	"go/constant"
	"go/token"

	"golang.org/x/tools/go/ssa"
)

// LiveAccesses drops the accesses of fn that call (a call or a go
// statement) cannot reach: they lie in a branch its constant arguments
// rule out.
func LiveAccesses(fn *ssa.Function, accesses []Access, call ssa.Instruction) []Access {
	ci, ok := call.(ssa.CallInstruction)
	if !ok {
		return accesses
	}
	dead := deadBranches(fn, CallArgs(ci.Common()))
	if dead == nil {
		return accesses
	}
	out := make([]Access, 0, len(accesses))
	for _, a := range accesses {
		if a.Instr == nil || a.Instr.Parent() != fn || !dead[a.Instr.Block()] {
			out = append(out, a)
		}
	}
	return out
}

// deadBranches returns the blocks of fn that cannot run when it is
// called with args: those only reached through a branch on a parameter
// compared with a constant (if max > 0 {...}) that the call's constant
// argument decides the other way (unsubscribe(sub, 0, ...)). Nil when no
// argument is a constant.
func deadBranches(fn *ssa.Function, args []ssa.Value) map[*ssa.BasicBlock]bool {
	consts := make(map[*ssa.Parameter]constant.Value)
	for i, p := range fn.Params {
		if i < len(args) {
			if c, ok := args[i].(*ssa.Const); ok && c.Value != nil {
				consts[p] = c.Value
			}
		}
	}
	if len(consts) == 0 {
		return nil
	}
	var dead map[*ssa.BasicBlock]bool
	for _, b := range fn.Blocks {
		taken, ok := decided(b, consts)
		if !ok {
			continue
		}
		skipped := b.Succs[1]
		if !taken {
			skipped = b.Succs[0]
		}
		if len(skipped.Preds) != 1 {
			continue // reached some other way too
		}
		for _, d := range fn.Blocks {
			if skipped.Dominates(d) {
				if dead == nil {
					dead = make(map[*ssa.BasicBlock]bool)
				}
				dead[d] = true
			}
		}
	}
	return dead
}

// decided reports, for a block ending in a branch on a parameter with a
// known constant compared with a constant, which way it goes.
func decided(b *ssa.BasicBlock, consts map[*ssa.Parameter]constant.Value) (taken, ok bool) {
	if len(b.Instrs) == 0 || len(b.Succs) != 2 {
		return false, false
	}
	br, isIf := b.Instrs[len(b.Instrs)-1].(*ssa.If)
	if !isIf {
		return false, false
	}
	if v, ok := boolParam(br.Cond, consts); ok {
		return v, true // if drainMode {...}, if !drainMode {...}
	}
	cmp, isBin := br.Cond.(*ssa.BinOp)
	if !isBin {
		return false, false
	}
	x, y, op := cmp.X, cmp.Y, cmp.Op
	if _, ok := x.(*ssa.Const); ok {
		x, y, op = y, x, swapCompare(op)
	}
	p, isParam := x.(*ssa.Parameter)
	c, isConst := y.(*ssa.Const)
	if !isParam || !isConst || c.Value == nil || op == token.ILLEGAL {
		return false, false
	}
	v, known := consts[p]
	if !known || v.Kind() != c.Value.Kind() {
		return false, false
	}
	return constant.Compare(v, op, c.Value), true
}

// boolParam evaluates a condition that is a boolean parameter with a
// known constant, or its negation.
func boolParam(cond ssa.Value, consts map[*ssa.Parameter]constant.Value) (bool, bool) {
	neg := false
	if not, ok := cond.(*ssa.UnOp); ok && not.Op == token.NOT {
		cond, neg = not.X, true
	}
	p, ok := cond.(*ssa.Parameter)
	if !ok {
		return false, false
	}
	v, known := consts[p]
	if !known || v.Kind() != constant.Bool {
		return false, false
	}
	return constant.BoolVal(v) != neg, true
}

// swapCompare returns the comparison that holds with its operands
// swapped, or token.ILLEGAL for an operator that is not a comparison.
func swapCompare(op token.Token) token.Token {
	switch op {
	case token.LSS:
		return token.GTR
	case token.GTR:
		return token.LSS
	case token.LEQ:
		return token.GEQ
	case token.GEQ:
		return token.LEQ
	case token.EQL, token.NEQ:
		return op
	}
	return token.ILLEGAL
}
