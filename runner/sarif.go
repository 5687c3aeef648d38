package runner

import (
	"fmt"
	"path/filepath"

	"github.com/racecheck/racecheck/runner/correlate"
	"github.com/racecheck/racecheck/runner/findings"
	"github.com/racecheck/racecheck/runner/report"
)

// SARIFResults converts a run into SARIF results: confirmed findings and
// dynamic-only races as errors, static-only findings as warnings. A
// dynamic-only race becomes a finding of analyzer "race-detector" at its
// current access, with the previous access as related position and its
// guessed category as rule.
func SARIFResults(r *report.Run) []report.SARIFResult {
	var out []report.SARIFResult
	for _, f := range r.Findings {
		level := "warning"
		if f.Class == correlate.Confirmed {
			level = "error"
		}
		out = append(out, report.SARIFResult{Finding: f.Finding, Level: level, Class: f.Class})
	}
	for _, rc := range r.Races {
		if rc.Class != correlate.DynamicOnly {
			continue
		}
		out = append(out, report.SARIFResult{Finding: raceFinding(r.Dir, rc), Level: "error", Class: rc.Class})
	}
	return out
}

func raceFinding(dir string, rc correlate.Race) findings.Finding {
	f := findings.Finding{Package: rc.Package, Analyzer: "race-detector", Category: rc.Category}
	pos := func(s correlate.Site) findings.Position {
		return findings.Position{File: filepath.Join(dir, filepath.FromSlash(s.File)), Line: s.Line}
	}
	cur, prev := rc.Report.Current, rc.Report.Previous
	f.Message = fmt.Sprintf("data race observed (%s): %s races with previous %s (race %s)", report.HitSummary(rc.Hits), cur.Op, prev.Op, rc.ID)
	switch {
	case len(rc.Current) > 0:
		f.Pos = pos(rc.Current[0])
		if len(rc.Previous) > 0 {
			f.Related = []findings.Related{{Pos: pos(rc.Previous[0]), Message: "previous " + prev.Op}}
		}
	case len(rc.Previous) > 0:
		f.Pos = pos(rc.Previous[0])
	}
	return f
}
