package lockcheck

import (
	"flag"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/buildssa"
	"golang.org/x/tools/go/ssa"

	"github.com/racecheck/racecheck/analyzer/internal/model"
	"github.com/racecheck/racecheck/analyzer/internal/posorder"
	"github.com/racecheck/racecheck/analyzer/internal/safe"
	"github.com/racecheck/racecheck/analyzer/internal/suppress"
)

// Analyzer reports breaks of lock discipline on shared objects.
var Analyzer = &analysis.Analyzer{
	Name:      "lockcheck",
	Doc:       "report fields accessed outside the mutex that guards them, writes under a read lock, atomic/plain mixing and state shared with background goroutines and handlers",
	URL:       "https://github.com/racecheck/racecheck/blob/main/docs/checks.md",
	Flags:     flags(),
	Requires:  []*analysis.Analyzer{buildssa.Analyzer},
	Run:       safe.Run(run),
	FactTypes: []analysis.Fact{suppress.FactType, new(PackageSummary)},
}

// factsFlag names the flag that turns fact export off.
const factsFlag = "facts"

func flags() flag.FlagSet {
	fs := flag.NewFlagSet("lockcheck", flag.ExitOnError)
	suppress.Register(fs)
	fs.Bool(factsFlag, true, "export function summaries and guarded fields for importing packages (turn off only to debug one package)")
	return *fs
}

// boolFlag reads a boolean flag of the analyzer running pass.
func boolFlag(pass *analysis.Pass, name string) bool {
	if f := pass.Analyzer.Flags.Lookup(name); f != nil {
		if g, ok := f.Value.(flag.Getter); ok {
			if b, ok := g.Get().(bool); ok {
				return b
			}
		}
	}
	return true
}

// summaryDepth is how many levels of same-package calls are followed.
const summaryDepth = 4

// The categories of lockcheck, documented in analyzer/category.
const (
	catUnguarded       = "unguarded-field"
	catRLockWrite      = "rlock-write"
	catAtomicMix       = "atomic-mix"
	catBackground      = "background-field"
	catBackgroundClose = "background-close"
	catPointerSend     = "guarded-pointer-send"
	catUnguardedSend   = "unguarded-send"
	catHandler         = "handler-state"
	catCrossPkg        = "unlocked-call"
	catGlobal          = "global-var-shared"
	catCallback        = "concurrent-callback"
)

// checker holds the state of one pass.
type checker struct {
	pass     *analysis.Pass
	rep      *suppress.Reporter
	model    *model.Model
	entries  []*entry
	accesses []*fieldAccess // by entry, then summary order
	vars     []*varAccess   // globals and captured variables, likewise
	pointees []*fieldAccess // accesses to what a pointer field points to (*x.n), for atomic-mix only
	chans    []*fieldAccess // closes of and sends on channels held in fields
	external map[*ssa.CallCommon]*model.Summary
	imported map[*types.Package]*PackageSummary // direct imports' facts, nil when none
	claims   map[lineKey]bool                   // lines with comments that claim no synchronization is needed; built on first use
	reported map[lineKey]bool                   // lines already reported
	funcs    []*ssa.Function                    // the package's source functions
	fresh    map[fieldKey]bool                  // freshOnly's answers
	cbModel  *model.Model                       // callbackModel's, built on first use
	order    *posorder.Order                    // source order across the package's files
}

// An entry is a function other code may call (or start) with no lock
// held: the context in which accesses are judged.
type entry struct {
	fn      *ssa.Function
	spawned bool            // a goroutine body
	parents []*ssa.Function // for a goroutine body, the functions that start it
	handler bool            // runs concurrently with itself as an HTTP handler
}

func run(pass *analysis.Pass) (any, error) {
	if implementsSync(pass.Pkg.Path()) {
		return nil, nil
	}
	c, funcs := newChecker(pass)
	c.rep = suppress.New(pass)
	defer c.rep.Finish()
	guards := c.inferPackageGuards(funcs)
	// The facts come before the checks, from a model only the guard
	// inference has queried: summaries of mutually recursive functions
	// depend on which one is asked for first, and runFacts must export
	// the same facts.
	if boolFlag(pass, factsFlag) {
		c.exportFacts(funcs, guards)
	}
	c.importedGuards(guards)
	c.checkRLockWrites()
	fields := c.byField()
	c.checkGuarded(guards, fields)
	c.checkOnceFields(fields)
	c.checkReadGuarded(guards, fields)
	c.checkAtomicMix()
	c.checkBackground()
	c.checkBackgroundClose()
	c.checkUnguardedSends()
	c.checkPointerSends(funcs, guards)
	c.checkHandlers()
	c.checkGlobals()
	c.checkPerObjectGlobals()
	c.checkCrossPackage(funcs)
	c.checkCallbacks(funcs)
	return nil, nil
}

