package analyzer_test

import (
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/racecheck/racecheck/analyzer"
)

// analyzerPackages returns the import paths of the public packages under
// analyzer/ that declare a package-level Analyzer variable, as rules_go's
// nogo expects of every analyzer it is given.
func analyzerPackages(t *testing.T) []string {
	t.Helper()
	out, err := exec.Command("go", "list", "-f", "{{.ImportPath}}\t{{.Dir}}", "./...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	var pkgs []string
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		path, dir, _ := strings.Cut(line, "\t")
		if strings.Contains(path, "/internal/") || !declaresAnalyzer(t, dir) {
			continue
		}
		pkgs = append(pkgs, path)
	}
	return pkgs
}

// declaresAnalyzer reports whether a non-test file in dir declares
// var Analyzer at package level.
func declaresAnalyzer(t *testing.T, dir string) bool {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range f.Decls {
			gd, ok := decl.(*ast.GenDecl)
			if !ok || gd.Tok != token.VAR {
				continue
			}
			for _, spec := range gd.Specs {
				for _, id := range spec.(*ast.ValueSpec).Names {
					if id.Name == "Analyzer" {
						return true
					}
				}
			}
		}
	}
	return false
}

// TestNogoMain builds a main package shaped like the one rules_go's nogo
// generates: it imports every analyzer package and passes each
// package's Analyzer to the unit checker. Every analyzer of the suite
// must be reachable that way, or Bazel users cannot list it in nogo.
func TestNogoMain(t *testing.T) {
	pkgs := analyzerPackages(t)
	var imports, list strings.Builder
	for i, p := range pkgs {
		fmt.Fprintf(&imports, "\ta%d %q\n", i, p)
		fmt.Fprintf(&list, "\ta%d.Analyzer,\n", i)
	}
	src := fmt.Sprintf(`package main

import (
	"log"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/unitchecker"

%s)

var analyzers = []*analysis.Analyzer{
%s}

func main() {
	if err := analysis.Validate(analyzers); err != nil {
		log.Fatal(err)
	}
	unitchecker.Main(analyzers...)
}
`, imports.String(), list.String())
	dir := t.TempDir()
	main := filepath.Join(dir, "nogo_main.go")
	if err := os.WriteFile(main, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, "nogo")
	// Built from this module, so the imports resolve to this checkout.
	if out, err := exec.Command("go", "build", "-o", bin, main).CombinedOutput(); err != nil {
		t.Fatalf("building nogo-style main: %v\n%s\n%s", err, out, src)
	}
	out, err := exec.Command(bin, "-flags").Output()
	if err != nil {
		t.Fatalf("nogo -flags: %v", err)
	}
	var flags []struct{ Name string }
	if err := json.Unmarshal(out, &flags); err != nil {
		t.Fatalf("nogo -flags output: %v\n%s", err, out)
	}
	have := make(map[string]bool)
	for _, f := range flags {
		have[f.Name] = true
	}
	for _, a := range analyzer.Suite() {
		if !have[a.Name] {
			t.Errorf("analyzer %s of the suite is not the Analyzer of any analyzer package", a.Name)
		}
	}
}
