package lockcheck

import (
	"go/ast"
	"go/token"
	"go/types"
	"regexp"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/buildssa"
	"golang.org/x/tools/go/ssa"

	"github.com/racecheck/racecheck/analyzer/internal/model"
	"github.com/racecheck/racecheck/analyzer/internal/safe"
	"github.com/racecheck/racecheck/analyzer/internal/suppress"
)

// Analyzer reports breaks of lock discipline on shared objects.
var Analyzer = &analysis.Analyzer{
	Name:      "lockcheck",
	Doc:       "report fields accessed outside the mutex that guards them, writes under a read lock, atomic/plain mixing and state shared with background goroutines and handlers",
	URL:       "https://github.com/racecheck/racecheck#checks",
	Flags:     suppress.Flags("lockcheck"),
	Requires:  []*analysis.Analyzer{buildssa.Analyzer},
	Run:       safe.Run(run),
	FactTypes: []analysis.Fact{suppress.FactType, new(FuncSummary), new(GuardedFields)},
}

// summaryDepth is how many levels of same-package calls are followed.
const summaryDepth = 3

// The categories of lockcheck, documented in analyzer/category.
const (
	catUnguarded  = "unguarded-field"
	catRLockWrite = "rlock-write"
	catAtomicMix  = "atomic-mix"
	catBackground = "background-field"
	catHandler    = "handler-state"
	catCrossPkg   = "unlocked-call"
)

// checker holds the state of one pass.
type checker struct {
	pass     *analysis.Pass
	rep      *suppress.Reporter
	model    *model.Model
	entries  []*entry
	accesses []*fieldAccess // by entry, then summary order
	reported map[token.Pos]bool
}

// An entry is a function other code may call (or start) with no lock
// held: the context in which accesses are judged.
type entry struct {
	fn      *ssa.Function
	spawned bool // a goroutine body
	handler bool // runs concurrently with itself as an HTTP handler
}

func run(pass *analysis.Pass) (any, error) {
	ssainfo := pass.ResultOf[buildssa.Analyzer].(*buildssa.SSA)
	c := &checker{
		pass:     pass,
		rep:      suppress.New(pass),
		model:    model.New(ssainfo.Pkg, summaryDepth),
		reported: make(map[token.Pos]bool),
	}
	defer c.rep.Finish()
	c.model.External = c.externalSummary
	c.entries = findEntries(pass, ssainfo.SrcFuncs)
	for _, e := range c.entries {
		c.collect(e)
	}
	guards := c.inferGuards(annotations(pass))
	c.checkRLockWrites()
	c.checkGuarded(guards)
	c.checkAtomicMix()
	c.checkBackground()
	c.checkHandlers()
	c.checkCrossPackage(ssainfo.SrcFuncs)
	c.exportFacts(ssainfo.SrcFuncs, guards)
	return nil, nil
}

// findEntries returns the entry points of a package: exported functions
// and methods, methods not called directly (used as values or through
// interfaces), goroutine bodies and HTTP handlers. Functions that by
// convention run with the caller's lock held are left out.
func findEntries(pass *analysis.Pass, funcs []*ssa.Function) []*entry {
	called := make(map[*ssa.Function]bool)
	spawned := make(map[*ssa.Function]bool)
	handlers := make(map[*ssa.Function]bool)
	for _, fn := range funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				noteCall(instr, called, spawned, handlers)
			}
		}
	}
	var out []*entry
	for _, fn := range funcs {
		if skipFunc(pass, fn) {
			continue
		}
		e := &entry{fn: fn, spawned: spawned[fn], handler: handlers[fn] || isServeHTTP(fn)}
		if e.spawned || e.handler || isAPI(fn, called) {
			out = append(out, e)
		}
	}
	return out
}

// noteCall records what instr does with functions: calls, spawns, or
// registers as an HTTP handler.
func noteCall(instr ssa.Instruction, called, spawned, handlers map[*ssa.Function]bool) {
	if call, ok := instr.(*ssa.Call); ok {
		if fn := call.Common().StaticCallee(); fn != nil {
			called[fn] = true
		}
		if fn := handlerArg(call.Common()); fn != nil {
			handlers[fn] = true
		}
	}
	if s := model.SpawnAt(instr); s != nil {
		spawned[s.Fn] = true
		if w := boundMethod(s.Fn); w != nil {
			spawned[w] = true
		}
	}
}

// isAPI reports whether fn is callable from outside the package or
// through a value: exported, or a method never called directly.
func isAPI(fn *ssa.Function, called map[*ssa.Function]bool) bool {
	if fn.Parent() != nil || fn.Object() == nil {
		return false
	}
	recv := fn.Signature.Recv() != nil
	if fn.Object().Exported() {
		return !recv || exportedRecv(fn)
	}
	return recv && !called[fn]
}

// exportedRecv reports whether a method's receiver type is exported.
func exportedRecv(fn *ssa.Function) bool {
	t := fn.Signature.Recv().Type()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	named, ok := types.Unalias(t).(*types.Named)
	return !ok || named.Obj().Exported()
}

// skipFunc reports whether fn's accesses are not judged on their own:
// init functions, test files, and functions whose caller holds the lock.
func skipFunc(pass *analysis.Pass, fn *ssa.Function) bool {
	if fn.Name() == "init" || strings.HasPrefix(fn.Name(), "init#") || inTestFile(pass, fn.Pos()) {
		return true
	}
	return callerHoldsLock(fn)
}

func inTestFile(pass *analysis.Pass, pos token.Pos) bool {
	f := pass.Fset.File(pos)
	return f != nil && strings.HasSuffix(f.Name(), "_test.go")
}

// holdDoc matches doc comments that say the caller holds a lock.
var holdDoc = regexp.MustCompile(`(?i)(must (already )?(be )?(hold|held|own)|(caller|callers) (hold|holds|own|owns|has|have|locked|must)|(is|are|be) (held|locked)|(with|while) [\w.]*\s*(lock|mu|mutex)\w* (held|locked)|\block(ed)? held\b|requires [\w.]*(mu|lock)|holding)`)

// callerHoldsLock reports whether fn is, by convention, called with its
// receiver's lock already held: its name ends in Locked (or locked) or
// its doc comment says so.
func callerHoldsLock(fn *ssa.Function) bool {
	name := fn.Name()
	if strings.HasSuffix(name, "Locked") || strings.HasSuffix(name, "locked") || strings.HasPrefix(name, "locked") {
		return true
	}
	if decl, ok := fn.Syntax().(*ast.FuncDecl); ok && decl.Doc != nil {
		return holdDoc.MatchString(decl.Doc.Text())
	}
	return false
}
