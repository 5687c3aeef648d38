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

// exportFacts exports, as one PackageSummary, the FuncSummary of every
// exported function and method that touches memory its callers can
// reach, and the GuardedFields of every struct type with guarded fields.
func (c *checker) exportFacts(funcs []*ssa.Function, guards map[fieldKey]*guard) {
	var named []NamedSummary
	for _, fn := range funcs {
		obj, ok := fn.Object().(*types.Func)
		if !ok || fn.Parent() != nil || !obj.Exported() || inTestFile(c.pass, fn.Pos()) {
			continue
		}
		if f := c.summarize(fn); f != nil {
			named = append(named, NamedSummary{Name: model.FuncKey(obj), Summary: *f})
		}
	}
	byOwner := make(map[*types.TypeName]*GuardedFields)
	var owners []*types.TypeName
	for k, g := range guards {
		if k.owner.Pkg() != c.pass.Pkg || g.imported || isContainerMutex(g.mutex) {
			continue
		}
		if byOwner[k.owner] == nil {
			byOwner[k.owner] = &GuardedFields{}
			owners = append(owners, k.owner)
		}
		byOwner[k.owner].Fields = append(byOwner[k.owner].Fields,
			GuardedField{Field: k.field, Mutex: g.mutex, Declared: g.declared, Held: g.held, Total: g.total})
	}
	var typeGuards []NamedGuards
	for _, tn := range owners {
		f := byOwner[tn]
		slices.SortFunc(f.Fields, func(x, y GuardedField) int { return strings.Compare(x.Field, y.Field) })
		typeGuards = append(typeGuards, NamedGuards{Type: tn.Name(), Guards: *f})
	}
	c.exportSummary(named, typeGuards)
}

// importedGuards adds the guards that GuardedFields facts declare for
// the fields of other packages' types this package accesses. A guard
// that is an unexported mutex is left out: this package cannot take it,
// so a field it exports anyway (nats' Subscription.Subject) is the
// owner package's contract, not something this package can fix.
func (c *checker) importedGuards(guards map[fieldKey]*guard) {
	for _, a := range c.accesses {
		k := a.key
		if _, done := guards[k]; done || k.owner.Pkg() == c.pass.Pkg {
			continue
		}
		f, ok := c.importedGuardsOf(k.owner)
		if !ok {
			continue
		}
		for _, g := range f.Fields {
			if g.Field == k.field && token.IsExported(g.Mutex) {
				guards[k] = &guard{mutex: g.Mutex, declared: g.Declared, held: g.Held, total: g.Total, imported: true}
			}
		}
	}
}

// externalSummary translates the FuncSummary fact of a call's callee,
// in another package, into the caller's frame (see model.External).
func (c *checker) externalSummary(call *ssa.CallCommon) *model.Summary {
	if s, ok := c.external[call]; ok {
		return s
	}
	c.external[call] = nil
	callee := call.StaticCallee()
	if callee == nil {
		return nil
	}
	if callee.Origin() != nil {
		callee = callee.Origin()
	}
	obj, ok := callee.Object().(*types.Func)
	if !ok || obj.Pkg() == nil || obj.Pkg() == c.pass.Pkg || selfSynchronized(obj) {
		return nil
	}
	f, ok := c.importedFunc(obj)
	if !ok {
		return nil
	}
	s := &model.Summary{Acquires: c.translateLocks(call, f.Acquires)}
	for _, l := range f.Releases {
		if loc, ok := c.translateVar(call, l.Var); ok {
			s.Releases = append(s.Releases, loc)
		}
	}
	for _, a := range f.Accesses {
		if loc, ok := c.translateVar(call, a.Var); ok {
			s.Accesses = append(s.Accesses, model.Access{Loc: loc, Write: a.Write, Atomic: a.Atomic, Map: a.Map,
				Locks: c.translateLocks(call, a.Locks), Origin: a.Pos})
		}
	}
	c.external[call] = s
	return s
}

// translateVar expresses a FactVar of the callee in the caller's frame.
func (c *checker) translateVar(call *ssa.CallCommon, v FactVar) (model.Loc, bool) {
	if v.Param >= 0 {
		if v.Param >= len(call.Args) {
			return model.Loc{}, false
		}
		return model.LocOf(call.Args[v.Param]).Extend(v.Path), true
	}
	i := strings.LastIndexByte(v.Global, '.')
	if i < 0 {
		return model.Loc{}, false
	}
	pkg := c.model.Pkg.Prog.ImportedPackage(v.Global[:i])
	if pkg == nil {
		return model.Loc{}, false
	}
	g, ok := pkg.Members[v.Global[i+1:]].(*ssa.Global)
	if !ok {
		return model.Loc{}, false
	}
	return model.Loc{Root: g, Path: v.Path}, true
}

