package driver

import (
	"errors"
	"fmt"
	"go/ast"
	"go/types"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/buildssa"
	"golang.org/x/tools/go/packages"
	"golang.org/x/tools/go/ssa"

	"github.com/racecheck/racecheck/analyzer"
	"github.com/racecheck/racecheck/internal/depfail"
	"github.com/racecheck/racecheck/internal/hugeheap"
)

// spawnsFact records how many go statements a function reaches through
// calls into other packages; it makes the test analyzer depend on the
// facts of imported packages, as racecheck's analyzers do.
type spawnsFact struct{ N int }

func (*spawnsFact) AFact()           {}
func (f *spawnsFact) String() string { return fmt.Sprintf("spawns(%d)", f.N) }

// heldSSA keeps the SSA the analyzer was given, so that the test can see
// whether the driver released it.
type heldSSA struct{ ssa *buildssa.SSA }

// newSpawnAnalyzer returns a fresh analyzer (no shared state between
// tests) that reports every function spawning goroutines, directly or via
// imported functions, and fails on the package named failOn.
func newSpawnAnalyzer(failOn string) *analysis.Analyzer {
	return &analysis.Analyzer{
		Name:       "spawns",
		Doc:        "test analyzer: count goroutines started per function",
		Requires:   []*analysis.Analyzer{buildssa.Analyzer},
		ResultType: reflect.TypeOf(new(heldSSA)),
		FactTypes:  []analysis.Fact{new(spawnsFact)},
		Run: func(pass *analysis.Pass) (any, error) {
			if pass.Pkg.Name() == failOn {
				return nil, errors.New("deliberate failure")
			}
			res := pass.ResultOf[buildssa.Analyzer].(*buildssa.SSA)
			for _, fn := range res.SrcFuncs {
				n := countSpawns(pass, fn)
				if obj, ok := fn.Object().(*types.Func); ok && n > 0 {
					pass.ExportObjectFact(obj, &spawnsFact{N: n})
					pass.Reportf(fn.Pos(), "%s spawns %d goroutines", fn.Name(), n)
				}
			}
			return &heldSSA{res}, nil
		},
	}
}

func countSpawns(pass *analysis.Pass, fn *ssa.Function) int {
	n := 0
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			switch instr := instr.(type) {
			case *ssa.Go:
				n++
			case *ssa.Call:
				callee := instr.Call.StaticCallee()
				if callee == nil || callee.Pkg == nil || callee.Pkg.Pkg == pass.Pkg {
					continue
				}
				var f spawnsFact
				if obj, ok := callee.Object().(*types.Func); ok && pass.ImportObjectFact(obj, &f) {
					n += f.N
				}
			}
		}
	}
	return n
}

