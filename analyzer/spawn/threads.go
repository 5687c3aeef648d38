package spawn

import (
	"fmt"
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"
)

// defaultMaxThreads is the runtime's default limit on OS threads
// (runtime/debug.SetMaxThreads).
const defaultMaxThreads = 10000

// checkThreadCall checks calls that size threads or pools with constants:
// runtime.GOMAXPROCS, debug.SetMaxThreads and errgroup.Group.SetLimit.
func (c *checker) checkThreadCall(call *ast.CallExpr) {
	if len(call.Args) != 1 {
		return
	}
	n, ok := c.flow.constInt(call.Args[0])
	if !ok {
		return // derived from NumCPU, configuration or input
	}
	switch {
	case isFunc(c.pass, call, "runtime", "GOMAXPROCS"):
		c.checkGOMAXPROCS(call, n)
	case isFunc(c.pass, call, "runtime/debug", "SetMaxThreads"):
		c.checkMaxThreads(call, n)
	case c.isSetLimit(call):
		c.checkSetLimit(call, n)
	}
}

// checkGOMAXPROCS reports runtime.GOMAXPROCS(n) with a constant n above 1.
// GOMAXPROCS(0) only queries, and GOMAXPROCS(1) deliberately serialises a
// program (for determinism, or around cgo libraries), which does not
// oversize anything.
func (c *checker) checkGOMAXPROCS(call *ast.CallExpr, n int64) {
	if n <= 1 {
		return
	}
	c.report.Report(analysis.Diagnostic{
		Pos:      call.Pos(),
		Category: "const-gomaxprocs",
		Message: fmt.Sprintf("runtime.GOMAXPROCS(%d) hard-codes the number of threads running Go code: "+
			"it oversubscribes machines and containers with fewer than %d cores and idles larger ones; "+
			"keep the default (runtime.NumCPU(), container-aware) or derive it from runtime.NumCPU() or configuration", n, n),
	})
}

// checkMaxThreads reports debug.SetMaxThreads raising the thread limit.
// Lowering it is a safety measure and is not reported.
func (c *checker) checkMaxThreads(call *ast.CallExpr, n int64) {
	if n <= defaultMaxThreads {
		return
	}
	c.report.Report(analysis.Diagnostic{
		Pos:      call.Pos(),
		Category: "max-threads",
		Message: fmt.Sprintf("debug.SetMaxThreads(%d) raises the runtime's limit of %d OS threads: "+
			"it hides unbounded thread growth until the machine runs out of memory or kernel threads; "+
			"bound the goroutines that block in system calls or lock OS threads instead", n, defaultMaxThreads),
	})
}

// isSetLimit reports whether call is golang.org/x/sync/errgroup.Group.SetLimit.
func (c *checker) isSetLimit(call *ast.CallExpr) bool {
	fn, ok := typeutil.Callee(c.pass.TypesInfo, call).(*types.Func)
	return ok && fn.Name() == "SetLimit" && isMethod(fn, "golang.org/x/sync/errgroup", "Group")
}

// checkSetLimit reports an errgroup limit above -spawn.maxpool.
func (c *checker) checkSetLimit(call *ast.CallExpr, n int64) {
	if n <= int64(c.maxPool) {
		return
	}
	c.report.Report(analysis.Diagnostic{
		Pos:      call.Pos(),
		Category: "oversized-pool",
		Message: fmt.Sprintf("errgroup limit of %d goroutines (more than -spawn.maxpool=%d); "+
			"size the pool from the machine: runtime.GOMAXPROCS(0) workers, about 2 x runtime.NumCPU() for CPU-bound work",
			n, c.maxPool),
	})
}
