// Package driver is racecheck's standalone static driver: it loads packages
// with go/packages, runs the analyzers through the go/analysis checker and
// returns driver-independent findings.
package driver

import (
	"errors"
	"fmt"
	"go/token"
	"io"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/racecheck/racecheck/internal/depfail"
	"github.com/racecheck/racecheck/runner/findings"
)

// Options configures a run of the static analysis.
type Options struct {
	Dir   string   // working directory for package loading ("" = current)
	Tests bool     // include test files and test packages
	Tags  []string // build tags
	Env   []string // environment for the go command (nil = os.Environ()); GOFLAGS in it applies
	// Vet, if set, makes Analyze go through go vet and its cache
	// (vet.go); nil analyzes in process.
	Vet *VetOptions
	// Warn receives warnings, e.g. that an analyzer failed on a
	// dependency (nil = os.Stderr).
	Warn io.Writer
}

// ErrLoad marks errors that come from loading or type-checking the
// packages under analysis rather than from racecheck itself.
var ErrLoad = errors.New("packages did not load")

// Run analyzes the packages matched by patterns and returns the findings,
// sorted by position, with duplicates (a file shared by a package and its
// test variant) removed.
func Run(analyzers []*analysis.Analyzer, patterns []string, opts Options) ([]findings.Finding, error) {
	pkgs, err := Load(patterns, opts)
	if err != nil {
		return nil, err
	}
	rec := new(depfail.Recorder)
	graph, err := checker.Analyze(depfail.Wrap(analyzers, rec.Record), pkgs, nil)
	if err != nil {
		return nil, fmt.Errorf("analysis: %w", err)
	}
	fnds, err := Collect(graph)
	return fnds, errors.Join(err, failures(rec, pkgs, opts.Warn))
}

// Analyze is how racecheck's commands analyze: through go vet and its
// cache when opts.Vet is set and tests are included (go vet always
// analyzes test files), else, and whenever that path fails or the build
// cache lacks most compiled dependencies (ErrColdCache), in process with
// RunStream, whose errors name the cause precisely.
func Analyze(analyzers []*analysis.Analyzer, patterns []string, opts Options) ([]findings.Finding, error) {
	if opts.Vet != nil && opts.Tests {
		if fnds, err := RunVet(patterns, opts, *opts.Vet); err == nil {
			return fnds, nil
		}
	}
	return RunStream(analyzers, patterns, opts)
}

// Load loads the packages matched by patterns with full syntax, as the
// analysis needs it, and reports the first load or type error as one line.
func Load(patterns []string, opts Options) ([]*packages.Package, error) {
	cfg, err := config(opts, packages.LoadAllSyntax)
	if err != nil {
		return nil, err
	}
	return load(cfg, patterns)
}

// load runs go/packages and reports the first load or type error as one
// line.
func load(cfg *packages.Config, patterns []string) ([]*packages.Package, error) {
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrLoad, err)
	}
	if len(pkgs) == 0 {
		return nil, fmt.Errorf("%w: no packages match %s", ErrLoad, strings.Join(patterns, " "))
	}
	if err := firstError(pkgs); err != nil {
		return nil, err
	}
	return pkgs, nil
}

// firstError returns the first error of any package in the import graph,
// naming the package, or nil.
func firstError(pkgs []*packages.Package) error {
	var first error
	count := 0
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		for _, e := range p.Errors {
			count++
			if first == nil {
				first = fmt.Errorf("%w: %s: %s", ErrLoad, p.PkgPath, e)
			}
		}
	})
	if count > 1 {
		return fmt.Errorf("%w (and %d more errors)", first, count-1)
	}
	return first
}

// Collect converts the diagnostics of the graph's root actions into
// findings, and the first analyzer failure into an error.
func Collect(graph *checker.Graph) ([]findings.Finding, error) {
	type key struct {
		pos      token.Position
		analyzer string
		msg      string
	}
	seen := make(map[key]bool)
	var out []findings.Finding
	var errs []error
	for act := range graph.All() {
		if act.Err != nil && act.IsRoot {
			errs = append(errs, fmt.Errorf("%s: %s: %w", act.Package.PkgPath, act.Analyzer.Name, act.Err))
			continue
		}
		if !act.IsRoot {
			continue
		}
		fset := act.Package.Fset
		for _, d := range act.Diagnostics {
			posn := fset.Position(d.Pos)
			k := key{posn, act.Analyzer.Name, d.Message}
			if seen[k] {
				continue
			}
			seen[k] = true
			out = append(out, convert(fset, act.Package.PkgPath, act.Analyzer.Name, d))
		}
	}
	findings.Sort(out)
	return out, errors.Join(errs...)
}

// convert turns one diagnostic into a finding.
func convert(fset *token.FileSet, pkg, analyzer string, d analysis.Diagnostic) findings.Finding {
	f := findings.Finding{
		Package:  pkg,
		Analyzer: analyzer,
		Category: d.Category,
		Message:  d.Message,
		Pos:      position(fset, d.Pos),
	}
	for _, r := range d.Related {
		f.Related = append(f.Related, findings.Related{Pos: position(fset, r.Pos), Message: r.Message})
	}
	for _, fix := range d.SuggestedFixes {
		ff := findings.Fix{Message: fix.Message}
		for _, e := range fix.TextEdits {
			start := fset.Position(e.Pos)
			end := start
			if e.End.IsValid() {
				end = fset.Position(e.End)
			}
			ff.Edits = append(ff.Edits, findings.Edit{File: start.Filename, Start: start.Offset, End: end.Offset, New: string(e.NewText)})
		}
		f.Fixes = append(f.Fixes, ff)
	}
	return f
}

func position(fset *token.FileSet, pos token.Pos) findings.Position {
	p := fset.Position(pos)
	return findings.Position{File: p.Filename, Line: p.Line, Column: p.Column}
}
