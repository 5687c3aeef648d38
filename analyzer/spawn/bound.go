package spawn

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/types/typeutil"
)

// blockingMethods are methods that, whatever their type, wait for capacity
// or for earlier work to finish: semaphore.Weighted.Acquire, rate.Limiter.Wait,
// sync.WaitGroup.Wait, errgroup.Group.Wait, sync.Cond.Wait, exec.Cmd.Wait
// and the many hand-written semaphores with the same names.
var blockingMethods = map[string]bool{"Acquire": true, "TryAcquire": true, "Wait": true}

// blocksIn reports whether n, run by the spawning goroutine, can block
// until capacity frees up: a channel send or receive, a select without
// default, a range over a channel, a blocking method (see
// blockingMethods), time.Sleep, or a call to a function of this package
// that does one of these. Any of these in the loop that spawns throttles
// it, so the loop is not reported: precision first. Goroutines the loop
// starts are not looked into; they do not hold the loop back.
func (c *checker) blocksIn(n ast.Node) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		if found || n == nil {
			return false
		}
		switch n := n.(type) {
		case *ast.GoStmt:
			return false
		case *ast.SendStmt:
			found = true
		case *ast.UnaryExpr:
			found = n.Op == token.ARROW
		case *ast.SelectStmt:
			found = c.selectBlocks(n)
			return false
		case *ast.RangeStmt:
			found = isChan(c.pass.TypesInfo.TypeOf(n.X))
		case *ast.CallExpr:
			if _, ok := spawnMethod(c.pass, n); ok {
				return false
			}
			found = c.callBlocks(n)
		}
		return !found
	})
	return found
}

// selectBlocks reports whether a select statement blocks: it has no
// default clause, or one of its clauses' bodies blocks.
func (c *checker) selectBlocks(sel *ast.SelectStmt) bool {
	for _, cl := range sel.Body.List {
		cc := cl.(*ast.CommClause)
		if cc.Comm == nil {
			for _, s := range sel.Body.List {
				for _, st := range s.(*ast.CommClause).Body {
					if c.blocksIn(st) {
						return true
					}
				}
			}
			return false
		}
	}
	return true
}

func isChan(t types.Type) bool {
	if t == nil {
		return false
	}
	_, ok := t.Underlying().(*types.Chan)
	return ok
}

// callBlocks reports whether a call can block the caller until capacity
// frees up (see blocksIn).
func (c *checker) callBlocks(call *ast.CallExpr) bool {
	for _, lit := range c.flow.funcLits(call) {
		if c.blocksIn(lit.Body) { // acquire := func() { sem <- token{} }
			return true
		}
	}
	fn, ok := typeutil.Callee(c.pass.TypesInfo, call).(*types.Func)
	if !ok {
		return false
	}
	if fn.Type().(*types.Signature).Recv() != nil && blockingMethods[fn.Name()] {
		return true
	}
	if isFunc(c.pass, call, "time", "Sleep") {
		return true
	}
	fn = fn.Origin()
	if done, ok := c.blocks[fn]; ok {
		return done
	}
	decl := c.decls[fn]
	if decl == nil {
		return false
	}
	c.blocks[fn] = false // guards recursion
	c.blocks[fn] = c.blocksIn(decl.Body)
	return c.blocks[fn]
}

// isWorker reports whether a goroutine body is a long-lived worker: it
// loops receiving from a channel (for x := range jobs, or a for loop around
// a receive or select), directly or in a function of this package it calls.
// The number of workers is a pool size, not a count of input elements.
func (c *checker) isWorker(body *ast.BlockStmt, depth int) bool {
	if body == nil || depth > 2 {
		return false
	}
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if found {
			return false
		}
		switch n := n.(type) {
		case *ast.GoStmt, *ast.FuncLit:
			return false
		case *ast.RangeStmt:
			found = isChan(c.pass.TypesInfo.TypeOf(n.X))
		case *ast.ForStmt:
			found = receives(n.Body)
		case *ast.CallExpr:
			if fn, ok := typeutil.Callee(c.pass.TypesInfo, n).(*types.Func); ok {
				if d := c.decls[fn.Origin()]; d != nil && d.Body != body {
					found = c.isWorker(d.Body, depth+1)
				}
			}
		}
		return !found
	})
	return found
}

// receives reports whether n receives from a channel or selects, outside
// nested goroutines.
func receives(n ast.Node) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.GoStmt:
			return false
		case *ast.SelectStmt:
			found = true
		case *ast.UnaryExpr:
			found = found || n.Op == token.ARROW
		}
		return !found
	})
	return found
}

// acquiresInside reports whether a goroutine body bounds its own work with
// a semaphore: it both sends to and receives from the same channel
// (sem <- token{}; defer func() { <-sem }()), or calls an Acquire method,
// directly or in a function of the package or a local closure it calls
// (as go/packages' parseFile does with its ioLimit). Such goroutines still
// cost a stack each while they wait, but their work, connections and
// threads are bounded; this is deliberately not reported.
func (c *checker) acquiresInside(body *ast.BlockStmt, depth int) bool {
	if body == nil || depth > 2 {
		return false
	}
	sends, recvs := map[string]bool{}, map[string]bool{}
	acquires := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.GoStmt:
			return false
		case *ast.SendStmt:
			sends[types.ExprString(n.Chan)] = true
		case *ast.UnaryExpr:
			if n.Op == token.ARROW {
				recvs[types.ExprString(n.X)] = true
			}
		case *ast.CallExpr:
			acquires = acquires || c.callAcquires(n, body, depth)
		}
		return !acquires
	})
	for ch := range sends {
		if recvs[ch] {
			return true
		}
	}
	return acquires
}

// callAcquires reports whether a call made in body acquires a semaphore:
// an Acquire method, or a callee whose body does (see acquiresInside).
func (c *checker) callAcquires(call *ast.CallExpr, body *ast.BlockStmt, depth int) bool {
	for _, lit := range c.flow.funcLits(call) {
		if lit.Body != body && c.acquiresInside(lit.Body, depth+1) {
			return true
		}
	}
	fn, ok := typeutil.Callee(c.pass.TypesInfo, call).(*types.Func)
	if !ok {
		return false
	}
	if fn.Name() == "Acquire" || fn.Name() == "TryAcquire" {
		return true
	}
	d := c.decls[fn.Origin()]
	return d != nil && d.Body != body && c.acquiresInside(d.Body, depth+1)
}

// lockThread returns the runtime.LockOSThread call a goroutine body makes,
// directly or in a function of this package it calls, or nil.
func (c *checker) lockThread(body *ast.BlockStmt, depth int) *ast.CallExpr {
	if body == nil || depth > 2 {
		return nil
	}
	var lock *ast.CallExpr
	ast.Inspect(body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if lock != nil || !ok {
			_, isGo := n.(*ast.GoStmt)
			return lock == nil && !isGo
		}
		if isFunc(c.pass, call, "runtime", "LockOSThread") {
			lock = call
		} else if fn, ok := typeutil.Callee(c.pass.TypesInfo, call).(*types.Func); ok {
			if d := c.decls[fn.Origin()]; d != nil && d.Body != body {
				lock = c.lockThread(d.Body, depth+1)
			}
		}
		return lock == nil
	})
	return lock
}
