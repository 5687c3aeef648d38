package vetunit

import (
	"bytes"
	"cmp"
	"encoding/gob"
	"fmt"
	"go/types"
	"os"
	"reflect"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/objectpath"
)

// A .vetx file written by this driver is one gob value: the []wireFact
// of the package, sorted by package path, object path and fact type, so
// that the same facts always make the same bytes (go vet hashes the
// file into its importers' cache keys). An empty file means no facts.
// The file is read only by the same build of the tool (go vet keys the
// cache on the tool's build ID), so it carries no version.

// A wireFact is one fact in a .vetx file.
type wireFact struct {
	Pkg  string          // package path; "" for the file's own package
	Obj  objectpath.Path // "" for a package fact
	Fact analysis.Fact   // a registered (gob.Register) fact type
}

// registerFacts registers the fact types of analyzers and of everything
// they require with gob, which decodes a fact by its registered name.
func registerFacts(analyzers []*analysis.Analyzer) {
	for a := range expand(analyzers) {
		for _, f := range a.FactTypes {
			gob.Register(f)
		}
	}
}

// encode returns the facts the unit passes on to its importers: its own,
// and, inherited from its imports, the facts of objects an importer can
// reach through the types of this package without importing theirs
// (type names, methods, fields). Package facts and facts of other
// package-level objects of an import are read from that import's own
// file by whoever imports it; facts of objects not reachable from the
// package's API (no object path) are dropped.
func (s *factSet) encode() ([]byte, error) {
	var enc objectpath.Encoder
	type sortable struct {
		wireFact
		path, typ string
	}
	var facts []sortable
	s.mu.Lock()
	for k, fact := range s.m {
		if k.pkg != s.pkg && !inherited(k.obj) {
			continue
		}
		w := wireFact{Fact: fact}
		if k.pkg != s.pkg {
			w.Pkg = k.pkg.Path()
		}
		if k.obj != nil {
			p, err := enc.For(k.obj)
			if err != nil {
				continue
			}
			w.Obj = p
		}
		facts = append(facts, sortable{w, k.pkg.Path(), k.t.String()})
	}
	s.mu.Unlock()
	slices.SortFunc(facts, func(x, y sortable) int {
		return cmp.Or(cmp.Compare(x.path, y.path), cmp.Compare(x.Obj, y.Obj), cmp.Compare(x.typ, y.typ))
	})
	if len(facts) == 0 {
		return nil, nil
	}
	wire := make([]wireFact, len(facts))
	for i, f := range facts {
		wire[i] = f.wireFact
	}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(wire); err != nil {
		return nil, fmt.Errorf("encoding facts: %v", err)
	}
	return buf.Bytes(), nil
}

// inherited reports whether a fact of obj, an object of another package,
// travels on in this package's file: a type name, or an object that is
// not package-level (method, field), which importers may reach through
// this package's types.
func inherited(obj types.Object) bool {
	if obj == nil {
		return false
	}
	_, isType := obj.(*types.TypeName)
	return isType || obj.Parent() != obj.Pkg().Scope()
}

// decodeFacts returns the facts a unit sees: those in the .vetx files of
// its direct imports, including what those inherited in turn. A direct
// import without a file (go vet wrote none, or no vet tool ran on it,
// e.g. unsafe) contributes no facts; a fact about a package or object
// this package cannot reach is dropped.
func decodeFacts(pkg *types.Package, vetx map[string]string) (*factSet, error) {
	s := newFactSet(pkg)
	var reach map[string]*types.Package // computed on the first inherited fact
	for _, imp := range pkg.Imports() {
		file, ok := vetx[imp.Path()]
		if !ok {
			continue
		}
		data, err := os.ReadFile(file)
		if err != nil {
			return nil, fmt.Errorf("in %s, can't import facts for package %q: %v", pkg.Path(), imp.Path(), err)
		}
		if len(data) == 0 {
			continue
		}
		var wire []wireFact
		if err := gob.NewDecoder(bytes.NewReader(data)).Decode(&wire); err != nil {
			return nil, fmt.Errorf("decoding facts for %q: %v", imp.Path(), err)
		}
		for _, w := range wire {
			factPkg := imp
			if w.Pkg != "" {
				if reach == nil {
					reach = reachable(pkg.Imports())
				}
				if factPkg = reach[w.Pkg]; factPkg == nil {
					continue
				}
			}
			k := factKey{pkg: factPkg, t: reflect.TypeOf(w.Fact)}
			if w.Obj != "" {
				obj, err := objectpath.Object(factPkg, w.Obj)
				if err != nil {
					continue
				}
				k.obj = obj
			}
			s.m[k] = w.Fact
		}
	}
	return s, nil
}
