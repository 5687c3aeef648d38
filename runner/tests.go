package runner

import (
	"path/filepath"
	"strings"

	"github.com/racecheck/racecheck/runner/correlate"
	"github.com/racecheck/racecheck/runner/exec"
	"github.com/racecheck/racecheck/runner/parse"
	"github.com/racecheck/racecheck/runner/report"
)

// PackageDone is what racecheck run knows of a package once all of its
// runs ended, for progress lines.
type PackageDone struct {
	Package string
	Runs    int // runs of its binary
	Failed  int // runs with failing, panicking or hung tests
	Racy    int // runs with race reports
}

// testRecord accumulates what the runs tell about the tests: failures,
// which tests started, and the packages finished. The state's mutex
// guards it.
type testRecord struct {
	files testFiles
	opts  Options

	fails []report.Failure
	// started maps a package directory to the top-level tests that
	// started (and were not skipped) in some run, with the highest thread
	// count of those runs.
	started   map[string]map[string]int
	seen      map[string]map[string]bool // tests that started, skipped ones too
	dirRuns   map[string]int
	coverLost bool // a test run wrote no coverage profile (it died)
	left      map[string]int
	pkgDone   map[string]*PackageDone
}

func newTestRecord(targets []target, opts Options) testRecord {
	var pkgs []exec.Package
	left := make(map[string]int)
	for _, t := range targets {
		pkgs = append(pkgs, t.pkg)
		// Directed runs report through the same path: the package is done
		// after its plain and its directed runs.
		left[t.pkg.ImportPath] = len(opts.CPU)*opts.Count + opts.Directed
	}
	tr := testRecord{opts: opts, started: make(map[string]map[string]int), seen: make(map[string]map[string]bool),
		dirRuns: make(map[string]int), left: left, pkgDone: make(map[string]*PackageDone)}
	if opts.Exec == "" {
		tr.files = indexTestFiles(pkgs)
	}
	return tr
}

// recordTests records a run's failures and started tests, then reports
// progress.
func (st *state) recordTests(j job, res exec.Result, coverLost bool, fails []report.Failure) {
	st.mu.Lock()
	defer st.mu.Unlock()
	tr := &st.tests
	tr.coverLost = tr.coverLost || coverLost
	var ran map[string]bool
	if res.Outcome != nil && tr.opts.Exec == "" {
		ran = tr.recordStarted(j.pkg.Dir, res.Outcome, res.Peak.Threads)
	}
	for i := range fails {
		f := &fails[i]
		f.Package, f.Runs = j.pkg.ImportPath, []report.FailRun{{GOMAXPROCS: j.gomaxprocs, Rep: j.rep}}
		if f.Kind == report.FailTest || ran == nil {
			continue
		}
		// The binary stopped in this test: the tests after it never ran.
		for _, name := range tr.files.selected(j.pkg.Dir, tr.opts) {
			if !ran[name] {
				f.NotRun = append(f.NotRun, name)
			}
		}
	}
	tr.fails = append(tr.fails, fails...)
	st.progressLocked(j, res, len(fails) > 0)
}

// recordStarted records the top-level tests of a run of the binary of
// dir and returns those that started.
func (tr *testRecord) recordStarted(dir string, o *parse.Outcome, threads int) map[string]bool {
	tr.dirRuns[dir]++
	if tr.started[dir] == nil {
		tr.started[dir], tr.seen[dir] = make(map[string]int), make(map[string]bool)
	}
	ran := make(map[string]bool)
	for _, t := range o.Tests {
		top, _, _ := strings.Cut(t.Name, "/")
		ran[top] = true
		tr.seen[dir][top] = true
		if t.Status != parse.TestSkip {
			tr.started[dir][top] = max(tr.started[dir][top], threads)
		}
	}
	return ran
}

// progressLocked reports a finished run and, when it was the last of its
// package, the package.
func (st *state) progressLocked(j job, res exec.Result, failed bool) {
	tr := &st.tests
	pd := tr.pkgDone[j.pkg.ImportPath]
	if pd == nil {
		pd = &PackageDone{Package: j.pkg.ImportPath}
		tr.pkgDone[j.pkg.ImportPath] = pd
	}
	pd.Runs++
	if failed {
		pd.Failed++
	}
	if res.Log != nil && len(res.Log.Reports) > 0 {
		pd.Racy++
	}
	if st.progress != nil {
		st.progress(st.done, st.total)
	}
	tr.left[j.pkg.ImportPath]--
	if tr.left[j.pkg.ImportPath] == 0 && tr.opts.PackageDone != nil {
		tr.opts.PackageDone(*pd)
	}
}

// testFileExec tells whether a finding in a test file ran: its enclosing
// test function started in some run (executed), never started though
// its binary ran (not executed), or anything else (unknown: a helper
// may or may not have been called, a skipped test may have skipped
// before the line).
func (tr *testRecord) testFileExec(file string, line int) correlate.Exec {
	dir := filepath.Dir(file)
	fn, ok := tr.files.enclosing(file, line)
	if !ok || tr.dirRuns[dir] == 0 {
		return correlate.Exec{}
	}
	if fn.name == "TestMain" {
		return correlate.Exec{Known: true, Executed: true}
	}
	if peak, ran := tr.started[dir][fn.name]; ran {
		return correlate.Exec{Known: true, Executed: true, PeakThreads: peak}
	}
	if fn.test && !tr.seen[dir][fn.name] {
		return correlate.Exec{Known: true}
	}
	return correlate.Exec{}
}

// failures groups the failures of all runs and counts the runs of each
// package.
func (tr *testRecord) failures(totals map[correlate.RunKey]int) []report.Failure {
	out := report.MergeFailures(tr.fails)
	for i := range out {
		out[i].Total = 0
		for k, n := range totals {
			if k.Package == out[i].Package {
				out[i].Total += n
			}
		}
	}
	return out
}
