// Package benchtool holds the pieces of racecheck's benchmark harness
// (.ci/bench): the SSA-floor analyzer, parsing of /usr/bin/time output,
// medians, and fact-size accounting. It is internal: nothing here is part
// of the product.
package benchtool

import (
	"bytes"
	"encoding/gob"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/analysis/passes/buildssa"
)

// Floor is the benchmark's baseline analyzer: it only requires buildssa,
// so a run of the driver with it costs exactly loading, type-checking and
// building SSA, the work every racecheck analyzer cannot avoid.
var Floor = &analysis.Analyzer{
	Name:     "ssafloor",
	Doc:      "build SSA for every package and do nothing else (benchmark baseline)",
	Requires: []*analysis.Analyzer{buildssa.Analyzer},
	Run:      func(*analysis.Pass) (any, error) { return nil, nil },
}

// FloorDeps is Floor with a (never exported) fact type. Drivers run
// analyzers with facts on every dependency of the packages named too,
// with what they require: so it builds SSA for the whole import closure,
// as racecheck's suite must to compute its facts (lockcheck's summaries),
// where Floor builds it for the packages named only.
var FloorDeps = &analysis.Analyzer{
	Name:      "ssafloordeps",
	Doc:       "build SSA for every package and its dependencies and do nothing else (benchmark baseline)",
	Requires:  []*analysis.Analyzer{buildssa.Analyzer},
	FactTypes: []analysis.Fact{new(floorFact)},
	Run:       func(*analysis.Pass) (any, error) { return nil, nil },
}

// floorFact is FloorDeps' fact type; no fact is ever exported.
type floorFact struct{}

func (*floorFact) AFact() {}

// TimeFormat is the /usr/bin/time -f format ParseTime reads: elapsed,
// user and system seconds, and peak resident set size in KiB.
const TimeFormat = "BENCHTIME %e %U %S %M"

// Sample is one measured run.
type Sample struct {
	Wall, CPU time.Duration // CPU is user + system
	PeakKB    int64         // maximum resident set size
}

// ParseTime extracts the sample written by /usr/bin/time -f TimeFormat
// from a command's standard error (the last matching line wins).
func ParseTime(stderr []byte) (Sample, error) {
	lines := strings.Split(string(stderr), "\n")
	for i := len(lines) - 1; i >= 0; i-- {
		f := strings.Fields(lines[i])
		if len(f) != 5 || f[0] != "BENCHTIME" {
			continue
		}
		var v [4]float64
		for j := range v {
			x, err := strconv.ParseFloat(f[j+1], 64)
			if err != nil {
				return Sample{}, fmt.Errorf("parsing time output %q: %w", lines[i], err)
			}
			v[j] = x
		}
		return Sample{Wall: seconds(v[0]), CPU: seconds(v[1] + v[2]), PeakKB: int64(v[3])}, nil
	}
	return Sample{}, fmt.Errorf("no %q line in the output of /usr/bin/time", "BENCHTIME")
}

func seconds(s float64) time.Duration { return time.Duration(s * float64(time.Second)) }

// Median returns the element-wise median of samples (the lower middle
// for an even count); the zero Sample for none.
func Median(samples []Sample) Sample {
	if len(samples) == 0 {
		return Sample{}
	}
	mid := (len(samples) - 1) / 2
	pick := func(get func(Sample) int64) int64 {
		v := make([]int64, len(samples))
		for i, s := range samples {
			v[i] = get(s)
		}
		slices.Sort(v)
		return v[mid]
	}
	return Sample{
		Wall:   time.Duration(pick(func(s Sample) int64 { return int64(s.Wall) })),
		CPU:    time.Duration(pick(func(s Sample) int64 { return int64(s.CPU) })),
		PeakKB: pick(func(s Sample) int64 { return s.PeakKB }),
	}
}

// Ratio is a/b for each measure.
type Ratio struct{ Wall, CPU, Mem float64 }

// Compare returns the ratios of a to b.
func Compare(a, b Sample) Ratio {
	div := func(x, y float64) float64 {
		if y == 0 {
			return 0
		}
		return x / y
	}
	return Ratio{
		Wall: div(a.Wall.Seconds(), b.Wall.Seconds()),
		CPU:  div(a.CPU.Seconds(), b.CPU.Seconds()),
		Mem:  div(float64(a.PeakKB), float64(b.PeakKB)),
	}
}

// FactStats sums the facts one analyzer holds, gob-encoded per package
// in one stream as unitchecker encodes them.
type FactStats struct {
	Analyzer string
	Facts    int   // facts the packages exported themselves
	Own      int64 // their encoded size
	Visible  int64 // encoded size of the facts each package saw (own, direct imports' package facts, inherited object facts), summed
	MaxPkg   int64 // the largest Visible of one package, close to its .vetx size
}

// FactSizes measures the facts of each analyzer with fact types in graph,
// in analyzer-name order.
func FactSizes(graph *checker.Graph) ([]FactStats, error) {
	byName := make(map[string]*FactStats)
	for act := range graph.All() {
		if act.Err != nil || len(act.Analyzer.FactTypes) == 0 {
			continue
		}
		st := byName[act.Analyzer.Name]
		if st == nil {
			st = &FactStats{Analyzer: act.Analyzer.Name}
			byName[act.Analyzer.Name] = st
		}
		var own, all []analysis.Fact
		for _, f := range act.AllObjectFacts() {
			all = append(all, f.Fact)
			if f.Object.Pkg() == act.Package.Types {
				own = append(own, f.Fact)
			}
		}
		imports := act.Package.Types.Imports()
		for _, f := range act.AllPackageFacts() {
			// As under unitchecker: a package sees the package facts of
			// its direct imports only (go/analysis/checker passes them all
			// along, as pointers).
			if f.Package == act.Package.Types {
				own = append(own, f.Fact)
				all = append(all, f.Fact)
			} else if slices.Contains(imports, f.Package) {
				all = append(all, f.Fact)
			}
		}
		ownSize, err := encodedSize(own)
		if err != nil {
			return nil, fmt.Errorf("%s: %s: %w", act.Package.PkgPath, act.Analyzer.Name, err)
		}
		allSize, err := encodedSize(all)
		if err != nil {
			return nil, fmt.Errorf("%s: %s: %w", act.Package.PkgPath, act.Analyzer.Name, err)
		}
		st.Facts += len(own)
		st.Own += ownSize
		st.Visible += allSize
		st.MaxPkg = max(st.MaxPkg, allSize)
	}
	var out []FactStats
	for _, st := range byName {
		out = append(out, *st)
	}
	slices.SortFunc(out, func(a, b FactStats) int { return strings.Compare(a.Analyzer, b.Analyzer) })
	return out, nil
}

// encodedSize is the size of facts gob-encoded in one stream, so that
// each type is described once.
func encodedSize(facts []analysis.Fact) (int64, error) {
	var buf bytes.Buffer
	enc := gob.NewEncoder(&buf)
	for _, f := range facts {
		if err := enc.Encode(f); err != nil {
			return 0, fmt.Errorf("encoding %s fact: %w", reflect.TypeOf(f), err)
		}
	}
	return int64(buf.Len()), nil
}
