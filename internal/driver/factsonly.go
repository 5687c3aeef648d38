package driver

import (
	"strings"

	"github.com/racecheck/racecheck/internal/depfail"
)

// FactsOnly reports whether the vet tool arguments args (without the
// program name) ask for facts only: go vet analyzes a dependency of the
// packages named for its facts (VetxOnly) and drops its diagnostics,
// unless AllDiagsFlag asks the tool to report them too. The tool may
// then run analyzers that export the same facts and look for nothing
// (analyzer.ForFacts).
func FactsOnly(args []string) bool {
	if len(args) == 0 || !strings.HasSuffix(args[len(args)-1], ".cfg") || AllDiags(args) {
		return false
	}
	return depfail.VetxOnly(args[len(args)-1])
}
