package driver

// This file is the lower-memory driver racecheck's commands use (lint,
// run, correlate). Run, the full-graph driver, stays beside it so that
// the two can be measured against each other (see BENCHMARKS.md).
//
// Run hands the whole graph to checker.Analyze, which starts every root
// action at once and keeps every intermediate result (above all the SSA
// of each package, and buildssa's types-only copies of all its transitive
// imports) until the very end: peak memory grows with the size of the
// program, not with the size of the largest package. RunStream uses the
// same go/packages load (LoadLight, which only skips ast.Object
// resolution) and the same checker, but runs clones of the analyzers
// whose Run first enters a small scheduler:
//
//   - at most GOMAXPROCS packages are "open" at a time, and a package stays
//     open from its first action until its last one, so that the SSA of a
//     package is built and consumed back to back;
//   - when some analyzer uses facts, a package opens only once every
//     imported package in the graph is done, so an open package never waits
//     for another one (no deadlock) and its facts are complete;
//   - a package that is only a dependency of those asked for (the standard
//     library, required modules) is analyzed for its facts only, as go vet
//     analyzes it (VetxOnly): an analyzer with a stand-in for that
//     (analyzer.ForFacts) runs the stand-in, which exports the same facts
//     and skips the checks whose diagnostics nobody reads;
//   - when a package's last action is done, its releasable results (the
//     buildssa SSA, ctrlflow's CFGs, the inspector, and any result with a
//     Release method) are emptied, and so are its syntax trees (once no
//     other package, such as a test variant, shares them) and its
//     types.Info maps, so the garbage collector can take them although the
//     checker still references them. Only the go/types objects, which
//     importers need, stay.
//
// Loading dependencies from export data would save more, but buildssa
// requires ctrlflow, whose facts make every dependency an analyzed source
// package.

import (
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"runtime"
	"slices"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/analysis/passes/buildssa"
	"golang.org/x/tools/go/analysis/passes/ctrlflow"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/packages"

	"github.com/racecheck/racecheck/analyzer"
	"github.com/racecheck/racecheck/internal/depfail"
	"github.com/racecheck/racecheck/internal/hugeheap"
	"github.com/racecheck/racecheck/runner/findings"
)

// RunStream is Run with bounded memory: same inputs, same findings. Like
// go vet, it analyzes the packages that load even when others do not:
// it then returns their findings and a *LoadErrors listing every error.
func RunStream(analyzers []*analysis.Analyzer, patterns []string, opts Options) ([]findings.Finding, error) {
	hugeheap.Reserve(inProcessHeap)
	pkgs, err := loadLight(patterns, opts)
	if err != nil {
		return nil, err
	}
	healthy, loadErr := splitBroken(pkgs)
	if len(healthy) == 0 {
		return nil, loadErr
	}
	rec := new(depfail.Recorder)
	wrapped := depfail.Wrap(analyzers, rec.Record)
	deps := factsOnlyRuns(analyzers, wrapped, rec.Record)
	graph, err := analyzeStream(wrapped, deps, healthy, runtime.GOMAXPROCS(0))
	if err != nil {
		return nil, fmt.Errorf("analysis: %w", err)
	}
	fnds, err := Collect(graph)
	if err != nil {
		return nil, err
	}
	return fnds, errors.Join(loadErr, failures(rec, healthy, opts.Warn))
}

// inProcessHeap is the heap RunStream backs with huge pages
// (internal/hugeheap): what the packages of maxInProcessFiles files take
// in one process, about 0.5-0.65 MB a file.
const inProcessHeap = 2 << 30

// LoadLight is Load with a cheaper parse: it skips the resolution of
// identifiers to deprecated ast.Objects, which go/packages performs by
// default but go/types makes redundant; no racecheck analyzer (nor
// buildssa or ctrlflow) reads ast.Ident.Obj.
func LoadLight(patterns []string, opts Options) ([]*packages.Package, error) {
	pkgs, err := loadLight(patterns, opts)
	if err != nil {
		return nil, err
	}
	if err := firstError(pkgs); err != nil {
		return nil, err
	}
	return pkgs, nil
}

// loadLight is LoadLight keeping the packages with errors.
func loadLight(patterns []string, opts Options) ([]*packages.Package, error) {
	cfg, err := config(opts, packages.LoadAllSyntax)
	if err != nil {
		return nil, err
	}
	cfg.ParseFile = func(fset *token.FileSet, filename string, src []byte) (*ast.File, error) {
		return parser.ParseFile(fset, filename, src, parser.AllErrors|parser.ParseComments|parser.SkipObjectResolution)
	}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrLoad, err)
	}
	if len(pkgs) == 0 {
		return nil, fmt.Errorf("%w: no packages match %s", ErrLoad, strings.Join(patterns, " "))
	}
	return pkgs, nil
}

