package spawn

import (
	"flag"
	"fmt"
	"go/ast"
	"go/types"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/racecheck/racecheck/analyzer/internal/safe"
	"github.com/racecheck/racecheck/analyzer/internal/suppress"
)

// defaultMaxPool is the default of -spawn.maxpool. It is fixed rather than
// derived from the analysing machine so that results do not depend on where
// the analysis runs: 64 is 2 x runtime.NumCPU() of a 32-core machine, so a
// constant pool above it oversubscribes almost every machine the program
// will meet, and only machines with more than 32 cores can use it fully.
const defaultMaxPool = 64

// Analyzer reports oversized and unbounded goroutine and OS-thread spawning.
var Analyzer = &analysis.Analyzer{
	Name:     "spawn",
	Doc:      doc,
	URL:      "https://github.com/racecheck/racecheck/blob/main/docs/checks.md",
	Flags:    flags(),
	Requires: []*analysis.Analyzer{inspect.Analyzer, suppress.Analyzer},
	Run:      safe.Run(run),
}

const doc = `report oversized and unbounded goroutine and OS-thread spawning

The spawn analyzer reports goroutines started once per element of input
with no bound in effect (unbounded-spawn), constant fan-out above
-spawn.maxpool goroutines (oversized-pool), runtime.GOMAXPROCS with a
constant (const-gomaxprocs), runtime.LockOSThread in goroutines started
without bound (lockosthread-per-item) and debug.SetMaxThreads raised above
the default 10000 (max-threads). Test files are not checked.`

// flags declares the analyzer's flags. The value is read back from the
// FlagSet in run, so the analyzer keeps no package-level mutable state.
func flags() flag.FlagSet {
	fs := flag.NewFlagSet("spawn", flag.ExitOnError)
	n := poolSize(defaultMaxPool)
	fs.Var(&n, "maxpool",
		"report constant fan-out (loops starting goroutines, errgroup.SetLimit) above `n` goroutines")
	suppress.Register(fs)
	return *fs
}

// poolSize is the value of -spawn.maxpool: a positive number of goroutines,
// checked when the flag is set so that a bad value is a usage error.
type poolSize int

// String implements flag.Value.
func (p *poolSize) String() string { return strconv.Itoa(int(*p)) }

// Get implements flag.Getter; run reads the value through it.
func (p *poolSize) Get() any { return int(*p) }

// Set implements flag.Value, rejecting non-positive sizes.
func (p *poolSize) Set(s string) error {
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		return fmt.Errorf("want a positive number of goroutines, got %q", s)
	}
	*p = poolSize(n)
	return nil
}

// A checker holds one package's state for the duration of run.
type checker struct {
	pass    *analysis.Pass
	report  *suppress.Reporter
	maxPool int
	flow    *flow
	decls   map[*types.Func]*ast.FuncDecl // same-package function bodies
	blocks  map[*types.Func]bool          // memo of callBlocks
}

func run(pass *analysis.Pass) (any, error) {
	insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	report := suppress.New(pass)
	defer report.Finish()
	if !mayMatter(pass, insp) {
		return nil, nil
	}
	flow := newFlow(pass, insp)
	c := &checker{
		pass:    pass,
		report:  report,
		maxPool: maxPoolFlag(pass),
		flow:    flow,
		decls:   flow.decls,
		blocks:  make(map[*types.Func]bool),
	}
	for cur := range insp.Root().Preorder((*ast.GoStmt)(nil), (*ast.CallExpr)(nil)) {
		if inTest(pass, cur) {
			continue
		}
		switch n := cur.Node().(type) {
		case *ast.GoStmt:
			c.checkSpawn(cur, n.Call, spawnedBody(pass, n.Call.Fun, c.decls))
		case *ast.CallExpr:
			if fn, ok := spawnMethod(pass, n); ok {
				c.checkSpawn(cur, n, spawnedBody(pass, fn, c.decls))
				continue
			}
			c.checkThreadCall(n)
		}
	}
	return nil, nil
}

// mayMatter reports whether the package can have anything to report: it
// has a go statement, or imports a package whose calls start goroutines
// or size threads.
func mayMatter(pass *analysis.Pass, insp *inspector.Inspector) bool {
	for _, imp := range pass.Pkg.Imports() {
		switch imp.Path() {
		case "runtime", "runtime/debug", "sync", "golang.org/x/sync/errgroup":
			return true
		}
	}
	for range insp.Root().Preorder((*ast.GoStmt)(nil)) {
		return true
	}
	return false
}

