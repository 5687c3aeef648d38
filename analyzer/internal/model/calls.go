package model

import (
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// calleeFunc returns the types.Func a static call invokes, or nil.
func calleeFunc(c *ssa.CallCommon) *types.Func {
	if c.IsInvoke() {
		return nil
	}
	fn := c.StaticCallee()
	if fn == nil {
		return nil
	}
	if fn.Origin() != nil {
		fn = fn.Origin()
	}
	obj, _ := fn.Object().(*types.Func)
	return obj
}

// isFunc reports whether f is the package-level function path.name.
func isFunc(f *types.Func, path, name string) bool {
	return f != nil && f.Pkg() != nil && f.Pkg().Path() == path && f.Name() == name &&
		f.Type().(*types.Signature).Recv() == nil
}

// isMethod reports whether f is the method path.typ.name.
func isMethod(f *types.Func, path, typ, name string) bool {
	if f == nil || f.Pkg() == nil || f.Pkg().Path() != path || f.Name() != name {
		return false
	}
	recv := f.Type().(*types.Signature).Recv()
	if recv == nil {
		return false
	}
	t := recv.Type()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	named, ok := types.Unalias(t).(*types.Named)
	return ok && named.Obj().Name() == typ
}

// isAtomicFunc reports whether f is a sync/atomic function operating on
// an address, and whether it writes.
func isAtomicFunc(f *types.Func) (atomic, write bool) {
	if f == nil || f.Pkg() == nil || f.Pkg().Path() != "sync/atomic" || f.Type().(*types.Signature).Recv() != nil {
		return false, false
	}
	name := f.Name()
	switch {
	case strings.HasPrefix(name, "Load"):
		return true, false
	case strings.HasPrefix(name, "Store"), strings.HasPrefix(name, "Add"), strings.HasPrefix(name, "And"),
		strings.HasPrefix(name, "Or"), strings.HasPrefix(name, "Swap"), strings.HasPrefix(name, "CompareAndSwap"):
		return true, true
	}
	return false, false
}

// FuncOf returns the function a func-typed value denotes and the
// bindings of its free variables, or nil when it is not statically known.
func FuncOf(v ssa.Value) (*ssa.Function, []ssa.Value) {
	switch v := v.(type) {
	case *ssa.Function:
		return v, nil
	case *ssa.MakeClosure:
		if fn, ok := v.Fn.(*ssa.Function); ok {
			return fn, v.Bindings
		}
	case *ssa.ChangeType:
		return FuncOf(v.X)
	}
	return nil, nil
}

// BuiltinName returns the name of the builtin a call invokes, or "".
func BuiltinName(c *ssa.CallCommon) string {
	if b, ok := c.Value.(*ssa.Builtin); ok {
		return b.Name()
	}
	return ""
}

// FuncKey names a function or method within its package, as facts that
// summarize a package's functions key them: "F", or "T.M" with T the
// receiver's type name, without pointer or type arguments.
func FuncKey(obj *types.Func) string {
	recv := obj.Type().(*types.Signature).Recv()
	if recv == nil {
		return obj.Name()
	}
	t := recv.Type()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	if n, ok := types.Unalias(t).(*types.Named); ok {
		return n.Obj().Name() + "." + obj.Name()
	}
	return obj.Name()
}
