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

// TestRunVerdicts runs the verdicts fixture once with -json, then feeds
// the output to racecheck correlate for the text report: one build of
// each package for both output modes.
func TestRunVerdicts(t *testing.T) {
	bin, dir := integBinary(t), runnerFixture("verdicts")
	stdout, stderr, code := integRun(t, dir, bin, "run", "-json", "-cpu", "1", "-count", "1", "./...")
	if code != ExitBoth || !onlyProgress(stderr) {
		t.Fatalf("exit %d, stderr %q; want %d (races and failing tests) and progress lines only", code, stderr, ExitBoth)
	}
	containsAll(t, "stderr", stderr, "racecheck run: FAIL example.com/verdicts/panics: 1 runs, 1 with failing tests, 0 with races",
		"racecheck run: ok   example.com/verdicts/testfile: 1 runs, 0 with failing tests, 0 with races")
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
	// Coverage never covers test files: the tests that started tell.
	want := map[int]string{20: "static-only-executed", 33: "static-only-not-executed", 47: "static-only"}
	for _, f := range out.Findings {
		if filepath.Base(f.Posn.File) == "testfile_test.go" {
			if want[f.Posn.Line] != f.Class {
				t.Errorf("finding at testfile_test.go:%d: class %s, want %s", f.Posn.Line, f.Class, want[f.Posn.Line])
			}
			delete(want, f.Posn.Line)
		}
	}
	if len(want) > 0 || len(out.Failures) != 3 || out.Summary.Failures != 3 {
		t.Errorf("findings missing at %v, failures %+v: want 3", want, out.Failures)
	}
	shard := filepath.Join(t.TempDir(), "shard.json")
	if err := os.WriteFile(shard, []byte(stdout), 0o644); err != nil {
		t.Fatal(err)
	}
	text, stderr, code := integRun(t, dir, bin, "correlate", "-log", shard, "./...")
	if code != ExitBoth {
		t.Errorf("correlate: exit %d, stderr %q; want %d", code, stderr, ExitBoth)
	}
	containsAll(t, "correlate output", text,
		"FAIL example.com/verdicts/fail TestFatal: 1/1 runs (GOMAXPROCS=1 run 1)",
		"fail_test.go:18: Sum(1, 1) = 2, want 3",
		"FAIL example.com/verdicts/fail TestSubtests/bad",
		"PANIC example.com/verdicts/panics TestNilMap: 1/1 runs (GOMAXPROCS=1 run 1)",
		"panic: assignment to entry in nil map",
		"example.com/verdicts/panics.TestNilMap(",
		"the binary stopped: 1 later tests never ran: TestLater",
		"in TestRacesOnly", "3 failing tests")
	// Failed only by the race detector: a race, not a failure; and a
	// parent failed through its subtest is not a failure of its own.
	for _, not := range []string{"TestRacesOnly:", "TestSubtests:", "TestPasses"} {
		if strings.Contains(text, not) {
			t.Errorf("correlate output names %q as failing:\n%s", not, text)
		}
	}
}
