package driver

import (
	"errors"
	"fmt"
	"io"
	"os"

	"golang.org/x/tools/go/packages"

	"github.com/racecheck/racecheck/internal/depfail"
)

// failures turns the analyzer failures rec holds into the driver's
// outcome: a failure on a package the user named is an error; a failure
// on a dependency is one warning line on w (os.Stderr if nil), and the
// packages above it keep their findings.
func failures(rec *depfail.Recorder, roots []*packages.Package, w io.Writer) error {
	named := make(map[string]bool, len(roots))
	for _, p := range roots {
		named[p.PkgPath] = true
	}
	if w == nil {
		w = os.Stderr
	}
	var errs []error
	for _, f := range rec.Failures() {
		if named[f.Pkg.Path()] {
			errs = append(errs, fmt.Errorf("%s: %s: %w", f.Pkg.Path(), f.Analyzer, f.Err))
			continue
		}
		fmt.Fprintf(w, "racecheck: %s\n", depfail.Warning(f))
	}
	return errors.Join(errs...)
}
