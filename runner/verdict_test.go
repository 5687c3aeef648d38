package runner

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/go/analysis"

	"github.com/racecheck/racecheck/runner/correlate"
	"github.com/racecheck/racecheck/runner/exec"
	"github.com/racecheck/racecheck/runner/parse"
	"github.com/racecheck/racecheck/runner/report"
)

// failureOf returns the failure of test, or nil.
func failureOf(res *report.Run, pkg, test string) *report.Failure {
	for i, f := range res.Failures {
		if f.Package == pkg && f.Test == test {
			return &res.Failures[i]
		}
	}
	return nil
}

func TestRunVerdicts(t *testing.T) {
	res := run(t, Options{
		Dir: fixture("verdicts"), CPU: []int{1, 2}, Count: 1,
		Analyzers: []*analysis.Analyzer{stub(
			stubTarget{"testfile_test.go", 20, "captured-var"}, // TestOneWorker: runs
			stubTarget{"testfile_test.go", 33, "captured-var"}, // BenchmarkWorkers: never runs
			stubTarget{"testfile_test.go", 47, "captured-var"}, // sum: a helper
			stubTarget{"panics.go", 6, "captured-map"},         // ran only in runs that died
		)},
	})
	everyRun := []report.FailRun{{GOMAXPROCS: 1, Rep: 1}, {GOMAXPROCS: 2, Rep: 1}}
	for _, want := range []struct {
		pkg, test, kind, line string
		notRun                []string
	}{
		{"example.com/verdicts/fail", "TestFatal", report.FailTest, "fail_test.go:18: Sum(1, 1) = 2, want 3", nil},
		{"example.com/verdicts/fail", "TestSubtests/bad", report.FailTest, "fail_test.go:24: subtest bad failed", nil},
		{"example.com/verdicts/panics", "TestNilMap", report.FailPanic, "panic: assignment to entry in nil map", []string{"TestLater"}},
	} {
		f := failureOf(res, want.pkg, want.test)
		if f == nil {
			t.Errorf("no failure of %s %s in %+v", want.pkg, want.test, res.Failures)
			continue
		}
		if f.Kind != want.kind || !slices.Equal(f.Runs, everyRun) || f.Total != 2 || !slices.Equal(f.NotRun, want.notRun) ||
			!slices.ContainsFunc(f.Output, func(l string) bool { return strings.HasPrefix(l, want.line) }) {
			t.Errorf("failure of %s = %+v, want kind %s in every run, not run %v, output with %q", want.test, f, want.kind, want.notRun, want.line)
		}
	}
	if len(res.Failures) != 3 {
		t.Errorf("got %d failures, want 3 (TestRacesOnly failed by the race detector alone, TestSubtests by its subtest): %+v", len(res.Failures), res.Failures)
	}
	if len(res.Races) != 1 || res.Races[0].Tests[0] != "TestRacesOnly" || res.Summary.Failures != 3 {
		t.Errorf("races %+v, summary %+v: want the race of TestRacesOnly and 3 failures", res.Races, res.Summary)
	}
	want := map[int]string{20: correlate.StaticExecuted, 33: correlate.StaticNotExecuted, 47: correlate.StaticUnknown, 6: correlate.StaticUnknown}
	for _, f := range res.Findings {
		if want[f.Pos.Line] != f.Class {
			t.Errorf("finding %s:%d: class %s, want %s", filepath.Base(f.Pos.File), f.Pos.Line, f.Class, want[f.Pos.Line])
		}
	}
}

func TestTestTimeout(t *testing.T) {
	for _, tc := range []struct{ in, want time.Duration }{
		{10 * time.Minute, 9*time.Minute + 30*time.Second},
		{time.Minute, 54 * time.Second},
		{3 * time.Second, 2500 * time.Millisecond},
		{600 * time.Millisecond, 300 * time.Millisecond},
	} {
		if got := testTimeout(tc.in); got != tc.want {
			t.Errorf("testTimeout(%v) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

func TestRunFailuresExit(t *testing.T) {
	// A binary that exited in the middle of a test, without a panic.
	o := &parse.Outcome{Tests: []parse.TestResult{{Name: "TestA", Status: parse.TestPass}, {Name: "TestExit", Status: parse.TestRunning, Output: []string{"x_test.go:3: about to exit"}}}}
	fs := runFailures(o, exec.Result{Status: exec.StatusCrash, ExitCode: 3}, t.TempDir())
	if len(fs) != 1 || fs[0].Kind != report.FailExit || fs[0].Test != "TestExit" || !strings.Contains(fs[0].Output[len(fs[0].Output)-1], "status 3") {
		t.Errorf("failures = %+v, want an early exit in TestExit", fs)
	}
	// Status 1 with every test passing: TestMain failed.
	o = &parse.Outcome{Tests: []parse.TestResult{{Name: "TestA", Status: parse.TestPass}}, Finished: true}
	fs = runFailures(o, exec.Result{Status: exec.StatusFail, ExitCode: 1, Log: &parse.Log{}}, t.TempDir())
	if len(fs) != 1 || fs[0].Kind != report.FailExit || fs[0].Test != "" {
		t.Errorf("failures = %+v, want one failure naming no test", fs)
	}
	// Killed by racecheck: the binary did not time out by itself.
	o = &parse.Outcome{Tests: []parse.TestResult{{Name: "TestStuck", Status: parse.TestRunning}, {Name: "TestStuck/sub", Status: parse.TestRunning}}}
	fs = runFailures(o, exec.Result{Status: exec.StatusTimeout, ExitCode: -1, Duration: 3 * time.Second}, "")
	if len(fs) != 1 || fs[0].Kind != report.FailTimeout || fs[0].Test != "TestStuck/sub" || !strings.HasPrefix(fs[0].Output[0], "killed by racecheck after 3s") {
		t.Errorf("failures = %+v, want a timeout of TestStuck/sub killed by racecheck", fs)
	}
	// A program (-exec): races alone are no failure; a panic is.
	if fs := runFailures(&parse.Outcome{}, exec.Result{Status: exec.StatusRace, ExitCode: 66}, ""); len(fs) != 0 {
		t.Errorf("program with races: failures %+v, want none", fs)
	}
	o = &parse.Outcome{Panic: []string{"panic: boom"}}
	if fs := runFailures(o, exec.Result{Status: exec.StatusCrash, ExitCode: 2}, ""); len(fs) != 1 || fs[0].Kind != report.FailPanic || fs[0].Output[0] != "panic: boom" {
		t.Errorf("program panic: failures %+v, want the panic", fs)
	}
}

func TestFailEvidence(t *testing.T) {
	dir := t.TempDir()
	src := "package p\n\nfunc TestP(t *testing.T) {\n\tt.Logf(\"n = %d\", n)\n\tt.Errorf(\"bad\")\n\tcheck(t)\n}\n"
	writeFile(t, filepath.Join(dir, "p_test.go"), src)
	for _, tc := range []struct {
		lines []string
		want  bool
	}{
		{[]string{"p_test.go:4: n = 1"}, false},
		{[]string{"p_test.go:4: n = 1", "    a continuation line", "plain output"}, false},
		{[]string{"p_test.go:5: bad"}, true},
		{[]string{"p_test.go:6: a helper's message"}, true},
		{[]string{"gone_test.go:4: unreadable source"}, true},
	} {
		if got := failEvidence(tc.lines, dir); got != tc.want {
			t.Errorf("failEvidence(%q) = %v, want %v", tc.lines, got, tc.want)
		}
	}
}

func writeFile(t *testing.T, name, content string) {
	t.Helper()
	if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
