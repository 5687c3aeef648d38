package model

import (
	"go/constant"
	"go/types"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// A Loc is an abstract memory location: the memory denoted by Root
// (used as an address, or as a reference to a map, slice or channel),
// followed by Path. Locs are comparable and used as map keys.
type Loc struct {
	Root ssa.Value
	Path string
}

// Valid reports whether l names a location.
func (l Loc) Valid() bool { return l.Root != nil }

// Extend returns l followed by the steps of path.
func (l Loc) Extend(path string) Loc { return canon(Loc{l.Root, l.Path + path}) }

// steps splits a path into its steps.
func steps(path string) []string {
	var out []string
	start := 0
	for i := 1; i <= len(path); i++ {
		if i == len(path) || strings.IndexByte(".*[{", path[i]) >= 0 {
			if i > start {
				out = append(out, path[start:i])
			}
			start = i
		}
	}
	return out
}

// Overlaps reports whether two locations may share memory: the same root
// and one path a prefix of the other, with no dereference in the rest
// (reading a pointer variable does not touch what it points to) and no
// unknown index on the way (distinct per-goroutine indexes are the rule).
func Overlaps(a, b Loc) bool {
	if a.Root != b.Root {
		return false
	}
	as, bs := steps(a.Path), steps(b.Path)
	if len(as) > len(bs) {
		as, bs = bs, as
	}
	for i, s := range as {
		if !sameElems(s, bs[i]) {
			return false
		}
	}
	for _, s := range bs[len(as):] {
		if s == "*" {
			return false
		}
	}
	return true
}

// RLockerStep ends the location of mu.RLocker(): locking it read-locks
// mu (TranslateLocks turns it back into mu, in read mode).
const RLockerStep = ".(rlocker)"

// maxResolveDepth bounds the walk through value definitions.
const maxResolveDepth = 16

// LocOf returns the location denoted by v used as an address or reference.
func LocOf(v ssa.Value) Loc { return locOf(v, 0) }

func locOf(v ssa.Value, depth int) Loc {
	if v == nil {
		return Loc{}
	}
	if depth > maxResolveDepth {
		return Loc{Root: v}
	}
	depth++
	switch v := v.(type) {
	case *ssa.FieldAddr:
		return locOf(v.X, depth).Extend("." + fieldName(v.X.Type(), v.Field))
	case *ssa.IndexAddr:
		return locOf(v.X, depth).Extend(indexStep(v.Index))
	case *ssa.UnOp:
		if v.Op.String() == "*" {
			return locOf(v.X, depth).Extend("*")
		}
	case *ssa.Field:
		if load, ok := v.X.(*ssa.UnOp); ok && load.Op.String() == "*" {
			return locOf(load.X, depth).Extend("." + fieldName(load.X.Type(), v.Field) + "*")
		}
	case *ssa.Index:
		if load, ok := v.X.(*ssa.UnOp); ok && load.Op.String() == "*" {
			return locOf(load.X, depth).Extend(indexStep(v.Index) + "*")
		}
	case *ssa.Slice:
		return locOf(v.X, depth)
	case *ssa.ChangeType:
		return locOf(v.X, depth)
	case *ssa.Convert:
		if isPointerish(v.X.Type()) {
			return locOf(v.X, depth)
		}
	case *ssa.MakeInterface:
		return locOf(v.X, depth)
	case *ssa.ChangeInterface:
		return locOf(v.X, depth)
	case *ssa.SliceToArrayPointer:
		return locOf(v.X, depth)
	case *ssa.TypeAssert:
		if !v.CommaOk {
			return locOf(v.X, depth)
		}
	case *ssa.Lookup:
		if !v.CommaOk && isMap(v.X.Type()) {
			return locOf(v.X, depth).Extend(MapKeyStep + "*")
		}
	case *ssa.Extract:
		if ta, ok := v.Tuple.(*ssa.TypeAssert); ok && v.Index == 0 {
			return locOf(ta.X, depth)
		}
		if l, ok := mapElem(v, depth); ok {
			return l
		}
		if call, ok := v.Tuple.(*ssa.Call); ok {
			if arg := aliasedArg(call, v.Index); arg != nil {
				return locOf(arg, depth)
			}
		}
	case *ssa.Call:
		if isMethod(calleeFunc(v.Common()), "sync", "RWMutex", "RLocker") && len(v.Common().Args) == 1 {
			return locOf(v.Common().Args[0], depth).Extend(RLockerStep)
		}
		if v.Common().Signature().Results().Len() == 1 {
			if arg := aliasedArg(v, 0); arg != nil {
				return locOf(arg, depth)
			}
		}
	case *ssa.Phi:
		return phiLoc(v, depth)
	}
	return Loc{Root: v}
}

// The steps of map elements: the element of one key ("m[k]", a lookup),
// and every element (a range over the map's values). Two lookups are
// taken to use distinct keys, as two unknown slice indexes are; a range
// reaches every key.
const (
	MapKeyStep = "{?}"
	MapAllStep = "{all}"
)

// mapElem returns the location of the value a comma-ok lookup of a map
// yields, or the value of a range over a map, as a pointer to follow.
func mapElem(v *ssa.Extract, depth int) (Loc, bool) {
	switch t := v.Tuple.(type) {
	case *ssa.Lookup:
		if v.Index == 0 && isMap(t.X.Type()) {
			return locOf(t.X, depth).Extend(MapKeyStep + "*"), true
		}
	case *ssa.Next:
		if r, ok := t.Iter.(*ssa.Range); ok && v.Index == 2 && !t.IsString && isMap(r.X.Type()) {
			return locOf(r.X, depth).Extend(MapAllStep + "*"), true
		}
	}
	return Loc{}, false
}

func isMap(t types.Type) bool {
	_, ok := t.Underlying().(*types.Map)
	return ok
}

// sameElems reports whether two steps of the same position in two paths
// may name the same element: equal steps other than unknown indexes and
// keys, or a map's every element against any of its elements.
func sameElems(s, t string) bool {
	if s == t {
		return s != "[?]" && s != MapKeyStep
	}
	return s == MapAllStep && t == MapKeyStep || t == MapAllStep && s == MapKeyStep
}

// phiLoc resolves a phi whose edges all denote the same location. Phis
// reached through edges are expanded once each (loops make phis refer to
// each other, and following them naively is exponential).
func phiLoc(v *ssa.Phi, depth int) Loc {
	var same Loc
	seen := map[*ssa.Phi]bool{v: true}
	queue := []*ssa.Phi{v}
	for len(queue) > 0 {
		p := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		for _, e := range p.Edges {
			if q, ok := e.(*ssa.Phi); ok {
				if !seen[q] {
					seen[q] = true
					queue = append(queue, q)
				}
				continue
			}
			l := edgeLoc(v, e, depth)
			if !same.Valid() {
				same = l
			} else if same != l {
				return Loc{Root: v}
			}
		}
	}
	if !same.Valid() {
		return Loc{Root: v}
	}
	return same
}

// edgeLoc is the location of edge e of phi v: for a new object that
// the function puts into a map, as the element of a lookup that missed
// ("s, ok := m[k]; if !ok { s = &T{}; m[k] = s }", or with the insertion
// after the phi), the map's element.
func edgeLoc(v *ssa.Phi, e ssa.Value, depth int) Loc {
	if alloc, ok := e.(*ssa.Alloc); ok && alloc.Heap {
		if mu := mapInsert(alloc); mu != nil {
			return locOf(mu.Map, depth).Extend(MapKeyStep + "*")
		}
		if mu := mapInsert(v); mu != nil {
			return locOf(mu.Map, depth).Extend(MapKeyStep + "*")
		}
	}
	return locOf(e, depth)
}

// mapInsert returns a map update that stores v as an element, or nil.
func mapInsert(v ssa.Value) *ssa.MapUpdate {
	for _, ref := range *v.Referrers() {
		if mu, ok := ref.(*ssa.MapUpdate); ok && mu.Value == v {
			return mu
		}
	}
	return nil
}

func isPointerish(t types.Type) bool {
	switch t.Underlying().(type) {
	case *types.Pointer, *types.Slice, *types.Map, *types.Chan:
		return true
	}
	return false
}

// indexStep encodes an element step: constant indexes are kept, every
// other index is unknown.
func indexStep(idx ssa.Value) string {
	if c, ok := idx.(*ssa.Const); ok && c.Value != nil && c.Value.Kind() == constant.Int {
		if n, ok := constant.Int64Val(c.Value); ok {
			return "[" + strconv.FormatInt(n, 10) + "]"
		}
	}
	return "[?]"
}

// fieldName returns the name of field i of the struct that ptr (a
// pointer to struct, or a struct) refers to.
func fieldName(ptr types.Type, i int) string {
	t := ptr.Underlying()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem().Underlying()
	}
	if s, ok := t.(*types.Struct); ok && i < s.NumFields() {
		return s.Field(i).Name()
	}
	return "#" + strconv.Itoa(i)
}

