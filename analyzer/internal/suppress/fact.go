package suppress

import (
	"cmp"
	"errors"
	"fmt"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
)

var errNoReadFile = errors.New("driver cannot read files")

// Analyzer collects the suppression directives of a package and of its
// dependencies. Every analyzer that reports through a Reporter lists it
// in Requires. It alone owns the Directives fact: go/analysis allows a
// fact type to belong to a single analyzer, and facts are visible only
// to their owner, so the others receive the directives of dependencies
// through its result.
var Analyzer = &analysis.Analyzer{
	Name:       "suppress",
	Doc:        "collect //racecheck:ignore and //nolint directives for the analyzers that honor them",
	URL:        "https://github.com/racecheck/racecheck/blob/main/docs/suppressing.md",
	Run:        collect,
	ResultType: reflect.TypeOf((*Result)(nil)),
	FactTypes:  []analysis.Fact{new(Directives)},
}

// A Result holds the directives New needs: those of the package's files
// (parsed with their source) and those of its dependencies, by line.
type Result struct {
	local  []*Directive
	remote map[lineKey][]*Directive
}

// Directives is a package fact: the suppression directives of a
// package's files. A diagnostic reported while analyzing an importing
// package (a race whose other access lies in this package, found
// through the reporting analyzer's own facts) is suppressed by them too.
type Directives struct {
	List []Entry
}

// An Entry is one directive in a Directives fact.
type Entry struct {
	File       string
	Line       int // covered line
	Categories []string
	Nolint     bool
}

// AFact marks Directives as an analysis fact.
func (*Directives) AFact() {}

func (f *Directives) String() string { return fmt.Sprintf("%d directives", len(f.List)) }

// FactType is a leftover of the first version of this package, in
// which each analyzer declared the directives fact itself; go/analysis
// rejects a fact type shared by two analyzers.
//
// Deprecated: list Analyzer in Requires instead. FactType is never
// exported and will be removed.
var FactType analysis.Fact = (*legacyFact)(nil)

type legacyFact struct{}

func (*legacyFact) AFact() {}

func collect(pass *analysis.Pass) (any, error) {
	res := &Result{local: parseFiles(pass), remote: make(map[lineKey][]*Directive)}
	for _, pf := range pass.AllPackageFacts() {
		f, ok := pf.Fact.(*Directives)
		if !ok || pf.Package == pass.Pkg {
			continue
		}
		for _, e := range f.List {
			k := lineKey{e.File, e.Line}
			res.remote[k] = append(res.remote[k], &Directive{File: e.File, Line: e.Line, Categories: e.Categories, Nolint: e.Nolint})
		}
	}
	if len(res.local) > 0 {
		pass.ExportPackageFact(factOf(res.local))
	}
	return res, nil
}

// parseFiles returns the directives of the package's files.
func parseFiles(pass *analysis.Pass) []*Directive {
	var out []*Directive
	for _, f := range pass.Files {
		src, err := readFile(pass, pass.Fset.File(f.Pos()).Name())
		if err != nil {
			src = nil // fall back to covering two lines
		}
		out = append(out, Parse(pass.Fset, f, src)...)
	}
	return out
}

// readFile reads a file of the package through the driver when it can.
func readFile(pass *analysis.Pass, name string) ([]byte, error) {
	if pass.ReadFile == nil {
		return nil, errNoReadFile
	}
	return pass.ReadFile(name)
}

// factOf returns directives as a fact, in a deterministic order.
func factOf(ds []*Directive) *Directives {
	f := &Directives{}
	for _, d := range ds {
		f.List = append(f.List, Entry{File: d.File, Line: d.Line, Categories: slices.Clone(d.Categories), Nolint: d.Nolint})
	}
	slices.SortFunc(f.List, func(a, b Entry) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line),
			cmp.Compare(strings.Join(a.Categories, ","), strings.Join(b.Categories, ",")))
	})
	return f
}

// Finish reports this package's unused directives naming a category of
// the analyzer, unless its -unused-directives flag is off. Call it once,
// after the last Report.
func (r *Reporter) Finish() {
	if !r.reportUnused() || !r.widestVariant() || !Selected(&r.pass.Analyzer.Flags, "unused-directive") {
		return
	}
	for _, d := range r.order {
		if r.used[d.Pos] || d.Nolint || !r.mine(d) {
			continue // //nolint hygiene is golangci-lint's nolintlint's job
		}
		r.pass.Report(analysis.Diagnostic{
			Pos:      d.Pos,
			Category: "unused-directive",
			Message: fmt.Sprintf("//racecheck:ignore directive suppresses no %s finding; remove it or correct the category",
				strings.Join(r.ownedOf(d), ",")),
		})
	}
}

// ownedOf returns the categories d names that this analyzer owns.
func (r *Reporter) ownedOf(d *Directive) []string {
	var out []string
	for _, c := range d.Categories {
		if r.owned[c] {
			out = append(out, c)
		}
	}
	return out
}

// widestVariant reports whether this pass sees every file of its
// package. It does not in the plain variant of a package with
// in-package tests: the test variant, which go vet and racecheck
// analyze too, sees more (a directive may serve a finding only the
// tests give rise to) and alone decides which directives are unused.
func (r *Reporter) widestVariant() bool {
	if len(r.pass.Files) == 0 {
		return true
	}
	for _, f := range r.pass.Files {
		if strings.HasSuffix(r.pass.Fset.File(f.Pos()).Name(), "_test.go") {
			return true
		}
	}
	dir := filepath.Dir(r.pass.Fset.File(r.pass.Files[0].Pos()).Name())
	entries, err := os.ReadDir(dir)
	if err != nil {
		return true
	}
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), "_test.go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), filepath.Join(dir, e.Name()), nil, parser.PackageClauseOnly)
		if err == nil && f.Name.Name == r.pass.Pkg.Name() {
			return false
		}
	}
	return true
}
