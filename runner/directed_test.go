package runner

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/racecheck/racecheck/runner/correlate"
	"github.com/racecheck/racecheck/runner/report"
)

// The directed tests build the window fixtures for real with -race: the
// races there show in almost no plain run. Eight directed runs make a
// miss of a race that shows in most of them (see BENCHMARKS.md) a
// one-in-a-thousand event.

func directedRun(t *testing.T, dir string, a *analysis.Analyzer) *report.Run {
	t.Helper()
	before := snapshot(t, dir)
	res := run(t, Options{Dir: dir, CPU: []int{1, 2}, Count: 1, Directed: 8, Seed: 42, Analyzers: []*analysis.Analyzer{a}})
	if after := snapshot(t, dir); after != before {
		t.Errorf("the fixture's tree changed:\n%s\nbecame\n%s", before, after)
	}
	d := res.Directed
	if d == nil || d.Runs != 8 || d.Seed != 42 || d.Sites.Finding == 0 || d.Sites.Goroutine == 0 || d.Sites.AfterGo == 0 {
		t.Fatalf("directed = %+v, want 8 runs, seed 42 and sites of every kind", d)
	}
	seeds := make(map[uint64]bool)
	for _, ri := range res.Runs {
		if ri.Directed {
			seeds[ri.Seed] = true
		}
	}
	if len(seeds) != 8 || !seeds[42] || !seeds[49] {
		t.Errorf("directed run seeds %v, want 42..49", seeds)
	}
	return res
}

func TestDirectedConfirms(t *testing.T) {
	res := directedRun(t, fixture("window"), stub(
		stubTarget{"window.go", 28, "shared-field"}, // Server: write before the lock
		stubTarget{"window.go", 96, "shared-field"}, // Stats: write the reporter may read first
	))
	for i, f := range res.Findings {
		df := res.Directed.Findings[i]
		if f.Class != correlate.Confirmed || df.Verdict != report.DirectedConfirmed || df.Observed == 0 || df.Executed < df.Observed {
			t.Errorf("finding %s: class %s, directed %+v; want confirmed under directed schedules", f.Pos, f.Class, df)
		}
	}
	// Fetch's race is no static finding: the wider candidate set (the
	// goroutine's captured variables) exposes it.
	fetch := raceAt(res, "window.go", 56)
	if fetch == nil || fetch.Class != correlate.DynamicOnly {
		t.Fatalf("Fetch race = %+v, want dynamic-only", fetch)
	}
	seen := false
	for _, r := range res.Directed.Races {
		seen = seen || (r.ID == fetch.ID && r.Runs > 0 && r.Total == 8)
	}
	if !seen {
		t.Errorf("directed races %+v lack Fetch's %s", res.Directed.Races, fetch.ID)
	}
}

func TestDirectedNeverInvents(t *testing.T) {
	res := directedRun(t, fixture("windowfree"), stub(
		stubTarget{"window.go", 26, "shared-field"}, // Server: write under the publishing lock
		stubTarget{"window.go", 89, "shared-field"}, // Stats: write under the lock
	))
	if len(res.Races) != 0 || len(res.Directed.Races) != 0 {
		t.Errorf("races on the race-free twin: %+v", res.Races)
	}
	for i, df := range res.Directed.Findings {
		if df.Verdict != report.DirectedNeverObserved || df.Executed != 8 {
			t.Errorf("finding %s: %+v, want executed in 8 directed runs, never observed", res.Findings[i].Pos, df)
		}
	}
}

// snapshot lists a directory's files with their sizes and times.
func snapshot(t *testing.T, dir string) string {
	t.Helper()
	var s string
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		s += fmt.Sprintln(path, info.ModTime(), info.Size())
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return s
}
