package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/racecheck/racecheck/analyzer"
	"github.com/racecheck/racecheck/analyzer/category"
	"github.com/racecheck/racecheck/internal/driver"
	"github.com/racecheck/racecheck/runner"
	"github.com/racecheck/racecheck/runner/exec"
)

const runUsage = `usage: racecheck run [flags] [packages]
       racecheck run [flags] -exec ./cmd/prog [-duration 30s] [packages] -- [program args]

racecheck run analyzes the packages (default ./...) statically, builds each
package's test binary once with -race and runs it as separate processes for
every GOMAXPROCS value in -cpu, -count times each, then reports every race
observed, deduplicated, and correlates races with static findings:

  confirmed                 static finding and race observed (or, for spawn
                            findings, a thread peak above 2 x CPUs)
  static-only, executed     the finding's code ran, no race showed
  static-only, not executed no run reached the finding's code: add a test
                            (in _test.go files: its test function never
                            started; coverage does not cover test files)
  dynamic-only              a race the static analysis missed

Failing tests are listed with their package, GOMAXPROCS value, run and
first output lines: a t.Error or t.Fatal, a panic (and the tests it kept
from running), a hang (each binary gets -test.timeout a little under
-timeout, so it names the hung test and dumps its goroutines), an early
exit (with -exec: the program's panic or early exit). A test failed only
by the race detector is a race, not a failure.
When stderr is not a terminal, a line per finished package is printed
there (and one after any 30s without a line), as go test does.

Exit codes (also with -json and -sarif):
  0  no race observed, no failing test and no static finding
  1  racecheck failed: packages do not load, a build fails (the compiler's
     errors are shown), -race unavailable (no cgo or C compiler)
  2  usage error
  3  static findings only, no race observed, no failing test
  4  races observed, no failing test
  5  tests failed, panicked or hung, no race observed
  6  races observed and tests failed, panicked or hung

Flags:
`

// runFlags are the flags of racecheck run.
type runFlags struct {
	outFlags
	cpu, shard               string
	count, p, parallel       int
	timeout, duration, grace time.Duration
	run, skip, shuffle, dir  string
	exec                     string
	cache                    bool
	analysisFlags
}

func newRunFlagSet(stderr io.Writer, rf *runFlags) *flag.FlagSet {
	fs := flag.NewFlagSet("racecheck run", flag.ContinueOnError)
	fs.SetOutput(stderr)
	rf.outFlags.register(fs)
	fs.StringVar(&rf.cpu, "cpu", "", "comma-separated GOMAXPROCS values (default 1,2,NumCPU)")
	fs.IntVar(&rf.count, "count", 3, "runs per GOMAXPROCS value")
	fs.IntVar(&rf.p, "p", 0, "runs executed at a time (default NumCPU)")
	fs.DurationVar(&rf.timeout, "timeout", 10*time.Minute, "per process: test binaries get -test.timeout a little under it; the process group is killed at it")
	fs.StringVar(&rf.run, "run", "", "run only tests matching this regexp (go test -run)")
	fs.StringVar(&rf.skip, "skip", "", "skip tests matching this regexp (go test -skip)")
	fs.StringVar(&rf.shuffle, "shuffle", "", "shuffle test order: off, on or a seed (go test -shuffle)")
	fs.IntVar(&rf.parallel, "parallel", 0, "maximum parallel tests per binary (go test -parallel)")
	fs.StringVar(&rf.dir, "C", "", "change to this directory first")
	fs.BoolVar(&rf.cache, "cache", true, cacheUsage)
	fs.StringVar(&rf.exec, "exec", "", "run this main package instead of the tests")
	fs.DurationVar(&rf.duration, "duration", 30*time.Second, "with -exec: interrupt the program (SIGINT) after this long")
	fs.DurationVar(&rf.grace, "grace", 5*time.Second, "with -exec: kill the program this long after SIGINT")
	fs.StringVar(&rf.shard, "shard", "", "K/N: run only every N-th test binary, starting with the K-th (1-based)")
	rf.analysisFlags.register(fs, analyzer.Suite())
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), runUsage)
		fs.PrintDefaults()
	}
	return fs
}

