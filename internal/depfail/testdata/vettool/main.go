// Command vettool runs the failer analyzer under go vet the way racecheck
// runs its suite: through depfail.ForVet.
package main

import (
	"os"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/unitchecker"

	"github.com/racecheck/racecheck/internal/depfail"
	"github.com/racecheck/racecheck/internal/depfail/testdata/failer"
)

func main() {
	unitchecker.Main(depfail.ForVet(os.Args[1:], []*analysis.Analyzer{failer.Analyzer}, os.Stderr)...)
}
