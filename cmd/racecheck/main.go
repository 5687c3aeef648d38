// Command racecheck finds data races and oversized goroutine spawning in
// Go code, statically (go/analysis) and dynamically (tests under -race).
//
// Run `racecheck -h` for usage. As a go vet tool:
//
//	go vet -vettool=$(which racecheck) ./...
package main

import (
	"os"

	"golang.org/x/tools/go/analysis/unitchecker"

	"github.com/racecheck/racecheck/analyzer"
	"github.com/racecheck/racecheck/cmd/racecheck/internal/cli"
	"github.com/racecheck/racecheck/internal/depfail"
)

func main() {
	// go vet talks to its tool with -flags, -V=full and a trailing *.cfg;
	// hand those to unitchecker before any flag parsing of ours.
	if cli.IsVetInvocation(os.Args[1:]) {
		unitchecker.Main(depfail.ForVet(os.Args[1:], analyzer.Suite(), os.Stderr)...)
	}
	os.Exit(cli.Main(os.Args[1:], os.Stdout, os.Stderr))
}
