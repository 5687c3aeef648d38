// Package runner runs racecheck's dynamic half: it builds the packages
// with the race detector, runs them under several GOMAXPROCS values,
// parses every race report and correlates the races with the static
// findings. The pieces live in runner/exec, runner/parse,
// runner/correlate and runner/report; this package wires them.
package runner

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"time"

	"golang.org/x/tools/go/analysis"

	"github.com/racecheck/racecheck/internal/driver"
	"github.com/racecheck/racecheck/runner/correlate"
	"github.com/racecheck/racecheck/runner/exec"
	"github.com/racecheck/racecheck/runner/findings"
	"github.com/racecheck/racecheck/runner/report"
)

// Options configures Run.
type Options struct {
	Dir       string   // working directory ("" = current)
	Patterns  []string // packages (default ./...)
	Tags      []string
	Env       []string // environment (nil = os.Environ())
	Analyzers []*analysis.Analyzer
	Vet       *driver.VetOptions // static analysis through go vet's cache (nil = in process)
	// NoTestFiles leaves test files out of the static analysis (-test=false);
	// the tests still run.
	NoTestFiles bool

	CPU      []int         // GOMAXPROCS values (default 1, 2, NumCPU)
	Count    int           // runs per GOMAXPROCS value (default 3)
	Parallel int           // runs at a time (default NumCPU)
	Timeout  time.Duration // per process (default 10m)

	// Test flags passed through to every test binary: -run, -skip,
	// -shuffle, -parallel.
	TestRun, TestSkip, Shuffle string
	TestParallel               int

	// Exec, when set, is a main package to run instead of the tests,
	// with Args, interrupted after Duration and killed Grace later.
	Exec            string
	Args            []string
	Duration, Grace time.Duration

	Shard, Shards int // run only binaries i with i%Shards == Shard-1 (1-based)

	// Progress, when set, is called after each build and run.
	Progress func(done, total int)
	// PackageDone, when set, is called when the last run of a package
	// ended.
	PackageDone func(PackageDone)
	// IsSpawn tells which categories the thread measurement confirms.
	IsSpawn func(category string) bool
}

func (o *Options) defaults() {
	if len(o.Patterns) == 0 {
		o.Patterns = []string{"./..."}
	}
	if len(o.CPU) == 0 {
		o.CPU = DefaultCPU(runtime.NumCPU())
	}
	if o.Count <= 0 {
		o.Count = 3
	}
	if o.Parallel <= 0 {
		o.Parallel = runtime.NumCPU()
	}
	if o.Timeout <= 0 {
		o.Timeout = 10 * time.Minute
	}
	if o.Grace <= 0 {
		o.Grace = 5 * time.Second
	}
	if o.Shards <= 0 {
		o.Shard, o.Shards = 1, 1
	}
}

// DefaultCPU returns the default GOMAXPROCS values: 1, 2 and n,
// deduplicated and sorted.
func DefaultCPU(n int) []int {
	return Dedup([]int{1, 2, n})
}

// Dedup sorts xs and removes duplicates and values below 1.
func Dedup(xs []int) []int {
	xs = slices.DeleteFunc(slices.Clone(xs), func(x int) bool { return x < 1 })
	slices.Sort(xs)
	return slices.Compact(xs)
}

// A target is one binary to build and run.
type target struct {
	pkg    exec.Package
	binary string
}

// Run runs the static analysis and the race-enabled binaries and returns
// the correlation. Build failures are *exec.BuildError; load failures
// wrap driver.ErrLoad.
func Run(ctx context.Context, opts Options) (*report.Run, error) {
	opts.defaults()
	g := exec.Go{Dir: opts.Dir, Env: opts.Env, Tags: opts.Tags}
	mod, err := module(ctx, g)
	if err != nil {
		return nil, err
	}
	pkgs, err := g.List(ctx, opts.Patterns)
	if err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp("", "racecheck-run-")
	if err != nil {
		return nil, fmt.Errorf("creating temporary directory: %w", err)
	}
	defer os.RemoveAll(tmp)
	// The static analysis overlaps the builds and runs: it needs no
	// result of theirs until the correlation.
	static := make(chan staticResult, 1)
	go func() {
		fnds, err := driver.Analyze(opts.Analyzers, opts.Patterns, driver.Options{Dir: opts.Dir, Tests: !opts.NoTestFiles, Tags: opts.Tags, Env: opts.Env, Vet: opts.Vet})
		static <- staticResult{fnds, err}
	}()
	st, err := execute(ctx, g, opts, mod, pkgs, tmp)
	sr := <-static
	if err != nil {
		return nil, err
	}
	if sr.err != nil {
		return nil, sr.err
	}
	out := st.result(opts, sr.fnds)
	if opts.Shards > 1 {
		out.Shard = fmt.Sprintf("%d/%d", opts.Shard, opts.Shards)
	}
	return out, nil
}

