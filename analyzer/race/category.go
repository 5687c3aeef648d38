package race

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/racecheck/racecheck/analyzer/internal/model"
)

// The categories of the race analyzer, documented in analyzer/category.
const (
	catCapturedVar    = "captured-var"
	catCapturedErr    = "captured-err"
	catNamedResult    = "named-result"
	catCapturedAppend = "captured-append"
	catCapturedMap    = "captured-map"
	catSharedIndex    = "shared-index"
	catLoopVar        = "loopvar"
	catParallelSub    = "parallel-subtest"
	catAfterFunc      = "afterfunc"
	catSharedField    = "shared-field"
	catGlobalVar      = "global-var"
	catCloseSend      = "close-send"

	catTestAfterReturn = "test-after-return"
	catFatalGoroutine  = "fatal-in-goroutine"
	catAddDuringWait   = "waitgroup-add-wait"
)

// categorize returns the category of a racy pair, the noun phrase naming
// its location, and the fix to suggest.
func (c *checker) categorize(p racePair) (cat, what, fix string) {
	l := p.a.Loc
	name := describe(l)
	alloc, _ := l.Root.(*ssa.Alloc)
	whole := l.Path == "" && alloc != nil
	switch {
	case p.a.Chan:
		return catCloseSend, "channel " + name,
			"close a channel only after every sender is done (wait for them first), or let the only sender close it"
	case whole && isNamedResult(alloc):
		return catNamedResult, "named result " + name,
			"wait for the goroutine before returning, or return the value it computes over a channel"
	case whole && c.isLoopVar(alloc):
		return catLoopVar, "loop variable " + name,
			"pass it to the goroutine as an argument, or declare go 1.22 or later in go.mod (per-iteration loop variables)"
	case kindOf(p) == model.SpawnParallelSubtest:
		return catParallelSub, name + " of the parent test",
			"give each parallel subtest its own copy, or protect it with a mutex"
	case kindOf(p) == model.SpawnAfterFunc:
		return catAfterFunc, what0(l, name),
			"synchronize the callback with its caller: a mutex, a channel or an atomic type"
	case p.a.Map || p.b.Map:
		return catCapturedMap, "map " + name,
			"protect every access with a sync.Mutex, or use sync.Map"
	case strings.HasSuffix(l.Path, "]") && !strings.HasSuffix(l.Path, "[?]"):
		return catSharedIndex, "element " + name,
			"give each goroutine its own index (pass the loop index as an argument) or protect the slice with a mutex"
	case p.a.Append && alloc != nil && !strings.Contains(l.Path, "*"):
		return catCapturedAppend, "slice " + name + " (append)",
			"protect the append with a mutex, write to distinct preallocated indexes, or collect over a channel"
	case whole && isErrorType(deref(alloc.Type())):
		return catCapturedErr, "error variable " + name,
			"give each goroutine its own error: use errgroup.Group, or a slice of errors indexed per goroutine"
	}
	return c.categorizeMemory(l, name)
}

// categorizeMemory categorizes plain variables and fields.
func (c *checker) categorizeMemory(l model.Loc, name string) (cat, what, fix string) {
	const lockFix = "protect every access with a mutex, or use an atomic type (sync/atomic)"
	switch {
	case strings.Contains(l.Path, "."):
		return catSharedField, "field " + name, lockFix
	case isGlobal(l.Root):
		return catGlobalVar, "package-level variable " + name, lockFix
	}
	return catCapturedVar, "captured variable " + name,
		"protect it with a mutex, use an atomic type, or collect results over a channel"
}

// deref returns what a pointer type points to, or t.
func deref(t types.Type) types.Type {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		return p.Elem()
	}
	return t
}

func what0(l model.Loc, name string) string {
	if strings.Contains(l.Path, ".") {
		return "field " + name
	}
	return "variable " + name
}

func isGlobal(v ssa.Value) bool {
	_, ok := v.(*ssa.Global)
	return ok
}

// kindOf returns the spawn kind of a pair's goroutine.
func kindOf(p racePair) model.SpawnKind {
	for _, s := range []side{p.aSide, p.bSide} {
		if s.g != nil && (s.g.spawn.Kind == model.SpawnParallelSubtest || s.g.spawn.Kind == model.SpawnAfterFunc) {
			return s.g.spawn.Kind
		}
	}
	return model.SpawnGo
}

// isNamedResult reports whether a is the variable of a named result of
// its function.
func isNamedResult(a *ssa.Alloc) bool {
	res := a.Parent().Signature.Results()
	for i := 0; i < res.Len(); i++ {
		if v := res.At(i); v.Name() != "" && v.Pos() == a.Pos() {
			return true
		}
	}
	return false
}

// isLoopVar reports whether a is a variable declared by a for or range
// statement. Such a variable is shared by all iterations only before Go
// 1.22; after, every iteration has its own and no such race arises.
func (c *checker) isLoopVar(a *ssa.Alloc) bool {
	if c.loopVars == nil {
		c.loopVars = loopVarPositions(c.pass.Files)
	}
	return c.loopVars[a.Pos()]
}

// loopVarPositions returns the positions of the variables declared by
// for and range statements in files.
func loopVarPositions(files []*ast.File) map[token.Pos]bool {
	out := make(map[token.Pos]bool)
	addIdents := func(exprs ...ast.Expr) {
		for _, e := range exprs {
			if id, ok := e.(*ast.Ident); ok && id.Name != "_" {
				out[id.Pos()] = true
			}
		}
	}
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.ForStmt:
				if as, ok := n.Init.(*ast.AssignStmt); ok && as.Tok == token.DEFINE {
					addIdents(as.Lhs...)
				}
			case *ast.RangeStmt:
				if n.Tok == token.DEFINE {
					addIdents(n.Key, n.Value)
				}
			}
			return true
		})
	}
	return out
}
