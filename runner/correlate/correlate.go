package correlate

import (
	"cmp"
	"maps"
	"slices"

	"github.com/racecheck/racecheck/runner/parse"
)

// Classes of the correlation, as they appear in every output.
const (
	Confirmed         = "confirmed"                // static finding and dynamic evidence
	StaticExecuted    = "static-only-executed"     // the finding's line ran, no race showed
	StaticNotExecuted = "static-only-not-executed" // no run reached the finding's line
	StaticUnknown     = "static-only"              // no coverage to tell (logs without a profile)
	DynamicOnly       = "dynamic-only"             // a race the static analysis missed
)

// An Observation is one report seen in one run.
type Observation struct {
	Report     parse.Report
	Package    string // package whose binary produced it
	Run        string // identifies the run (process), for counting runs not reports
	GOMAXPROCS int    // 0 when unknown (logs from elsewhere)
}

// A Hit counts, for one GOMAXPROCS value, the runs that showed a race
// among the runs of its package.
type Hit struct {
	GOMAXPROCS int `json:"gomaxprocs"`
	Runs       int `json:"runs"`
	Total      int `json:"total"`
}

// A Race is a deduplicated race: every report with the same ID.
type Race struct {
	ID       string       `json:"id"`
	Class    string       `json:"class"`
	Category string       `json:"category"`
	Guessed  bool         `json:"category_guessed,omitempty"`
	Package  string       `json:"package,omitempty"`
	Tests    []string     `json:"tests,omitempty"`
	Hits     []Hit        `json:"hits"`
	Current  []Site       `json:"current"`            // user frames of one access, innermost first
	Previous []Site       `json:"previous"`           // user frames of the other access
	Findings []int        `json:"findings,omitempty"` // indexes into Result.Findings
	Report   parse.Report `json:"report"`             // the first report seen, in full
}

// RunKey names the runs of one package at one GOMAXPROCS value.
type RunKey struct {
	Package    string
	GOMAXPROCS int
}

// Dedupe groups observations by race ID. totals gives the number of runs
// of each package at each GOMAXPROCS value, for the hit table. Races are
// sorted by ID.
func Dedupe(m Module, obs []Observation, totals map[RunKey]int) []Race {
	byID := make(map[string]*Race)
	runs := make(map[string]map[int]map[string]bool) // id -> gomaxprocs -> run set
	tests := make(map[string]map[string]bool)
	for _, o := range obs {
		id := m.ID(o.Report)
		r, ok := byID[id]
		if !ok {
			r = &Race{ID: id, Package: o.Package, Report: o.Report,
				Current: m.UserSites(o.Report.Current.Stack), Previous: m.UserSites(o.Report.Previous.Stack)}
			byID[id] = r
			runs[id] = make(map[int]map[string]bool)
			tests[id] = make(map[string]bool)
		}
		if runs[id][o.GOMAXPROCS] == nil {
			runs[id][o.GOMAXPROCS] = make(map[string]bool)
		}
		runs[id][o.GOMAXPROCS][o.Run] = true
		if o.Report.Test != "" {
			tests[id][o.Report.Test] = true
		}
	}
	var out []Race
	for id, r := range byID {
		procs := make(map[int]bool)
		for k := range totals {
			if k.Package == r.Package {
				procs[k.GOMAXPROCS] = true
			}
		}
		for p := range runs[id] {
			procs[p] = true
		}
		for _, p := range slices.Sorted(maps.Keys(procs)) {
			h := Hit{GOMAXPROCS: p, Runs: len(runs[id][p]), Total: totals[RunKey{r.Package, p}]}
			h.Total = max(h.Total, h.Runs)
			r.Hits = append(r.Hits, h)
		}
		r.Tests = slices.Sorted(maps.Keys(tests[id]))
		out = append(out, *r)
	}
	slices.SortFunc(out, func(a, b Race) int { return cmp.Compare(a.ID, b.ID) })
	return out
}

// Merge combines races from several sources (shards, CI jobs): races with
// the same ID add their hit counts per GOMAXPROCS value and union their
// tests; the first source's report is kept.
func Merge(sets ...[]Race) []Race {
	byID := make(map[string]*Race)
	var order []string
	for _, set := range sets {
		for _, r := range set {
			prev, ok := byID[r.ID]
			if !ok {
				r := r
				r.Hits = slices.Clone(r.Hits)
				byID[r.ID] = &r
				order = append(order, r.ID)
				continue
			}
			prev.Tests = slices.Compact(slices.Sorted(slices.Values(append(prev.Tests, r.Tests...))))
			for _, h := range r.Hits {
				i := slices.IndexFunc(prev.Hits, func(x Hit) bool { return x.GOMAXPROCS == h.GOMAXPROCS })
				if i < 0 {
					prev.Hits = append(prev.Hits, h)
					continue
				}
				prev.Hits[i].Runs += h.Runs
				prev.Hits[i].Total += h.Total
			}
			slices.SortFunc(prev.Hits, func(a, b Hit) int { return cmp.Compare(a.GOMAXPROCS, b.GOMAXPROCS) })
		}
	}
	out := make([]Race, 0, len(order))
	for _, id := range slices.Sorted(slices.Values(order)) {
		out = append(out, *byID[id])
	}
	return out
}
