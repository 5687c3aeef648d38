package runner

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/racecheck/racecheck/runner/exec"
	"github.com/racecheck/racecheck/runner/parse"
	"github.com/racecheck/racecheck/runner/report"
)

// testTimeout returns the -test.timeout given to test binaries: a little
// under racecheck's own per-process timeout, so that the binary itself
// names the hung test and dumps its goroutines before racecheck would
// have to kill it without either.
func testTimeout(d time.Duration) time.Duration {
	margin := min(max(d/10, 500*time.Millisecond), 30*time.Second)
	return max(d-margin, d/2)
}

// runFailures returns the failing tests of one run. A test that failed
// only because the race detector marked it is left out: its race is
// reported. dir is the package directory, where the tests' log lines
// point.
func runFailures(o *parse.Outcome, res exec.Result, dir string) []report.Failure {
	if o == nil {
		o = &parse.Outcome{}
	}
	var out []report.Failure
	stop := stopFailure(o, res)
	if stop != nil {
		out = append(out, *stop)
	}
	failed := make(map[string]bool)
	for _, t := range o.Tests {
		if t.Status == parse.TestFail {
			failed[t.Name] = true
		}
	}
	for _, t := range o.Tests {
		if t.Status != parse.TestFail || stop != nil && covers(t.Name, stop.Test) {
			continue
		}
		own := failEvidence(t.Output, dir)
		if !own && (t.Raced || hasFailedChild(t.Name, failed)) {
			// Failed through its subtests or the race detector alone.
			continue
		}
		out = append(out, report.Failure{Test: t.Name, Kind: report.FailTest, Output: t.Output, Raced: t.Raced})
	}
	if len(out) == 0 && res.Status == exec.StatusFail && len(failed) == 0 && res.Log != nil && len(res.Log.Reports) == 0 && !res.Log.Outside {
		out = append(out, report.Failure{Kind: report.FailExit,
			Output: []string{"the binary exited with status 1 and no test failed (TestMain?)"}})
	}
	return out
}

// stopFailure returns the failure of a run that stopped early: a
// timeout, a panic or fatal error, or an exit in the middle of a test.
func stopFailure(o *parse.Outcome, res exec.Result) *report.Failure {
	running := runningTests(o)
	switch {
	case res.Status == exec.StatusTimeout:
		f := &report.Failure{Test: strings.Join(cmpOr(deepest(o.Running), running), ", "), Kind: report.FailTimeout, Output: o.Panic}
		if len(o.Panic) == 0 {
			f.Output = []string{fmt.Sprintf("killed by racecheck after %s: the binary did not time out by itself", res.Duration.Round(time.Millisecond))}
		}
		return f
	case len(o.Panic) > 0:
		return &report.Failure{Test: o.PanicTest, Kind: report.FailPanic, Output: o.Panic}
	case res.Status == exec.StatusPass || res.Status == exec.StatusStopped || res.Status == exec.StatusRace || o.Finished:
		// StatusRace: a program whose only failure is its races.
		return nil
	}
	f := &report.Failure{Test: strings.Join(running, ", "), Kind: report.FailExit}
	if t := o.Test(f.Test); t != nil {
		f.Output = slices.Clone(t.Output)
	}
	f.Output = append(f.Output, fmt.Sprintf("the binary exited with status %d before the end of its tests or -duration (os.Exit, log.Fatal or a signal)", res.ExitCode))
	return f
}

func cmpOr(a, b []string) []string {
	if len(a) > 0 {
		return a
	}
	return b
}

// runningTests returns the deepest tests that started and never ended.
func runningTests(o *parse.Outcome) []string {
	var names []string
	for _, t := range o.Tests {
		if t.Status == parse.TestRunning {
			names = append(names, t.Name)
		}
	}
	return deepest(names)
}

// deepest drops the tests that are parents of others in names: a parent
// runs as long as its subtests.
func deepest(names []string) []string {
	var out []string
	for _, name := range names {
		if !slices.ContainsFunc(names, func(n string) bool { return strings.HasPrefix(n, name+"/") }) {
			out = append(out, name)
		}
	}
	return out
}

// covers reports whether test is stopped, or a parent test failing
// because of it.
func covers(test, stopped string) bool {
	for _, s := range strings.Split(stopped, ", ") {
		if test == s || strings.HasPrefix(s, test+"/") {
			return true
		}
	}
	return false
}

func hasFailedChild(name string, failed map[string]bool) bool {
	for n := range failed {
		if strings.HasPrefix(n, name+"/") {
			return true
		}
	}
	return false
}

// callSiteRE matches a line of t.Log or t.Error output: the call site
// the testing package puts first.
var callSiteRE = regexp.MustCompile(`^\s*([^\s:]+\.go):(\d+): `)

// failEvidence reports whether a test's output shows a failure of its
// own. t.Log and t.Error print the same way, so each line's call site is
// looked up in the source: only t.Log/t.Logf lines are mere logs. Lines
// whose source cannot be read count as failures: when in doubt, a
// failure is shown rather than hidden.
func failEvidence(lines []string, dir string) bool {
	for _, l := range lines {
		m := callSiteRE.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		n, _ := strconv.Atoi(m[2])
		src, ok := sourceLine(filepath.Join(dir, m[1]), n)
		if !ok || !strings.Contains(src, ".Log(") && !strings.Contains(src, ".Logf(") {
			return true
		}
	}
	return false
}

// sourceLine returns line n of file.
func sourceLine(file string, n int) (string, bool) {
	data, err := os.ReadFile(file)
	if err != nil {
		return "", false
	}
	lines := strings.Split(string(data), "\n")
	if n < 1 || n > len(lines) {
		return "", false
	}
	return lines[n-1], true
}
