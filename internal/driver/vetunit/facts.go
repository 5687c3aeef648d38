package vetunit

import (
	"fmt"
	"go/types"
	"reflect"
	"sync"

	"golang.org/x/tools/go/analysis"
)

// A factKey names one fact: of a package (obj nil) or of an object, and
// of one fact type.
type factKey struct {
	pkg *types.Package
	obj types.Object
	t   reflect.Type
}

// A factSet holds the facts a unit sees: those decoded from its direct
// imports' .vetx files and those its analyzers export. Analyzers run
// concurrently, so it is guarded by a mutex.
type factSet struct {
	pkg *types.Package // the unit's package

	mu sync.Mutex
	m  map[factKey]analysis.Fact
}

func newFactSet(pkg *types.Package) *factSet {
	return &factSet{pkg: pkg, m: make(map[factKey]analysis.Fact)}
}

// importObject copies the fact of obj's type ptr into ptr, if there is one.
func (s *factSet) importObject(obj types.Object, ptr analysis.Fact) bool {
	if obj == nil {
		panic("ImportObjectFact: nil object")
	}
	return s.load(factKey{pkg: obj.Pkg(), obj: obj, t: reflect.TypeOf(ptr)}, ptr)
}

// importPackage copies the package fact of pkg of ptr's type into ptr.
func (s *factSet) importPackage(pkg *types.Package, ptr analysis.Fact) bool {
	if pkg == nil {
		panic("ImportPackageFact: nil package")
	}
	return s.load(factKey{pkg: pkg, t: reflect.TypeOf(ptr)}, ptr)
}

func (s *factSet) load(k factKey, ptr analysis.Fact) bool {
	s.mu.Lock()
	v, ok := s.m[k]
	s.mu.Unlock()
	if ok {
		reflect.ValueOf(ptr).Elem().Set(reflect.ValueOf(v).Elem())
	}
	return ok
}

// exportObject records a fact of obj, which must belong to the unit's
// package.
func (s *factSet) exportObject(a *analysis.Analyzer, obj types.Object, fact analysis.Fact) {
	if obj.Pkg() != s.pkg {
		panic(fmt.Sprintf("in package %s: %s: ExportObjectFact(%s, %T): the object belongs to another package",
			s.pkg.Path(), a.Name, obj, fact))
	}
	s.store(factKey{pkg: s.pkg, obj: obj, t: reflect.TypeOf(fact)}, fact)
}

// exportPackage records a fact of the unit's package.
func (s *factSet) exportPackage(fact analysis.Fact) {
	s.store(factKey{pkg: s.pkg, t: reflect.TypeOf(fact)}, fact)
}

func (s *factSet) store(k factKey, fact analysis.Fact) {
	s.mu.Lock()
	s.m[k] = fact
	s.mu.Unlock()
}

// objectFacts returns the object facts of the types in filter.
func (s *factSet) objectFacts(filter map[reflect.Type]bool) []analysis.ObjectFact {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []analysis.ObjectFact
	for k, v := range s.m {
		if k.obj != nil && filter[k.t] {
			out = append(out, analysis.ObjectFact{Object: k.obj, Fact: v})
		}
	}
	return out
}

// packageFacts returns the package facts of the types in filter.
func (s *factSet) packageFacts(filter map[reflect.Type]bool) []analysis.PackageFact {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []analysis.PackageFact
	for k, v := range s.m {
		if k.obj == nil && filter[k.t] {
			out = append(out, analysis.PackageFact{Package: k.pkg, Fact: v})
		}
	}
	return out
}
