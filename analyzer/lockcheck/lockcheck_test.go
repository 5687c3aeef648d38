package lockcheck_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/racecheck/racecheck/analyzer/lockcheck"
)

func testdata(t *testing.T) string {
	dir, err := filepath.Abs(filepath.Join("..", "..", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestValidate(t *testing.T) {
	if err := analysis.Validate([]*analysis.Analyzer{lockcheck.Analyzer}); err != nil {
		t.Fatal(err)
	}
}

// TestLockcheck runs the single-package fixtures with fact export off,
// so that their expectations are about diagnostics only; TestFacts
// covers the facts.
func TestLockcheck(t *testing.T) {
	setFlag(t, "facts", "false")
	analysistest.Run(t, testdata(t), lockcheck.Analyzer,
		"lockcheck/guarded",
		"lockcheck/annotated",
		"lockcheck/rlock",
		"lockcheck/atomicmix",
		"lockcheck/background",
		"lockcheck/handler",
		"lockcheck/ownership",
		"lockcheck/globals",
		"lockcheck/getter",
		"lockcheck/owners",
		"lockcheck/sendclose",
		"lockcheck/boxed",
		"lockcheck/handoff",
		"lockcheck/fieldcb",
		"lockcheck/cluster",
		"lockcheck/wronglock",
		"lockcheck/deferred",
		"lockcheck/fileorder",
		"lockcheck/container",
	)
}

// TestCrossPackage checks the facts of package store and their use in
// package user, which imports it.
func TestCrossPackage(t *testing.T) {
	analysistest.Run(t, testdata(t), lockcheck.Analyzer, "lockcheck/store", "lockcheck/user")
}

// TestCallbacks checks the facts of helpers that run a callback in
// concurrent goroutines (package parallel) and the reports at their call
// sites, in another package and in the same one (package callback).
func TestCallbacks(t *testing.T) {
	analysistest.Run(t, testdata(t), lockcheck.Analyzer, "lockcheck/parallel", "lockcheck/callback")
}

func setFlag(t *testing.T, name, value string) {
	f := lockcheck.Analyzer.Flags.Lookup(name)
	old := f.Value.String()
	if err := f.Value.Set(value); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Value.Set(old) })
}
