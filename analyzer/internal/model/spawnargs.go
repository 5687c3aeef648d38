package model

import (
	"maps"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// SpawnFuncArgs extends the summary sum of a goroutine's function with
// what the function values its parent passes in do when the goroutine
// runs them: `go Until(p.flush, stop)` runs p.flush on the goroutine,
// with the full depth a `go p.flush()` would have. Their accesses and
// synchronization are made at the call of s.Fn that leads to them;
// those rooted in the values a closure binds are in the parent's frame
// already, and the returned Spawn's Env maps them to themselves. s and
// sum are returned unchanged when no such value is run.
func (m *Model) SpawnFuncArgs(s *Spawn, sum *Summary) (*Spawn, *Summary) {
	var out *Summary
	var env Env
	// The go statement whose arguments Env binds, for methods called on
	// them; other spawns bind only a closure's free variables.
	start := s.Instr
	if s.Started != nil {
		start = s.Started
	}
	var goInstr ssa.Instruction
	if g, ok := start.(*ssa.Go); ok {
		goInstr = g
	}
	for _, fc := range sum.FuncCalls {
		l, ok := s.Env.Translate(fc.Loc)
		if !ok {
			continue
		}
		target, bindings, recv := m.funcCallTarget(fc, l, goInstr)
		if !m.InScope(target) {
			continue
		}
		if out == nil {
			out = sum.clipped()
			env = maps.Clone(s.Env)
		}
		inner := funcCallEnv(target, bindings, recv, l, len(fc.Args), func(i int, _ *ssa.Parameter) (Loc, bool) {
			return fc.Args[i], fc.Args[i].Valid()
		})
		if recv {
			env[l.Root] = Loc{Root: l.Root}
		}
		for _, fv := range target.FreeVars {
			if b := inner[fv]; b.Valid() {
				env[b.Root] = Loc{Root: b.Root}
			}
		}
		m.inline(out, target, inner, fc.Instr, fc.Locks, m.MaxDepth+1, false)
	}
	if out == nil {
		return s, sum
	}
	ns := *s
	ns.Env = env
	return &ns, out
}

// clipped returns a copy of s whose slices the caller may append to.
func (s *Summary) clipped() *Summary {
	c := *s
	c.Accesses = slices.Clip(c.Accesses)
	c.Signals = slices.Clip(c.Signals)
	c.Joins = slices.Clip(c.Joins)
	c.Adds = slices.Clip(c.Adds)
	c.TestCalls = slices.Clip(c.TestCalls)
	c.Cleanups = slices.Clip(c.Cleanups)
	c.FuncCalls = slices.Clip(c.FuncCalls)
	return &c
}
