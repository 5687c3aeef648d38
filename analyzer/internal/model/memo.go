package model

import (
	"slices"

	"golang.org/x/tools/go/ssa"
)

type memoKey struct {
	fn    *ssa.Function
	depth int
}

// A memoEntry is a summary and the functions, still being summarized
// when it was built, whose calls it had to leave out (recursion). It is
// valid while they all still are: it is then what building it again
// would give.
type memoEntry struct {
	s    *Summary
	cuts []*ssa.Function
}

// New returns a model of pkg that follows calls maxDepth levels deep.
func New(pkg *ssa.Package, maxDepth int) *Model {
	return &Model{Pkg: pkg, MaxDepth: maxDepth, MaxAccesses: 4000,
		memo: make(map[memoKey]memoEntry), busy: make(map[*ssa.Function]bool), noRet: make(map[*ssa.Function]bool),
		ends: make(map[*ssa.BasicBlock]bool), locksAt: make(map[*ssa.Function]map[*ssa.BasicBlock]Lockset),
		entry: make(map[*ssa.Function]Lockset), entryBusy: make(map[*ssa.Function]bool),
		IO: Loc{Root: new(ssa.Global), Path: "<io>"}, io: make(map[*ssa.Function]ioEffect)}
}

// Summary returns the summary of fn, following calls MaxDepth deep.
func (m *Model) Summary(fn *ssa.Function) *Summary { return m.summary(fn, m.MaxDepth) }

func (m *Model) summary(fn *ssa.Function, depth int) *Summary {
	key := memoKey{fn, depth}
	if e, ok := m.memo[key]; ok && m.allBusy(e.cuts) {
		m.cuts = append(m.cuts, e.cuts...)
		return e.s
	}
	if len(fn.Blocks) == 0 {
		return &Summary{}
	}
	if m.busy[fn] {
		m.cuts = append(m.cuts, fn)
		return &Summary{}
	}
	m.busy[fn] = true
	mark := len(m.cuts)
	s := m.build(fn, depth)
	delete(m.busy, fn)
	// The calls back into fn itself are its own recursion, the fixpoint
	// this model settles for; calls back into a caller still being
	// summarized make s partial, valid only while that caller is busy.
	var cuts []*ssa.Function
	for _, c := range m.cuts[mark:] {
		if c != fn && !slices.Contains(cuts, c) {
			cuts = append(cuts, c)
		}
	}
	m.cuts = append(m.cuts[:mark], cuts...)
	m.memo[key] = memoEntry{s, cuts}
	return s
}

// allBusy reports whether every function of fns is being summarized.
func (m *Model) allBusy(fns []*ssa.Function) bool {
	for _, f := range fns {
		if !m.busy[f] {
			return false
		}
	}
	return true
}