// AnalyzeStream runs the analyzers over pkgs like checker.Analyze, with at
// most open packages in flight at once (see the file comment). The graph's
// actions carry clones of the analyzers, with the same names. It consumes
// pkgs: their syntax and type information are emptied as they finish, and
// only positions (through the FileSet) and go/types objects remain usable.
func AnalyzeStream(analyzers []*analysis.Analyzer, pkgs []*packages.Package, open int) (*checker.Graph, error) {
	return analyzeStream(analyzers, nil, pkgs, open)
}

// A runFunc is an analyzer's Run.
type runFunc = func(*analysis.Pass) (any, error)

// factsOnlyRuns returns, for each analyzer that exports facts and has a
// stand-in for facts-only runs (analyzer.ForFacts) needing the same
// analyzers, the stand-in's Run keyed by the analyzer's copy in wrapped
// (analyzers as depfail.Wrap returned them); the stand-in's failures go
// to fail, as the analyzer's do.
func factsOnlyRuns(analyzers, wrapped []*analysis.Analyzer, fail func(depfail.Failure) error) map[*analysis.Analyzer]runFunc {
	runs := make(map[*analysis.Analyzer]runFunc)
	for i, stand := range analyzer.ForFacts(analyzers) {
		a := analyzers[i]
		if stand == a || len(a.FactTypes) == 0 || stand.Name != a.Name || !slices.Equal(stand.Requires, a.Requires) {
			continue
		}
		runs[wrapped[i]] = depfail.Wrap([]*analysis.Analyzer{stand}, fail)[0].Run
	}
	return runs
}

// analyzeStream is AnalyzeStream where the analyzers of deps run the
// paired function instead of their Run on the packages that are not
// among pkgs, which checker.Analyze analyzes for their facts only.
func analyzeStream(analyzers []*analysis.Analyzer, deps map[*analysis.Analyzer]runFunc, pkgs []*packages.Package, open int) (*checker.Graph, error) {
	if open < 1 {
		open = 1
	}
	s := &scheduler{
		clones:  make(map[*analysis.Analyzer]*analysis.Analyzer),
		origs:   make(map[*analysis.Analyzer]*analysis.Analyzer),
		ordered: usesFacts(analyzers),
		slots:   make(chan struct{}, open),
		failed:  make(chan struct{}),
		pkgs:    make(map[*types.Package]*pkgState),
		files:   make(map[*ast.File]int),
		deps:    deps,
	}
	roots := make([]*analysis.Analyzer, len(analyzers))
	for i, a := range analyzers {
		roots[i] = s.clone(a)
	}
	s.plan(analyzers, pkgs)
	for _, p := range pkgs {
		s.state(p).root = true
	}
	return checker.Analyze(roots, pkgs, nil)
}

// usesFacts reports whether any analyzer, or any analyzer it requires,
// declares fact types.
func usesFacts(analyzers []*analysis.Analyzer) bool {
	seen := make(map[*analysis.Analyzer]bool)
	var visit func(a *analysis.Analyzer) bool
	visit = func(a *analysis.Analyzer) bool {
		if seen[a] {
			return false
		}
		seen[a] = true
		if len(a.FactTypes) > 0 {
			return true
		}
		for _, req := range a.Requires {
			if visit(req) {
				return true
			}
		}
		return false
	}
	for _, a := range analyzers {
		if visit(a) {
			return true
		}
	}
	return false
}

// scheduler holds the state of one AnalyzeStream call.
type scheduler struct {
	clones  map[*analysis.Analyzer]*analysis.Analyzer // original -> clone
	origs   map[*analysis.Analyzer]*analysis.Analyzer // clone -> original
	ordered bool                                      // packages wait for their imports
	slots   chan struct{}                             // one token per open package

	failOnce sync.Once
	failed   chan struct{} // closed when an action fails: stop scheduling

	pkgs map[*types.Package]*pkgState   // read-only once planned
	deps map[*analysis.Analyzer]runFunc // facts-only runs on dependencies

	mu    sync.Mutex
	files map[*ast.File]int // packages not yet done that hold each file
}

// pkgState tracks the actions of one package.
type pkgState struct {
	pkg     *packages.Package
	root    bool        // among the packages asked for, not only a dependency
	imports []*pkgState // imported packages that have actions
	open    sync.Once   // waits for imports and takes a slot
	done    chan struct{}

	mu      sync.Mutex
	pending int   // actions not yet finished
	held    []any // releasable results
}

// clone returns the scheduler's copy of a, creating it (and the copies of
// its requirements) on first use.
func (s *scheduler) clone(a *analysis.Analyzer) *analysis.Analyzer {
	if c, ok := s.clones[a]; ok {
		return c
	}
	c := new(analysis.Analyzer)
	*c = *a
	s.clones[a], s.origs[c] = c, a
	c.Requires = make([]*analysis.Analyzer, len(a.Requires))
	for i, req := range a.Requires {
		c.Requires[i] = s.clone(req)
	}
	c.Run = func(pass *analysis.Pass) (any, error) { return s.run(a, pass) }
	return c
}

