// Package ignoredirective defines an Analyzer that reports malformed
// //racecheck:ignore suppression directives.
//
// # Analyzer ignoredirective
//
// ignoredirective: report suppression directives without a known category or a reason
//
// A directive must name one or more categories (comma-separated) that
// racecheck knows, then say why the finding is safe. Whether a directive
// suppresses anything is decided by the analyzer that owns its category
// (see analyzer/internal/suppress); this analyzer only checks the form,
// so that each malformed directive is reported once, not by every
// analyzer.
package ignoredirective

import (
	"flag"
	"fmt"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/racecheck/racecheck/analyzer/category"
	"github.com/racecheck/racecheck/analyzer/internal/safe"
	"github.com/racecheck/racecheck/analyzer/internal/suppress"
)

// Analyzer reports malformed suppression directives.
var Analyzer = &analysis.Analyzer{
	Name:  "ignoredirective",
	Doc:   "report suppression directives without a known category or a reason",
	URL:   "https://github.com/racecheck/racecheck/blob/main/docs/checks.md",
	Flags: flags(),
	Run:   safe.Run(run),
}

// flags holds -checks only: ignoredirective reports bad-directive, which
// a selection may leave out like any other category.
func flags() flag.FlagSet {
	fs := flag.NewFlagSet("ignoredirective", flag.ExitOnError)
	suppress.RegisterChecks(fs)
	return *fs
}

func run(pass *analysis.Pass) (any, error) {
	if !suppress.Selected(&pass.Analyzer.Flags, "bad-directive") {
		return nil, nil
	}
	known := make(map[string]bool)
	for _, d := range category.All() {
		known[d.ID] = true
	}
	for _, f := range pass.Files {
		seen := make(map[*suppress.Directive]bool)
		for _, d := range suppress.Parse(pass.Fset, f, nil) {
			if d.Nolint || seen[d] {
				continue // golangci-lint's nolintlint checks //nolint
			}
			seen[d] = true
			if d.Line != pass.Fset.Position(d.Pos).Line {
				continue // without source, Parse yields each directive twice
			}
			check(pass, d, known)
		}
	}
	return nil, nil
}

// check reports what is wrong with one directive, if anything.
func check(pass *analysis.Pass, d *suppress.Directive, known map[string]bool) {
	if len(d.Categories) == 0 {
		report(pass, d, "//racecheck:ignore directive names no category; write //racecheck:ignore CATEGORY reason")
		return
	}
	var unknown []string
	for _, c := range d.Categories {
		if !known[c] {
			u := fmt.Sprintf("%q", c)
			if s := category.Suggest(c); s != "" {
				u += fmt.Sprintf(" (did you mean %s?)", s)
			}
			unknown = append(unknown, u)
		}
	}
	if len(unknown) > 0 {
		report(pass, d, fmt.Sprintf("//racecheck:ignore directive names unknown category %s; `racecheck explain` lists them",
			strings.Join(unknown, ", ")))
		return
	}
	if d.Reason == "" {
		report(pass, d, fmt.Sprintf("//racecheck:ignore %s directive gives no reason; say after the category why the finding is safe",
			strings.Join(d.Categories, ",")))
	}
}

func report(pass *analysis.Pass, d *suppress.Directive, msg string) {
	pass.Report(analysis.Diagnostic{Pos: d.Pos, Category: "bad-directive", Message: msg})
}
