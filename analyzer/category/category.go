// Package category is the single source of racecheck's diagnostic
// categories: their stable identifiers and their documentation.
//
// Every diagnostic racecheck reports carries one of these identifiers in
// analysis.Diagnostic.Category. The same text feeds `racecheck explain`,
// the SARIF rule metadata and docs/checks.md's table of checks, so a category is
// described once, here.
package category

import (
	"slices"
	"strings"
)

// A Doc documents one category of diagnostic.
type Doc struct {
	ID       string // stable identifier, e.g. "captured-var"; used by suppressions, JSON, SARIF
	Analyzer string // name of the analyzer that reports it
	Title    string // one line, lowercase, no trailing period
	Text     string // what is reported and why it races
	Bad      string // a short example that is reported
	Good     string // the same example, fixed
	// Program, when set, is a whole file of package example containing
	// Bad verbatim: a test runs Analyzer on it and wants a diagnostic of
	// this category on one of Bad's lines, so that the documented example
	// stays one racecheck reports.
	Program  string
	Severity string // "error" for data races, "warning" for resource and style risks
}

// All returns the documentation of every category, sorted by ID.
// The result is a fresh slice: callers may modify it.
func All() []Doc {
	var all []Doc
	for _, group := range [][]Doc{raceDocs, raceSyncDocs, lockDocs, spawnDocs, directiveDocs, wgaddDocs} {
		all = append(all, group...)
	}
	slices.SortFunc(all, func(a, b Doc) int { return strings.Compare(a.ID, b.ID) })
	return all
}

// Lookup returns the documentation of the category with the given ID.
func Lookup(id string) (Doc, bool) {
	for _, d := range All() {
		if d.ID == id {
			return d, true
		}
	}
	return Doc{}, false
}
