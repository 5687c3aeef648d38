package report

import (
	"fmt"
	"slices"
	"strings"

	"github.com/racecheck/racecheck/runner/correlate"
	"github.com/racecheck/racecheck/runner/exec"
)

// RunVersion is the version of the racecheck run -json schema. It
// changes when a field changes meaning or disappears; added fields keep
// it.
const RunVersion = 1

// A Run is the outcome of racecheck run or racecheck correlate: what was
// run, and the correlation of static findings and races. It is the
// -json output, and racecheck correlate reads it back to merge shards.
type Run struct {
	Version     int                 `json:"version"`
	Module      string              `json:"module"`
	Dir         string              `json:"dir,omitempty"` // module root on the machine that ran it
	CPUs        int                 `json:"cpus"`
	GOMAXPROCS  []int               `json:"gomaxprocs,omitempty"`
	Count       int                 `json:"count,omitempty"`
	Shard       string              `json:"shard,omitempty"` // "K/N" when -shard was used
	ThreadLimit int                 `json:"thread_limit"`
	Runs        []RunInfo           `json:"runs"`
	Findings    []correlate.Finding `json:"findings"`
	Races       []correlate.Race    `json:"races"`
	Failures    []Failure           `json:"failures,omitempty"` // failing, panicking and hung tests
	Summary     Summary             `json:"summary"`
}

// A RunInfo is one process racecheck ran (or one log it read).
type RunInfo struct {
	Package    string    `json:"package"`
	GOMAXPROCS int       `json:"gomaxprocs"` // 0: unknown (a log)
	Rep        int       `json:"rep,omitempty"`
	Status     string    `json:"status"` // pass, fail, race, timeout, stopped, crash, log
	ExitCode   int       `json:"exit_code"`
	DurationMS int64     `json:"duration_ms"`
	Reports    int       `json:"reports"`
	Peak       exec.Peak `json:"peak"`
	Source     string    `json:"source,omitempty"` // the log file, for racecheck correlate
}

// Summary counts the classes.
type Summary struct {
	Confirmed         int `json:"confirmed"`
	StaticExecuted    int `json:"static_only_executed"`
	StaticNotExecuted int `json:"static_only_not_executed"`
	StaticUnknown     int `json:"static_only_unknown"`
	DynamicOnly       int `json:"dynamic_only"`
	Races             int `json:"races"`
	Runs              int `json:"runs"`
	Timeouts          int `json:"timeouts"`
	Crashes           int `json:"crashes"`
	Failures          int `json:"failures"` // failing tests (entries of failures)
}

// Summarize fills r.Summary from the findings, races and runs.
func (r *Run) Summarize() {
	s := Summary{Races: len(r.Races), Runs: len(r.Runs), Failures: len(r.Failures)}
	for _, f := range r.Findings {
		switch f.Class {
		case correlate.Confirmed:
			s.Confirmed++
		case correlate.StaticExecuted:
			s.StaticExecuted++
		case correlate.StaticNotExecuted:
			s.StaticNotExecuted++
		default:
			s.StaticUnknown++
		}
	}
	for _, rc := range r.Races {
		if rc.Class == correlate.DynamicOnly {
			s.DynamicOnly++
		}
	}
	for _, ri := range r.Runs {
		switch ri.Status {
		case exec.StatusTimeout:
			s.Timeouts++
		case exec.StatusCrash:
			s.Crashes++
		}
	}
	r.Summary = s
}

// HitSummary describes how often a race showed, e.g.
// "flaky: 3/9 runs, only at GOMAXPROCS>=2" or "every run (6/6)".
func HitSummary(hits []correlate.Hit) string {
	runs, total := 0, 0
	var seen, missed []int
	for _, h := range hits {
		runs += h.Runs
		total += h.Total
		if h.GOMAXPROCS == 0 {
			continue
		}
		if h.Runs > 0 {
			seen = append(seen, h.GOMAXPROCS)
		} else {
			missed = append(missed, h.GOMAXPROCS)
		}
	}
	var b strings.Builder
	if runs == total {
		fmt.Fprintf(&b, "every run (%d/%d)", runs, total)
	} else {
		fmt.Fprintf(&b, "flaky: %d/%d runs", runs, total)
	}
	if len(seen) > 0 && len(missed) > 0 {
		if slices.Max(missed) < slices.Min(seen) {
			fmt.Fprintf(&b, ", only at GOMAXPROCS>=%d", slices.Min(seen))
		} else {
			fmt.Fprintf(&b, ", only at GOMAXPROCS %s", joinInts(seen))
		}
	}
	return b.String()
}

func joinInts(xs []int) string {
	var s []string
	for _, x := range xs {
		s = append(s, fmt.Sprint(x))
	}
	return strings.Join(s, ",")
}
