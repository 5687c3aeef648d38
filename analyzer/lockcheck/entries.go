package lockcheck

import (
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/racecheck/racecheck/analyzer/internal/model"
	"github.com/racecheck/racecheck/analyzer/internal/posorder"
)

// findEntries returns the entry points of a package: exported functions,
// exported methods of exported types and of unexported types the package
// hands out as interface values, goroutine bodies (also those passed to
// a helper of the package that starts them), HTTP handlers and the
// functions it stores in exported func fields of other packages' types.
// Functions that by convention run with the caller's lock held are left
// out.
func findEntries(pass *analysis.Pass, funcs []*ssa.Function, locksAt func(ssa.Instruction) model.Lockset, order *posorder.Order, asyncArgs func(*ssa.Call) []*ssa.Function) []*entry {
	spawned := make(map[*ssa.Function][]*ssa.Function)
	handlers := make(map[*ssa.Function]bool)
	boxed := make(map[*types.TypeName]bool)
	handedOut := make(map[*ssa.Function]bool)
	for _, fn := range funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				noteCall(instr, handlers, spawned)
				noteAsyncArgs(instr, asyncArgs, spawned)
				noteBoxed(pass.Pkg, instr, boxed)
				noteHandedOut(pass.Pkg, instr, handedOut)
			}
		}
	}
	noteFieldCallbacks(funcs, spawned, locksAt, order)
	var out []*entry
	for _, fn := range funcs {
		e := &entry{fn: fn, spawned: spawned[fn] != nil, parents: spawned[fn], handler: handlers[fn] || isServeHTTP(fn)}
		if (e.spawned || e.handler || isAPI(fn, boxed) || handedOut[fn]) && !skipFunc(pass, fn) { // skipFunc's doc regexps last
			out = append(out, e)
		}
	}
	return out
}

// noteCall records the functions instr spawns or registers as HTTP
// handlers.
func noteCall(instr ssa.Instruction, handlers map[*ssa.Function]bool, spawned map[*ssa.Function][]*ssa.Function) {
	if call, ok := instr.(*ssa.Call); ok {
		if fn := handlerArg(call.Common()); fn != nil {
			handlers[fn] = true
		}
	}
	if s := model.SpawnAt(instr); s != nil {
		parent := instr.Parent()
		spawned[s.Fn] = append(spawned[s.Fn], parent)
		if w := boundMethod(s.Fn); w != nil {
			spawned[w] = append(spawned[w], parent)
		}
		for _, fn := range model.CalledArgs(s) {
			if fn.Pkg == parent.Pkg {
				spawned[fn] = append(spawned[fn], parent)
			}
			if w := boundMethod(fn); w != nil {
				spawned[w] = append(spawned[w], parent)
			}
		}
	}
}

// noteAsyncArgs records the functions instr passes to a callee that
// runs them on a goroutine it starts.
func noteAsyncArgs(instr ssa.Instruction, asyncArgs func(*ssa.Call) []*ssa.Function, spawned map[*ssa.Function][]*ssa.Function) {
	call, ok := instr.(*ssa.Call)
	if !ok {
		return
	}
	for _, fn := range asyncArgs(call) {
		spawned[fn] = append(spawned[fn], call.Parent())
		if w := boundMethod(fn); w != nil {
			spawned[w] = append(spawned[w], call.Parent())
		}
	}
}

// noteBoxed records the unexported types of pkg that instr converts to
// an interface whose method set is not empty: from then on their
// exported methods are called by code that knows only the interface,
// often another package's (a Sink, a net.Conn, a balancer.SubConn).
func noteBoxed(pkg *types.Package, instr ssa.Instruction, boxed map[*types.TypeName]bool) {
	mi, ok := instr.(*ssa.MakeInterface)
	if !ok {
		return
	}
	if iface, ok := mi.Type().Underlying().(*types.Interface); !ok || iface.NumMethods() == 0 {
		return
	}
	if tn := namedOf(mi.X.Type()); tn != nil && tn.Pkg() == pkg && !tn.Exported() {
		boxed[tn] = true
	}
}

// namedOf returns the type name of T or *T, nil for other types.
func namedOf(t types.Type) *types.TypeName {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	if named, ok := types.Unalias(t).(*types.Named); ok {
		return named.Obj()
	}
	return nil
}

// isAPI reports whether fn is callable from outside the package:
// exported, and a function, a method of an exported type or one of a
// boxed type's methods that an interface declares. (Unexported methods
// used as values are left out: they are often called with a lock held,
// as crypto/tls calls c.handshakeFn under c.handshakeMutex. So are the
// exported methods of unexported types never boxed: their callers are
// the package's own code, which has its own discipline.)
func isAPI(fn *ssa.Function, boxed map[*types.TypeName]bool) bool {
	if fn.Parent() != nil || fn.Object() == nil || !fn.Object().Exported() {
		return false
	}
	recv := recvOf(fn)
	if recv == nil {
		return true
	}
	tn := namedOf(recv.Type())
	return tn == nil || tn.Exported() || boxed[tn]
}
