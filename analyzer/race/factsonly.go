package race

import (
	"golang.org/x/tools/go/analysis"

	"github.com/racecheck/racecheck/analyzer/internal/safe"
)

// FactsOnly returns a copy of Analyzer for runs whose diagnostics nobody
// reads, such as go vet's runs on dependencies (VetxOnly): it has the
// same name, flags, requirements and fact types, and exports the same
// SyncSummary, but it looks for no races. Its flags are Analyzer's own
// (the copy shares their values), so it may stand in for Analyzer in a
// driver that parses them.
func FactsOnly() *analysis.Analyzer {
	a := *Analyzer
	a.Run = safe.Run(runFacts)
	return &a
}

// runFacts is run without the race search: the SyncSummary only.
func runFacts(pass *analysis.Pass) (any, error) {
	c, ssainfo := newChecker(pass)
	c.exportSyncFacts(ssainfo.SrcFuncs)
	return nil, nil
}
