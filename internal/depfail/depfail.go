// Package depfail keeps an analyzer's failure on one package from failing
// the packages that import it.
//
// The go/analysis drivers run an analyzer that has facts on every
// dependency first, and an error there makes the importer's action fail
// with "failed prerequisites": one analyzer bug in a dependency (or in a
// package the user named) would fail every package above it. Wrap turns
// such an error into a success without a result, after handing it to a
// callback that decides what the user sees. Facts the failed run exported
// before it stopped are kept (racecheck's analyzers export theirs last),
// so importers are analyzed as if the package had no facts.
package depfail

import (
	"fmt"
	"go/types"
	"reflect"
	"sort"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"
)

// A Failure is an analyzer's error on one package.
type Failure struct {
	Pkg      *types.Package
	Analyzer string
	Err      error
}

func (f Failure) String() string {
	return fmt.Sprintf("%s: %s: %v", f.Pkg.Path(), f.Analyzer, f.Err)
}

// Wrap returns copies of analyzers whose Run hands an error to fail and
// returns fail's result as the error: nil makes the run a success with
// the zero value of its ResultType as result. The analyzers they require are shared, not copied, so that
// pass.ResultOf keeps its keys. A copy has the original's name, flags and
// fact types.
func Wrap(analyzers []*analysis.Analyzer, fail func(Failure) error) []*analysis.Analyzer {
	out := make([]*analysis.Analyzer, len(analyzers))
	for i, a := range analyzers {
		c := new(analysis.Analyzer)
		*c = *a
		run, name, rt := a.Run, a.Name, a.ResultType
		c.Run = func(pass *analysis.Pass) (any, error) {
			res, err := run(pass)
			if err == nil {
				return res, nil
			}
			if err := fail(Failure{Pkg: pass.Pkg, Analyzer: name, Err: err}); err != nil {
				return nil, err
			}
			// The drivers check the result's type: a zero value of the
			// declared type (a nil pointer) passes, so the run counts
			// as done and its importers go on.
			if rt != nil {
				return reflect.Zero(rt).Interface(), nil
			}
			return nil, nil
		}
		out[i] = c
	}
	return out
}

// A Recorder collects failures, keeping only the first per package.
type Recorder struct {
	mu    sync.Mutex
	first map[string]Failure
}

// Record keeps f if it is the first failure on its package and returns
// nil, so that importers go on without the package's facts.
func (r *Recorder) Record(f Failure) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.first == nil {
		r.first = make(map[string]Failure)
	}
	if _, ok := r.first[f.Pkg.Path()]; !ok {
		r.first[f.Pkg.Path()] = f
	}
	return nil
}

// Failures returns the recorded failures sorted by package path.
func (r *Recorder) Failures() []Failure {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]Failure, 0, len(r.first))
	for _, f := range r.first {
		out = append(out, f)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Pkg.Path() < out[j].Pkg.Path() })
	return out
}

// Warning is the one line that tells the user an analyzer failed on a
// dependency and what that means for the results.
func Warning(f Failure) string {
	return fmt.Sprintf("warning: %s failed on dependency %s: %s; packages importing it were analyzed without its facts",
		f.Analyzer, f.Pkg.Path(), firstLine(f.Err.Error()))
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}
