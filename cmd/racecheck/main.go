// Command racecheck finds data races and oversized goroutine spawning in
// Go code, statically (go/analysis) and dynamically (tests under -race).
//
// Run `racecheck -h` for usage. As a go vet tool:
//
//	go vet -vettool=$(which racecheck) ./...
package main

import (
	"flag"
	"log"
	"os"

	"golang.org/x/tools/go/analysis/unitchecker"

	"github.com/racecheck/racecheck/analyzer"
	"github.com/racecheck/racecheck/cmd/racecheck/internal/cli"
	"github.com/racecheck/racecheck/internal/depfail"
	"github.com/racecheck/racecheck/internal/driver"
)

func main() {
	// go vet talks to its tool with -flags, -V=full and a trailing *.cfg;
	// hand those to unitchecker before any flag parsing of ours.
	if cli.IsVetInvocation(os.Args[1:]) {
		if len(os.Args) == 2 && (os.Args[1] == "-V=full" || os.Args[1] == "--V=full") {
			// Our own answer, with the module version; unitchecker's says
			// "devel comments-go-here".
			if err := cli.VetVersion(os.Stdout); err != nil {
				log.New(os.Stderr, "racecheck: ", 0).Print(err)
				os.Exit(cli.ExitFailure)
			}
			os.Exit(cli.ExitClean)
		}
		tuneVetGC()
		// racecheck's own commands drive go vet with -alldiags (see
		// internal/driver/vet.go); unitchecker lists the flag for go vet.
		flag.Bool(driver.AllDiagsFlag, false, "also report diagnostics where go vet asks for facts only (used by racecheck's cache)")
		flag.Int(driver.GenerationFlag, 0, "cache generation, part of go vet's cache key (used by racecheck's cache)")
		flag.String(driver.MainModulesFlag, "", "with -alldiags, analyze units outside these modules (comma-separated) for facts only (used by racecheck's cache)")
		analyzers := analyzer.Suite()
		args := os.Args[1:]
		if driver.AllDiags(args) {
			var names []string
			for _, a := range analyzers {
				names = append(names, a.Name)
			}
			args = driver.EnableUnit(args, names)
			analyzers = append(analyzers, driver.UnitAnalyzer)
		}
		// A dependency analyzed for its facts only needs no findings.
		if driver.FactsOnly(args) {
			analyzers = analyzer.ForFacts(analyzers)
		}
		// A dependency's analyzer failure is a warning, not a failure of
		// its importers; decided on the unit's own config, before
		// VetToolArgs rewrites it for -alldiags.
		analyzers = depfail.ForVet(os.Args[1:], analyzers, os.Stderr)
		os.Args = append(os.Args[:1], driver.VetToolArgs(args)...)
		unitchecker.Main(analyzers...)
	}
	os.Exit(cli.Main(os.Args[1:], os.Stdout, os.Stderr))
}
