package model

import (
	"go/constant"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// A TestCall is a call of a method of a *testing.T or *testing.B that
// reports to its test: logging, failing, skipping.
type TestCall struct {
	Recv   Loc             // the *testing.T or *testing.B
	Method string          // "Log", "Errorf", "Fatal", ...
	Pos    token.Pos       // the call itself (its parenthesis)
	Instr  ssa.Instruction // in the summarized function: the call or the call leading to it
	Fn     *ssa.Function   // the function that makes the call itself
	// Ident is set when the receiver is a variable (t.Fatal), not a
	// field path (s.t.Fatal): go vet's testinggoroutine sees only those.
	Ident bool
}

// testReports lists the methods of testing's common type that report to
// the test. Each panics once the test has completed; FailNow and its
// callers, and SkipNow and its callers, end the calling goroutine.
var testReports = map[string]bool{
	"Log": true, "Logf": true, "Error": true, "Errorf": true, "Fail": true,
	"Fatal": true, "Fatalf": true, "FailNow": true,
	"Skip": true, "Skipf": true, "SkipNow": true,
}

// visitTesting records WaitGroup.Add calls, calls that report to a test,
// and the joins of functions registered with t.Cleanup. It records only:
// the call is summarized as any other.
func (m *Model) visitTesting(s *Summary, c *ssa.CallCommon, f *types.Func, instr ssa.Instruction, ls Lockset, depth int, deferred bool) {
	switch {
	case f == nil || len(c.Args) == 0:
	case isMethod(f, "sync", "WaitGroup", "Add") && len(c.Args) == 2:
		if !deferred && !negativeConst(c.Args[1]) {
			s.Adds = append(s.Adds, Access{Loc: LocOf(c.Args[0]), Write: true, Pos: c.Pos(), Instr: instr, Locks: ls})
		}
	case isMethod(f, "testing", "common", "Cleanup") && len(c.Args) == 2:
		m.cleanup(s, c.Args[1], instr, depth)
	case testReports[f.Name()] && isMethod(f, "testing", "common", f.Name()):
		recv, ident := testingRecv(c.Args[0])
		if l := LocOf(recv); l.Valid() {
			s.TestCalls = append(s.TestCalls, TestCall{Recv: l, Method: f.Name(), Pos: c.Pos(), Instr: instr, Fn: instr.Parent(), Ident: ident})
		}
	}
}

// negativeConst reports whether v is a constant below zero: Add(-1) is
// Done.
func negativeConst(v ssa.Value) bool {
	c, ok := v.(*ssa.Const)
	return ok && c.Value != nil && c.Value.Kind() == constant.Int && constant.Sign(c.Value) < 0
}

// testingRecv returns the *testing.T or *testing.B behind the receiver
// of a promoted method of testing.common (&t.common), and whether it is
// a variable rather than a value loaded from a field.
func testingRecv(v ssa.Value) (ssa.Value, bool) {
	if fa, ok := v.(*ssa.FieldAddr); ok {
		v = fa.X
	}
	switch x := v.(type) {
	case *ssa.Parameter, *ssa.FreeVar:
		return v, true
	case *ssa.UnOp:
		if x.Op == token.MUL {
			switch x.X.(type) {
			case *ssa.Alloc, *ssa.FreeVar:
				return v, true // a captured variable
			}
		}
	}
	return v, false
}

// cleanup records what the function f registered with t.Cleanup waits
// for: it runs before the test completes. A function the model cannot
// see counts as waiting for everything, on the quiet side.
func (m *Model) cleanup(s *Summary, f ssa.Value, instr ssa.Instruction, depth int) {
	if ct, ok := f.(*ssa.ChangeType); ok && isCancelFunc(ct.X.Type()) {
		return // t.Cleanup(cancel) signals; it waits for nothing
	}
	fn, bindings := FuncOf(f)
	if !m.InScope(fn) || depth <= 0 {
		s.Cleanups = append(s.Cleanups, Sync{Kind: SyncAll, Instr: instr})
		return
	}
	cs := m.summary(fn, calleeDepth(fn, depth))
	env := CallEnv(fn, nil, bindings)
	for _, j := range append(append([]Sync(nil), cs.Joins...), cs.Cleanups...) {
		if j.Kind == SyncAll {
			s.Cleanups = append(s.Cleanups, Sync{Kind: SyncAll, Instr: instr})
		} else if l, ok := env.Translate(j.Loc); ok {
			s.Cleanups = append(s.Cleanups, Sync{Kind: j.Kind, Loc: l, Instr: instr, Pos: j.Pos})
		}
	}
}

// inlineTesting adds to s what a callee's summary cs records of
// WaitGroup.Add, test reports and cleanups, translated through env.
func (m *Model) inlineTesting(s *Summary, cs *Summary, env Env, call ssa.Instruction, ls Lockset, deferred bool) {
	for _, tc := range cs.TestCalls {
		if l, ok := env.Translate(tc.Recv); ok {
			tc.Recv, tc.Instr = l, call
			s.TestCalls = append(s.TestCalls, tc)
		}
	}
	for _, j := range cs.Cleanups {
		// A wait on the callee's own object (a fixture it started and
		// did not return) cannot be named here: it counts as waiting for
		// everything, on the quiet side.
		if l, ok := env.Translate(j.Loc); ok && j.Kind != SyncAll {
			s.Cleanups = append(s.Cleanups, Sync{Kind: j.Kind, Loc: l, Instr: call, Pos: j.Pos})
		} else {
			s.Cleanups = append(s.Cleanups, Sync{Kind: SyncAll, Instr: call})
		}
	}
	if deferred {
		return
	}
	for _, a := range cs.Adds {
		if l, ok := env.Translate(a.Loc); ok {
			a.Loc, a.Instr = l, call
			a.Locks = union(ls, env.TranslateLocks(a.Locks))
			s.Adds = append(s.Adds, a)
		}
	}
}
