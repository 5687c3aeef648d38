package race

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ssa"

	"github.com/racecheck/racecheck/analyzer/internal/model"
)

// failNow lists the reports that end the calling goroutine
// (runtime.Goexit): from any goroutine but the test's, they end that
// goroutine and leave the test running.
var failNow = map[string]bool{
	"Fatal": true, "Fatalf": true, "FailNow": true,
	"Skip": true, "Skipf": true, "SkipNow": true,
}

// checkTestCalls reports, for goroutine g started by fn, the calls that
// report to a test from g: FailNow and its kin anywhere in g, and logs
// or failures that may run after fn, a test, has returned.
func (c *checker) checkTestCalls(g *goroutine, fn *ssa.Function, parent *model.Summary) {
	if g.spawn.Kind == model.SpawnParallelSubtest || g.spawn.Kind == model.SpawnRunParallel {
		return // a test goroutine of its own; RunParallel lets its body call b.Fatal
	}
	calls := c.model.Summary(g.spawn.Fn).TestCalls
	if len(calls) == 0 {
		return
	}
	tparam := testParam(fn)
	signals := parentSignals(g, parent)
	late := tparam != nil && outlives(g) && !cleanupJoins(g, parent) && !waitsOnOthers(g, parent)
	var fatal, logs []model.TestCall
	for _, tc := range calls {
		if failNow[tc.Method] {
			if !vetReports(g, tc) {
				fatal = append(fatal, tc)
			}
			continue
		}
		recv, ok := g.spawn.Translate(tc.Recv)
		if late && ok && ownedBy(recv, tparam) && !g.idle(model.Access{Instr: tc.Instr}, signals) {
			logs = append(logs, tc)
		}
	}
	// One report per function that calls FailNow (a helper, whichever
	// goroutines call it), and one per goroutine for late logs: each is
	// fixed in one place.
	byFn := make(map[*ssa.Function][]model.TestCall)
	for _, tc := range fatal {
		byFn[tc.Fn] = append(byFn[tc.Fn], tc)
	}
	for _, tc := range fatal {
		if group := byFn[tc.Fn]; !c.testReported[tc.Fn.Pos()] && group != nil {
			c.testReported[tc.Fn.Pos()] = true
			c.reportFailNow(g, c.first(group), len(group)-1)
			byFn[tc.Fn] = nil
		}
	}
	if len(logs) > 0 {
		c.reportLateLog(g, c.first(logs), len(logs)-1, fn)
	}
}

// first returns the call of calls written first.
func (c *checker) first(calls []model.TestCall) model.TestCall {
	out := calls[0]
	for _, tc := range calls[1:] {
		if c.order.Less(tc.Pos, out.Pos) {
			out = tc
		}
	}
	return out
}

// parentSignals returns what the parent signals, for idle: not what the
// goroutine's own closure signals, which the model counts as its
// creator's too.
func parentSignals(g *goroutine, parent *model.Summary) map[syncKey]bool {
	out := make(map[syncKey]bool)
	for _, s := range parent.Signals {
		if mc, ok := s.Instr.(*ssa.MakeClosure); ok && mc.Fn == g.spawn.Fn {
			continue
		}
		out[syncKey{s.Kind, s.Loc}] = true
	}
	return out
}

// waitsOnOthers reports whether the parent, while g may run, blocks on
// a channel receive or a read that it does not release itself before (a
// receive case of a select with a default, a shutdown check, does not
// block):
// what releases it (another goroutine, another package's, a peer over
// I/O) may well be g's doing, and order g's calls before the test
// returns. On the quiet side, such a wait counts as a join.
func waitsOnOthers(g *goroutine, parent *model.Summary) bool {
	own := make(map[syncKey]bool)
	for _, s := range parent.Signals {
		if _, closure := s.Instr.(*ssa.MakeClosure); !closure && !s.Deferred {
			own[syncKey{s.Kind, s.Loc}] = true
		}
	}
	r := g.region(nil)
	for _, j := range parent.Joins {
		switch j.Kind {
		case model.SyncChan, model.SyncIO, model.SyncWaitGroup, model.SyncErrgroup, model.SyncSemaphore:
			if !j.Deferred && !j.Poll && !own[syncKey{j.Kind, j.Loc}] && r.Contains(j.Instr) {
				return true
			}
		}
	}
	return false
}

