package model

import (
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// invokeTarget returns the method a call through an interface runs when
// the model can tell (Model.Devirtualize): the interface is declared in
// the package and exactly one of the package's types implements it, a
// class-hierarchy analysis restricted to the package. Interfaces of
// other packages (io.Writer, error) are left alone: any type may stand
// behind them.
func (m *Model) invokeTarget(c *ssa.CallCommon) *ssa.Function {
	if !m.Devirtualize || c.Method == nil {
		return nil
	}
	named, ok := types.Unalias(c.Value.Type()).(*types.Named)
	if !ok || named.Obj().Pkg() != m.Pkg.Pkg || named.TypeParams().Len() > 0 {
		return nil
	}
	impl := m.implementor(named)
	if impl == nil {
		return nil
	}
	if p, ok := c.Value.(*ssa.Parameter); ok {
		if m.devirtParams == nil {
			m.devirtParams = make(map[*ssa.Parameter]types.Type)
		}
		m.devirtParams[p] = impl
	}
	return m.methodOf(impl, c.Method)
}

// methodOf returns the method of type t that implements the interface
// method meth, or nil.
func (m *Model) methodOf(t types.Type, meth *types.Func) *ssa.Function {
	prog := m.Pkg.Prog
	sel := prog.MethodSets.MethodSet(t).Lookup(meth.Pkg(), meth.Name())
	if sel == nil {
		return nil
	}
	return prog.MethodValue(sel)
}

// concreteArg returns the conversion to an interface of a concrete
// value that call passes for the parameter p, or nil.
func concreteArg(p *ssa.Parameter, call ssa.Instruction) *ssa.MakeInterface {
	ci, ok := call.(ssa.CallInstruction)
	if !ok {
		return nil
	}
	args := CallArgs(ci.Common())
	i := slices.Index(p.Parent().Params, p)
	if i < 0 || i >= len(args) {
		return nil
	}
	mi, _ := args[i].(*ssa.MakeInterface)
	return mi
}

// implementor returns the one type of the package (T or *T) whose
// method set implements the interface type iface, or nil. Only types
// declared in files of the interface's kind count: a test's mock of an
// interface declared for the package's users (a delegate) is not what
// the package's own calls run.
func (m *Model) implementor(iface *types.Named) types.Type {
	if t, ok := m.impls[iface]; ok {
		return t
	}
	if m.impls == nil {
		m.impls = make(map[*types.Named]types.Type)
	}
	it, ok := iface.Underlying().(*types.Interface)
	var found types.Type
	n := 0
	test := m.inTest(iface.Obj())
	if ok && it.NumMethods() > 0 {
		for _, mem := range m.Pkg.Members {
			t, ok := mem.(*ssa.Type)
			if !ok {
				continue
			}
			named, ok := t.Type().(*types.Named)
			if !ok || types.IsInterface(named) || named.TypeParams().Len() > 0 || m.inTest(named.Obj()) != test {
				continue
			}
			switch {
			case types.Implements(named, it):
				found, n = named, n+1
			case types.Implements(types.NewPointer(named), it):
				found, n = types.NewPointer(named), n+1
			}
		}
	}
	if n != 1 {
		found = nil
	}
	m.impls[iface] = found
	return found
}

// inTest reports whether obj is declared in a _test.go file.
func (m *Model) inTest(obj types.Object) bool {
	f := m.Pkg.Prog.Fset.File(obj.Pos())
	return f != nil && strings.HasSuffix(f.Name(), "_test.go")
}

// devirtTranslate translates l, a location of a callee's frame on an
// interface parameter whose methods the callee's calls were
// devirtualized to (Pop(h Interface) { h.Pop() } reaching the items of
// the one implementor), into the frame of a caller that passes a value
// of that implementor type at call: Env.Translate refuses paths on an
// interface value, which may lead through an assertion to any type.
func (m *Model) devirtTranslate(env Env, l Loc, call ssa.Instruction) (Loc, bool) {
	p, ok := l.Root.(*ssa.Parameter)
	if !ok || m.devirtParams[p] == nil {
		return Loc{}, false
	}
	mi := concreteArg(p, call)
	base := env[p]
	if mi == nil || !base.Valid() || !types.Identical(mi.X.Type(), m.devirtParams[p]) {
		return Loc{}, false
	}
	return base.Extend(l.Path), true
}