type staticResult struct {
	fnds []findings.Finding
	err  error
}

// execute builds and runs the binaries.
func execute(ctx context.Context, g exec.Go, opts Options, mod correlate.Module, pkgs []exec.Package, tmp string) (*state, error) {
	targets, err := build(ctx, g, opts, pkgs, tmp)
	if err != nil {
		return nil, err
	}
	st := newState(mod, len(targets)*len(opts.CPU)*opts.Count, opts.Progress)
	st.tests = newTestRecord(targets, opts)
	if err := st.runAll(ctx, g, opts, targets, tmp); err != nil {
		return nil, err
	}
	return st, nil
}

// module returns the main module of the working directory.
func module(ctx context.Context, g exec.Go) (correlate.Module, error) {
	pkgs, err := g.List(ctx, []string{"."})
	if err == nil && len(pkgs) == 1 && pkgs[0].Module != nil {
		return correlate.Module{Path: pkgs[0].Module.Path, Dir: pkgs[0].Module.Dir}, nil
	}
	m, merr := ModuleOf(g.Dir)
	if merr != nil {
		return correlate.Module{}, errors.Join(err, merr)
	}
	return m, nil
}

// build builds the binaries of this shard.
func build(ctx context.Context, g exec.Go, opts Options, pkgs []exec.Package, tmp string) ([]target, error) {
	var cover []string
	for _, p := range pkgs {
		cover = append(cover, p.ImportPath)
	}
	if opts.Exec != "" {
		bin := filepath.Join(tmp, "program")
		if err := g.BuildProgram(ctx, opts.Exec, cover, bin); err != nil {
			return nil, err
		}
		ps, err := g.List(ctx, []string{opts.Exec})
		if err != nil {
			return nil, err
		}
		return []target{{pkg: ps[0], binary: bin}}, nil
	}
	var tested []exec.Package
	for _, p := range pkgs {
		if p.HasTests() {
			tested = append(tested, p)
		}
	}
	sort.Slice(tested, func(i, j int) bool { return tested[i].ImportPath < tested[j].ImportPath })
	var targets []target
	for i, p := range tested {
		if i%opts.Shards != opts.Shard-1 {
			continue
		}
		bin := filepath.Join(tmp, fmt.Sprintf("bin%d.test", i))
		if err := g.BuildTest(ctx, p.ImportPath, cover, bin); err != nil {
			return nil, err
		}
		targets = append(targets, target{pkg: p, binary: bin})
	}
	return targets, nil
}

// testArgs returns the flags passed to every test binary.
func testArgs(opts Options, runDir string) []string {
	// test2json framing tells the testing package's own lines from the
	// tests' output; -test.paniconexit0 makes an os.Exit(0) in a test a
	// failure, as go test does.
	args := []string{"-test.v=test2json", "-test.paniconexit0", "-test.timeout=" + testTimeout(opts.Timeout).String(),
		"-test.coverprofile=" + filepath.Join(runDir, "cover.out")}
	for _, f := range []struct{ name, val string }{
		{"run", opts.TestRun}, {"skip", opts.TestSkip}, {"shuffle", opts.Shuffle},
	} {
		if f.val != "" {
			args = append(args, "-test."+f.name+"="+f.val)
		}
	}
	if opts.TestParallel > 0 {
		args = append(args, fmt.Sprintf("-test.parallel=%d", opts.TestParallel))
	}
	return args
}

// coverKey returns the name a coverage profile gives file: the import
// path of its directory and its base name.
func coverKey(mod correlate.Module, file string) (string, bool) {
	rel, ok := mod.RelFile(file, "")
	if !ok {
		return "", false
	}
	return strings.TrimSuffix(mod.Path+"/"+rel, "/"), true
}