// testParam returns the *testing.T parameter of fn when fn is a test
// (TestXxx) or the body of a subtest (the function passed to t.Run):
// its test completes when fn returns.
func testParam(fn *ssa.Function) *ssa.Parameter {
	if len(fn.Params) != 1 || fn.Signature.Results().Len() != 0 || !isTestingPtr(fn.Params[0].Type(), "T") {
		return nil
	}
	if fn.Parent() == nil && fn.Signature.Recv() == nil && strings.HasPrefix(fn.Name(), "Test") {
		return fn.Params[0]
	}
	if fn.Parent() != nil && passedToRun(fn) {
		return fn.Params[0]
	}
	return nil
}

// passedToRun reports whether the anonymous function fn is passed to
// (*testing.T).Run as the subtest's body.
func passedToRun(fn *ssa.Function) bool {
	values := []ssa.Value{fn}
	for _, r := range *fn.Referrers() {
		if mc, ok := r.(*ssa.MakeClosure); ok && mc.Fn == fn {
			values = append(values, mc)
		}
	}
	for _, v := range values {
		for _, r := range *v.Referrers() {
			call, ok := r.(*ssa.Call)
			if !ok {
				continue
			}
			args := call.Common().Args
			if s := model.SpawnAt(call); (s != nil && s.Fn == fn) || (len(args) == 3 && args[2] == v && isTestRun(call)) {
				return true
			}
		}
	}
	return false
}

// isTestRun reports whether call calls (*testing.T).Run.
func isTestRun(call *ssa.Call) bool {
	f := call.Common().StaticCallee()
	if f == nil || f.Name() != "Run" || f.Signature.Recv() == nil {
		return false
	}
	return isTestingPtr(f.Signature.Recv().Type(), "T")
}

// ownedBy reports whether recv, a test's receiver in the test's frame,
// is the test's own t: the parameter itself, or a field of an object
// the test made (a fixture that a helper filled with t).
func ownedBy(recv model.Loc, t *ssa.Parameter) bool {
	if recv.Root == t {
		return recv.Path == ""
	}
	in, ok := recv.Root.(ssa.Instruction)
	return ok && recv.Path != "" && in.Parent() == t.Parent()
}

// cleanupJoins reports whether a function the test registered with
// t.Cleanup waits for g: cleanups run before the test completes.
func cleanupJoins(g *goroutine, parent *model.Summary) bool {
	for _, j := range parent.Cleanups {
		if j.Kind == model.SyncAll || g.signals[syncKey{j.Kind, j.Loc}] {
			return true
		}
	}
	return false
}

// vetReports reports whether go vet's testinggoroutine pass reports tc:
// a call on a variable, made in the body of the function a go statement
// starts (a function literal, or a function of the package), with the
// go statement in a function whose declaration takes a *testing.T or
// *testing.B.
func vetReports(g *goroutine, tc model.TestCall) bool {
	s := g.spawn
	if s.Kind != model.SpawnGo || s.Started != nil || !tc.Ident || !encloses(s.Fn, tc.Fn) {
		return false
	}
	decl := s.Instr.Parent()
	for decl.Parent() != nil {
		decl = decl.Parent()
	}
	for _, p := range decl.Params {
		if isTestingPtr(p.Type(), "T", "B") {
			return true
		}
	}
	return false
}

// encloses reports whether inner is outer or a function literal nested
// in it.
func encloses(outer, inner *ssa.Function) bool {
	for f := inner; f != nil; f = f.Parent() {
		if f == outer {
			return true
		}
	}
	return false
}

// reportFailNow reports t.Fatal and its kin called from a goroutine
// other than the test's; more is how many other such calls the same
// function makes.
func (c *checker) reportFailNow(g *goroutine, tc model.TestCall, more int) {
	pos, what, recv := c.testCallSite(tc)
	msg := fmt.Sprintf("%s%s in goroutine started at %s ends only that goroutine, not the test (FailNow and SkipNow must run in the test's goroutine); call %s.Errorf and return, or send the error to the test's goroutine",
		what, andMore(more, "call"), c.spawnSite(g), recv)
	c.out.Report(analysis.Diagnostic{Pos: pos, Category: catFatalGoroutine, Message: msg, Related: c.testRelated(g, tc)})
}

