package runner

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/go/analysis"

	"github.com/racecheck/racecheck/analyzer/spawn"
	"github.com/racecheck/racecheck/runner/correlate"
	"github.com/racecheck/racecheck/runner/exec"
	"github.com/racecheck/racecheck/runner/report"
)

// These tests run real `go test -race` binaries on the fixture modules
// under testdata/runner. The static half is a stub analyzer reporting at
// given lines, so that every correlation class is exercised whatever the
// real analyzers find.

func fixture(name string) string { return filepath.Join("..", "testdata", "runner", name) }

// target is a line the stub analyzer reports.
type stubTarget struct {
	file     string // base name
	line     int
	category string
}

func stub(targets ...stubTarget) *analysis.Analyzer {
	return &analysis.Analyzer{
		Name: "stub",
		Doc:  "reports fixed lines, standing in for the static analysis",
		Run: func(pass *analysis.Pass) (any, error) {
			for _, f := range pass.Files {
				tf := pass.Fset.File(f.Pos())
				for _, t := range targets {
					if filepath.Base(tf.Name()) == t.file && t.line <= tf.LineCount() {
						pass.Report(analysis.Diagnostic{Pos: tf.LineStart(t.line), Category: t.category, Message: "stub finding"})
					}
				}
			}
			return nil, nil
		},
	}
}

func run(t *testing.T, opts Options) *report.Run {
	t.Helper()
	if opts.Parallel == 0 {
		opts.Parallel = 2
	}
	if opts.Timeout == 0 {
		opts.Timeout = time.Minute
	}
	res, err := Run(context.Background(), opts)
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	return res
}

func raceAt(res *report.Run, file string, line int) *correlate.Race {
	for i, r := range res.Races {
		for _, s := range append(append([]correlate.Site(nil), r.Current...), r.Previous...) {
			if s.File == file && s.Line == line {
				return &res.Races[i]
			}
		}
	}
	return nil
}

func hits(r *correlate.Race, procs int) correlate.Hit {
	for _, h := range r.Hits {
		if h.GOMAXPROCS == procs {
			return h
		}
	}
	return correlate.Hit{}
}

func TestRunRacy(t *testing.T) {
	res := run(t, Options{
		Dir: fixture("racy"), CPU: []int{1, 2}, Count: 2,
		Analyzers: []*analysis.Analyzer{stub(
			stubTarget{"racy.go", 20, "captured-var"},  // Counter: races
			stubTarget{"racy.go", 37, "captured-var"},  // SafeCounter: runs, never races
			stubTarget{"racy.go", 125, "captured-var"}, // NeverCalled: no test
		)},
	})
	classes := map[int]string{}
	for _, f := range res.Findings {
		classes[f.Pos.Line] = f.Class
	}
	want := map[int]string{20: correlate.Confirmed, 37: correlate.StaticExecuted, 125: correlate.StaticNotExecuted}
	for line, class := range want {
		if classes[line] != class {
			t.Errorf("finding at racy.go:%d: class %q, want %q", line, classes[line], class)
		}
	}
	counter := raceAt(res, "racy.go", 20)
	if counter == nil || counter.Class != correlate.Confirmed || hits(counter, 1).Runs != 2 || hits(counter, 2).Runs != 2 {
		t.Fatalf("Counter race = %+v, want confirmed in every run", counter)
	}
	// The ID is a function of module-relative frames only: the same on
	// every machine, run and GOMAXPROCS value.
	if counter.ID != "R64d69929af" {
		t.Errorf("Counter race ID = %s, want R64d69929af", counter.ID)
	}
	fill := raceAt(res, "racy.go", 53)
	if fill == nil || fill.Class != correlate.DynamicOnly || fill.Category != "captured-map" || !fill.Guessed {
		t.Errorf("map race = %+v, want dynamic-only captured-map (guessed)", fill)
	}
	for name, line := range map[string]int{"SumParallel": 90, "parallel subtest": 55} {
		file := "racy.go"
		if name == "parallel subtest" {
			file = "racy_test.go"
		}
		r := raceAt(res, file, line)
		if r == nil || hits(r, 1).Runs != 0 || hits(r, 2).Runs != 2 || hits(r, 1).Total != 2 {
			t.Errorf("%s race = %+v, want 0/2 runs at GOMAXPROCS 1 and 2/2 at 2", name, r)
		}
	}
	if r := raceAt(res, "racy_test.go", 55); r != nil && (len(r.Tests) != 1 || r.Tests[0] != "TestParallelSubtests") {
		t.Errorf("parallel subtest race tests = %v, want [TestParallelSubtests]", r.Tests)
	}
	if r := raceAt(res, "racy.go", 37); r != nil {
		t.Errorf("race reported in SafeCounter: %+v", r)
	}
	if len(res.Runs) != 4 {
		t.Errorf("got %d runs, want 4 (2 GOMAXPROCS values x 2)", len(res.Runs))
	}
	testMerge(t, res)
}

