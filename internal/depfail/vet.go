package depfail

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sync"

	"golang.org/x/tools/go/analysis"

	"github.com/racecheck/racecheck/internal/driver/vetunit"
)

// ForVet prepares analyzers for a go vet invocation whose last argument
// is the unit's .cfg file. go vet analyzes a dependency "for facts only"
// (VetxOnly) and ignores its errors, silently; the importers then run
// without its facts. ForVet keeps that and makes it visible: on such a
// unit an analyzer's error becomes one warning line on w. For the
// packages the user named, errors stay errors.
func ForVet(args []string, analyzers []*analysis.Analyzer, w io.Writer) []*analysis.Analyzer {
	if !vetunit.IsUnit(args) || !VetxOnly(args[len(args)-1]) {
		return analyzers
	}
	var once sync.Once
	return Wrap(analyzers, func(f Failure) error {
		once.Do(func() { fmt.Fprintf(w, "racecheck: %s\n", Warning(f)) })
		return nil
	})
}

// VetxOnly reports whether the vet config file says the unit is analyzed
// for its facts only. An unreadable file is left to unitchecker, which
// reports it.
func VetxOnly(cfgFile string) bool {
	data, err := os.ReadFile(cfgFile)
	if err != nil {
		return false
	}
	var cfg struct{ VetxOnly bool }
	return json.Unmarshal(data, &cfg) == nil && cfg.VetxOnly
}