func (c *checker) translateLocks(call *ssa.CallCommon, ls []FactLock) model.Lockset {
	var out model.Lockset
	for _, l := range ls {
		if loc, ok := c.translateVar(call, l.Var); ok {
			out = append(out, model.Held{Loc: loc, Write: l.Write, Field: l.Field})
		}
	}
	return out
}

// checkCrossPackage reports writes without a lock that a goroutine
// started in a loop makes, through a function of another package, to
// an object all its instances share.
func (c *checker) checkCrossPackage(funcs []*ssa.Function) {
	for _, fn := range funcs {
		for _, s := range model.Spawns(fn) {
			if !inLoop(s.Instr.Block()) || c.joinedEachIteration(fn, s) {
				continue
			}
			for _, a := range c.model.Summary(s.Fn).Accesses {
				if a.Origin == "" || !a.Write || a.Atomic || len(a.Locks) > 0 || c.done(a.Pos) || !c.fromArgument(a) {
					continue
				}
				l, ok := s.Env.Translate(a.Loc)
				if !ok || !definedOutside(l.Root, s.Instr.Block()) {
					continue
				}
				c.mark(a.Pos)
				c.rep.Report(analysis.Diagnostic{Pos: a.Pos, Category: catCrossPkg,
					Message: fmt.Sprintf("%s writes %s without a lock (at %s), and the goroutines started in a loop at %s all call it on the same object; hold a lock around the call or make the callee synchronize",
						calleeName(a.Instr), describe(a.Loc), a.Origin, c.short(s.Instr.Pos())),
					Related: []analysis.RelatedInformation{{Pos: s.Instr.Pos(), Message: "goroutine started here"}},
				})
			}
		}
	}
}

// joinedEachIteration reports whether fn, after starting s's goroutine
// in a loop, waits for something on every path back to the next start
// (a receive of the goroutine's done channel, a Wait): the goroutines of
// two iterations then do not overlap, as far as the model can tell.
func (c *checker) joinedEachIteration(fn *ssa.Function, s *model.Spawn) bool {
	barriers := make(map[ssa.Instruction]bool)
	for _, j := range c.model.Summary(fn).Joins {
		if j.Instr != nil && j.Kind != model.SyncRendezvous {
			barriers[j.Instr] = true
		}
	}
	return len(barriers) > 0 && !model.NewFrame(fn).Region(s.Instr, barriers).Contains(s.Instr)
}

// calleeName names the function a call instruction calls.
func calleeName(instr ssa.Instruction) string {
	if call, ok := instr.(ssa.CallInstruction); ok {
		if fn := call.Common().StaticCallee(); fn != nil {
			if recv := recvOf(fn); recv != nil {
				t := recv.Type()
				if p, ok := t.(*types.Pointer); ok {
					return "(*" + types.TypeString(p.Elem(), pkgName) + ")." + fn.Name()
				}
				return types.TypeString(t, pkgName) + "." + fn.Name()
			}
			if fn.Pkg != nil {
				return fn.Pkg.Pkg.Name() + "." + fn.Name()
			}
			return fn.Name()
		}
	}
	return "the call"
}

// inLoop reports whether b may run again after itself.
func inLoop(b *ssa.BasicBlock) bool { return reaches(b, b) }

// definedOutside reports whether v is defined outside the loop of b:
// not in a block that b reaches.
func definedOutside(v ssa.Value, b *ssa.BasicBlock) bool {
	instr, ok := v.(ssa.Instruction)
	if !ok {
		return true // parameters, free variables, globals, constants
	}
	return !reaches(b, instr.Block())
}

// reaches reports whether a path of one or more edges leads from a to b.
func reaches(a, b *ssa.BasicBlock) bool {
	seen := make(map[*ssa.BasicBlock]bool)
	stack := append([]*ssa.BasicBlock(nil), a.Succs...)
	for len(stack) > 0 {
		x := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if x == b {
			return true
		}
		if !seen[x] {
			seen[x] = true
			stack = append(stack, x.Succs...)
		}
	}
	return false
}

// selfSynchronized reports whether f's own accesses are synchronization
// rather than data: the sync packages and lock methods of other types.
func selfSynchronized(f *types.Func) bool {
	switch f.Pkg().Path() {
	case "sync", "sync/atomic", "runtime", "internal/sync":
		return true
	}
	switch f.Name() {
	case "Lock", "Unlock", "RLock", "RUnlock", "TryLock", "TryRLock":
		return f.Type().(*types.Signature).Recv() != nil
	}
	return false
}

func pkgName(p *types.Package) string { return p.Name() }

// fromArgument reports whether an access made by another package's
// function is to memory reached from one of its arguments. Its writes
// to package-level variables (go/types.Universe's scope children) sit
// behind conditions a summary does not keep.
func (c *checker) fromArgument(a model.Access) bool {
	_, global := a.Loc.Root.(*ssa.Global)
	return !global
}
