package analyzer_test

import (
	"bytes"
	"encoding/gob"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/racecheck/racecheck/analyzer"
	"github.com/racecheck/racecheck/analyzer/lockcheck"
	"github.com/racecheck/racecheck/analyzer/race"
)

// TestForFactsKeepsFacts runs race and lockcheck, and their stand-ins
// from ForFacts, on every fixture of both and compares the facts of
// every package, dependencies included, byte for byte.
func TestForFactsKeepsFacts(t *testing.T) {
	if testing.Short() {
		t.Skip("builds SSA for the fixtures and their standard library imports")
	}
	pkgs := loadFixtures(t, "race/...", "lockcheck/...")
	stand := analyzer.ForFacts([]*analysis.Analyzer{race.Analyzer, lockcheck.Analyzer})
	for i, a := range []*analysis.Analyzer{race.Analyzer, lockcheck.Analyzer} {
		full, only := exportedFacts(t, a, pkgs), exportedFacts(t, stand[i], pkgs)
		if len(full) == 0 {
			t.Errorf("%s exported no facts on the fixtures", a.Name)
		}
		if !slices.Equal(full, only) {
			t.Errorf("%s: facts of the stand-in differ: only from the analyzer %s; only from the stand-in %s",
				a.Name, missing(full, only), missing(only, full))
		}
	}
}

// TestForFactsSameFace checks that the stand-ins keep what a driver and
// its user see: names, flags and fact types, in the same order.
func TestForFactsSameFace(t *testing.T) {
	suite := analyzer.Suite()
	stand := analyzer.ForFacts(suite)
	for i, a := range suite {
		s := stand[i]
		if s == a && (a == race.Analyzer || a == lockcheck.Analyzer) {
			t.Errorf("%s: ForFacts returned the analyzer itself", a.Name)
		}
		if s.Name != a.Name || s.Doc != a.Doc || flagNames(&s.Flags) != flagNames(&a.Flags) || len(s.FactTypes) != len(a.FactTypes) {
			t.Errorf("%s: the stand-in differs in name, doc, flags or fact types", a.Name)
		}
		for _, req := range s.Requires {
			if len(a.FactTypes) == 0 && len(req.FactTypes) == 0 {
				t.Errorf("%s: the inert stand-in requires %s, which has no facts", a.Name, req.Name)
			}
		}
	}
	if err := analysis.Validate(stand); err != nil {
		t.Fatal(err)
	}
}

func flagNames(fs *flag.FlagSet) string {
	var out string
	fs.VisitAll(func(f *flag.Flag) { out += f.Name + "=" + f.Value.String() + " " })
	return out
}

// loadFixtures loads packages of the GOPATH-style fixtures in
// testdata/src, as analysistest does.
func loadFixtures(t *testing.T, patterns ...string) []*packages.Package {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("..", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	cfg := &packages.Config{
		Mode: packages.LoadAllSyntax,
		Dir:  filepath.Join(dir, "src"),
		Env:  append(os.Environ(), "GOPATH="+dir, "GO111MODULE=off", "GOWORK=off", "GOFLAGS=", "GOPROXY=off"),
	}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		t.Fatal(err)
	}
	if packages.PrintErrors(pkgs) > 0 || len(pkgs) == 0 {
		t.Fatal("loading the fixtures failed")
	}
	return pkgs
}

// exportedFacts runs a on pkgs and returns, sorted, each fact a exported
// on any package of the graph: its package, object and gob encoding.
func exportedFacts(t *testing.T, a *analysis.Analyzer, pkgs []*packages.Package) []string {
	t.Helper()
	graph, err := checker.Analyze([]*analysis.Analyzer{a}, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for act := range graph.All() {
		if act.Analyzer != a {
			continue
		}
		if act.Err != nil {
			t.Fatalf("%s on %s: %v", a.Name, act.Package.PkgPath, act.Err)
		}
		own := act.Package.Types
		for _, f := range act.AllPackageFacts() {
			if f.Package == own {
				out = append(out, own.Path()+" package "+encode(t, f.Fact))
			}
		}
		for _, f := range act.AllObjectFacts() {
			if f.Object.Pkg() == own {
				out = append(out, fmt.Sprintf("%s %s %s", own.Path(), f.Object, encode(t, f.Fact)))
			}
		}
	}
	slices.Sort(out)
	return out
}

func encode(t *testing.T, f analysis.Fact) string {
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(f); err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("%x", buf.Bytes())
}

// missing returns, shortened, the entries of x that y lacks.
func missing(x, y []string) []string {
	var out []string
	for _, e := range x {
		if _, found := slices.BinarySearch(y, e); !found {
			out = append(out, e[:min(len(e), 120)])
		}
	}
	return out
}
