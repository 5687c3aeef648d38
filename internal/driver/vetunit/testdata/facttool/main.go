// Command facttool is a vet tool for vetunit's tests: through go vet,
// each package exports a package fact and a fact per type and method,
// and reports the facts it sees (see go_vet_test.go).
package main

import (
	"os"

	"golang.org/x/tools/go/analysis"

	"github.com/racecheck/racecheck/internal/driver/vetunit"
	"github.com/racecheck/racecheck/internal/driver/vetunit/internal/facttest"
)

// main answers -V=full with vetunit.DevelVersion, a hash of the
// executable: go vet keys its cache by that answer, so a changed tool
// never reads the .vetx files an older one wrote.
func main() {
	os.Exit(vetunit.Main("facttool", os.Args[1:], []*analysis.Analyzer{facttest.Analyzer()}, vetunit.Options{}, os.Stdout, os.Stderr))
}
