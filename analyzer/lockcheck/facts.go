package lockcheck

import (
	"cmp"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/racecheck/racecheck/analyzer/internal/model"
)

// A FuncSummary is what lockcheck exports for a function (in its
// PackageSummary): the
// writes it makes on every path that returns, to memory its callers can
// reach, in terms of its parameters (the receiver is parameter 0) and of
// package-level variables, with the locks held at each; and its lock
// effects. Reads and conditional writes are left out: no importer check
// uses them, and they would triple the size of the facts.
type FuncSummary struct {
	Accesses []FactAccess // sorted, at most maxFactAccesses
	Acquires []FactLock   // locks held at return that were not held on entry
	Releases []FactLock   // locks released that the function did not acquire
	// RunsParams lists the func-typed parameters the function runs in
	// goroutines it starts (a Parallelize(n, func(i int)) helper).
	RunsParams []int
	// AsyncParams lists the func-typed parameters the function runs on a
	// goroutine or timer it starts and leaves running (a Go(f) helper):
	// what is passed there runs concurrently with the caller.
	AsyncParams []int
}

// A FactAccess is one access of a FuncSummary.
type FactAccess struct {
	Var    FactVar
	Write  bool
	Atomic bool
	Map    bool
	Locks  []FactLock // locks held at the access, in the callee
	Pos    string     // "file.go:line:col" of the access
}

// A FactVar is a location relative to a function's frame: a path (as
// in model.Loc) from parameter Param, or from the package-level
// variable Global ("import/path.name") when Param is -1.
type FactVar struct {
	Param  int
	Global string
	Path   string
}

// A FactLock is a lock held, acquired or released.
type FactLock struct {
	Var   FactVar
	Write bool
	Field string // "pkg.Type.field" of a mutex field, for may-alias matching
}

// String lists the writes (a lock held marked "+locked") and the lock
// effects, e.g. "writes(0.items*{} 0.n) acquires(0.mu)".
func (f *FuncSummary) String() string {
	var parts []string
	list := func(name string, vars []string) {
		if len(vars) > 0 {
			parts = append(parts, name+"("+strings.Join(vars, " ")+")")
		}
	}
	var ws, as, rs []string
	for _, a := range f.Accesses {
		w := a.Var.String()
		if len(a.Locks) > 0 {
			w += "+locked"
		}
		ws = append(ws, w)
	}
	for _, l := range f.Acquires {
		as = append(as, l.Var.String())
	}
	for _, l := range f.Releases {
		rs = append(rs, l.Var.String())
	}
	var ps, async []string
	for _, i := range f.RunsParams {
		ps = append(ps, fmt.Sprint(i))
	}
	for _, i := range f.AsyncParams {
		async = append(async, fmt.Sprint(i))
	}
	list("writes", ws)
	list("acquires", as)
	list("releases", rs)
	list("runs", ps)
	list("async", async)
	return strings.Join(parts, " ")
}

func (v FactVar) String() string {
	if v.Param < 0 {
		return v.Global + v.Path
	}
	return fmt.Sprint(v.Param) + v.Path
}

// GuardedFields is what lockcheck exports for a struct type (in its
// PackageSummary): which
// mutex field guards which field.
type GuardedFields struct {
	Fields []GuardedField // sorted by Field
}

// A GuardedField is one entry of GuardedFields.
type GuardedField struct {
	Field    string
	Mutex    string
	Declared bool // by a racecheck:guardedby comment
	Held     int  // accesses with the mutex held
	Total    int  // accesses
}

func (f *GuardedFields) String() string {
	var parts []string
	for _, g := range f.Fields {
		parts = append(parts, g.Field+":"+g.Mutex)
	}
	return "guarded(" + strings.Join(parts, " ") + ")"
}

// maxFactAccesses caps the accesses of one FuncSummary.
const maxFactAccesses = 64

// factVar expresses a location of fn's frame as a FactVar.
func factVar(fn *ssa.Function, l model.Loc) (FactVar, bool) {
	switch r := l.Root.(type) {
	case *ssa.Parameter:
		if i := slices.Index(fn.Params, r); i >= 0 {
			return FactVar{Param: i, Path: l.Path}, true
		}
	case *ssa.Global:
		if r.Pkg != nil {
			return FactVar{Param: -1, Global: r.Pkg.Pkg.Path() + "." + r.Name(), Path: l.Path}, true
		}
	}
	return FactVar{}, false
}

func factLocks(fn *ssa.Function, ls model.Lockset) []FactLock {
	var out []FactLock
	for _, h := range ls {
		if v, ok := factVar(fn, h.Loc); ok {
			out = append(out, FactLock{Var: v, Write: h.Write, Field: h.Field})
		}
	}
	slices.SortFunc(out, compareLock)
	return out
}