// testMerge feeds the -json output of a run to correlate twice, as two
// shards, and checks that hit counts add up and classes stay.
func testMerge(t *testing.T, res *report.Run) {
	var buf bytes.Buffer
	if err := report.RunJSON(&buf, res); err != nil {
		t.Fatal(err)
	}
	mod := correlate.Module{Path: res.Module, Dir: res.Dir}
	l := Logs{Module: mod, CPUs: res.CPUs}
	for _, f := range res.Findings {
		l.Findings = append(l.Findings, f.Finding)
	}
	for range 2 {
		if err := l.AddLog("shard.json", bytes.NewReader(buf.Bytes())); err != nil {
			t.Fatal(err)
		}
	}
	merged := l.Result()
	if len(merged.Races) != len(res.Races) {
		t.Fatalf("merged %d races, want %d", len(merged.Races), len(res.Races))
	}
	for i, r := range merged.Races {
		orig := res.Races[i]
		if r.ID != orig.ID || r.Class != orig.Class || hits(&r, 2).Total != 2*hits(&orig, 2).Total {
			t.Errorf("merged race %+v, from %+v", r, orig)
		}
	}
	for i, f := range merged.Findings {
		if f.Class != res.Findings[i].Class {
			t.Errorf("merged finding %s: class %s, want %s", f.Pos, f.Class, res.Findings[i].Class)
		}
	}
}

func TestRunHung(t *testing.T) {
	start := time.Now()
	res := run(t, Options{Dir: fixture("hung"), CPU: []int{1}, Count: 1, Timeout: 3 * time.Second})
	if len(res.Runs) != 1 || res.Runs[0].Status != exec.StatusTimeout || res.Summary.Timeouts != 1 {
		t.Errorf("runs = %+v, want one timeout", res.Runs)
	}
	// The binary's own -test.timeout (2.5s) named the test and dumped
	// its goroutines; the test after it never ran.
	f := failureOf(res, "example.com/hung", "TestHang")
	if f == nil || f.Kind != report.FailTimeout || len(f.Output) == 0 || !strings.HasPrefix(f.Output[0], "panic: test timed out after 2.5s") ||
		!slices.Equal(f.NotRun, []string{"TestAfter"}) || !slices.ContainsFunc(f.Output, func(l string) bool { return strings.HasPrefix(l, "example.com/hung.TestHang(") }) {
		t.Errorf("failures = %+v, want TestHang timed out at 2.5s with its goroutine, TestAfter not run", res.Failures)
	}
	if d := time.Since(start); d > time.Minute {
		t.Errorf("took %v", d)
	}
}

func TestRunBroken(t *testing.T) {
	_, err := Run(context.Background(), Options{Dir: fixture("broken"), CPU: []int{1}, Count: 1})
	var be *exec.BuildError
	if !errors.As(err, &be) || !strings.Contains(be.Output, "broken_test.go:6:17: cannot use Answer()") {
		t.Fatalf("err = %v, want a build error with the compiler's message", err)
	}
}

func TestRunNoCgo(t *testing.T) {
	env := append(os.Environ(), "CGO_ENABLED=0")
	_, err := Run(context.Background(), Options{Dir: fixture("clean"), CPU: []int{1}, Count: 1, Env: env})
	if err == nil || !strings.Contains(err.Error(), "-race requires cgo") {
		t.Errorf("err = %v, want the cgo requirement named", err)
	}
}

