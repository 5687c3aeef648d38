package vetunit

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/racecheck/racecheck/internal/driver/vetunit/internal/facttest"
)

// sources of three packages: a imports b imports c, and a calls a method
// of c's type T through b without importing c.
var sources = map[string]string{
	"c": "package c\n\ntype T struct{}\n\nfunc (T) M() {}\n\nfunc F() {}\n",
	"b": "package b\n\nimport \"c\"\n\nfunc Get() c.T { return c.T{} }\n",
	"a": "package a\n\nimport \"b\"\n\nfunc A() { b.Get().M() }\n",
}

// checkSource type-checks the package path from sources, importing the
// packages already in pkgs.
func checkSource(t *testing.T, fset *token.FileSet, path string, pkgs map[string]*types.Package) *types.Package {
	t.Helper()
	f, err := parser.ParseFile(fset, path+".go", sources[path], 0)
	if err != nil {
		t.Fatal(err)
	}
	imp := importerFunc(func(p string) (*types.Package, error) {
		if pkg := pkgs[p]; pkg != nil {
			return pkg, nil
		}
		return nil, fmt.Errorf("no package %s", p)
	})
	pkg, err := (&types.Config{Importer: imp}).Check(path, fset, []*ast.File{f}, nil)
	if err != nil {
		t.Fatal(err)
	}
	pkgs[path] = pkg
	return pkg
}

// TestFactsRoundTrip passes facts from c to b to a through encoded
// files: a sees b's package fact and, inherited through b, the facts of
// c's type T and its method M, but neither c's package fact nor the fact
// of its function F, which only an importer of c reads (as with x/tools'
// facts package).
func TestFactsRoundTrip(t *testing.T) {
	registerFacts([]*analysis.Analyzer{factAnalyzer()})
	dir := t.TempDir()
	fset := token.NewFileSet()
	pkgs := make(map[string]*types.Package)
	vetx := make(map[string]string)
	var sets = make(map[string]*factSet)
	for _, path := range []string{"c", "b", "a"} {
		pkg := checkSource(t, fset, path, pkgs)
		s, err := decodeFacts(pkg, vetx)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		exportAll(s, pkg)
		data, err := s.encode()
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		again, _ := s.encode()
		if !bytes.Equal(data, again) {
			t.Errorf("%s: two encodings of the same facts differ", path)
		}
		vetx[path] = filepath.Join(dir, path+".vetx")
		if err := os.WriteFile(vetx[path], data, 0o666); err != nil {
			t.Fatal(err)
		}
		sets[path] = s
	}
	want := []string{"a: obj a.A", "a: pkg a", "b: obj b.Get", "b: pkg b", "c: obj c.T", "c: obj c.T.M"}
	if got := describe(sets["a"]); !slices.Equal(got, want) {
		t.Errorf("facts seen by a:\n%q\nwant\n%q", got, want)
	}
	want = []string{"b: obj b.Get", "b: pkg b", "c: obj c.F", "c: obj c.T", "c: obj c.T.M", "c: pkg c"}
	if got := describe(sets["b"]); !slices.Equal(got, want) {
		t.Errorf("facts seen by b:\n%q\nwant\n%q", got, want)
	}
	// The fact of c.T.M, read by a from b's file, is about the object
	// a's types use.
	m, _, _ := types.LookupFieldOrMethod(pkgs["c"].Scope().Lookup("T").Type(), false, pkgs["c"], "M")
	var f facttest.ObjFact
	if !sets["a"].importObject(m, &f) || f.Name != "c.T.M" {
		t.Errorf("ImportObjectFact(c.T.M) in a = %v, %q", f.Name != "", f.Name)
	}
}

// exportAll exports the test facts of pkg into s, as factAnalyzer does.
func exportAll(s *factSet, pkg *types.Package) {
	a := factAnalyzer()
	s.exportPackage(&facttest.PkgFact{Path: pkg.Path()})
	facttest.ForEachObject(pkg, func(obj types.Object, f *facttest.ObjFact) { s.exportObject(a, obj, f) })
}

// describe lists the facts of s as "package: fact", sorted.
func describe(s *factSet) []string {
	all := map[reflect.Type]bool{reflect.TypeOf(new(facttest.PkgFact)): true, reflect.TypeOf(new(facttest.ObjFact)): true}
	var out []string
	for _, f := range s.packageFacts(all) {
		out = append(out, f.Package.Path()+": "+fmt.Sprint(f.Fact))
	}
	for _, f := range s.objectFacts(all) {
		out = append(out, f.Object.Pkg().Path()+": "+fmt.Sprint(f.Fact))
	}
	slices.Sort(out)
	return out
}

// TestDecodeMissingAndEmpty: an import without a .vetx file, or with an
// empty one, has no facts; a corrupt file is an error.
func TestDecodeMissingAndEmpty(t *testing.T) {
	fset := token.NewFileSet()
	pkgs := make(map[string]*types.Package)
	checkSource(t, fset, "c", pkgs)
	b := checkSource(t, fset, "b", pkgs)
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty")
	os.WriteFile(empty, nil, 0o666)
	for _, vetx := range []map[string]string{nil, {"c": empty}} {
		s, err := decodeFacts(b, vetx)
		if err != nil || len(s.m) != 0 {
			t.Errorf("decodeFacts(%v) = %d facts, %v; want none", vetx, len(s.m), err)
		}
	}
	bad := filepath.Join(dir, "bad")
	os.WriteFile(bad, []byte("not gob"), 0o666)
	if _, err := decodeFacts(b, map[string]string{"c": bad}); err == nil {
		t.Error("decodeFacts of a corrupt file: no error")
	}
}
