package lockcheck_test

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/racecheck/racecheck/analyzer/lockcheck"
)

// TestFileOrder checks that findings do not depend on the order in
// which a package's files were parsed. go/packages parses them in
// parallel, so which file gets the lower positions in the FileSet
// changes from run to run (go vet parses them in order). Package
// fileorder reaches one unlocked read through calls in two files, and
// the read is reported once, at the call in the first file.
func TestFileOrder(t *testing.T) {
	if testing.Short() {
		t.Skip("loads and analyzes a package twice")
	}
	// The go command reports files with symbolic links resolved.
	dir, err := filepath.EvalSymlinks(filepath.Join(testdata(t), "src", "lockcheck", "fileorder"))
	if err != nil {
		t.Fatal(err)
	}
	forward := []string{"a_txnmgr.go", "b_async.go", "c_sync.go"}
	backward := []string{"c_sync.go", "b_async.go", "a_txnmgr.go"}
	first := diagnostics(t, dir, forward)
	if !strings.Contains(first, "b_async.go:28:") || strings.Contains(first, "c_sync.go") {
		t.Fatalf("files parsed in order %v: want one report, at b_async.go:28, got:\n%s", forward, first)
	}
	if second := diagnostics(t, dir, backward); second != first {
		t.Errorf("files parsed in order %v:\n%s\nin order %v:\n%s", forward, first, backward, second)
	}
}

// diagnostics runs lockcheck on the package in dir, its files parsed in
// the given order, and returns its diagnostics, one per line.
func diagnostics(t *testing.T, dir string, order []string) string {
	t.Helper()
	p := &orderedParser{dir: dir, order: order, parsed: make(map[string]*ast.File)}
	cfg := &packages.Config{
		Mode:      packages.LoadAllSyntax,
		Dir:       dir,
		Env:       append(os.Environ(), "GO111MODULE=off", "GOPATH="+testdata(t), "GOFLAGS="),
		ParseFile: p.parse,
		Tests:     false,
	}
	pkgs, err := packages.Load(cfg, ".")
	if err != nil {
		t.Fatal(err)
	}
	if len(p.parsed) != len(order) {
		t.Fatalf("go/packages asked for files outside %s: %d of %d parsed in order", dir, len(p.parsed), len(order))
	}
	if packages.PrintErrors(pkgs) > 0 {
		t.Fatal("package fileorder did not load")
	}
	graph, err := checker.Analyze([]*analysis.Analyzer{lockcheck.Analyzer}, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, act := range graph.Roots {
		if act.Err != nil {
			t.Fatal(act.Err)
		}
		for _, d := range act.Diagnostics {
			pos := act.Package.Fset.Position(d.Pos)
			fmt.Fprintf(&b, "%s:%d:%d: %s\n", filepath.Base(pos.Filename), pos.Line, pos.Column, d.Message)
		}
	}
	return b.String()
}

// An orderedParser parses the files of one directory in a given order,
// whatever order go/packages asks for them in: asked for one, it first
// parses those before it.
type orderedParser struct {
	dir    string
	order  []string
	mu     sync.Mutex
	parsed map[string]*ast.File
}

func (p *orderedParser) parse(fset *token.FileSet, filename string, src []byte) (*ast.File, error) {
	const mode = parser.AllErrors | parser.ParseComments
	if filepath.Dir(filename) != p.dir {
		return parser.ParseFile(fset, filename, src, mode)
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, name := range p.order {
		if p.parsed[name] == nil {
			f, err := parser.ParseFile(fset, filepath.Join(p.dir, name), nil, mode)
			if err != nil {
				return nil, err
			}
			p.parsed[name] = f
		}
		if name == filepath.Base(filename) {
			return p.parsed[name], nil
		}
	}
	return nil, fmt.Errorf("%s is not among %v", filename, p.order)
}
