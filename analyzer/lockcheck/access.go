package lockcheck

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/racecheck/racecheck/analyzer/internal/model"
)

// A fieldKey names a field of a named struct type.
type fieldKey struct {
	owner *types.TypeName
	field string
}

// A fieldAccess is an access to a field of an object reached from an
// entry's parameters, free variables or globals.
type fieldAccess struct {
	model.Access
	entry   *entry
	key     fieldKey
	prefix  string // the object's path from Loc.Root: Loc is prefix + ".field" + contents
	content bool   // the map or slice elements the field refers to, not the field itself
}

// object returns the location of the struct the field belongs to.
func (a *fieldAccess) object() model.Loc { return model.Loc{Root: a.Loc.Root, Path: a.prefix} }

// A varAccess is an access to a package-level variable or to a
// variable a closure captures.
type varAccess struct {
	model.Access
	entry *entry
}

// collect records the field and variable accesses of an entry's summary.
func (c *checker) collect(e *entry) {
	var own []*fieldAccess
	for _, a := range c.model.Summary(e.fn).Accesses {
		a = unspillAccess(a)
		if a.Chan && !inTestFile(c.pass, a.Pos) && a.Origin == "" {
			c.collectChan(a, e)
			continue
		}
		if pa := copiedPointee(a, e); pa != nil && !inTestFile(c.pass, a.Pos) && a.Origin == "" {
			c.pointees = append(c.pointees, pa)
			continue
		}
		if !sharedRoot(a.Loc.Root) || inTestFile(c.pass, a.Pos) || a.Origin != "" || c.excused(a) {
			// Another package's accesses were judged in that package;
			// only checkCrossPackage looks at them, for its goroutines.
			continue
		}
		key, prefix, content, ok := fieldOf(a.Loc)
		if !ok {
			if pa := pointeeOf(a, e); pa != nil {
				c.pointees = append(c.pointees, pa)
				continue
			}
			if _, param := a.Loc.Root.(*ssa.Parameter); !param && a.Loc.Path == "" {
				c.vars = append(c.vars, &varAccess{Access: a, entry: e})
			}
			continue
		}
		own = append(own, &fieldAccess{Access: a, entry: e, key: key, prefix: prefix, content: content})
	}
	c.accesses = append(c.accesses, c.directOnly(own)...)
}

// copiedPointee returns, for an access through a pointer field of a
// local copy of a shared struct (c := p.conns[i]; *c.numRPCs), an access
// of that field, or nil: the copy shares the pointee with every other
// copy, as grpc's least-request picker compared the counters its Pick
// calls add to atomically.
func copiedPointee(a model.Access, e *entry) *fieldAccess {
	alloc, ok := a.Loc.Root.(*ssa.Alloc)
	if !ok || !copiesShared(alloc) {
		return nil
	}
	return pointeeOf(a, e)
}

// copiesShared reports whether a local variable is only ever assigned
// values loaded from shared memory (a parameter's, a free variable's or
// a global's), as a copy of a struct element is.
func copiesShared(alloc *ssa.Alloc) bool {
	return copiesSharedDepth(alloc, 2)
}

// copiesSharedDepth is copiesShared for a variable that may also hold
// nil or the address of such a copy (picked = &c), depth levels deep.
func copiesSharedDepth(alloc *ssa.Alloc, depth int) bool {
	stored := false
	for _, r := range *alloc.Referrers() {
		st, ok := r.(*ssa.Store)
		if !ok || st.Addr != alloc {
			continue
		}
		switch v := st.Val.(type) {
		case *ssa.Const:
			if !v.IsNil() {
				return false
			}
		case *ssa.Alloc:
			if depth <= 1 || !copiesSharedDepth(v, depth-1) {
				return false
			}
			stored = true
		case *ssa.UnOp:
			if v.Op != token.MUL || !sharedRoot(model.LocOf(v.X).Root) {
				return false
			}
			stored = true
		default:
			return false
		}
	}
	return stored
}

