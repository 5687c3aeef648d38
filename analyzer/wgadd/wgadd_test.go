package wgadd_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/racecheck/racecheck/analyzer/wgadd"
)

func Test(t *testing.T) {
	dir, err := filepath.Abs(filepath.Join("..", "..", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	// The fixes are checked against testdata/src/wgadd/wgadd.go.golden.
	analysistest.RunWithSuggestedFixes(t, dir, wgadd.Analyzer, "wgadd")
}
