// Command vettool runs the failer analyzer under go vet the way racecheck
// runs its suite: through depfail.ForVet and racecheck's vet unit driver.
package main

import (
	"os"

	"golang.org/x/tools/go/analysis"

	"github.com/racecheck/racecheck/internal/depfail"
	"github.com/racecheck/racecheck/internal/depfail/testdata/failer"
	"github.com/racecheck/racecheck/internal/driver/vetunit"
)

func main() {
	analyzers := depfail.ForVet(os.Args[1:], []*analysis.Analyzer{failer.Analyzer}, os.Stderr)
	os.Exit(vetunit.Main("vettool", os.Args[1:], analyzers, vetunit.Options{}, os.Stdout, os.Stderr))
}