// summarize builds the FuncSummary of fn, or nil when fn touches nothing
// its callers can see.
func (c *checker) summarize(fn *ssa.Function) *FuncSummary {
	s := c.model.Summary(fn)
	f := &FuncSummary{Acquires: factLocks(fn, s.Acquires)}
	for _, l := range s.Releases {
		if v, ok := factVar(fn, l); ok {
			f.Releases = append(f.Releases, FactLock{Var: v})
		}
	}
	slices.SortFunc(f.Releases, compareLock)
	seen := make(map[string]bool)
	for _, a := range s.Accesses {
		a = unspillAccess(a)
		v, ok := factVar(fn, a.Loc)
		if !ok || inTestFile(c.pass, a.Pos) || !a.Write || !dominatesReturns(a.Instr) || chanWaitBefore(s, a) {
			// Importers use only the writes made on every path: reads
			// and conditional writes would triple the size for nothing.
			continue
		}
		fa := FactAccess{Var: v, Write: a.Write, Atomic: a.Atomic, Map: a.Map, Locks: factLocks(fn, a.Locks), Pos: a.Origin}
		if fa.Pos == "" {
			p := c.pass.Fset.Position(a.Pos)
			fa.Pos = fmt.Sprintf("%s:%d:%d", filepath.Base(p.Filename), p.Line, p.Column)
		}
		if k := fmt.Sprint(fa); !seen[k] {
			seen[k] = true
			f.Accesses = append(f.Accesses, fa)
		}
	}
	f.RunsParams = c.runsParams(fn)
	f.AsyncParams = c.asyncParams(fn)
	if len(f.Accesses) == 0 && len(f.Acquires) == 0 && len(f.Releases) == 0 && len(f.RunsParams) == 0 && len(f.AsyncParams) == 0 {
		return nil
	}
	f.Accesses = capAccesses(f.Accesses)
	return f
}

// capAccesses sorts accesses and keeps at most maxFactAccesses of them,
// writes first.
func capAccesses(as []FactAccess) []FactAccess {
	slices.SortFunc(as, func(x, y FactAccess) int {
		return cmp.Or(-cmp.Compare(b2i(x.Write), b2i(y.Write)), compareAccess(x, y))
	})
	if len(as) > maxFactAccesses {
		as = as[:maxFactAccesses]
	}
	slices.SortFunc(as, compareAccess)
	return as
}

func compareAccess(x, y FactAccess) int {
	return cmp.Or(compareVar(x.Var, y.Var), cmp.Compare(x.Pos, y.Pos),
		cmp.Compare(b2i(x.Write), b2i(y.Write)), cmp.Compare(b2i(x.Atomic), b2i(y.Atomic)),
		cmp.Compare(b2i(x.Map), b2i(y.Map)), slices.CompareFunc(x.Locks, y.Locks, compareLock))
}

func compareVar(x, y FactVar) int {
	return cmp.Or(cmp.Compare(x.Param, y.Param), cmp.Compare(x.Global, y.Global), cmp.Compare(x.Path, y.Path))
}

func compareLock(x, y FactLock) int {
	return cmp.Or(compareVar(x.Var, y.Var), cmp.Compare(b2i(x.Write), b2i(y.Write)), cmp.Compare(x.Field, y.Field))
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// dominatesReturns reports whether instr runs on every path of its
// function that returns normally. (An access another package's function
// makes only under a condition, such as bytes.Reader.Read's write of r.i
// when input remains, is not evidence enough for a report.)
func dominatesReturns(instr ssa.Instruction) bool {
	b := instr.Block()
	if b == nil {
		return false
	}
	for _, r := range instr.Parent().Blocks {
		if len(r.Instrs) == 0 || r == instr.Parent().Recover {
			continue
		}
		if _, ok := r.Instrs[len(r.Instrs)-1].(*ssa.Return); ok && !b.Dominates(r) {
			return false
		}
	}
	return true
}

// chanWaitBefore reports whether fn waits on a channel or acquires a
// semaphore before access a (or in the call that makes it): a receive
// that hands it the data, or a channel or semaphore used as a lock
// (take, write, give back, as x/net/quic's gate does). Either way the
// write is not unsynchronized, and importers must not be told it is.
func chanWaitBefore(s *model.Summary, a model.Access) bool {
	for _, j := range s.Joins {
		if (j.Kind == model.SyncChan || j.Kind == model.SyncSemaphore) && model.After(j.Instr, a.Instr) {
			return true
		}
	}
	return false
}