func runCmd(args []string, stdout, stderr io.Writer) int {
	var rf runFlags
	fs := newRunFlagSet(stderr, &rf)
	flagArgs, progArgs := splitDashDash(args)
	if code, ok := parseFlags(fs, flagArgs, stderr); !ok {
		return code
	}
	if err := checkDir(rf.dir); err != nil {
		fmt.Fprintf(stderr, "racecheck run: %v\n", err)
		return ExitUsage
	}
	if err := checkModule(rf.dir, append(fs.Args(), "./...")[:max(1, fs.NArg())]); err != nil {
		fmt.Fprintf(stderr, "racecheck run: %v\n", err)
		return ExitFailure
	}
	analyzers, err := rf.finish(fs, rf.dir)
	if err != nil {
		fmt.Fprintf(stderr, "racecheck run: %v\n", err)
		return ExitUsage
	}
	opts, err := rf.options(fs.Args(), progArgs)
	opts.Analyzers, opts.NoTestFiles = analyzers, !rf.tests
	if opts.Vet = vetOptions(rf.cache, fs, rf.analysisFlags.analyzers); opts.Vet != nil {
		opts.Vet.Flags = append(opts.Vet.Flags, rf.enableFlags(analyzers)...)
	}
	if err != nil {
		fmt.Fprintf(stderr, "racecheck run: %v\n", err)
		return ExitUsage
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if bar := progress(stderr, rf.outFlags); bar != nil {
		opts.Progress = func(done, total int) {
			bar.ChangeMax(total)
			_ = bar.Set(done)
		}
		defer bar.Finish()
	}
	var lines *progressLines
	if opts.Progress == nil && !isTerminal(stderr) {
		lines = newProgressLines(stderr, 30*time.Second)
		opts.Progress, opts.PackageDone = lines.run, lines.pkg
	}
	res, err := runner.Run(ctx, opts)
	if lines != nil {
		lines.stop()
	}
	if err != nil && ctx.Err() != nil {
		// Ctrl-C: say so, not "context canceled".
		fmt.Fprintln(stderr, "racecheck run: interrupted")
		return ExitFailure
	}
	if err != nil {
		return failure(stderr, err)
	}
	return emit(stdout, stderr, res, rf.outFlags)
}

// options validates the flags and builds the runner's options.
func (rf *runFlags) options(patterns, progArgs []string) (runner.Options, error) {
	opts := runner.Options{
		Dir: rf.dir, Patterns: patterns, Tags: splitList(rf.tags),
		Count: rf.count, Parallel: rf.p, Timeout: rf.timeout,
		TestRun: rf.run, TestSkip: rf.skip, Shuffle: rf.shuffle, TestParallel: rf.parallel,
		Exec: rf.exec, Args: progArgs, Duration: rf.duration, Grace: rf.grace,
		IsSpawn: isSpawn,
	}
	if rf.count < 1 || rf.p < 0 || rf.parallel < 0 || rf.timeout <= 0 {
		return opts, errors.New("-count, -timeout must be positive and -p, -parallel not negative")
	}
	if len(progArgs) > 0 && rf.exec == "" {
		return opts, errors.New("arguments after -- need -exec")
	}
	if rf.cpu != "" {
		for _, s := range splitList(rf.cpu) {
			n, err := strconv.Atoi(s)
			if err != nil || n < 1 {
				return opts, fmt.Errorf("-cpu: bad value %q", s)
			}
			opts.CPU = append(opts.CPU, n)
		}
		opts.CPU = runner.Dedup(opts.CPU)
	}
	if rf.shard != "" {
		k, n, ok := strings.Cut(rf.shard, "/")
		opts.Shard, _ = strconv.Atoi(k)
		opts.Shards, _ = strconv.Atoi(n)
		if !ok || opts.Shards < 1 || opts.Shard < 1 || opts.Shard > opts.Shards {
			return opts, fmt.Errorf("-shard: want K/N with 1 <= K <= N, got %q", rf.shard)
		}
	}
	return opts, nil
}

// splitDashDash splits args at the first "--": flags and packages
// before, program arguments after.
func splitDashDash(args []string) ([]string, []string) {
	for i, a := range args {
		if a == "--" {
			return args[:i], args[i+1:]
		}
	}
	return args, nil
}

// isSpawn reports whether a category belongs to the spawn analyzer.
func isSpawn(id string) bool {
	d, ok := category.Lookup(id)
	return ok && d.Analyzer == "spawn"
}

// progress returns a progress bar on stderr when it is a terminal and
// the output is text, or nil.
func progress(stderr io.Writer, of outFlags) *progressbar.ProgressBar {
	if of.json || of.sarif || !isTerminal(stderr) {
		return nil
	}
	f := stderr.(*os.File)
	return progressbar.NewOptions(-1, progressbar.OptionSetWriter(f), progressbar.OptionSetDescription("racecheck run"),
		progressbar.OptionClearOnFinish(), progressbar.OptionShowCount())
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// failure reports an error of racecheck itself and returns ExitFailure.
// A build failure shows the compiler's output first.
func failure(stderr io.Writer, err error) int {
	var be *exec.BuildError
	if errors.As(err, &be) && be.Output != "" {
		fmt.Fprint(stderr, be.Output)
		if !strings.HasSuffix(be.Output, "\n") {
			fmt.Fprintln(stderr)
		}
		// The compiler's errors are above; the error repeats them.
		logger(stderr).Printf("building %s failed (errors above)", be.Package)
		return ExitFailure
	}
	var le *driver.LoadErrors
	if errors.As(err, &le) {
		printLoadErrors(stderr, le)
		return ExitFailure
	}
	logger(stderr).Print(oneLine(err))
	return ExitFailure
}