// plan counts the actions checker.Analyze will create per package, by the
// checker's own rule: every analyzer and its requirements on the roots,
// and analyzers with facts on all dependencies.
func (s *scheduler) plan(analyzers []*analysis.Analyzer, roots []*packages.Package) {
	type key struct {
		a   *analysis.Analyzer
		pkg *packages.Package
	}
	seen := make(map[key]bool)
	var visit func(a *analysis.Analyzer, p *packages.Package)
	visit = func(a *analysis.Analyzer, p *packages.Package) {
		if seen[key{a, p}] {
			return
		}
		seen[key{a, p}] = true
		s.state(p).pending++
		for _, req := range a.Requires {
			visit(req, p)
		}
		if len(a.FactTypes) > 0 {
			for _, imp := range p.Imports {
				visit(a, imp)
			}
		}
	}
	for _, a := range analyzers {
		for _, p := range roots {
			visit(a, p)
		}
	}
	packages.Visit(roots, nil, func(p *packages.Package) {
		st, ok := s.pkgs[p.Types]
		if !ok {
			return
		}
		for _, f := range p.Syntax {
			s.files[f]++
		}
		for _, imp := range p.Imports {
			if dep, ok := s.pkgs[imp.Types]; ok {
				st.imports = append(st.imports, dep)
			}
		}
	})
}

func (s *scheduler) state(p *packages.Package) *pkgState {
	st, ok := s.pkgs[p.Types]
	if !ok {
		st = &pkgState{pkg: p, done: make(chan struct{})}
		s.pkgs[p.Types] = st
	}
	return st
}

// run executes the original analyzer orig on the clone's pass.
func (s *scheduler) run(orig *analysis.Analyzer, pass *analysis.Pass) (res any, err error) {
	st := s.pkgs[pass.Pkg]
	if st == nil {
		return nil, fmt.Errorf("internal error: %s: package %s was not planned", orig.Name, pass.Pkg.Path())
	}
	st.open.Do(func() { s.enter(st) })
	defer func() {
		if r := recover(); r != nil {
			s.fail()
			panic(r)
		}
		if err != nil {
			s.fail() // its dependents will not run: stop counting
		}
		s.leave(st, res)
	}()
	inner := *pass
	inner.Analyzer = orig
	inner.ResultOf = make(map[*analysis.Analyzer]any, len(pass.ResultOf))
	for c, r := range pass.ResultOf {
		inner.ResultOf[s.origs[c]] = r
	}
	if run, ok := s.deps[orig]; ok && !st.root {
		return run(&inner)
	}
	return orig.Run(&inner)
}

// enter waits until the package may open: its imports are done (when
// ordered) and a slot is free. After a failure it no longer waits.
func (s *scheduler) enter(st *pkgState) {
	if s.ordered {
		for _, dep := range st.imports {
			select {
			case <-dep.done:
			case <-s.failed:
				return
			}
		}
	}
	select {
	case s.slots <- struct{}{}:
	case <-s.failed:
	}
}

// leave records one finished action; the last one releases the package's
// results and its slot.
func (s *scheduler) leave(st *pkgState, res any) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if releasable(res) {
		st.held = append(st.held, res)
	}
	st.pending--
	if st.pending != 0 {
		return
	}
	for _, r := range st.held {
		release(r)
	}
	st.held = nil
	s.releaseSyntax(st.pkg)
	close(st.done)
	select {
	case <-s.slots:
	case <-s.failed:
	}
}

// releaseSyntax empties the syntax trees no unfinished package shares
// and the type information of a finished package.
func (s *scheduler) releaseSyntax(p *packages.Package) {
	s.mu.Lock()
	for _, f := range p.Syntax {
		if s.files[f]--; s.files[f] == 0 {
			*f = ast.File{}
		}
	}
	s.mu.Unlock()
	if info := p.TypesInfo; info != nil {
		clear(info.Types)
		clear(info.Instances)
		clear(info.Defs)
		clear(info.Uses)
		clear(info.Implicits)
		clear(info.Selections)
		clear(info.Scopes)
		clear(info.FileVersions)
	}
}

func (s *scheduler) fail() { s.failOnce.Do(func() { close(s.failed) }) }

// Releaser may be implemented by an analyzer's result to drop its large
// per-package data once every analyzer of the package has run.
type Releaser interface{ Release() }

func releasable(res any) bool {
	switch res.(type) {
	case *buildssa.SSA, *ctrlflow.CFGs, *inspector.Inspector, Releaser:
		return true
	}
	return false
}

// release empties a result in place: the checker keeps the pointer, but
// no longer what it points to.
func release(res any) {
	switch r := res.(type) {
	case *buildssa.SSA:
		*r = buildssa.SSA{}
	case *ctrlflow.CFGs:
		*r = ctrlflow.CFGs{}
	case *inspector.Inspector:
		*r = inspector.Inspector{}
	case Releaser:
		r.Release()
	}
}
