package cli

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestRunDirectedUsage(t *testing.T) {
	bin := integBinary(t)
	for _, args := range [][]string{
		{"run", "-directed", "-1"},
		{"run", "-seed", "5"},
		{"run", "-directed", "2", "-exec", "./cmd/x"},
	} {
		_, stderr, code := integRun(t, runnerFixture("clean"), bin, args...)
		if code != ExitUsage || !strings.Contains(stderr, "-directed") {
			t.Errorf("racecheck %s: exit %d, stderr %q; want %d and a message naming -directed", strings.Join(args, " "), code, stderr, ExitUsage)
		}
	}
	_, stderr, _ := integRun(t, runnerFixture("clean"), bin, "run", "-h")
	if !strings.Contains(stderr, "-directed N") || !strings.Contains(stderr, "docs/directed.md") {
		t.Errorf("racecheck run -h does not document -directed:\n%s", stderr)
	}
}

// TestRunDirected runs the window fixture, whose races almost never show
// in plain runs, with directed schedules and the real analyzers.
func TestRunDirected(t *testing.T) {
	bin := integBinary(t)
	stdout, stderr, code := integRun(t, runnerFixture("window"), bin, "run", "-json", "-cpu", "1,2", "-count", "1", "-directed", "6", "-seed", "7")
	if code != ExitRaces || !onlyProgress(stderr) {
		t.Fatalf("exit %d, stderr %q; want %d and progress lines only", code, stderr, ExitRaces)
	}
	var out struct {
		Runs []struct {
			Directed bool
			Seed     uint64
		}
		Directed *struct {
			Runs  int
			Seed  uint64
			Races []struct{ ID string }
		}
	}
	if err := json.Unmarshal([]byte(stdout), &out); err != nil || out.Directed == nil {
		t.Fatalf("json output: %v, directed %+v", err, out.Directed)
	}
	if out.Directed.Runs != 6 || out.Directed.Seed != 7 || len(out.Directed.Races) == 0 {
		t.Errorf("directed = %+v, want 6 runs, seed 7 and races", out.Directed)
	}
	n := 0
	for _, r := range out.Runs {
		if r.Directed {
			n++
		}
	}
	if n != 6 || len(out.Runs) != 8 {
		t.Errorf("%d runs, %d directed; want 8 and 6", len(out.Runs), n)
	}
	stdout, _, _ = integRun(t, runnerFixture("windowfree"), bin, "run", "-cpu", "1,2", "-count", "1", "-directed", "3")
	if !strings.Contains(stdout, "directed schedules: 3 runs per test binary") || !strings.Contains(stdout, ", 0 races") {
		t.Errorf("race-free twin under directed schedules:\n%s", stdout)
	}
}
