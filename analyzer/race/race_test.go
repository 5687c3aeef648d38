package race_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/racecheck/racecheck/analyzer/race"
)

func testdata(t *testing.T) string {
	dir, err := filepath.Abs(filepath.Join("..", "..", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestValidate(t *testing.T) {
	if err := analysis.Validate([]*analysis.Analyzer{race.Analyzer}); err != nil {
		t.Fatal(err)
	}
}

func TestRace(t *testing.T) {
	analysistest.Run(t, testdata(t), race.Analyzer,
		"race/capturedvar",
		"race/capturederr",
		"race/namedresult",
		"race/appendslice",
		"race/mapwrite",
		"race/sharedindex",
		"race/loopvarold",
		"race/loopvarnew",
		"race/subtest",
		"race/groups",
		"race/afterfunc",
		"race/once",
		"race/handoff",
		"race/fields",
		"race/interproc",
		"race/syncidioms",
		"race/suppressed",
		"race/lazyinit",
		"race/generic",
		"race/semaphore",
		"race/gate",
		"race/gateuser",
		"race/methodhandoff",
		"race/callerlock",
		"race/ioorder",
		"race/ctxcancel",
		"race/calleespawn",
		"race/joinloop",
		"race/rendezvous",
		"race/closesend",
		"race/testlog",
		"race/wgwait",
		"race/funcvalues",
		"race/mapelems",
		"race/deferredexit",
	)
}

func TestLoopVarFix(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata(t), race.Analyzer, "race/loopvarold")
}
