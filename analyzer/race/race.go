package race

import (
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/buildssa"

	"github.com/racecheck/racecheck/analyzer/internal/safe"
)

// Analyzer reports data races between goroutines.
var Analyzer = &analysis.Analyzer{
	Name:     "race",
	Doc:      "report unsynchronized accesses shared between goroutines",
	URL:      "https://github.com/racecheck/racecheck#checks",
	Requires: []*analysis.Analyzer{buildssa.Analyzer},
	Run:      safe.Run(run),
}

func run(pass *analysis.Pass) (any, error) {
	return nil, nil
}