// pointeeOf returns an access to the value a pointer field points to
// (*w.processed, with processed *int64) as an access of that field, or
// nil: such values are shared counters handed out by pointer, updated
// with atomic.AddInt64(w.processed, 1).
func pointeeOf(a model.Access, e *entry) *fieldAccess {
	if !strings.HasSuffix(a.Loc.Path, "*") {
		return nil
	}
	key, prefix, content, ok := fieldOf(model.Loc{Root: a.Loc.Root, Path: strings.TrimSuffix(a.Loc.Path, "*")})
	if !ok || content {
		return nil
	}
	p, isPtr := fieldType(key).Underlying().(*types.Pointer)
	if !isPtr {
		return nil
	}
	if _, basic := p.Elem().Underlying().(*types.Basic); !basic {
		return nil
	}
	return &fieldAccess{Access: a, entry: e, key: key, prefix: prefix}
}

// directOnly drops the accesses to the elements of a field's map or
// slice that are not made on the line that loads the field: they go
// through a copy (spans := e.spans; e.spans = nil), which the code took
// over, often under the lock.
func (c *checker) directOnly(as []*fieldAccess) []*fieldAccess {
	type site struct {
		key       fieldKey
		line, via lineKey
	}
	loads := make(map[site]bool)
	for _, a := range as {
		if !a.content {
			loads[site{a.key, c.lineOf(a.Pos), c.lineOf(reportPos(a.Access))}] = true
		}
	}
	out := as[:0]
	for _, a := range as {
		if !a.content || loads[site{a.key, c.lineOf(a.Pos), c.lineOf(reportPos(a.Access))}] {
			out = append(out, a)
		}
	}
	return out
}

// sharedRoot reports whether memory reached from v may be shared with
// other goroutines: it comes from a parameter, a free variable or a
// global, not from an allocation of the function itself.
func sharedRoot(v ssa.Value) bool {
	switch v.(type) {
	case *ssa.Parameter, *ssa.FreeVar, *ssa.Global, *model.Opaque:
		return true
	}
	return false
}

// fieldOf finds the last field step of l's path and the struct type it
// belongs to. Only the field itself and the elements of the map or slice
// it holds are accesses to the field; anything deeper is not.
func fieldOf(l model.Loc) (key fieldKey, prefix string, content bool, ok bool) {
	t := l.Root.Type()
	steps := splitPath(l.Path)
	for i, st := range steps {
		if t == nil {
			return fieldKey{}, "", false, false
		}
		switch {
		case st.text[0] == '.':
			owner, f := structField(t, st.text[1:])
			if f == nil {
				return fieldKey{}, "", false, false
			}
			if key.owner != nil && isSyncType(fieldType(key)) {
				return fieldKey{}, "", false, false // inside a mutex or atomic value
			}
			key, prefix = fieldKey{owner, f.Name()}, l.Path[:st.off]
			t = types.NewPointer(f.Type())
		case st.text == "*":
			if t = stepType(t, st.text); t == nil {
				return fieldKey{}, "", false, false
			}
		default: // an element, or "{}", the contents of a map
			t = stepType(t, st.text)
		}
		if t == nil && i < len(steps)-1 && st.text != "{}" {
			return fieldKey{}, "", false, false
		}
	}
	if key.owner == nil {
		return fieldKey{}, "", false, false
	}
	switch rest := l.Path[len(prefix)+1+len(key.field):]; rest {
	case "", "*{}", "*[?]":
		return key, prefix, rest != "", true
	}
	return fieldKey{}, "", false, false
}

type step struct {
	text string
	off  int
}

// splitPath splits a location path into steps with their offsets.
func splitPath(path string) []step {
	var out []step
	start := 0
	for i := 1; i <= len(path); i++ {
		if i == len(path) || strings.IndexByte(".*[{", path[i]) >= 0 {
			if i > start {
				out = append(out, step{path[start:i], start})
			}
			start = i
		}
	}
	return out
}

