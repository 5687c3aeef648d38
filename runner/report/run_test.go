package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/racecheck/racecheck/runner/correlate"
	"github.com/racecheck/racecheck/runner/exec"
	"github.com/racecheck/racecheck/runner/findings"
	"github.com/racecheck/racecheck/runner/parse"
)

func hit(procs, runs, total int) correlate.Hit {
	return correlate.Hit{GOMAXPROCS: procs, Runs: runs, Total: total}
}

func TestHitSummary(t *testing.T) {
	for _, tc := range []struct {
		hits []correlate.Hit
		want string
	}{
		{[]correlate.Hit{hit(1, 3, 3), hit(2, 3, 3)}, "every run (6/6)"},
		{[]correlate.Hit{hit(1, 0, 3), hit(2, 2, 3), hit(4, 1, 3)}, "flaky: 3/9 runs, only at GOMAXPROCS>=2"},
		{[]correlate.Hit{hit(1, 1, 3), hit(2, 0, 3)}, "flaky: 1/6 runs, only at GOMAXPROCS 1"},
		{[]correlate.Hit{hit(0, 2, 5)}, "flaky: 2/5 runs"},
	} {
		if got := HitSummary(tc.hits); got != tc.want {
			t.Errorf("HitSummary(%v) = %q, want %q", tc.hits, got, tc.want)
		}
	}
}

func TestRunText(t *testing.T) {
	site := correlate.Site{Func: "example.com/m.F.func1", File: "f.go", Line: 12}
	r := &Run{
		ThreadLimit: 7,
		Findings: []correlate.Finding{
			{Finding: findings.Finding{Category: "captured-var", Message: "write to x", Pos: findings.Position{File: "/m/f.go", Line: 12}}, Class: correlate.Confirmed, Races: []string{"R1"}},
			{Finding: findings.Finding{Category: "lockosthread-per-item", Message: "thread per item", Pos: findings.Position{File: "/m/g.go", Line: 3}}, Class: correlate.Confirmed, Threads: true, Exec: correlate.Exec{Known: true, Executed: true, PeakThreads: 68}},
			{Finding: findings.Finding{Category: "captured-var", Message: "never run", Pos: findings.Position{File: "/m/h.go", Line: 9}}, Class: correlate.StaticNotExecuted},
		},
		Races: []correlate.Race{
			{ID: "R1", Class: correlate.Confirmed, Category: "captured-var", Findings: []int{0}, Tests: []string{"TestF"},
				Hits: []correlate.Hit{hit(1, 0, 2), hit(2, 2, 2)}, Current: []correlate.Site{site}, Previous: []correlate.Site{site},
				Report: parse.Report{Current: parse.Access{Op: "write", Goroutine: 8}, Previous: parse.Access{Op: "read", Previous: true, Main: true, StackLost: true}}},
			{ID: "R2", Class: correlate.DynamicOnly, Category: "captured-map", Guessed: true, Hits: []correlate.Hit{hit(2, 1, 2)}},
		},
		Runs: []RunInfo{{Package: "example.com/m", GOMAXPROCS: 2, Rep: 1, Status: exec.StatusTimeout, Peak: exec.Peak{Threads: 68, RSSKB: 4096, Sampled: true}}},
	}
	r.Summarize()
	var buf bytes.Buffer
	if err := RunText(&buf, r, TextOptions{Dir: "/m"}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		"confirmed: static finding and race observed (1)",
		"R1 [captured-var] flaky: 2/4 runs, only at GOMAXPROCS>=2",
		"static: f.go:12: write to x",
		"previous read by main goroutine:",
		"[stack not restored by the race detector]",
		"GOMAXPROCS  1: 0/2   2: 2/2",
		"confirmed by thread count: a run that executed the code peaked above 7 OS threads (1)",
		"g.go:3: thread per item [lockosthread-per-item] (peak 68 threads)",
		"R2 [captured-map?]",
		"static-only, not executed: no test reaches this code (add a test) (1)",
		"example.com/m timeout at GOMAXPROCS=2",
		"peaks (limit 7 threads): GOMAXPROCS=2: 68 threads, 4 MiB",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestReadRunJSONVersion(t *testing.T) {
	if _, err := ReadRunJSON(strings.NewReader(`{"version": 99}`)); err == nil || !strings.Contains(err.Error(), "version 99") {
		t.Errorf("err = %v, want a version error", err)
	}
	var buf bytes.Buffer
	if err := RunJSON(&buf, &Run{Version: RunVersion, Module: "m"}); err != nil {
		t.Fatal(err)
	}
	if r, err := ReadRunJSON(&buf); err != nil || r.Module != "m" {
		t.Errorf("round trip: %+v, %v", r, err)
	}
}

func TestSummaryPlurals(t *testing.T) {
	for _, tc := range []struct {
		n    int
		noun string
		want string
	}{{1, "run", "1 run"}, {0, "race", "0 races"}, {2, "static-only finding", "2 static-only findings"}, {1, "confirmed finding", "1 confirmed finding"}} {
		if got := count(tc.n, tc.noun); got != tc.want {
			t.Errorf("count(%d, %q) = %q, want %q", tc.n, tc.noun, got, tc.want)
		}
	}
}
