package lockcheck

import (
	"fmt"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/racecheck/racecheck/analyzer/internal/model"
)

// checkPointerSends reports a channel send, by a function of the
// package, of a pointer its caller passes to an object held in a map or
// slice whose fields the container owner's mutex guards: the receiver,
// often the application's code, reads the fields with no way to take
// that lock while the package goes on writing them under it (memberlist
// passed &state.Node to its event delegate, which sent the pointer to
// the application's channel).
func (c *checker) checkPointerSends(funcs []*ssa.Function, guards map[fieldKey]*guard) {
	owners := containerGuardedTypes(guards)
	if len(owners) == 0 {
		return
	}
	for _, fn := range funcs {
		if inTestFile(c.pass, fn.Pos()) {
			continue
		}
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				if call, ok := instr.(*ssa.Call); ok {
					c.checkPointerSend(call, owners)
				}
			}
		}
	}
}

// A guardedField is a field with its guard.
type guardedField struct {
	key fieldKey
	g   *guard
}

// containerGuardedTypes returns, by struct type, the first field (by
// name) that a container guard covers at every write, with its guard.
func containerGuardedTypes(guards map[fieldKey]*guard) map[*types.TypeName]guardedField {
	out := make(map[*types.TypeName]guardedField)
	for k, g := range guards {
		if !isContainerMutex(g.mutex) || !g.everyWrite {
			continue
		}
		if old, ok := out[k.owner]; !ok || k.field < old.key.field {
			out[k.owner] = guardedField{k, g}
		}
	}
	return out
}

// checkPointerSend checks the pointers call passes to its callee.
func (c *checker) checkPointerSend(call *ssa.Call, owners map[*types.TypeName]guardedField) {
	callee := c.callbackModel().Callee(call.Common())
	if callee == nil || callee.Pkg != call.Parent().Pkg {
		return
	}
	for i, arg := range model.CallArgs(call.Common()) {
		if i >= len(callee.Params) {
			break
		}
		gf, ok := owners[namedOf(arg.Type())]
		if _, ptr := arg.Type().Underlying().(*types.Pointer); !ok || !ptr {
			continue
		}
		l := unspill(model.LocOf(arg))
		if !hasContainerStep(l.Path) {
			continue
		}
		if send := sentParam(callee, callee.Params[i]); send != nil && !c.done(send.Pos()) {
			c.reportPointerSend(call, send, l, gf)
		}
	}
}

// sentParam returns a send of fn that sends p, itself, converted to an
// interface or as a field of a struct value built for the send
// (ch <- Event{Node: p}), or nil.
func sentParam(fn *ssa.Function, p *ssa.Parameter) *ssa.Send {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if s, ok := instr.(*ssa.Send); ok && carries(s.X, p) {
				return s
			}
		}
	}
	return nil
}

// carries reports whether v is p, p converted to an interface, or a
// struct loaded from a local variable one of whose fields was set to p.
func carries(v ssa.Value, p *ssa.Parameter) bool {
	switch v := v.(type) {
	case *ssa.Parameter:
		return v == p
	case *ssa.MakeInterface:
		return v.X == p
	case *ssa.UnOp:
		alloc, ok := v.X.(*ssa.Alloc)
		if !ok || v.Op != token.MUL {
			return false
		}
		return slices.ContainsFunc(*alloc.Referrers(), func(ref ssa.Instruction) bool {
			fa, ok := ref.(*ssa.FieldAddr)
			return ok && slices.ContainsFunc(*fa.Referrers(), func(r ssa.Instruction) bool {
				st, ok := r.(*ssa.Store)
				return ok && st.Addr == fa && st.Val == p
			})
		})
	}
	return false
}

func (c *checker) reportPointerSend(call *ssa.Call, send *ssa.Send, l model.Loc, gf guardedField) {
	key, g := gf.key, gf.g
	c.mark(send.Pos())
	mu := unqualified(g.mutex)
	d := analysis.Diagnostic{Pos: send.Pos(), Category: catPointerSend,
		Message: fmt.Sprintf("pointer to %s sent on a channel: %s passes it at %s, and %s guards its fields (%s is written under it at %s); the receiver reads them without the lock while they change, so send a copy",
			describe(l), call.Parent().Name(), c.short(call.Pos()), mu, key.field, c.short(g.example)),
		Related: []analysis.RelatedInformation{
			{Pos: call.Pos(), Message: "the pointer is passed here"},
			{Pos: g.example, Message: "write with " + mu + " held"},
		},
	}
	c.rep.Report(d)
}

// unqualified drops the package path of a container guard, keeping its
// last two parts: "example.com/pkg.Type.mu" -> "Type.mu".
func unqualified(mu string) string {
	i := strings.LastIndexByte(mu, '.')
	return mu[strings.LastIndexByte(mu[:i], '.')+1:]
}
