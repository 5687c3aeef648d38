// Command racecheck finds data races and oversized goroutine spawning in
// Go code, statically (go/analysis) and dynamically (tests under -race).
//
// Run `racecheck -h` for usage. As a go vet tool:
//
//	go vet -vettool=$(which racecheck) ./...
package main

import (
	"log"
	"os"

	"golang.org/x/tools/go/analysis/unitchecker"

	"github.com/racecheck/racecheck/analyzer"
	"github.com/racecheck/racecheck/cmd/racecheck/internal/cli"
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
		unitchecker.Main(analyzer.Suite()...)
	}
	os.Exit(cli.Main(os.Args[1:], os.Stdout, os.Stderr))
}
