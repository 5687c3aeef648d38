// Command facttool is a vet tool for vetunit's tests: through go vet,
// each package exports a package fact and a fact per type and method,
// and reports the facts it sees (see go_vet_test.go).
package main

import (
	"fmt"
	"io"
	"os"

	"golang.org/x/tools/go/analysis"

	"github.com/racecheck/racecheck/internal/driver/vetunit"
	"github.com/racecheck/racecheck/internal/driver/vetunit/internal/facttest"
)

func main() {
	version := func(w io.Writer) error {
		_, err := fmt.Fprintln(w, "facttool version devel buildID=facttool")
		return err
	}
	os.Exit(vetunit.Main("facttool", os.Args[1:], []*analysis.Analyzer{facttest.Analyzer()}, vetunit.Options{Version: version}, os.Stdout, os.Stderr))
}
