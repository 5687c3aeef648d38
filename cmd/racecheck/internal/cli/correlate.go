package cli

import (
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"slices"

	"github.com/fatih/color"

	"github.com/racecheck/racecheck/analyzer"
	"github.com/racecheck/racecheck/internal/driver"
	"github.com/racecheck/racecheck/runner"
	"github.com/racecheck/racecheck/runner/report"
)

const correlateUsage = `usage: racecheck correlate [-log FILE]... [-coverprofile FILE]... [flags] [packages]

racecheck correlate does what racecheck run does after the runs, on logs
produced elsewhere: it parses race reports, dedupes them and correlates them
with the static findings of the packages (default ./...). A -log file may be
raw output (stderr of a race-enabled program or go test -v), go test -json
output, a GORACE log_path file, or the -json output of racecheck run (shards
merge: hit counts add up, a finding executed in any shard counts as
executed). -coverprofile files (go test -coverprofile) tell which static
findings ran. Exit codes are those of racecheck run.

Flags:
`

// outFlags select the output format.
type outFlags struct {
	json, sarif bool
}

func (of *outFlags) register(fs *flag.FlagSet) {
	fs.BoolVar(&of.json, "json", false, "print the result as JSON (schema version 1, see docs/run.md)")
	fs.BoolVar(&of.sarif, "sarif", false, "print the result as SARIF 2.1.0")
}

// listFlag collects a repeated string flag.
type listFlag []string

func (l *listFlag) String() string     { return fmt.Sprint(*l) }
func (l *listFlag) Set(s string) error { *l = append(*l, s); return nil }

func correlateCmd(args []string, stdout, stderr io.Writer) int {
	var of outFlags
	var logs, covers listFlag
	var dir string
	var af analysisFlags
	var cache bool
	fs := flag.NewFlagSet("racecheck correlate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	of.register(fs)
	fs.Var(&logs, "log", "a log to read (repeatable); - for standard input")
	fs.Var(&covers, "coverprofile", "a coverage profile of the runs (repeatable)")
	fs.StringVar(&dir, "C", "", "change to this directory first")
	fs.BoolVar(&cache, "cache", true, cacheUsage)
	af.register(fs, analyzer.Suite())
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), correlateUsage)
		fs.PrintDefaults()
	}
	if code, ok := parseFlags(fs, args, stderr); !ok {
		return code
	}
	if len(logs) == 0 {
		fmt.Fprintln(stderr, "racecheck correlate: no -log given")
		return ExitUsage
	}
	if err := checkDir(dir); err != nil {
		fmt.Fprintf(stderr, "racecheck correlate: %v\n", err)
		return ExitUsage
	}
	analyzers, err := af.finish(fs, dir)
	if err != nil {
		fmt.Fprintf(stderr, "racecheck correlate: %v\n", err)
		return ExitUsage
	}
	patterns := fs.Args()
	if len(patterns) == 0 {
		patterns = []string{"./..."}
	}
	// Fail on an unreadable input before the analysis, not after it.
	if err := checkInputs(append(slices.Clone(logs), covers...)); err != nil {
		return failure(stderr, err)
	}
	mod, err := runner.ModuleOf(dir)
	if err != nil {
		return failure(stderr, err)
	}
	vet := vetOptions(cache, fs, af.analyzers)
	if vet != nil {
		vet.Flags = append(vet.Flags, af.enableFlags(analyzers)...)
	}
	fnds, err := driver.Analyze(analyzers, patterns, driver.Options{Dir: dir, Tests: af.tests, Tags: splitList(af.tags), Vet: vet})
	if err != nil {
		return failure(stderr, err)
	}
	in := runner.Logs{Module: mod, Findings: fnds, CPUs: runtime.NumCPU(), IsSpawn: isSpawn}
	for _, name := range logs {
		if err := readInput(name, os.Stdin, in.AddLog); err != nil {
			return failure(stderr, err)
		}
	}
	for _, name := range covers {
		if err := readInput(name, os.Stdin, in.AddCoverage); err != nil {
			return failure(stderr, err)
		}
	}
	return emit(stdout, stderr, in.Result(), of)
}

// checkInputs opens every named input ("-" is stdin) once, to fail
// early on a missing or unreadable file.
func checkInputs(names []string) error {
	for _, name := range names {
		if name == "-" {
			continue
		}
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		f.Close()
	}
	return nil
}

// readInput opens name ("-" is stdin) and hands it to add.
func readInput(name string, stdin io.Reader, add func(string, io.Reader) error) error {
	if name == "-" {
		return add("<stdin>", stdin)
	}
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	return add(name, f)
}

// emit writes the result in the chosen format and returns the exit code.
func emit(stdout, stderr io.Writer, res *report.Run, of outFlags) int {
	var err error
	switch {
	case of.sarif:
		err = report.SARIF(stdout, RepoRoot(res.Dir), sarifVersion(), runner.SARIFResults(res))
	case of.json:
		err = report.RunJSON(stdout, res)
	default:
		opts := report.TextOptions{Dir: workDir(), Color: !color.NoColor && stdout == io.Writer(os.Stdout)}
		err = report.RunText(stdout, res, opts)
	}
	if err != nil {
		logger(stderr).Print(oneLine(err))
		return ExitFailure
	}
	return runExit(res)
}

// runExit returns the exit code of a run: a failing test and a race are
// both reported (6), neither hides the other; static findings show
// only when the tests passed and nothing raced.
func runExit(res *report.Run) int {
	switch {
	case len(res.Races) > 0 && len(res.Failures) > 0:
		return ExitBoth
	case len(res.Failures) > 0:
		return ExitTests
	case len(res.Races) > 0:
		return ExitRaces
	case len(res.Findings) > 0:
		return ExitFindings
	}
	return ExitClean
}