// maxPoolFlag returns the value of -spawn.maxpool.
func maxPoolFlag(pass *analysis.Pass) int {
	if f := pass.Analyzer.Flags.Lookup("maxpool"); f != nil {
		if n, ok := f.Value.(flag.Getter).Get().(int); ok {
			return n
		}
	}
	return defaultMaxPool
}

// funcDecls maps the package's functions and methods to their declarations,
// so that goroutines started as `go f(x)` can be looked into.
func funcDecls(pass *analysis.Pass) map[*types.Func]*ast.FuncDecl {
	decls := make(map[*types.Func]*ast.FuncDecl)
	for _, f := range pass.Files {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil {
				if fn, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func); ok {
					decls[fn] = fd
				}
			}
		}
	}
	return decls
}

// inTest reports whether the node at cur is test code: in a _test.go file,
// or in a test helper, a function taking a *testing.T, B or F or a
// testing.TB (such as golang.org/x/net/nettest). Tests start many
// goroutines and pin GOMAXPROCS on purpose, to provoke races.
func inTest(pass *analysis.Pass, cur inspector.Cursor) bool {
	if strings.HasSuffix(pass.Fset.File(cur.Node().Pos()).Name(), "_test.go") {
		return true
	}
	for fn := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		var ft *ast.FuncType
		switch n := fn.Node().(type) {
		case *ast.FuncDecl:
			ft = n.Type
		case *ast.FuncLit:
			ft = n.Type
		}
		for _, field := range ft.Params.List {
			if isTestingType(pass.TypesInfo.TypeOf(field.Type)) {
				return true
			}
		}
	}
	return false
}

// isTestingType reports whether t is *testing.T, *testing.B, *testing.F or testing.TB.
func isTestingType(t types.Type) bool {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	named, ok := t.(*types.Named)
	if !ok || named.Obj().Pkg() == nil || named.Obj().Pkg().Path() != "testing" {
		return false
	}
	switch named.Obj().Name() {
	case "T", "B", "F", "TB":
		return true
	}
	return false
}

// spawnMethod reports whether call starts a goroutine through
// sync.WaitGroup.Go or golang.org/x/sync/errgroup.Group.Go, and returns
// the function it starts. errgroup is matched by path and name so that
// racecheck does not depend on golang.org/x/sync.
func spawnMethod(pass *analysis.Pass, call *ast.CallExpr) (ast.Expr, bool) {
	if len(call.Args) != 1 {
		return nil, false
	}
	fn, ok := typeutil.Callee(pass.TypesInfo, call).(*types.Func)
	if !ok || fn.Name() != "Go" {
		return nil, false
	}
	if isMethod(fn, "sync", "WaitGroup") || isMethod(fn, "golang.org/x/sync/errgroup", "Group") {
		return call.Args[0], true
	}
	return nil, false
}

// isMethod reports whether fn is a method of the named type pkgPath.typeName.
func isMethod(fn *types.Func, pkgPath, typeName string) bool {
	sig, ok := fn.Type().(*types.Signature)
	if !ok || sig.Recv() == nil {
		return false
	}
	t := sig.Recv().Type()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	named, ok := t.(*types.Named)
	if !ok {
		return false
	}
	obj := named.Obj()
	return obj.Pkg() != nil && obj.Pkg().Path() == pkgPath && obj.Name() == typeName
}

// isFunc reports whether call calls the package-level function pkgPath.name.
func isFunc(pass *analysis.Pass, call *ast.CallExpr, pkgPath, name string) bool {
	fn, ok := typeutil.Callee(pass.TypesInfo, call).(*types.Func)
	return ok && fn.Pkg() != nil && fn.Pkg().Path() == pkgPath && fn.Name() == name &&
		fn.Type().(*types.Signature).Recv() == nil
}

// spawnedBody returns the body of the function a goroutine runs, when it is
// a function literal or a function or method of this package.
func spawnedBody(pass *analysis.Pass, fun ast.Expr, decls map[*types.Func]*ast.FuncDecl) *ast.BlockStmt {
	fun = ast.Unparen(fun)
	if lit, ok := fun.(*ast.FuncLit); ok {
		return lit.Body
	}
	var obj types.Object
	switch f := fun.(type) {
	case *ast.Ident:
		obj = pass.TypesInfo.Uses[f]
	case *ast.SelectorExpr:
		obj = pass.TypesInfo.Uses[f.Sel]
	}
	if fn, ok := obj.(*types.Func); ok {
		if fd := decls[fn.Origin()]; fd != nil {
			return fd.Body
		}
	}
	return nil
}
