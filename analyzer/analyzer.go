// Package analyzer lists racecheck's analyzers in one place, for the
// standalone command, go vet, the golangci-lint plugin and Bazel nogo.
package analyzer

import (
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
