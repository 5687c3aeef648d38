package correlate

import (
	"cmp"
	"slices"

	"github.com/racecheck/racecheck/runner/findings"
)

// Exec says what the runs tell about one static finding's code.
type Exec struct {
	Known       bool `json:"known"`                  // coverage was collected
	Executed    bool `json:"executed"`               // some run executed the finding's line
	PeakThreads int  `json:"peak_threads,omitempty"` // highest thread count of a run that executed it
}

// A Finding is a static finding with its correlation.
type Finding struct {
	findings.Finding
	Class string   `json:"class"`
	Exec  Exec     `json:"exec"`
	Races []string `json:"races,omitempty"` // IDs of the races that confirm it
	// Threads is set for spawn findings: confirmed by a thread peak above
	// ThreadLimit in a run that executed the finding.
	Threads bool `json:"thread_evidence,omitempty"`
}

// Input is everything Correlate needs.
type Input struct {
	Module   Module
	Findings []findings.Finding
	Exec     []Exec // parallel to Findings; nil when no coverage was collected
	Races    []Race
	CPUs     int
	// MaxGOMAXPROCS is the highest GOMAXPROCS value of the runs (0 when
	// unknown: the default, CPUs, is assumed).
	MaxGOMAXPROCS int
	// IsSpawn reports whether a category belongs to the spawn analyzer,
	// whose findings are confirmed by thread counts instead of races.
	IsSpawn func(category string) bool
}

// Result is the correlation of static findings and dynamic races.
type Result struct {
	Findings    []Finding `json:"findings"`
	Races       []Race    `json:"races"`
	ThreadLimit int       `json:"thread_limit"` // 2 x CPUs
}

// Correlate classifies every finding and every race.
//
// A race confirms a finding when a user frame of either access stack
// (not only the innermost) has the same module-relative file and line as
// the finding's position or one of its related positions. The race
// detector prints inlined calls as frames of their own with their source
// lines, so inlining shifts nothing; matching every user frame also
// confirms a finding reported at the call of a helper that does the
// access. Lines must be equal: a finding one line off is not confirmed.
func Correlate(in Input) Result {
	res := Result{ThreadLimit: ThreadLimit(in.CPUs, in.MaxGOMAXPROCS), Races: make([]Race, len(in.Races))}
	copy(res.Races, in.Races)
	for j := range res.Races {
		// Indexes from an earlier correlation (a merged -json) are stale.
		res.Races[j].Findings = nil
	}
	for i, f := range in.Findings {
		cf := Finding{Finding: f}
		if in.Exec != nil {
			cf.Exec = in.Exec[i]
		}
		spawn := in.IsSpawn != nil && in.IsSpawn(f.Category)
		if !spawn {
			for j := range res.Races {
				if matches(in.Module, f, &res.Races[j]) {
					cf.Races = append(cf.Races, res.Races[j].ID)
					res.Races[j].Findings = append(res.Races[j].Findings, i)
				}
			}
		} else if cf.Exec.Executed && cf.Exec.PeakThreads > res.ThreadLimit {
			cf.Threads = true
		}
		cf.Class = classify(cf)
		res.Findings = append(res.Findings, cf)
	}
	for j := range res.Races {
		r := &res.Races[j]
		sortByDepth(in.Module, in.Findings, r)
		if len(r.Findings) > 0 {
			r.Class = Confirmed
			r.Category = in.Findings[r.Findings[0]].Category
			r.Guessed = false
		} else {
			r.Class = DynamicOnly
			r.Category = GuessCategory(r.Report)
			r.Guessed = true
		}
	}
	return res
}

// runtimeThreads is a margin for the threads every Go process has
// besides one per P: sysmon, the template thread, idle and spinning Ms,
// Ms blocked in system calls (a test writing its output). A race-enabled
// test binary doing nothing peaks at 4 to 6 threads at GOMAXPROCS 1 to 8.
const runtimeThreads = 5

// ThreadLimit returns the thread count above which a run proves a spawn
// finding: 2 x CPUs, but never less than the runtime's own threads at
// the highest GOMAXPROCS value run, so that on a small machine an
// ordinary process does not confirm anything (on 2 CPUs, 2 x CPUs is 4
// and an idle test binary already has 5).
func ThreadLimit(cpus, maxGOMAXPROCS int) int {
	return max(2*cpus, max(maxGOMAXPROCS, cpus)+runtimeThreads)
}

func classify(f Finding) string {
	switch {
	case len(f.Races) > 0 || f.Threads:
		return Confirmed
	case !f.Exec.Known:
		return StaticUnknown
	case f.Exec.Executed:
		return StaticExecuted
	}
	return StaticNotExecuted
}

// sortByDepth orders the findings a race confirms by how close to the
// racy access they match: a finding at the access itself comes before
// one at the call of the function doing it (an inlined helper's caller),
// and gives the race its category.
func sortByDepth(m Module, fnds []findings.Finding, r *Race) {
	slices.SortStableFunc(r.Findings, func(a, b int) int {
		return cmp.Compare(depth(m, fnds[a], r), depth(m, fnds[b], r))
	})
}

// depth returns the index of the innermost frame of either access stack
// at the finding's position, or at one of its related positions counted
// one frame deeper; -1 when none matches.
func depth(m Module, f findings.Finding, r *Race) int {
	best := -1
	targets := []findings.Position{f.Pos}
	for _, rel := range f.Related {
		targets = append(targets, rel.Pos)
	}
	for k, p := range targets {
		file, ok := m.RelFile(p.File, "")
		if !ok {
			continue
		}
		for _, sites := range [][]Site{r.Current, r.Previous} {
			for i, s := range sites {
				if d := i + min(k, 1); s.File == file && s.Line == p.Line && (best < 0 || d < best) {
					best = d
				}
			}
		}
	}
	return best
}

// matches reports whether race r confirms finding f.
func matches(m Module, f findings.Finding, r *Race) bool {
	return depth(m, f, r) >= 0
}
