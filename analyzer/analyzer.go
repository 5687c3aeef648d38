// Package analyzer lists racecheck's analyzers in one place, for the
// standalone command, go vet, the golangci-lint plugin and Bazel nogo.
package analyzer

import (
	"slices"

	"golang.org/x/tools/go/analysis"

	"github.com/racecheck/racecheck/analyzer/ignoredirective"
	"github.com/racecheck/racecheck/analyzer/lockcheck"
	"github.com/racecheck/racecheck/analyzer/race"
	"github.com/racecheck/racecheck/analyzer/spawn"
	"github.com/racecheck/racecheck/analyzer/wgadd"
)

// Suite returns every racecheck analyzer, in a fixed order. The slice is
// fresh; the analyzers are the packages' own Analyzer variables.
func Suite() []*analysis.Analyzer {
	return []*analysis.Analyzer{
		race.Analyzer,
		wgadd.Analyzer,
		lockcheck.Analyzer,
		spawn.Analyzer,
		ignoredirective.Analyzer,
	}
}

// ForFacts returns stand-ins for the suite's analyzers in a run whose
// diagnostics nobody reads, where only the facts matter: go vet analyzes
// a dependency of the packages named "for facts only" (VetxOnly) and
// drops its diagnostics. race and lockcheck become their FactsOnly
// copies, which export the same facts without looking for findings; an
// analyzer without facts becomes inert, keeping only those requirements
// that export facts (suppress's directives, which importers read). Names
// and flags are unchanged, so a driver parses the same flags. Analyzers
// that are not the suite's are returned as they are.
func ForFacts(analyzers []*analysis.Analyzer) []*analysis.Analyzer {
	out := make([]*analysis.Analyzer, len(analyzers))
	for i, a := range analyzers {
		switch {
		case a == race.Analyzer:
			out[i] = race.FactsOnly()
		case a == lockcheck.Analyzer:
			out[i] = lockcheck.FactsOnly()
		case slices.Contains(Suite(), a) && len(a.FactTypes) == 0:
			out[i] = inert(a)
		default:
			out[i] = a
		}
	}
	return out
}

// inert returns a copy of a that does nothing but require the analyzers
// of a.Requires that export facts, directly or through their own
// requirements; the suite's analyzers have no results others read.
func inert(a *analysis.Analyzer) *analysis.Analyzer {
	c := *a
	c.Run = func(*analysis.Pass) (any, error) { return nil, nil }
	c.ResultType = nil
	c.Requires = nil
	for _, req := range a.Requires {
		if usesFacts(req) {
			c.Requires = append(c.Requires, req)
		}
	}
	return &c
}

// usesFacts reports whether a or one of its requirements, transitively,
// has fact types: what unitchecker runs in VetxOnly mode.
func usesFacts(a *analysis.Analyzer) bool {
	return len(a.FactTypes) > 0 || slices.ContainsFunc(a.Requires, usesFacts)
}
