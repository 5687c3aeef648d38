package vetunit

import (
	"fmt"
	"go/ast"
	"go/types"
	"os"
	"reflect"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// An action is one analyzer's run on the unit.
type action struct {
	a     *analysis.Analyzer
	done  bool
	res   any
	err   error
	diags []analysis.Diagnostic
}

// A result is what a root analyzer reported, or its error.
type result struct {
	a     *analysis.Analyzer
	diags []analysis.Diagnostic
	err   error
}

// An executor runs the analyzer DAG on one unit.
type executor struct {
	u       *unit
	facts   *factSet
	warn    func(string) // receives invalid fixes, dropped from their diagnostic
	actions map[*analysis.Analyzer]*action
}

// execute runs roots and everything they require on u and returns the
// roots' results in order. It runs one analyzer at a time, depth first:
// go vet already runs as many units at once as there are CPUs, and a
// fixed order keeps analyzers that share state (results of a common
// requirement) deterministic.
func (e *executor) execute(roots []*analysis.Analyzer) []result {
	e.actions = make(map[*analysis.Analyzer]*action)
	for a := range expand(roots) {
		e.actions[a] = &action{a: a}
	}
	for _, a := range roots {
		e.run(a)
	}
	out := make([]result, len(roots))
	for i, a := range roots {
		act := e.actions[a]
		out[i] = result{a, act.diags, act.err}
	}
	return out
}

// run runs a once, after its requirements. A cycle cannot occur:
// analysis.Validate rejects it.
func (e *executor) run(a *analysis.Analyzer) *action {
	act := e.actions[a]
	if act.done {
		return act
	}
	act.done = true
	inputs := make(map[*analysis.Analyzer]any, len(a.Requires))
	var failed []string
	for _, req := range a.Requires {
		r := e.run(req)
		if r.err != nil {
			failed = append(failed, req.String())
			continue
		}
		inputs[req] = r.res
	}
	if failed != nil {
		slices.Sort(failed)
		act.err = fmt.Errorf("failed prerequisites: %s", strings.Join(failed, ", "))
		return act
	}
	act.res, act.err = a.Run(e.pass(act, inputs))
	if act.err == nil {
		act.err = resolveURLs(a, act.diags)
	}
	return act
}

// pass returns the analysis.Pass of act.
func (e *executor) pass(act *action, inputs map[*analysis.Analyzer]any) *analysis.Pass {
	a, u := act.a, e.u
	filter := make(map[reflect.Type]bool, len(a.FactTypes))
	for _, f := range a.FactTypes {
		filter[reflect.TypeOf(f)] = true
	}
	pass := &analysis.Pass{
		Analyzer:     a,
		Fset:         u.fset,
		Files:        u.files,
		OtherFiles:   u.cfg.NonGoFiles,
		IgnoredFiles: u.cfg.IgnoredFiles,
		Pkg:          u.pkg,
		TypesInfo:    u.info,
		TypesSizes:   u.sizes,
		Module:       u.cfg.module(),
		ResultOf:     inputs,
		Report: func(d analysis.Diagnostic) {
			if err := validateFixes(u.fset, a, d.SuggestedFixes); err != nil {
				e.warn(err.Error())
				d.SuggestedFixes = nil
			}
			act.diags = append(act.diags, d)
		},
		ImportObjectFact:  e.facts.importObject,
		ImportPackageFact: e.facts.importPackage,
		ExportObjectFact:  func(obj types.Object, f analysis.Fact) { e.facts.exportObject(a, obj, f) },
		ExportPackageFact: e.facts.exportPackage,
		AllObjectFacts:    func() []analysis.ObjectFact { return e.facts.objectFacts(filter) },
		AllPackageFacts:   func() []analysis.PackageFact { return e.facts.packageFacts(filter) },
	}
	pass.ReadFile = func(name string) ([]byte, error) {
		if !readable(pass, name) {
			return nil, fmt.Errorf("Pass.ReadFile: %s is not among OtherFiles, IgnoredFiles, or names of Files", name)
		}
		return os.ReadFile(name)
	}
	return pass
}

// readable reports whether name is one of the files of the pass's
// package, which is all an analyzer may read.
func readable(pass *analysis.Pass, name string) bool {
	if slices.Contains(pass.OtherFiles, name) || slices.Contains(pass.IgnoredFiles, name) {
		return true
	}
	return slices.ContainsFunc(pass.Files, func(f *ast.File) bool { return pass.Fset.File(f.FileStart).Name() == name })
}

// factRoots returns the analyzers a facts-only unit must run: those
// among roots and their requirements that have fact types. The driver
// runs them with what they require; the others produce only diagnostics,
// which nobody reads on such a unit.
func factRoots(roots []*analysis.Analyzer) []*analysis.Analyzer {
	var out []*analysis.Analyzer
	for _, a := range expandOrdered(roots) {
		if len(a.FactTypes) > 0 {
			out = append(out, a)
		}
	}
	return out
}

// expand returns analyzers and everything they require, transitively.
func expand(analyzers []*analysis.Analyzer) map[*analysis.Analyzer]bool {
	seen := make(map[*analysis.Analyzer]bool)
	for _, a := range expandOrdered(analyzers) {
		seen[a] = true
	}
	return seen
}

// expandOrdered is expand as a list, in depth-first order of first visit.
func expandOrdered(analyzers []*analysis.Analyzer) []*analysis.Analyzer {
	seen := make(map[*analysis.Analyzer]bool)
	var out []*analysis.Analyzer
	var visit func([]*analysis.Analyzer)
	visit = func(as []*analysis.Analyzer) {
		for _, a := range as {
			if !seen[a] {
				seen[a] = true
				out = append(out, a)
				visit(a.Requires)
			}
		}
	}
	visit(analyzers)
	return out
}
