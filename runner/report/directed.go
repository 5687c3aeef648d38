package report

import "fmt"

// Verdicts of a static finding under directed schedules.
const (
	DirectedConfirmed       = "confirmed"        // a directed run showed a race matching the finding
	DirectedNeverObserved   = "never-observed"   // its site ran under directed schedules, no race showed
	DirectedNotExecuted     = "not-executed"     // no directed run reached its site
	DirectedNotInstrumented = "not-instrumented" // its position is in no statement that can take a delay
)

// Directed describes the directed-schedule runs of racecheck run
// -directed: how many, their seeds, the candidate sites delayed, and a
// verdict for every static finding.
type Directed struct {
	Runs int `json:"runs"` // directed runs per test binary
	// Seed is the base seed: run k (0-based) of every binary uses Seed+k,
	// recorded in that run's RunInfo too; racecheck run -directed 1
	// -seed S -cpu P replays one.
	Seed     uint64            `json:"seed"`
	Sites    DirectedSites     `json:"sites"`
	Findings []DirectedFinding `json:"findings"`
	Races    []DirectedRace    `json:"races,omitempty"`
}

// A DirectedRace counts the directed runs that showed a race.
type DirectedRace struct {
	ID    string `json:"id"`
	Runs  int    `json:"runs"`  // directed runs that showed it
	Total int    `json:"total"` // directed runs of its package
}

// DirectedSites counts the candidate sites by kind.
type DirectedSites struct {
	Finding   int `json:"finding"`   // accesses of static findings
	Goroutine int `json:"goroutine"` // shared accesses in goroutine bodies
	AfterGo   int `json:"after_go"`  // the spawner's accesses after a go statement
}

// A DirectedFinding is the verdict of directed schedules on one finding.
type DirectedFinding struct {
	Finding  int    `json:"finding"` // index into Run.Findings
	Verdict  string `json:"verdict"`
	Executed int    `json:"executed_runs"`           // directed runs that reached its site
	Observed int    `json:"observed_runs,omitempty"` // directed runs that showed a matching race
}

// Describe returns the verdict as the text output words it.
func (d DirectedFinding) Describe(runs int) string {
	switch d.Verdict {
	case DirectedConfirmed:
		return fmt.Sprintf("confirmed under directed schedules (%d of %d runs that reached it)", d.Observed, d.Executed)
	case DirectedNeverObserved:
		return fmt.Sprintf("executed %d times under directed schedules, never observed", d.Executed)
	case DirectedNotExecuted:
		return fmt.Sprintf("not reached by any of %d directed runs", runs)
	}
	return "not instrumented: no statement to delay at its position"
}
