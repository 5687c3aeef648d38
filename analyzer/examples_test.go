package analyzer_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/racecheck/racecheck/analyzer"
	"github.com/racecheck/racecheck/analyzer/category"
)

// TestExplainExamplesReported runs the analyzer of each category whose
// documentation carries a whole Program on it: `racecheck explain` shows
// the Bad example as one that is reported, so the analyzer must report
// the category on one of its lines.
func TestExplainExamplesReported(t *testing.T) {
	byName := make(map[string]*analysis.Analyzer)
	for _, a := range analyzer.Suite() {
		byName[a.Name] = a
	}
	tested := 0
	for _, d := range category.All() {
		if d.Program == "" {
			continue
		}
		tested++
		t.Run(d.ID, func(t *testing.T) {
			lines := badLines(t, d)
			a := byName[d.Analyzer]
			if a == nil {
				t.Fatalf("no analyzer %q in the suite", d.Analyzer)
			}
			for _, got := range diagnose(t, a, d.Program) {
				if got.category == d.ID && lines[got.line] {
					return
				}
			}
			t.Errorf("%s does not report %s on its own example:\n%s", d.Analyzer, d.ID, d.Program)
		})
	}
	if tested == 0 {
		t.Fatal("no category has a Program")
	}
}

// badLines returns the lines of d.Program that hold the lines of d.Bad,
// in order ("..." in Bad skips any number of lines).
func badLines(t *testing.T, d category.Doc) map[int]bool {
	t.Helper()
	prog := strings.Split(d.Program, "\n")
	out := make(map[int]bool)
	next := 0
	for _, want := range strings.Split(d.Bad, "\n") {
		want = strings.TrimSpace(want)
		if want == "..." || want == "" {
			continue
		}
		found := false
		for ; next < len(prog); next++ {
			if strings.TrimSpace(prog[next]) == want {
				out[next+1] = true
				next++
				found = true
				break
			}
		}
		if !found {
			t.Fatalf("Program of %s lacks the Bad line %q (in order)", d.ID, want)
		}
	}
	return out
}

type diag struct {
	line     int
	category string
}

// diagnose runs a on a module holding the one file src.
func diagnose(t *testing.T, a *analysis.Analyzer, src string) []diag {
	t.Helper()
	dir := t.TempDir()
	for name, data := range map[string]string{"go.mod": "module example\n\ngo 1.22\n", "example.go": src} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cfg := &packages.Config{Mode: packages.LoadAllSyntax, Dir: dir, Env: append(os.Environ(), "GOWORK=off", "GOFLAGS=")}
	pkgs, err := packages.Load(cfg, ".")
	if err != nil {
		t.Fatal(err)
	}
	if packages.PrintErrors(pkgs) > 0 {
		t.Fatal("the Program does not compile")
	}
	graph, err := checker.Analyze([]*analysis.Analyzer{a}, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	var out []diag
	for act := range graph.All() {
		if !act.IsRoot || act.Analyzer != a {
			continue
		}
		if act.Err != nil {
			t.Fatal(act.Err)
		}
		for _, d := range act.Diagnostics {
			out = append(out, diag{act.Package.Fset.Position(d.Pos).Line, d.Category})
		}
	}
	return out
}