// writeModule writes a module of chained packages: p0 <- p1 <- ... <- pN-1.
func writeModule(t *testing.T, n int) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{"go.mod": "module chain\n\ngo 1.22\n"}
	for i := 0; i < n; i++ {
		var b strings.Builder
		fmt.Fprintf(&b, "package p%d\n\n", i)
		if i > 0 {
			fmt.Fprintf(&b, "import \"chain/p%d\"\n\n", i-1)
		}
		fmt.Fprintf(&b, "func F() {\n\tgo func() {}()\n")
		if i > 0 {
			fmt.Fprintf(&b, "\tp%d.F()\n", i-1)
		}
		fmt.Fprintf(&b, "}\n\nfunc G() { _ = 1 }\n")
		files[fmt.Sprintf("p%d/p.go", i)] = b.String()
	}
	for name, src := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestRunStreamMatchesRun(t *testing.T) {
	dir := writeModule(t, 5)
	opts := Options{Dir: dir}
	want, err := Run([]*analysis.Analyzer{newSpawnAnalyzer("")}, []string{"./..."}, opts)
	if err != nil {
		t.Fatal(err)
	}
	got, err := RunStream([]*analysis.Analyzer{newSpawnAnalyzer("")}, []string{"./..."}, opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(want) != 5 {
		t.Fatalf("Run: got %d findings, want 5: %v", len(want), want)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("RunStream findings differ from Run:\n got %v\nwant %v", got, want)
	}
	// Reserve(0) reserves nothing: it only reports RunStream's range.
	if hugeheap.Available() && !hugeheap.Reserve(0) {
		t.Error("RunStream did not back its heap with huge pages")
	}
	// The facts crossed all five packages: p4.F reaches five go statements.
	last := want[len(want)-1]
	if !strings.Contains(last.Message, "F spawns 5 goroutines") {
		t.Errorf("last finding = %q, want facts propagated through the chain", last.Message)
	}
}

func TestAnalyzeStreamReleasesSSA(t *testing.T) {
	dir := writeModule(t, 3)
	a := newSpawnAnalyzer("")
	pkgs, err := Load([]string{"./..."}, Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	graph, err := AnalyzeStream([]*analysis.Analyzer{a}, pkgs, 1)
	if err != nil {
		t.Fatal(err)
	}
	roots := 0
	for act := range graph.All() {
		if !act.IsRoot {
			continue
		}
		roots++
		if act.Err != nil {
			t.Fatalf("%s: %v", act, act.Err)
		}
		held := act.Result.(*heldSSA)
		if held.ssa.Pkg != nil || held.ssa.SrcFuncs != nil {
			t.Errorf("%s: SSA still held after the package was done", act)
		}
	}
	if roots != 3 {
		t.Errorf("got %d root actions, want 3", roots)
	}
	for _, p := range pkgs {
		if len(p.Syntax[0].Decls) != 0 || len(p.TypesInfo.Defs) != 0 {
			t.Errorf("%s: syntax or type information still held after the package was done", p)
		}
		if p.Types.Scope().Lookup("F") == nil {
			t.Errorf("%s: go/types objects were released too; importers need them", p)
		}
	}
}

// TestAnalyzeStreamSharedFiles checks that a file shared by a package and
// its test variant is not emptied before both are analyzed.
func TestAnalyzeStreamSharedFiles(t *testing.T) {
	dir := writeModule(t, 2)
	test := "package p1\n\nimport \"testing\"\n\nfunc TestF(t *testing.T) { F() }\n"
	if err := os.WriteFile(filepath.Join(dir, "p1", "p_test.go"), []byte(test), 0o644); err != nil {
		t.Fatal(err)
	}
	a := newSpawnAnalyzer("")
	pkgs, err := Load([]string{"./..."}, Options{Dir: dir, Tests: true})
	if err != nil {
		t.Fatal(err)
	}
	graph, err := AnalyzeStream([]*analysis.Analyzer{a}, pkgs, 1)
	if err != nil {
		t.Fatal(err)
	}
	reported := make(map[string]bool)
	for act := range graph.All() {
		if act.IsRoot && len(act.Diagnostics) > 0 {
			reported[act.Package.ID] = true
		}
	}
	for _, id := range []string{"chain/p1", "chain/p1 [chain/p1.test]"} {
		if !reported[id] {
			t.Errorf("%s: no diagnostics; its shared file was released too early (reported: %v)", id, reported)
		}
	}
}

func TestAnalyzeStreamFailureDoesNotHang(t *testing.T) {
	dir := writeModule(t, 4)
	a := newSpawnAnalyzer("p1") // p2 and p3 need p1's facts: skipped
	_, err := RunStream([]*analysis.Analyzer{a}, []string{"./..."}, Options{Dir: dir})
	if err == nil || !strings.Contains(err.Error(), "deliberate failure") {
		t.Fatalf("err = %v, want the analyzer's failure", err)
	}
}

func TestLoadLightSkipsObjectResolution(t *testing.T) {
	dir := writeModule(t, 1)
	for _, tc := range []struct {
		load    func([]string, Options) ([]*packages.Package, error)
		wantObj bool
	}{{Load, true}, {LoadLight, false}} {
		pkgs, err := tc.load([]string{"./..."}, Options{Dir: dir})
		if err != nil {
			t.Fatal(err)
		}
		fn := pkgs[0].Syntax[0].Decls[0].(*ast.FuncDecl)
		if got := fn.Name.Obj != nil; got != tc.wantObj {
			t.Errorf("ast.Object resolved = %v, want %v", got, tc.wantObj)
		}
		if pkgs[0].TypesInfo.Defs[fn.Name] == nil {
			t.Errorf("F has no types.Object")
		}
	}
}

// TestAnalyzeStreamFactsOnlyDeps: a package that is only a dependency
// runs the analyzer's facts-only stand-in, whose facts reach the package
// asked for; that package runs the analyzer itself.
func TestAnalyzeStreamFactsOnlyDeps(t *testing.T) {
	dir := writeModule(t, 3)
	a := newSpawnAnalyzer("")
	var mu sync.Mutex
	var factsOnly []string
	quiet := func(pass *analysis.Pass) (any, error) {
		mu.Lock()
		factsOnly = append(factsOnly, pass.Pkg.Path())
		mu.Unlock()
		res := pass.ResultOf[buildssa.Analyzer].(*buildssa.SSA)
		for _, fn := range res.SrcFuncs {
			if obj, ok := fn.Object().(*types.Func); ok {
				if n := countSpawns(pass, fn); n > 0 {
					pass.ExportObjectFact(obj, &spawnsFact{N: n})
				}
			}
		}
		return &heldSSA{res}, nil
	}
	pkgs, err := Load([]string{"./p2"}, Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	graph, err := analyzeStream([]*analysis.Analyzer{a}, map[*analysis.Analyzer]runFunc{a: quiet}, pkgs, 1)
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(factsOnly)
	if want := []string{"chain/p0", "chain/p1"}; !slices.Equal(factsOnly, want) {
		t.Errorf("facts-only runs on %v, want %v", factsOnly, want)
	}
	fnds, err := Collect(graph)
	if err != nil {
		t.Fatal(err)
	}
	if len(fnds) != 1 || !strings.Contains(fnds[0].Message, "F spawns 3 goroutines") {
		t.Errorf("findings %v, want p2's F spawning 3 goroutines through its dependencies' facts", fnds)
	}
}

// TestFactsOnlyRuns: race and lockcheck, which have stand-ins that export
// the same facts, get one; the suite's other analyzers do not.
func TestFactsOnlyRuns(t *testing.T) {
	suite := analyzer.Suite()
	wrapped := depfail.Wrap(suite, func(depfail.Failure) error { return nil })
	runs := factsOnlyRuns(suite, wrapped, func(depfail.Failure) error { return nil })
	var names []string
	for i, a := range wrapped {
		if runs[a] != nil {
			names = append(names, suite[i].Name)
		}
	}
	if want := []string{"lockcheck", "race"}; !slices.Equal(slices.Sorted(slices.Values(names)), want) {
		t.Errorf("facts-only runs for %v, want %v", names, want)
	}
}
