package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Exec tests of what racecheck run says about the tests themselves:
// failing, panicking and hung tests, and findings in test files.

// onlyProgress reports whether stderr holds nothing but the progress
// lines printed when it is not a terminal.
func onlyProgress(stderr string) bool {
	for _, l := range strings.Split(strings.TrimSpace(stderr), "\n") {
		if l != "" && !strings.HasPrefix(l, "racecheck run: ") {
			return false
		}
	}
	return true
}

func containsAll(t *testing.T, what, s string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(s, w) {
			t.Errorf("%s lacks %q:\n%s", what, w, s)
		}
	}
}

func TestRunPanickingTest(t *testing.T) {
	stdout, stderr, code := integRun(t, runnerFixture("verdicts"), integBinary(t), "run", "-cpu", "1", "-count", "1", "./panics")
	if code != ExitTests {
		t.Errorf("exit %d, want %d", code, ExitTests)
	}
	containsAll(t, "stdout", stdout,
		"PANIC example.com/verdicts/panics TestNilMap: 1/1 runs (GOMAXPROCS=1 run 1)",
		"panic: assignment to entry in nil map",
		"example.com/verdicts/panics.TestNilMap(",
		"the binary stopped: 1 later tests never ran: TestLater",
		"1 runs, 0 races (0 confirmed findings, 0 dynamic-only), 0 static-only findings, 1 failing tests")
	containsAll(t, "stderr", stderr, "racecheck run: FAIL example.com/verdicts/panics: 1 runs, 1 with failing tests, 0 with races")
}

func TestRunFailingAndRacyTests(t *testing.T) {
	stdout, _, code := integRun(t, runnerFixture("verdicts"), integBinary(t), "run", "-cpu", "1", "-count", "1", "./fail")
	if code != ExitBoth {
		t.Errorf("exit %d, want %d (races and failing tests)", code, ExitBoth)
	}
	containsAll(t, "stdout", stdout,
		"FAIL example.com/verdicts/fail TestFatal: 1/1 runs (GOMAXPROCS=1 run 1)",
		"fail_test.go:18: Sum(1, 1) = 2, want 3",
		"FAIL example.com/verdicts/fail TestSubtests/bad",
		"in TestRacesOnly", "2 failing tests")
	// Failed only by the race detector: a race, not a failure; and a
	// parent failed through its subtest is not a failure of its own.
	for _, not := range []string{"TestRacesOnly:", "TestSubtests:", "TestPasses"} {
		if strings.Contains(stdout, not) {
			t.Errorf("stdout names %q as failing:\n%s", not, stdout)
		}
	}
}

func TestRunHungTest(t *testing.T) {
	stdout, _, code := integRun(t, runnerFixture("hung"), integBinary(t), "run", "-cpu", "1", "-count", "1", "-timeout", "4s")
	if code != ExitTests {
		t.Errorf("exit %d, want %d", code, ExitTests)
	}
	containsAll(t, "stdout", stdout,
		"TIMEOUT example.com/hung TestHang: 1/1 runs (GOMAXPROCS=1 run 1)",
		"panic: test timed out after 3.5s", "example.com/hung.TestHang(",
		"the binary stopped: 1 later tests never ran: TestAfter")
}

func TestRunTestFileFindingsJSONAndCorrelate(t *testing.T) {
	bin, dir := integBinary(t), runnerFixture("verdicts")
	stdout, stderr, code := integRun(t, dir, bin, "run", "-json", "-cpu", "1", "-count", "1", "./testfile", "./panics")
	if code != ExitTests || !onlyProgress(stderr) {
		t.Fatalf("exit %d, stderr %q; want %d", code, stderr, ExitTests)
	}
	var out struct {
		Findings []struct {
			Class string
			Posn  struct {
				File string
				Line int
			}
		}
		Failures []struct{ Test, Kind string }
		Summary  struct{ Failures int }
	}
	if err := json.Unmarshal([]byte(stdout), &out); err != nil {
		t.Fatal(err)
	}
	want := map[int]string{20: "static-only-executed", 33: "static-only-not-executed", 47: "static-only"}
	for _, f := range out.Findings {
		if filepath.Base(f.Posn.File) == "testfile_test.go" && want[f.Posn.Line] != f.Class {
			t.Errorf("finding at testfile_test.go:%d: class %s, want %s", f.Posn.Line, f.Class, want[f.Posn.Line])
		}
		delete(want, f.Posn.Line)
	}
	if len(want) > 0 || len(out.Failures) != 1 || out.Failures[0].Test != "TestNilMap" || out.Failures[0].Kind != "panic" || out.Summary.Failures != 1 {
		t.Errorf("findings missing at %v, failures %+v: want the panic of TestNilMap", want, out.Failures)
	}
	// The failures survive racecheck correlate, with its exit code.
	shard := filepath.Join(t.TempDir(), "shard.json")
	if err := os.WriteFile(shard, []byte(stdout), 0o644); err != nil {
		t.Fatal(err)
	}
	merged, stderr, code := integRun(t, dir, bin, "correlate", "-log", shard, "./testfile", "./panics")
	if code != ExitTests || !strings.Contains(merged, "PANIC example.com/verdicts/panics TestNilMap") {
		t.Errorf("correlate: exit %d, stdout %q, stderr %q; want %d and the panic", code, merged, stderr, ExitTests)
	}
}
