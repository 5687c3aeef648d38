// Command vettool runs the testrace analyzer under go vet, so that the
// suppress tests see directives cross package boundaries as serialized
// facts, the way they do for racecheck under go vet.
package main

import (
	"golang.org/x/tools/go/analysis/unitchecker"

	"github.com/racecheck/racecheck/analyzer/internal/suppress/testdata/testrace"
)

func main() { unitchecker.Main(testrace.Analyzer) }
