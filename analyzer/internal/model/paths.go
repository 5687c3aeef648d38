package model

import (
	"fmt"
	"go/token"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// A fact is what the branches that lead to the start of a region say of
// a value: a condition's outcome or a pointer's nilness. Following only
// the branches the facts allow makes a region path-sensitive in the
// common case of a condition tested twice: "if h != nil { go serve(x);
// break }" ... "if h == nil { release(x) }" never runs both.
type fact struct {
	v    ssa.Value
	kind factKind
}

type factKind int8

const (
	isFalse factKind = iota
	isTrue
	nonNil
	isNil
)

// facts is a small set of facts.
type facts []fact

// maxFacts bounds the facts collected from dominating branches.
const maxFacts = 8

// initialFacts returns the facts that hold at b: the outcomes of the
// branches on every path to it.
func initialFacts(b *ssa.BasicBlock) facts {
	var fs facts
	for b != nil && len(fs) < maxFacts {
		idom := b.Idom()
		if idom == nil {
			break
		}
		if br, ok := lastIf(idom); ok && idom.Succs[0] != idom.Succs[1] {
			for k, s := range idom.Succs {
				if s.Dominates(b) && !idom.Succs[1-k].Dominates(b) && s.Preds[0] == idom && len(s.Preds) == 1 {
					fs = fs.with(br.Cond, k == 0)
				}
			}
		}
		b = idom
	}
	return fs
}

// with adds the fact that cond is outcome, and what it says of nilness.
func (fs facts) with(cond ssa.Value, outcome bool) facts {
	k := isFalse
	if outcome {
		k = isTrue
	}
	fs = append(fs, fact{cond, k})
	if x, eq, ok := NilTest(cond); ok {
		if eq == outcome {
			fs = append(fs, fact{x, isNil})
		} else {
			fs = append(fs, fact{x, nonNil})
		}
	}
	return fs
}

// NilTest matches "x == nil" (eq) and "x != nil".
func NilTest(cond ssa.Value) (x ssa.Value, eq, ok bool) {
	bin, isBin := cond.(*ssa.BinOp)
	if !isBin || (bin.Op != token.EQL && bin.Op != token.NEQ) {
		return nil, false, false
	}
	if c, isC := bin.Y.(*ssa.Const); isC && c.IsNil() {
		return bin.X, bin.Op == token.EQL, true
	}
	if c, isC := bin.X.(*ssa.Const); isC && c.IsNil() {
		return bin.Y, bin.Op == token.EQL, true
	}
	return nil, false, false
}

func (fs facts) lookup(v ssa.Value) (factKind, bool) {
	for _, f := range fs {
		if f.v == v {
			return f.kind, true
		}
	}
	return 0, false
}

// decide returns the successor index of an If on cond that the facts
// allow, if they decide it.
func (fs facts) decide(cond ssa.Value) (int, bool) {
	if k, ok := fs.lookup(cond); ok && (k == isTrue || k == isFalse) {
		return boolSucc(k == isTrue), true
	}
	if not, ok := cond.(*ssa.UnOp); ok && not.Op == token.NOT {
		if i, ok := fs.decide(not.X); ok {
			return 1 - i, true
		}
	}
	if x, eq, ok := NilTest(cond); ok {
		if k, ok := fs.lookup(x); ok && (k == isNil || k == nonNil) {
			return boolSucc((k == isNil) == eq), true
		}
	}
	return 0, false
}

func boolSucc(taken bool) int {
	if taken {
		return 0
	}
	return 1
}

// along returns the facts after the edge pred -> succ: a phi of succ
// takes the fact of the value it receives from pred, and a value that
// succ defines anew (a loop goes round) loses its facts.
func (fs facts) along(pred, succ *ssa.BasicBlock) facts {
	if len(fs) == 0 {
		return fs
	}
	edge := -1
	for i, p := range succ.Preds {
		if p == pred {
			edge = i
		}
	}
	var out facts
	for _, f := range fs {
		if in, ok := f.v.(ssa.Instruction); !ok || in.Block() != succ {
			out = append(out, f)
		}
	}
	for _, instr := range succ.Instrs {
		phi, ok := instr.(*ssa.Phi)
		if !ok {
			break
		}
		if edge >= 0 && edge < len(phi.Edges) {
			if k, ok := fs.lookup(phi.Edges[edge]); ok {
				out = append(out, fact{phi, k})
			}
		}
	}
	return out
}

// key names a set of facts for the visited set of a traversal.
func (fs facts) key() string {
	var sb strings.Builder
	for _, f := range fs {
		fmt.Fprintf(&sb, "%p:%d,", f.v, f.kind)
	}
	return sb.String()
}

func lastIf(b *ssa.BasicBlock) (*ssa.If, bool) {
	if len(b.Instrs) == 0 || len(b.Succs) != 2 {
		return nil, false
	}
	br, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
	return br, ok
}