func TestRunThreads(t *testing.T) {
	res := run(t, Options{
		Dir: fixture("threads"), CPU: []int{1}, Count: 1,
		Analyzers: []*analysis.Analyzer{spawn.Analyzer}, // the real check: lockosthread-per-item
		IsSpawn:   func(c string) bool { return c == "lockosthread-per-item" },
	})
	if _, err := os.Stat("/proc/self/status"); err != nil {
		t.Skip("no /proc: thread sampling is Linux only")
	}
	limit := max(2*runtime.NumCPU(), res.ThreadLimit)
	if len(res.Runs) != 1 || !res.Runs[0].Peak.Sampled || res.Runs[0].Peak.Threads <= limit {
		t.Fatalf("runs = %+v, want a sampled peak above %d threads", res.Runs, limit)
	}
	if len(res.Findings) != 1 || res.Findings[0].Category != "lockosthread-per-item" || res.Findings[0].Class != correlate.Confirmed || !res.Findings[0].Threads || res.Findings[0].Exec.PeakThreads <= limit {
		t.Errorf("findings = %+v, want the spawn finding confirmed by the thread peak", res.Findings)
	}
}

func TestRunExec(t *testing.T) {
	res := run(t, Options{Dir: fixture("racy"), Patterns: []string{"./cmd/server"}, Exec: "./cmd/server",
		Duration: 500 * time.Millisecond, Grace: 2 * time.Second, CPU: []int{2}, Count: 1,
		Analyzers: []*analysis.Analyzer{stub(stubTarget{"main.go", 18, "global-var"})}})
	if len(res.Runs) != 1 || res.Runs[0].Status != exec.StatusStopped {
		t.Fatalf("runs = %+v, want one stopped run", res.Runs)
	}
	r := raceAt(res, "cmd/server/main.go", 24)
	if r == nil || !r.Report.Current.Main && !r.Report.Previous.Main {
		t.Fatalf("races = %+v, want the race with the main goroutine", res.Races)
	}
	if r.Class != correlate.Confirmed || len(res.Findings) != 1 || !res.Findings[0].Exec.Executed {
		t.Errorf("race class %s, findings %+v: want confirmed and executed (GOCOVERDIR coverage)", r.Class, res.Findings)
	}
}

func TestRunClean(t *testing.T) {
	res := run(t, Options{Dir: fixture("clean"), CPU: []int{1, 2}, Count: 1})
	if len(res.Races) != 0 || len(res.Runs) != 2 {
		t.Errorf("races %+v, runs %d: want none and 2", res.Races, len(res.Runs))
	}
	for _, r := range res.Runs {
		if r.Status != exec.StatusPass {
			t.Errorf("run %+v did not pass", r)
		}
	}
}

func TestRunShard(t *testing.T) {
	// The racy module has one test binary: shard 2/2 runs nothing.
	res := run(t, Options{Dir: fixture("racy"), CPU: []int{1}, Count: 1, Shard: 2, Shards: 2})
	if len(res.Runs) != 0 || res.Shard != "2/2" {
		t.Errorf("runs %d shard %q, want 0 and 2/2", len(res.Runs), res.Shard)
	}
}

func TestLogsTestJSON(t *testing.T) {
	f, err := os.Open(filepath.Join("parse", "testdata", "shapes_json.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	l := Logs{Module: correlate.Module{Path: "example.com/shapes"}, CPUs: 2}
	if err := l.AddLog("shapes_json.txt", f); err != nil {
		t.Fatal(err)
	}
	res := l.Result()
	// Seven reports, five races: the two instantiations of SetAll's race
	// share an ID, and so do the two races on Gauge.Inc's increment
	// (through a method value and through an autogenerated wrapper),
	// whose top user frames are the same on both sides.
	if len(res.Races) != 5 {
		t.Errorf("got %d races, want 5", len(res.Races))
	}
	inc := raceAt(res, "shapes.go", 35)
	if inc == nil || strings.Join(inc.Tests, ",") != "TestAutogenerated,TestMethodValue" {
		t.Errorf("Gauge.Inc race = %+v, want tests TestAutogenerated and TestMethodValue", inc)
	}
	for _, r := range res.Races {
		if r.Class != correlate.DynamicOnly || len(r.Hits) != 1 || r.Hits[0].Total != 1 {
			t.Errorf("race %s: class %s hits %+v", r.ID, r.Class, r.Hits)
		}
	}
}
