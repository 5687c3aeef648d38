package lockcheck

import (
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/racecheck/racecheck/analyzer/internal/model"
)

// isServeHTTP reports whether fn is a ServeHTTP method with a pointer
// receiver: net/http calls it for every request, concurrently.
func isServeHTTP(fn *ssa.Function) bool {
	recv := recvOf(fn)
	if fn.Name() != "ServeHTTP" || recv == nil {
		return false
	}
	sig := fn.Object().Type().(*types.Signature)
	if _, ok := recv.Type().(*types.Pointer); !ok || sig.Params().Len() != 2 {
		return false
	}
	return isNetHTTP(sig.Params().At(0).Type(), "ResponseWriter") && isNetHTTP(sig.Params().At(1).Type(), "Request")
}

// isNetHTTP reports whether t is net/http's type name (or a pointer).
func isNetHTTP(t types.Type, name string) bool {
	return model.IsNamed(model.Deref(t), "net/http", name)
}

// handlerArg returns the function a call registers as an HTTP handler
// (http.HandleFunc, http.Handle with http.HandlerFunc, the same methods
// of ServeMux), or nil.
func handlerArg(c *ssa.CallCommon) *ssa.Function {
	callee := c.StaticCallee()
	if callee == nil || callee.Pkg == nil || callee.Pkg.Pkg.Path() != "net/http" || len(c.Args) < 2 {
		return nil
	}
	if name := callee.Name(); name != "HandleFunc" && name != "Handle" {
		return nil
	}
	v := c.Args[len(c.Args)-1]
	for {
		switch x := v.(type) {
		case *ssa.MakeInterface:
			v = x.X
			continue
		case *ssa.ChangeType:
			v = x.X
			continue
		}
		break
	}
	var fn *ssa.Function
	switch x := v.(type) {
	case *ssa.Function:
		fn = x
	case *ssa.MakeClosure:
		fn, _ = x.Fn.(*ssa.Function)
	}
	if fn == nil {
		return nil
	}
	if m := boundMethod(fn); m != nil {
		return m
	}
	return fn
}

// boundMethod returns the method a bound method wrapper (the function
// of a method value s.handle) calls, or nil.
func boundMethod(fn *ssa.Function) *ssa.Function {
	if !strings.HasPrefix(fn.Synthetic, "bound method wrapper") {
		return nil
	}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if call, ok := instr.(*ssa.Call); ok {
				return call.Common().StaticCallee()
			}
		}
	}
	return nil
}

// recvOf returns the receiver of a method, or nil. (The Signature of an
// ssa.Function of a method has no receiver: it is its first parameter.)
func recvOf(fn *ssa.Function) *types.Var {
	if obj, ok := fn.Object().(*types.Func); ok && fn.Parent() == nil {
		return obj.Type().(*types.Signature).Recv()
	}
	return nil
}
