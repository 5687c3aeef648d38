package spawn

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"math"
)

// A tripKind classifies how many times a loop runs.
type tripKind int

const (
	tripOther tripKind = iota // unknown, configured, CPU-sized or a service loop: not reported
	tripConst                 // a constant number of iterations
	tripInput                 // one iteration per element of input
)

// A trip describes the trip count of a loop that starts goroutines.
type trip struct {
	kind  tripKind
	n     int64  // tripConst: the number of iterations
	per   string // tripInput: what one goroutine is started per, e.g. "element of items"
	grows string // tripInput: how many run at once, e.g. "len(items) goroutines at once"
}

// tripCount classifies the trip count of a for or range loop.
func (f *flow) tripCount(loop ast.Node) trip {
	switch l := loop.(type) {
	case *ast.RangeStmt:
		return f.rangeTrip(l)
	case *ast.ForStmt:
		return f.forTrip(l)
	}
	return trip{}
}

func (f *flow) rangeTrip(l *ast.RangeStmt) trip {
	tv, ok := f.info.Types[l.X]
	if !ok || tv.Type == nil {
		return trip{}
	}
	x := types.ExprString(l.X)
	if servesEach(tv.Type) {
		return trip{}
	}
	switch u := tv.Type.Underlying().(type) {
	case *types.Basic:
		if u.Info()&types.IsInteger != 0 {
			return f.countTrip(l.X, 0)
		}
	case *types.Array:
		return trip{kind: tripConst, n: u.Len()}
	case *types.Pointer:
		if a, ok := u.Elem().Underlying().(*types.Array); ok {
			return trip{kind: tripConst, n: a.Len()}
		}
	case *types.Slice:
		if f.isInput(l.X, 0) {
			return trip{kind: tripInput, per: "element of " + x, grows: "len(" + x + ") goroutines at once"}
		}
	case *types.Map:
		if f.isInput(l.X, 0) {
			return trip{kind: tripInput, per: "entry of " + x, grows: "len(" + x + ") goroutines at once"}
		}
	case *types.Chan:
		// Whatever channel it is, each value received is a message or an
		// event produced at run time: its traffic is never configuration.
		return trip{kind: tripInput, per: "value received from " + x,
			grows: "a goroutine for every value that arrives before the earlier ones finish"}
	case *types.Signature:
		if f.isInput(l.X, 0) {
			return trip{kind: tripInput, per: "value yielded by " + x, grows: "as many goroutines at once as values"}
		}
	}
	return trip{}
}

// servesEach reports whether the elements of a collection are servers
// (they have an Accept, Serve or ListenAndServe method, like net.Listener
// and *http.Server), whose goroutines are one per subsystem, each running
// its own accept loop; or whether a channel delivers connections (elements
// with a RemoteAddr method, like net.Conn), which makes ranging over it an
// accept loop.
func servesEach(t types.Type) bool {
	var elem types.Type
	names := []string{"Accept", "Serve", "ListenAndServe"}
	switch u := t.Underlying().(type) {
	case *types.Slice:
		elem = u.Elem()
	case *types.Map:
		elem = u.Elem()
	case *types.Chan:
		elem = u.Elem()
		names = append(names, "RemoteAddr")
	default:
		return false
	}
	for _, name := range names {
		if obj, _, _ := types.LookupFieldOrMethod(elem, true, nil, name); obj != nil {
			if _, ok := obj.(*types.Func); ok {
				return true
			}
		}
	}
	return false
}

// forTrip classifies a three-clause counting loop: for i := a; i < n; i++.
// Loops without a condition (for { c := l.Accept(); go serve(c) }) and
// loops with any other condition are service loops or cannot be judged.
func (f *flow) forTrip(l *ast.ForStmt) trip {
	bin, ok := ast.Unparen(l.Cond).(*ast.BinaryExpr)
	if !ok || l.Post == nil {
		return trip{}
	}
	v := f.loopVar(l.Post)
	if v == nil {
		return trip{}
	}
	bound, extra := bin.Y, int64(0)
	switch bin.Op {
	case token.LSS:
	case token.LEQ:
		extra = 1
	default:
		return trip{}
	}
	if id, ok := ast.Unparen(bin.X).(*ast.Ident); !ok || f.info.Uses[id] != v {
		return trip{}
	}
	if start, ok := f.loopStart(l.Init, v); ok {
		extra -= start
	}
	return f.countTrip(bound, extra)
}

// loopStart returns the constant start value of the loop variable v.
func (f *flow) loopStart(init ast.Stmt, v *types.Var) (int64, bool) {
	as, ok := init.(*ast.AssignStmt)
	if !ok || len(as.Lhs) != 1 || len(as.Rhs) != 1 {
		return 0, false
	}
	if id, ok := as.Lhs[0].(*ast.Ident); !ok || f.info.ObjectOf(id) != v {
		return 0, false
	}
	return f.constInt(as.Rhs[0])
}

// countTrip classifies a loop bound n (plus extra iterations): a constant,
// len or cap of an input collection, or anything else (a configured or
// CPU-derived worker count, which is not reported).
func (f *flow) countTrip(n ast.Expr, extra int64) trip {
	for range 8 {
		if c, ok := f.constInt(n); ok {
			return trip{kind: tripConst, n: max(c+extra, 0)}
		}
		if call, ok := ast.Unparen(n).(*ast.CallExpr); ok && len(call.Args) == 1 && f.isBuiltin(call, "len", "cap") {
			if f.isInput(call.Args[0], 0) {
				s := types.ExprString(call)
				return trip{kind: tripInput, per: "iteration up to " + s, grows: s + " goroutines at once"}
			}
			return trip{}
		}
		def := f.localDef(n)
		if def == nil {
			return trip{}
		}
		n = def
	}
	return trip{}
}

func (f *flow) isBuiltin(call *ast.CallExpr, names ...string) bool {
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok {
		return false
	}
	b, ok := f.info.Uses[id].(*types.Builtin)
	if !ok {
		return false
	}
	for _, name := range names {
		if b.Name() == name {
			return true
		}
	}
	return false
}

// constantInt64 converts an integer constant, saturating on overflow.
func constantInt64(v constant.Value) (int64, bool) {
	if v.Kind() != constant.Int {
		return 0, false
	}
	if n, exact := constant.Int64Val(v); exact {
		return n, true
	}
	return math.MaxInt64, true
}

// mulSat multiplies two trip counts, saturating on overflow.
func mulSat(a, b int64) int64 {
	if a != 0 && b > math.MaxInt64/a {
		return math.MaxInt64
	}
	return a * b
}

// describe renders a constant goroutine count for a message.
func describe(n int64) string {
	if n == math.MaxInt64 {
		return "more than 9223372036854775807"
	}
	return fmt.Sprint(n)
}