// stepType returns the type a path step leads to from t, or nil: a
// field's address, what a pointer points to, the address of a slice,
// array or map element; nil for the contents of a map ("{}").
func stepType(t types.Type, step string) types.Type {
	switch {
	case step[0] == '.':
		if _, f := structField(t, step[1:]); f != nil {
			return types.NewPointer(f.Type())
		}
	case step == "*":
		if p, ok := t.Underlying().(*types.Pointer); ok {
			return p.Elem()
		}
	case step[0] == '[':
		return elemAddr(t)
	case step == model.MapKeyStep || step == model.MapAllStep:
		return mapElemAddr(t)
	}
	return nil
}

// mapElemAddr returns the type of the address of an element of the map
// type t, or nil.
func mapElemAddr(t types.Type) types.Type {
	if m, ok := t.Underlying().(*types.Map); ok {
		return types.NewPointer(m.Elem())
	}
	return nil
}

// structField returns the named struct type that t (a pointer to it)
// refers to and its field name.
func structField(t types.Type, name string) (*types.TypeName, *types.Var) {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	named, ok := types.Unalias(t).(*types.Named)
	if !ok {
		return nil, nil
	}
	st, ok := named.Underlying().(*types.Struct)
	if !ok {
		return nil, nil
	}
	for i := 0; i < st.NumFields(); i++ {
		if f := st.Field(i); f.Name() == name {
			return named.Origin().Obj(), f
		}
	}
	return nil, nil
}

// elemAddr returns the type of the address of an element of the array
// or slice t refers to, or nil.
func elemAddr(t types.Type) types.Type {
	switch u := t.Underlying().(type) {
	case *types.Pointer:
		if a, ok := u.Elem().Underlying().(*types.Array); ok {
			return types.NewPointer(a.Elem())
		}
	case *types.Slice:
		return types.NewPointer(u.Elem())
	}
	return nil
}

// isSyncType reports whether t is a type of sync or sync/atomic (or a
// pointer to one): fields of those types synchronize themselves.
func isSyncType(t types.Type) bool {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	named, ok := types.Unalias(t).(*types.Named)
	if !ok || named.Obj().Pkg() == nil {
		return false
	}
	p := named.Obj().Pkg().Path()
	return p == "sync" || p == "sync/atomic" || p == "internal/sync"
}

// fieldType returns the type of field k, or nil.
func fieldType(k fieldKey) types.Type {
	_, f := structField(k.owner.Type(), k.field)
	if f == nil {
		return nil
	}
	return f.Type()
}

// unspillAccess roots an access and its locks in the parameters that
// closures capture rather than in their spilled variables.
func unspillAccess(a model.Access) model.Access {
	a.Loc = unspill(a.Loc)
	locks := make(model.Lockset, len(a.Locks))
	for i, h := range a.Locks {
		h.Loc = unspill(h.Loc)
		locks[i] = h
	}
	a.Locks = locks
	return a
}

// excused reports whether an access is made by an initialization
// function (called through a function named init.../Init...) or sits
// under a comment claiming it needs no synchronization.
func (c *checker) excused(a model.Access) bool {
	if call := viaCall(a); call != nil {
		if fn := call.Common().StaticCallee(); fn != nil && isInit(fn.Name()) {
			return true
		}
	}
	return c.claimed(a.Pos)
}

// claimed reports whether pos's line or one of the three before it
// carries a comment matching claim.
func (c *checker) claimed(pos token.Pos) bool {
	if c.claims == nil {
		c.claims = make(map[lineKey]bool)
		for _, f := range c.pass.Files {
			for _, g := range f.Comments {
				if mayClaim(g) && claim.re().MatchString(g.Text()) {
					for _, cm := range g.List {
						c.claims[c.lineOf(cm.Pos())] = true
					}
				}
			}
		}
	}
	l := c.lineOf(pos)
	for i := 0; i <= 3; i++ {
		if c.claims[lineKey{l.file, l.line - i}] {
			return true
		}
	}
	return false
}

// mayClaim reports whether one of a comment group's lines contains a
// word of claim, without building the group's text.
func mayClaim(g *ast.CommentGroup) bool {
	for _, cm := range g.List {
		if claim.mayMatch(cm.Text) {
			return true
		}
	}
	return false
}