// newChecker returns the checker of a pass, without its reporter, and
// the package's source functions.
func newChecker(pass *analysis.Pass) (*checker, []*ssa.Function) {
	ssainfo := pass.ResultOf[buildssa.Analyzer].(*buildssa.SSA)
	c := &checker{
		pass:     pass,
		reported: make(map[lineKey]bool),
		external: make(map[*ssa.CallCommon]*model.Summary),
		imported: make(map[*types.Package]*PackageSummary),
		funcs:    ssainfo.SrcFuncs,
		fresh:    make(map[fieldKey]bool),
		order:    posorder.New(pass.Fset, pass.Files),
	}
	c.model = c.newModel(ssainfo.Pkg)
	return c, ssainfo.SrcFuncs
}

// newModel returns the model lockcheck's checks query.
func (c *checker) newModel(pkg *ssa.Package) *model.Model {
	m := model.New(pkg, summaryDepth)
	m.External = c.externalSummary
	m.Deferred = true
	m.OpaqueArgs = true
	return m
}

// callbackModel returns a model like c.model that also follows calls
// through an interface of the package that one of its types implements
// (g.framework.RunFilterPlugins()): what a concurrent callback runs.
// The guard inference keeps to static calls, whose receivers it knows.
func (c *checker) callbackModel() *model.Model {
	if c.cbModel == nil {
		c.cbModel = c.newModel(c.model.Pkg)
		c.cbModel.Devirtualize = true
	}
	return c.cbModel
}

// inferPackageGuards collects the accesses of the package's entries and
// infers from them which mutex guards which of its fields.
func (c *checker) inferPackageGuards(funcs []*ssa.Function) map[fieldKey]*guard {
	c.entries = findEntries(c.pass, funcs, c.model.LocksAt, c.order, c.asyncArgs())
	for _, e := range c.entries {
		c.collect(e)
	}
	return c.inferGuards(annotations(c.pass))
}

// skipFunc reports whether fn's accesses are not judged on their own:
// init functions, test files, and functions whose caller holds the lock.
func skipFunc(pass *analysis.Pass, fn *ssa.Function) bool {
	if isInit(fn.Name()) || inTestFile(pass, fn.Pos()) {
		return true
	}
	return callerHoldsLock(fn) || serialized(pass, fn) || setupOnly(fn)
}

// setupOnly reports whether fn's doc confines its calls to setup time:
// before the object (or the program) starts the goroutines that could
// race with it. A call made while they run breaks the function's
// contract, not the package's discipline. ("Not safe for concurrent use"
// alone is not enough: it forbids calling the function concurrently
// with itself, not with the methods that take the lock.)
func setupOnly(fn *ssa.Function) bool {
	decl, ok := fn.Syntax().(*ast.FuncDecl)
	if !ok || decl.Doc == nil {
		return false
	}
	return setupDoc.match(decl.Doc.Text())
}

// serialized reports whether fn is a method of a type documented as not
// safe for concurrent use.
func serialized(pass *analysis.Pass, fn *ssa.Function) bool {
	recv := recvOf(fn)
	if recv == nil {
		return false
	}
	t := recv.Type()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	named, ok := types.Unalias(t).(*types.Named)
	if !ok {
		return false
	}
	doc := typeDoc(pass, named.Obj())
	return doc != "" && notConcurrent.match(doc)
}

// typeDoc returns the doc comment of a type declared in pass's files.
func typeDoc(pass *analysis.Pass, tn *types.TypeName) string {
	for _, f := range pass.Files {
		if f.Pos() > tn.Pos() || tn.Pos() > f.End() {
			continue
		}
		for _, d := range f.Decls {
			gd, ok := d.(*ast.GenDecl)
			if !ok || gd.Pos() > tn.Pos() || tn.Pos() > gd.End() {
				continue
			}
			for _, spec := range gd.Specs {
				if ts, ok := spec.(*ast.TypeSpec); ok && ts.Name.Pos() == tn.Pos() {
					if ts.Doc != nil {
						return ts.Doc.Text()
					}
					if gd.Doc != nil {
						return gd.Doc.Text()
					}
				}
			}
		}
	}
	return ""
}

// implementsSync reports whether a package implements synchronization
// itself (the runtime, sync): it mixes atomic and plain accesses and
// reads racily on purpose, under rules of its own.
func implementsSync(path string) bool {
	switch path {
	case "runtime", "sync", "sync/atomic", "internal/sync":
		return true
	}
	return strings.HasPrefix(path, "internal/runtime/") || strings.HasPrefix(path, "runtime/internal/")
}

// isInit reports whether a function's name says it initializes an
// object not yet shared (FD.Init, init, initFoo) or is a package init.
func isInit(name string) bool {
	return strings.HasPrefix(name, "init") || strings.HasPrefix(name, "Init")
}

func inTestFile(pass *analysis.Pass, pos token.Pos) bool {
	f := pass.Fset.File(pos)
	return f != nil && strings.HasSuffix(f.Name(), "_test.go")
}

// callerHoldsLock reports whether fn is, by convention, called with its
// receiver's lock already held: its name ends in Locked (or locked) or
// its doc comment says so.
func callerHoldsLock(fn *ssa.Function) bool {
	name := fn.Name()
	if model.LockedName(name) {
		return true
	}
	if decl, ok := fn.Syntax().(*ast.FuncDecl); ok && decl.Doc != nil {
		return holdDoc.match(decl.Doc.Text())
	}
	return false
}
