package ignoredirective_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/racecheck/racecheck/analyzer/ignoredirective"
)

func Test(t *testing.T) {
	dir, err := filepath.Abs(filepath.Join("..", "..", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	analysistest.Run(t, dir, ignoredirective.Analyzer, "suppress/bad")
}
