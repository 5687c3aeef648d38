package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Exec tests of racecheck run and racecheck correlate: the real binary on
// the fixture modules under testdata/runner, with the real analyzers.

func runnerFixture(name string) string {
	return filepath.Join(repoRoot, "testdata", "runner", name)
}

func TestRunUsage(t *testing.T) {
	bin := integBinary(t)
	for _, args := range [][]string{
		{"run", "-cpu", "0"},
		{"run", "-cpu", "x"},
		{"run", "-shard", "3/2"},
		{"run", "-shard", "1"},
		{"run", "-count", "0"},
		{"run", "-nosuchflag"},
		{"run", "--", "arg"},
		{"correlate"},
	} {
		_, stderr, code := integRun(t, runnerFixture("clean"), bin, args...)
		if code != ExitUsage || stderr == "" {
			t.Errorf("racecheck %s: exit %d, stderr %q; want %d and a message", strings.Join(args, " "), code, stderr, ExitUsage)
		}
	}
	if _, _, code := integRun(t, runnerFixture("clean"), bin, "run", "-h"); code != ExitClean {
		t.Errorf("racecheck run -h: exit %d, want 0", code)
	}
}

func TestRunClean(t *testing.T) {
	stdout, stderr, code := integRun(t, runnerFixture("clean"), integBinary(t), "run", "-cpu", "1,2", "-count", "1")
	if code != ExitClean || !strings.Contains(stdout, "2 runs, 0 races") {
		t.Errorf("exit %d, stdout %q, stderr %q; want 0 and two clean runs", code, stdout, stderr)
	}
}

func TestRunRacyJSONAndCorrelate(t *testing.T) {
	bin := integBinary(t)
	dir := runnerFixture("racy")
	stdout, stderr, code := integRun(t, dir, bin, "run", "-json", "-cpu", "1,2", "-count", "1")
	if code != ExitRaces || !onlyProgress(stderr) {
		t.Fatalf("exit %d, stderr %q; want %d and progress lines only on stderr", code, stderr, ExitRaces)
	}
	var out struct {
		Version int
		Races   []struct{ ID, Class string }
		Runs    []struct{ Status string }
	}
	if err := json.Unmarshal([]byte(stdout), &out); err != nil || out.Version != 1 || len(out.Races) < 5 || len(out.Runs) != 2 {
		t.Fatalf("json output: %v, %+v; want version 1, at least 5 races, 2 runs", err, out)
	}
	// Two shards' outputs merge with correlate.
	shard := filepath.Join(t.TempDir(), "shard.json")
	if err := os.WriteFile(shard, []byte(stdout), 0o644); err != nil {
		t.Fatal(err)
	}
	merged, stderr, code := integRun(t, dir, bin, "correlate", "-json", "-log", shard, "-log", shard)
	if code != ExitRaces {
		t.Fatalf("correlate: exit %d, stderr %q", code, stderr)
	}
	var m struct {
		Races []struct {
			ID   string
			Hits []struct{ Runs, Total int }
		}
	}
	if err := json.Unmarshal([]byte(merged), &m); err != nil || len(m.Races) != len(out.Races) {
		t.Fatalf("merged output: %v, %d races; want %d", err, len(m.Races), len(out.Races))
	}
	for _, r := range m.Races {
		if r.Hits[len(r.Hits)-1].Total != 2 {
			t.Errorf("merged race %s hits %+v: want totals of two shards", r.ID, r.Hits)
		}
	}
}

func TestRunShardStaticOnly(t *testing.T) {
	// One test binary: shard 2/2 runs nothing, leaving the static findings
	// with no coverage to classify them.
	stdout, stderr, code := integRun(t, runnerFixture("racy"), integBinary(t), "run", "-shard", "2/2", "-cpu", "1", "-count", "1")
	if code != ExitFindings || !strings.Contains(stdout, "static-only: no coverage") || !strings.Contains(stdout, "0 runs, 0 races") {
		t.Errorf("exit %d, stdout %q, stderr %q; want %d and static-only findings", code, stdout, stderr, ExitFindings)
	}
}

func TestRunBuildFailure(t *testing.T) {
	_, stderr, code := integRun(t, runnerFixture("broken"), integBinary(t), "run", "-cpu", "1", "-count", "1")
	if code != ExitFailure || !strings.Contains(stderr, "broken_test.go:6:17: cannot use Answer()") {
		t.Errorf("exit %d, stderr %q; want %d and the compiler's error", code, stderr, ExitFailure)
	}
}

func TestRunSARIF(t *testing.T) {
	stdout, stderr, code := integRun(t, runnerFixture("racy"), integBinary(t), "run", "-sarif", "-cpu", "1", "-count", "1")
	if code != ExitRaces || !onlyProgress(stderr) || !strings.Contains(stdout, `"2.1.0"`) || !strings.Contains(stdout, `"error"`) {
		t.Errorf("exit %d, stderr %q, stdout %.300q; want %d and a SARIF log with errors", code, stderr, stdout, ExitRaces)
	}
}

func TestCorrelateTestJSON(t *testing.T) {
	log, err := filepath.Abs(filepath.Join(repoRoot, "runner", "parse", "testdata", "shapes_json.txt"))
	if err != nil {
		t.Fatal(err)
	}
	stdout, stderr, code := integRun(t, runnerFixture("shapes"), integBinary(t), "correlate", "-log", log)
	if code != ExitRaces || !strings.Contains(stdout, "TestGeneric") {
		t.Errorf("exit %d, stdout %q, stderr %q; want %d and the races of the log", code, stdout, stderr, ExitRaces)
	}
	if _, stderr, code := integRun(t, runnerFixture("shapes"), integBinary(t), "correlate", "-log", "/nonexistent"); code != ExitFailure || !strings.Contains(stderr, "nonexistent") {
		t.Errorf("missing log: exit %d, stderr %q", code, stderr)
	}
}

func TestRunExec(t *testing.T) {
	stdout, stderr, code := integRun(t, runnerFixture("racy"), integBinary(t), "run", "-exec", "./cmd/server",
		"-duration", "500ms", "-cpu", "2", "-count", "1", "./cmd/server", "--", "unused-arg")
	if code != ExitRaces || !strings.Contains(stdout, "main goroutine") {
		t.Errorf("exit %d, stdout %q, stderr %q; want %d and the race with the main goroutine", code, stdout, stderr, ExitRaces)
	}
}
