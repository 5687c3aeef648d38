package runner

import (
	"cmp"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"golang.org/x/mod/modfile"

	"github.com/racecheck/racecheck/runner/correlate"
	"github.com/racecheck/racecheck/runner/report"
)

// ModuleOf finds the module containing dir by reading the nearest
// go.mod, for when go list cannot tell (no package in dir).
func ModuleOf(dir string) (correlate.Module, error) {
	abs, err := filepath.Abs(cmp.Or(dir, "."))
	if err != nil {
		return correlate.Module{}, err
	}
	for d := abs; ; d = filepath.Dir(d) {
		data, err := os.ReadFile(filepath.Join(d, "go.mod"))
		if err == nil {
			path := modfile.ModulePath(data)
			if path == "" {
				return correlate.Module{}, fmt.Errorf("%s: no module line", filepath.Join(d, "go.mod"))
			}
			return correlate.Module{Path: path, Dir: d}, nil
		}
		if filepath.Dir(d) == d {
			return correlate.Module{}, fmt.Errorf("no go.mod in %s or any parent", abs)
		}
	}
}

func slicesSortRuns(runs []report.RunInfo) {
	slices.SortFunc(runs, func(a, b report.RunInfo) int {
		return cmp.Or(cmp.Compare(a.Package, b.Package), cmp.Compare(a.GOMAXPROCS, b.GOMAXPROCS), cmp.Compare(a.Rep, b.Rep))
	})
}
