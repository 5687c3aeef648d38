package vetunit

import (
	"bytes"
	"encoding/json"
	"go/ast"
	"go/types"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
)

// pkgFact and objFact are the fact types of the test analyzers.
type pkgFact struct{ Path string }
type objFact struct{ Name string }

func (*pkgFact) AFact() {}
func (*objFact) AFact() {}

func (f *pkgFact) String() string { return "pkg " + f.Path }
func (f *objFact) String() string { return "obj " + f.Name }

// factAnalyzer exports a package fact and an object fact per type and
// method, then reports the package facts it sees on the package clause
// and, at each method call, the fact of the method called.
func factAnalyzer() *analysis.Analyzer {
	return &analysis.Analyzer{
		Name:      "facts",
		Doc:       "exports and reports facts (test)",
		FactTypes: []analysis.Fact{new(pkgFact), new(objFact)},
		Run: func(pass *analysis.Pass) (any, error) {
			exportFacts(pass)
			var seen []string
			for _, pf := range pass.AllPackageFacts() {
				seen = append(seen, pf.Package.Path())
			}
			sort.Strings(seen)
			pass.Reportf(pass.Files[0].Name.Pos(), "package facts: %s", strings.Join(seen, " "))
			for _, f := range pass.Files {
				ast.Inspect(f, func(n ast.Node) bool {
					if sel, ok := n.(*ast.SelectorExpr); ok {
						var fact objFact
						if obj := pass.TypesInfo.Uses[sel.Sel]; obj != nil && pass.ImportObjectFact(obj, &fact) {
							pass.Reportf(sel.Sel.Pos(), "%s has fact %s", sel.Sel.Name, fact.Name)
						}
					}
					return true
				})
			}
			return nil, nil
		},
	}
}

// exportFacts exports the facts of pass's package: a package fact, and
// an object fact for every package-level object and method.
func exportFacts(pass *analysis.Pass) {
	pass.ExportPackageFact(&pkgFact{pass.Pkg.Path()})
	scope := pass.Pkg.Scope()
	for _, name := range scope.Names() {
		obj := scope.Lookup(name)
		pass.ExportObjectFact(obj, &objFact{pass.Pkg.Path() + "." + name})
		if tn, ok := obj.(*types.TypeName); ok && !tn.IsAlias() {
			if named, ok := tn.Type().(*types.Named); ok {
				for m := range named.Methods() {
					pass.ExportObjectFact(m, &objFact{pass.Pkg.Path() + "." + name + "." + m.Name()})
				}
			}
		}
	}
}

// writeUnit writes a package without imports as file src in dir and a
// config for it, and returns the config file's name.
func writeUnit(t *testing.T, dir, src string, edit func(*Config)) string {
	t.Helper()
	goFile := filepath.Join(dir, "p.go")
	if err := os.WriteFile(goFile, []byte(src), 0o666); err != nil {
		t.Fatal(err)
	}
	cfg := Config{
		ID:         "example.com/p",
		Compiler:   "gc",
		ImportPath: "example.com/p",
		GoVersion:  "go1.22",
		GoFiles:    []string{goFile},
		ImportMap:  map[string]string{},
		VetxOutput: filepath.Join(dir, "vet.out"),
	}
	if edit != nil {
		edit(&cfg)
	}
	data, err := json.MarshalIndent(cfg, "", "\t")
	if err != nil {
		t.Fatal(err)
	}
	name := filepath.Join(dir, "vet.cfg")
	if err := os.WriteFile(name, data, 0o666); err != nil {
		t.Fatal(err)
	}
	return name
}

// runMain runs Main and returns its exit code, stdout and stderr.
func runMain(args []string, analyzers ...*analysis.Analyzer) (int, string, string) {
	var stdout, stderr bytes.Buffer
	opts := Options{Version: func(w io.Writer) error { _, err := io.WriteString(w, "tool version devel buildID=x\n"); return err }}
	code := Main("tool", args, analyzers, opts, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}
