package lockcheck

import (
	"cmp"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/racecheck/racecheck/analyzer/internal/model"
	"github.com/racecheck/racecheck/analyzer/internal/posorder"
)

// fieldCallbackDepth is how many levels of static calls from a goroutine
// body are searched for calls through func fields.
const fieldCallbackDepth = 3

// noteFieldCallbacks adds to spawned the functions and closures that the
// package stores in func-typed struct fields and that a goroutine body
// calls through such a field, directly or in its static callees: a
// response handler stored in a promise and run by the connection's
// receive loop runs on the loop's goroutine, concurrently with the code
// that created it. The function that stores one is recorded as its
// starter. A call through a field made with a lock held runs the
// function under that lock (crypto/tls's c.handshakeFn under
// c.handshakeMutex): such calls are left out.
func noteFieldCallbacks(funcs []*ssa.Function, spawned map[*ssa.Function][]*ssa.Function, locksAt func(ssa.Instruction) model.Lockset, order *posorder.Order) {
	stored := make(map[string][]fieldFunc)
	called := make(map[*ssa.Function][]string)
	for _, fn := range funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				noteFieldFunc(instr, stored, called, locksAt)
			}
		}
	}
	if len(stored) == 0 {
		return
	}
	var bodies []*ssa.Function
	for fn := range spawned {
		bodies = append(bodies, fn)
	}
	// In source order, so that each callback's starters are listed, and
	// named in reports, the same way on every run.
	slices.SortFunc(bodies, func(a, b *ssa.Function) int {
		return cmp.Or(order.Compare(a.Pos(), b.Pos()), strings.Compare(a.String(), b.String()))
	})
	for _, body := range bodies {
		for _, key := range fieldCallsFrom(body, called) {
			for _, ff := range stored[key] {
				if ff.fn != body {
					spawned[ff.fn] = append(spawned[ff.fn], ff.storer)
				}
			}
		}
	}
}

// A fieldFunc is a function stored in a func field, with the function
// that stores it.
type fieldFunc struct {
	fn, storer *ssa.Function
}

// noteFieldFunc records a store of a function into a func field, or a
// call through one.
func noteFieldFunc(instr ssa.Instruction, stored map[string][]fieldFunc, called map[*ssa.Function][]string, locksAt func(ssa.Instruction) model.Lockset) {
	switch in := instr.(type) {
	case *ssa.Store:
		key, ok := funcFieldKey(in.Addr)
		if !ok {
			return
		}
		if fn := storedFunc(in.Val); fn != nil && fn.Pkg == in.Parent().Pkg {
			stored[key] = append(stored[key], fieldFunc{fn, in.Parent()})
		}
	case *ssa.Call:
		if load, ok := in.Call.Value.(*ssa.UnOp); ok && load.Op == token.MUL && !in.Call.IsInvoke() {
			if key, ok := funcFieldKey(load.X); ok && len(locksAt(in)) == 0 {
				called[in.Parent()] = append(called[in.Parent()], key)
			}
		}
	}
}

// funcFieldKey returns "T.f" for the address of a func-typed field f of
// a struct T.
func funcFieldKey(addr ssa.Value) (string, bool) {
	fa, ok := addr.(*ssa.FieldAddr)
	if !ok {
		return "", false
	}
	ptr, ok := fa.X.Type().Underlying().(*types.Pointer)
	if !ok {
		return "", false
	}
	st, ok := ptr.Elem().Underlying().(*types.Struct)
	if !ok {
		return "", false
	}
	f := st.Field(fa.Field)
	if _, ok := f.Type().Underlying().(*types.Signature); !ok {
		return "", false
	}
	return types.TypeString(ptr.Elem(), nil) + "." + f.Name(), true
}

// storedFunc returns the function a stored value denotes: a function, a
// closure's function, or the method of a bound method value.
func storedFunc(v ssa.Value) *ssa.Function {
	switch v := v.(type) {
	case *ssa.Function:
		return v
	case *ssa.MakeClosure:
		fn, _ := v.Fn.(*ssa.Function)
		if fn != nil {
			if m := boundMethod(fn); m != nil {
				return m
			}
		}
		return fn
	}
	return nil
}

// fieldCallsFrom returns the func fields called by body and its static
// same-package callees, fieldCallbackDepth levels deep.
func fieldCallsFrom(body *ssa.Function, called map[*ssa.Function][]string) []string {
	var out []string
	seen := map[*ssa.Function]bool{body: true}
	level := []*ssa.Function{body}
	for d := 0; d < fieldCallbackDepth && len(level) > 0; d++ {
		var next []*ssa.Function
		for _, fn := range level {
			out = append(out, called[fn]...)
			for _, callee := range staticCallees(fn) {
				if !seen[callee] && callee.Pkg == body.Pkg {
					seen[callee] = true
					next = append(next, callee)
				}
			}
		}
		level = next
	}
	return out
}

// staticCallees returns the functions fn calls statically.
func staticCallees(fn *ssa.Function) []*ssa.Function {
	var out []*ssa.Function
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if call, ok := instr.(ssa.CallInstruction); ok {
				if callee := call.Common().StaticCallee(); callee != nil && len(callee.Blocks) > 0 {
					out = append(out, callee)
				}
			}
		}
	}
	return out
}

// noteHandedOut records the package's functions and closures that instr
// stores in an exported func field of another package's struct
// (memberlist.TransmitLimitedQueue{NumNodes: func() int {...}}): that
// package calls them when it likes, from its own goroutines, with none
// of this package's locks held, as it calls an exported function.
func noteHandedOut(pkg *types.Package, instr ssa.Instruction, handedOut map[*ssa.Function]bool) {
	st, ok := instr.(*ssa.Store)
	if !ok {
		return
	}
	fa, ok := st.Addr.(*ssa.FieldAddr)
	if !ok {
		return
	}
	tn := namedOf(fa.X.Type())
	if tn == nil || tn.Pkg() == nil || tn.Pkg() == pkg {
		return
	}
	s, ok := tn.Type().Underlying().(*types.Struct)
	if !ok || !s.Field(fa.Field).Exported() {
		return
	}
	if fn := storedFunc(st.Val); fn != nil && fn.Pkg != nil && fn.Pkg.Pkg == pkg {
		handedOut[fn] = true
	}
}
