// Package vettool is racecheck as a go vet tool (go vet -vettool): the
// suite as racecheck's own commands drive it through go vet (facts-only
// stand-ins, the unit marker, a dependency's failure as a warning), and a
// server with which the racecheck command that started go vet analyzes
// the units in its own process (serve.go), handed over by a small client
// program that go vet runs as its tool instead of racecheck (client.go,
// cclient.go; client/main.go, client/c/client.c).
package vettool

import (
	"flag"
	"io"

	"golang.org/x/tools/go/analysis"

	"github.com/racecheck/racecheck/analyzer"
	"github.com/racecheck/racecheck/internal/depfail"
	"github.com/racecheck/racecheck/internal/driver"
)

// Unit returns the analyzers to run and the arguments to run them with
// for the vet tool arguments args (without the program name), adjusted
// for how racecheck's commands drive go vet (internal/driver/vet.go):
// with AllDiagsFlag, the unit marker and a config asking for diagnostics;
// on a unit analyzed for facts only, the facts-only stand-ins; on a
// dependency, analyzer failures as one warning on stderr.
func Unit(args []string, stderr io.Writer) ([]*analysis.Analyzer, []string) {
	analyzers := analyzer.Suite()
	unitArgs := args
	if driver.AllDiags(args) {
		var names []string
		for _, a := range analyzers {
			names = append(names, a.Name)
		}
		unitArgs = driver.EnableUnit(unitArgs, names)
		analyzers = append(analyzers, driver.UnitAnalyzer)
	}
	// A dependency analyzed for its facts only needs no findings.
	if driver.FactsOnly(unitArgs) {
		analyzers = analyzer.ForFacts(analyzers)
	}
	// A dependency's analyzer failure is a warning, not a failure of
	// its importers; decided on the unit's own config, before
	// VetToolArgs rewrites it for -alldiags.
	analyzers = depfail.ForVet(args, analyzers, stderr)
	return analyzers, driver.VetToolArgs(unitArgs)
}

// Flags declares the flags with which racecheck's commands drive go
// vet (see internal/driver/vet.go), so that go vet accepts them.
func Flags(fs *flag.FlagSet) {
	fs.Bool(driver.AllDiagsFlag, false, "also report diagnostics where go vet asks for facts only (used by racecheck's cache)")
	fs.Int(driver.GenerationFlag, 0, "cache generation, part of go vet's cache key (used by racecheck's cache)")
	fs.String(driver.MainModulesFlag, "", "with -alldiags, analyze units outside these modules (comma-separated) for facts only (used by racecheck's cache)")
}