// reportLateLog reports a log or failure on fn's t from a goroutine that
// may still run when fn returns; more is how many other such calls the
// goroutine makes.
func (c *checker) reportLateLog(g *goroutine, tc model.TestCall, more int, fn *ssa.Function) {
	pos, what, _ := c.testCallSite(tc)
	if c.testReported[pos] {
		return
	}
	c.testReported[pos] = true
	msg := fmt.Sprintf("%s%s in goroutine started at %s may run after %s has returned, which panics (log in goroutine after the test has completed); wait for the goroutine before the test returns, with a sync.WaitGroup, a done channel or t.Cleanup",
		what, andMore(more, "report"), c.spawnSite(g), testName(fn))
	c.out.Report(analysis.Diagnostic{Pos: pos, Category: catTestAfterReturn, Message: msg, Related: c.testRelated(g, tc)})
}

// andMore says how many other calls a report stands for.
func andMore(n int, noun string) string {
	switch n {
	case 0:
		return ""
	case 1:
		return " (and 1 more " + noun + ")"
	}
	return fmt.Sprintf(" (and %d more %ss)", n, noun)
}

// testName names a test for a message: TestX, or "the subtest".
func testName(fn *ssa.Function) string {
	if fn.Parent() == nil {
		return fn.Name()
	}
	return "the subtest"
}

// spawnRelated returns the related positions of a goroutine's start:
// the go statement and, for one a callee starts, the call.
func spawnRelated(g *goroutine) []analysis.RelatedInformation {
	if g.spawn.Started != nil {
		return []analysis.RelatedInformation{
			{Pos: g.spawn.Started.Pos(), Message: "goroutine started here"},
			{Pos: g.spawn.Instr.Pos(), Message: "the call that starts the goroutine"},
		}
	}
	return []analysis.RelatedInformation{{Pos: g.spawn.Instr.Pos(), Message: "goroutine started here"}}
}

// callAt returns the start and the function expression (t.Logf,
// s.wg.Add) of the call whose parenthesis is at lparen, as SSA places a
// call, or lparen and "call" when it is not in the package's files.
func (c *checker) callAt(lparen token.Pos) (token.Pos, string) {
	for _, f := range c.pass.Files {
		if f.FileStart > lparen || lparen >= f.FileEnd {
			continue
		}
		path, _ := astutil.PathEnclosingInterval(f, lparen, lparen)
		for _, n := range path {
			if call, ok := n.(*ast.CallExpr); ok && call.Lparen == lparen {
				return call.Pos(), types.ExprString(call.Fun)
			}
		}
	}
	return lparen, "call"
}

// testCallSite returns where to report tc: at the call itself, whatever
// goroutines reach it (through a helper, from several call sites); what
// to call it in a message, naming the call in the goroutine that leads
// to it; and its receiver's expression.
func (c *checker) testCallSite(tc model.TestCall) (pos token.Pos, what, recv string) {
	pos, name := c.callAt(tc.Pos)
	recv = strings.TrimSuffix(name, "."+tc.Method)
	if lp := lparen(tc.Instr); lp != tc.Pos && lp.IsValid() {
		_, callee := c.callAt(lp)
		return pos, fmt.Sprintf("%s (through %s at %s)", name, callee, c.short(lp)), recv
	}
	return pos, name, recv
}

// testRelated returns the related positions of a report on a test call:
// the call in the goroutine that leads to it, and the goroutine's start.
func (c *checker) testRelated(g *goroutine, tc model.TestCall) []analysis.RelatedInformation {
	var out []analysis.RelatedInformation
	if lp := lparen(tc.Instr); lp != tc.Pos && lp.IsValid() {
		at, _ := c.callAt(lp)
		out = append(out, analysis.RelatedInformation{Pos: at, Message: "the call in the goroutine that leads to it"})
	}
	return append(out, spawnRelated(g)...)
}

// lparen returns the position of the parenthesis of the call instr
// makes, or of instr itself.
func lparen(instr ssa.Instruction) token.Pos {
	if call, ok := instr.(ssa.CallInstruction); ok {
		return call.Common().Pos()
	}
	return instr.Pos()
}

// isTestingPtr reports whether t is a pointer to one of the named types
// of package testing (*testing.T, *testing.B).
func isTestingPtr(t types.Type, names ...string) bool {
	p, ok := t.(*types.Pointer)
	return ok && model.IsNamed(p.Elem(), "testing", names...)
}