// aliasedArg returns the argument of call that the callee's result i
// aliases on every return: the argument itself, as methods that return
// their receiver for chaining do (t, err := New("x").Parse(text): t is
// the receiver; nil on the error paths), or its elements (elemsParam),
// or nil.
func aliasedArg(call *ssa.Call, i int) ssa.Value {
	fn, results := calleeResults(call, i)
	if fn == nil {
		return nil
	}
	j := returnedParam(fn, results)
	if j < 0 {
		j = elemsParam(fn, results)
	}
	if j < 0 || j >= len(call.Common().Args) {
		return nil
	}
	return call.Common().Args[j]
}

// calleeResults returns the static callee of call, when it has a body,
// and its result i at each of its returns.
func calleeResults(call *ssa.Call, i int) (*ssa.Function, []ssa.Value) {
	fn := call.Common().StaticCallee()
	if fn == nil || len(fn.Blocks) == 0 || fn.Pkg == nil {
		return nil, nil
	}
	var out []ssa.Value
	for _, b := range fn.Blocks {
		if len(b.Instrs) == 0 {
			continue
		}
		ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
		if !ok {
			continue
		}
		if i >= len(ret.Results) {
			return nil, nil
		}
		out = append(out, ret.Results[i])
	}
	return fn, out
}

// returnedParam returns the index of the parameter of fn that every
// one of results is, save nil (an error path aliases nothing), or -1.
func returnedParam(fn *ssa.Function, results []ssa.Value) int {
	param := -1
	for _, r := range results {
		if c, ok := r.(*ssa.Const); ok && c.IsNil() {
			continue
		}
		p, ok := r.(*ssa.Parameter)
		if !ok {
			return -1
		}
		j := slices.Index(fn.Params, p)
		if j < 0 || (param >= 0 && j != param) {
			return -1
		}
		param = j
	}
	return param
}
