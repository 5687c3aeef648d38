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
		// racecheck's own commands drive go vet with -alldiags (see
		// internal/driver/vet.go); unitchecker lists the flag for go vet.
		flag.Bool(driver.AllDiagsFlag, false, "also report diagnostics where go vet asks for facts only (used by racecheck's cache)")
		flag.Int(driver.GenerationFlag, 0, "cache generation, part of go vet's cache key (used by racecheck's cache)")
		analyzers := analyzer.Suite()
		if driver.AllDiags(os.Args[1:]) {
			analyzers = append(analyzers, driver.UnitAnalyzer)
		}
		os.Args = append(os.Args[:1], driver.VetToolArgs(os.Args[1:])...)
		unitchecker.Main(analyzers...)
	}
	os.Exit(cli.Main(os.Args[1:], os.Stdout, os.Stderr))
}
