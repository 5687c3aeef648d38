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

	"github.com/racecheck/racecheck/cmd/racecheck/internal/cli"
	"github.com/racecheck/racecheck/internal/driver/vettool"
	"github.com/racecheck/racecheck/internal/driver/vetunit"
	// Heap profiles are written only for -memprofile, which turns the
	// sampling back on (noheapprof.Restore in cli's profiles.start).
	_ "github.com/racecheck/racecheck/internal/noheapprof"
)

func main() {
	// go vet talks to its tool with -flags, -V=full and a trailing *.cfg;
	// route those to the vet unit driver before any flag parsing of ours.
	if cli.IsVetInvocation(os.Args[1:]) {
		tuneVetMemory(os.Args[1:])
		os.Exit(vetTool(os.Args[1:]))
	}
	os.Exit(cli.Main(os.Args[1:], os.Stdout, os.Stderr))
}

// vetTool runs one go vet unit (or answers -flags, -V=full) with the
// suite, adjusted for how racecheck's own commands drive go vet.
func vetTool(args []string) int {
	analyzers, unitArgs := vettool.Unit(args, os.Stderr)
	if vetunit.WantsFix(unitArgs) {
		// go vet -fix: x/tools' unitchecker applies the fixes.
		os.Args = append(os.Args[:1], unitArgs...)
		vettool.Flags(flag.CommandLine)
		unitchecker.Main(analyzers...)
	}
	opts := vetunit.Options{Version: cli.VetVersion, Flags: vettool.Flags}
	return vetunit.Main(filepath.Base(os.Args[0]), unitArgs, analyzers, opts, os.Stdout, os.Stderr)
}
