// Package suppress lets every racecheck analyzer honor suppression
// directives in the same way, under every driver (go vet, the standalone
// command, golangci-lint, nogo), because the filtering happens inside the
// analysis rather than in one driver's output code.
//
// An analyzer reports through a Reporter instead of pass.Report:
//
//	func run(pass *analysis.Pass) (any, error) {
//		r := suppress.New(pass)
//		defer r.Finish()
//		...
//		r.Report(analysis.Diagnostic{Pos: pos, Category: "captured-var", Message: msg})
//	}
//
// and requires the directive collector and registers the
// -unused-directives flag:
//
//	var Analyzer = &analysis.Analyzer{
//		...
//		Flags:    suppress.Flags("race"), // or suppress.Register(&Analyzer.Flags) in init
//		Requires: []*analysis.Analyzer{suppress.Analyzer, ...},
//	}
//
// A directive suppresses a diagnostic when it covers the line of the
// diagnostic's position or of one of its related positions and names
// the diagnostic's category. Directives in dependencies are matched too:
// Analyzer exports them as facts and hands them to New, so a race whose
// other access lies in a dependency can be suppressed at that access.
package suppress

import (
	"flag"
	"go/token"
	"slices"

	"golang.org/x/tools/go/analysis"

	"github.com/racecheck/racecheck/analyzer/category"
)

// UnusedFlag is the name of the flag that controls unused-directive reports.
const UnusedFlag = "unused-directives"

// Flags returns a FlagSet for an analyzer named name holding the
// -unused-directives flag. The flag lives on the analyzer, not in a
// package variable, so that go vet passes it per analyzer and keys its
// cache on it like any other analyzer flag.
func Flags(name string) flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ExitOnError)
	Register(fs)
	return *fs
}

// Register adds the -unused-directives and -checks flags to an
// analyzer's existing FlagSet, for analyzers that have flags of their own.
func Register(fs *flag.FlagSet) {
	fs.Bool(UnusedFlag, true, "report //racecheck:ignore directives that suppress nothing")
	RegisterChecks(fs)
}

type lineKey struct {
	file string
	line int
}

// A Reporter reports an analyzer's diagnostics, dropping those a
// directive suppresses. It is used by one pass, from one goroutine.
type Reporter struct {
	pass   *analysis.Pass
	owned  map[string]bool          // categories of this analyzer, see mine
	local  map[lineKey][]*Directive // every directive of the package, by covered line
	remote map[lineKey][]*Directive // of dependencies, from Analyzer's facts
	used   map[token.Pos]bool       // comments that suppressed or may suppress something
	order  []*Directive             // this package's directives, one per comment, in file order
}

// New returns a Reporter for pass, owning the categories that
// analyzer/category attributes to pass.Analyzer.
func New(pass *analysis.Pass) *Reporter {
	var cats []string
	for _, d := range category.All() {
		if d.Analyzer == pass.Analyzer.Name {
			cats = append(cats, d.ID)
		}
	}
	return NewFor(pass, cats...)
}

// NewFor is New with an explicit set of owned categories, for analyzers
// (and tests) whose categories are not in the registry.
func NewFor(pass *analysis.Pass, categories ...string) *Reporter {
	r := &Reporter{
		pass:  pass,
		owned: make(map[string]bool),
		local: make(map[lineKey][]*Directive),
		used:  make(map[token.Pos]bool),
	}
	for _, c := range categories {
		r.owned[c] = true
	}
	res, ok := pass.ResultOf[Analyzer].(*Result)
	if !ok {
		// The analyzer does not require Analyzer: its own package's
		// directives still work, those of dependencies do not.
		res = &Result{local: parseFiles(pass)}
	}
	r.remote = res.remote
	for _, d := range res.local {
		k := lineKey{d.File, d.Line}
		r.local[k] = append(r.local[k], d)
		if len(r.order) == 0 || r.order[len(r.order)-1].Pos != d.Pos {
			r.order = append(r.order, d)
		}
	}
	return r
}

// mine reports whether d names one of this analyzer's categories: those
// the registry gives it and those it has reported in this pass. Any
// directive suppresses the categories it names; only the owner of one
// of them can tell that it is unused.
func (r *Reporter) mine(d *Directive) bool {
	return d.Nolint || slices.ContainsFunc(d.Categories, func(c string) bool { return r.owned[c] })
}

// Report reports d unless a directive suppresses it or the analyzer's
// -checks flag leaves its category out.
func (r *Reporter) Report(d analysis.Diagnostic) {
	if d.Category != "" {
		r.owned[d.Category] = true
	}
	// A directive covering a finding of a deselected category is still
	// used: it would suppress the finding were the category selected.
	if r.Suppressed(d) || !Selected(&r.pass.Analyzer.Flags, d.Category) {
		return
	}
	r.pass.Report(d)
}

// Suppressed reports whether a directive covers d, and marks the
// directives that do as used.
func (r *Reporter) Suppressed(d analysis.Diagnostic) bool {
	hit := r.match(d.Pos, d.Category)
	for _, rel := range d.Related {
		// Evaluate every position: each covering directive is used.
		hit = r.match(rel.Pos, d.Category) || hit
	}
	return hit
}

// Reachable declares that pos may appear in diagnostics of packages
// that import this one (the analyzer recorded it in a fact). Directives
// covering pos are then not reported as unused here, since their use
// happens in another pass.
func (r *Reporter) Reachable(pos token.Pos) {
	if !pos.IsValid() {
		return
	}
	posn := r.pass.Fset.Position(pos)
	for _, d := range r.local[lineKey{posn.Filename, posn.Line}] {
		r.used[d.Pos] = true
	}
}

// match reports whether a directive on pos's line covers cat.
func (r *Reporter) match(pos token.Pos, cat string) bool {
	if !pos.IsValid() {
		return false
	}
	posn := r.pass.Fset.Position(pos)
	k := lineKey{posn.Filename, posn.Line}
	hit := false
	for _, d := range r.local[k] {
		if d.Covers(cat) {
			r.used[d.Pos] = true
			hit = true
		}
	}
	if hit {
		return true
	}
	for _, d := range r.remote[k] {
		if d.Covers(cat) {
			return true
		}
	}
	return false
}

// reportUnused reports whether the analyzer's -unused-directives flag
// is on (it is by default, and for analyzers without the flag).
func (r *Reporter) reportUnused() bool {
	f := r.pass.Analyzer.Flags.Lookup(UnusedFlag)
	if f == nil {
		return true
	}
	g, ok := f.Value.(flag.Getter)
	if !ok {
		return true
	}
	on, ok := g.Get().(bool)
	return !ok || on
}
