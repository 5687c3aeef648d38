package runner

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"

	"golang.org/x/sync/errgroup"

	"github.com/racecheck/racecheck/runner/correlate"
	"github.com/racecheck/racecheck/runner/exec"
	"github.com/racecheck/racecheck/runner/findings"
	"github.com/racecheck/racecheck/runner/report"
)

// state accumulates the runs' results; runs finish concurrently.
type state struct {
	mod      correlate.Module
	progress func(done, total int)
	total    int

	mu     sync.Mutex
	done   int
	runs   []report.RunInfo
	obs    []correlate.Observation
	totals map[correlate.RunKey]int
	// covered maps each covered block (file, lines) to the highest thread
	// count of the runs that executed it: the static findings are not
	// known yet while the runs go on.
	covered map[string]map[[2]int]int
	tests   testRecord
}

func newState(mod correlate.Module, total int, progress func(int, int)) *state {
	return &state{mod: mod, total: total, progress: progress,
		totals: make(map[correlate.RunKey]int), covered: make(map[string]map[[2]int]int)}
}

// a job is one run of one binary.
type job struct {
	target
	gomaxprocs, rep, n int
}

// runAll runs every binary at every GOMAXPROCS value Count times, at
// most opts.Parallel at a time.
func (st *state) runAll(ctx context.Context, g exec.Go, opts Options, targets []target, tmp string) error {
	var jobs []job
	for _, t := range targets {
		for _, p := range opts.CPU {
			for rep := 1; rep <= opts.Count; rep++ {
				jobs = append(jobs, job{target: t, gomaxprocs: p, rep: rep, n: len(jobs)})
			}
		}
	}
	eg, ctx := errgroup.WithContext(ctx)
	eg.SetLimit(opts.Parallel)
	for _, j := range jobs {
		eg.Go(func() error { return st.runOne(ctx, g, opts, j, tmp) })
	}
	return eg.Wait()
}

func (st *state) runOne(ctx context.Context, g exec.Go, opts Options, j job, tmp string) error {
	runDir := filepath.Join(tmp, fmt.Sprintf("run%d", j.n))
	if err := os.Mkdir(runDir, 0o755); err != nil {
		return fmt.Errorf("creating run directory: %w", err)
	}
	spec := exec.Spec{Binary: j.binary, Dir: j.pkg.Dir, Env: opts.Env, GOMAXPROCS: j.gomaxprocs, RunDir: runDir, Timeout: opts.Timeout}
	if opts.Exec != "" {
		spec.Args, spec.Stop, spec.Grace, spec.CoverDir = opts.Args, opts.Duration, opts.Grace, true
		spec.Dir = opts.Dir
		spec.Timeout = max(opts.Timeout, opts.Duration+2*opts.Grace)
	} else {
		spec.Args = testArgs(opts, runDir)
	}
	res, err := exec.Run(ctx, spec)
	if err != nil {
		return fmt.Errorf("running %s: %w", j.pkg.ImportPath, err)
	}
	prof := st.coverage(ctx, g, spec)
	fails := runFailures(res.Outcome, res, j.pkg.Dir)
	st.record(j, res, prof)
	st.recordTests(j, res, prof == nil, fails)
	if err := os.RemoveAll(runDir); err != nil {
		return fmt.Errorf("cleaning run directory: %w", err)
	}
	return nil
}

// coverage reads the run's coverage profile; a run that died before
// writing one simply executed nothing we know of.
func (st *state) coverage(ctx context.Context, g exec.Go, spec exec.Spec) exec.Profile {
	file := filepath.Join(spec.RunDir, "cover.out")
	if spec.CoverDir {
		if err := g.CoverText(ctx, filepath.Join(spec.RunDir, "covdata"), file); err != nil {
			return nil
		}
	}
	f, err := os.Open(file)
	if err != nil {
		return nil
	}
	defer f.Close()
	prof, err := exec.ParseProfile(f)
	if err != nil {
		return nil
	}
	return prof
}

func (st *state) record(j job, res exec.Result, prof exec.Profile) {
	st.mu.Lock()
	defer st.mu.Unlock()
	id := fmt.Sprintf("%s#%d", j.pkg.ImportPath, j.n)
	reports := 0
	if res.Log != nil {
		for _, r := range res.Log.Reports {
			st.obs = append(st.obs, correlate.Observation{Report: r, Package: j.pkg.ImportPath, Run: id, GOMAXPROCS: j.gomaxprocs})
		}
		reports = len(res.Log.Reports)
	}
	st.totals[correlate.RunKey{Package: j.pkg.ImportPath, GOMAXPROCS: j.gomaxprocs}]++
	st.runs = append(st.runs, report.RunInfo{Package: j.pkg.ImportPath, GOMAXPROCS: j.gomaxprocs, Rep: j.rep,
		Status: res.Status, ExitCode: res.ExitCode, DurationMS: res.Duration.Milliseconds(), Reports: reports, Peak: res.Peak})
	for file, blocks := range prof {
		m := st.covered[file]
		if m == nil {
			m = make(map[[2]int]int)
			st.covered[file] = m
		}
		for _, b := range blocks {
			m[b] = max(m[b], res.Peak.Threads)
		}
	}
	st.done++
}

// execInfo tells, for each finding, whether a run executed its line and
// the highest thread count among those runs.
func (st *state) execInfo(fnds []findings.Finding) []correlate.Exec {
	out := make([]correlate.Exec, len(fnds))
	for i, f := range fnds {
		e := &out[i]
		e.Known = len(st.runs) > 0
		if strings.HasSuffix(f.Pos.File, "_test.go") {
			// Coverage never instruments test files.
			*e = st.tests.testFileExec(f.Pos.File, f.Pos.Line)
			continue
		}
		key, ok := coverKey(st.mod, f.Pos.File)
		if !ok {
			continue
		}
		for b, peak := range st.covered[key] {
			if b[0] <= f.Pos.Line && f.Pos.Line <= b[1] {
				e.Executed = true
				e.PeakThreads = max(e.PeakThreads, peak)
			}
		}
		if !e.Executed && st.tests.coverLost {
			// A run that died wrote no profile: it may have run the line.
			e.Known = false
		}
	}
	return out
}

// result correlates everything recorded with the static findings.
func (st *state) result(opts Options, fnds []findings.Finding) *report.Run {
	races := correlate.Dedupe(st.mod, st.obs, st.totals)
	res := correlate.Correlate(correlate.Input{Module: st.mod, Findings: fnds, Exec: st.execInfo(fnds), Races: races,
		CPUs: runtime.NumCPU(), MaxGOMAXPROCS: slices.Max(opts.CPU), IsSpawn: opts.IsSpawn})
	slicesSortRuns(st.runs)
	out := &report.Run{Version: report.RunVersion, Module: st.mod.Path, Dir: st.mod.Dir, CPUs: runtime.NumCPU(),
		GOMAXPROCS: opts.CPU, Count: opts.Count, ThreadLimit: res.ThreadLimit, Runs: st.runs,
		Findings: res.Findings, Races: res.Races, Failures: st.tests.failures(st.totals)}
	out.Summarize()
	return out
}
