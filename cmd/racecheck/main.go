// Command racecheck finds data races and oversized goroutine spawning in
// Go code, statically (go/analysis) and dynamically (tests under -race).
//
// Run `racecheck -h` for usage. As a go vet tool:
//
//	go vet -vettool=$(which racecheck) ./...
package main

import (
	"flag"
	"os"
	"path/filepath"

	"golang.org/x/tools/go/analysis/unitchecker"

	"github.com/racecheck/racecheck/analyzer"
	"github.com/racecheck/racecheck/cmd/racecheck/internal/cli"
	"github.com/racecheck/racecheck/internal/depfail"
	"github.com/racecheck/racecheck/internal/driver"
	"github.com/racecheck/racecheck/internal/driver/vetunit"
)

func main() {
	// go vet talks to its tool with -flags, -V=full and a trailing *.cfg;
	// route those to the vet unit driver before any flag parsing of ours.
	if cli.IsVetInvocation(os.Args[1:]) {
		tuneVetGC()
		os.Exit(vetTool(os.Args[1:]))
	}
	os.Exit(cli.Main(os.Args[1:], os.Stdout, os.Stderr))
}

// vetTool runs one go vet unit (or answers -flags, -V=full) with the
// suite, adjusted for how racecheck's own commands drive go vet.
func vetTool(args []string) int {
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
	analyzers = depfail.ForVet(args, analyzers, os.Stderr)
	unitArgs = driver.VetToolArgs(unitArgs)
	if vetunit.WantsFix(unitArgs) {
		// go vet -fix: x/tools' unitchecker applies the fixes.
		os.Args = append(os.Args[:1], unitArgs...)
		vetFlags(flag.CommandLine)
		unitchecker.Main(analyzers...)
	}
	opts := vetunit.Options{Version: cli.VetVersion, Flags: vetFlags}
	return vetunit.Main(filepath.Base(os.Args[0]), unitArgs, analyzers, opts, os.Stdout, os.Stderr)
}

// vetFlags declares the flags with which racecheck's commands drive go
// vet (see internal/driver/vet.go), so that go vet accepts them.
func vetFlags(fs *flag.FlagSet) {
	fs.Bool(driver.AllDiagsFlag, false, "also report diagnostics where go vet asks for facts only (used by racecheck's cache)")
	fs.Int(driver.GenerationFlag, 0, "cache generation, part of go vet's cache key (used by racecheck's cache)")
	fs.String(driver.MainModulesFlag, "", "with -alldiags, analyze units outside these modules (comma-separated) for facts only (used by racecheck's cache)")
}
