package cli

import (
	"cmp"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"strings"

	"github.com/fatih/color"
	"golang.org/x/tools/go/analysis"

	"github.com/racecheck/racecheck/analyzer"
	"github.com/racecheck/racecheck/internal/driver"
	"github.com/racecheck/racecheck/runner/findings"
	"github.com/racecheck/racecheck/runner/report"
)

const lintUsage = `usage: racecheck [flags] [packages]
       racecheck run [flags] [packages]       (racecheck run -h)
       racecheck correlate [flags] [packages] (racecheck correlate -h)
       racecheck explain [category]
       racecheck vetflags                     (.racecheck.toml as go vet flags)
       racecheck version                      (or racecheck -V)
       go vet -vettool=$(which racecheck) [packages]

racecheck reports data races and oversized goroutine spawning in the
packages (default ./...), statically. Settings not given as flags come
from .racecheck.toml at the module or repository root (flags win).

Exit codes:
  0  no findings (and always with -json or -sarif unless racecheck failed)
  1  racecheck failed: packages do not load or type-check, or an analyzer failed
  2  usage error
  3  findings reported

Flags:
`

// lintFlags are the flags of the static check.
type lintFlags struct {
	json  bool
	sarif bool // SARIF 2.1.0 log (lintout.go)
	fix   bool // apply suggested fixes
	diff  bool // print suggested fixes as a diff
	cache bool
	dir   string
	prof  profiles
	analysisFlags
	// rerun analyzes the packages again, after -fix changed them.
	rerun func() ([]findings.Finding, error)
}

func newLintFlagSet(stderr io.Writer, lf *lintFlags, analyzers []*analysis.Analyzer) *flag.FlagSet {
	fs := flag.NewFlagSet("racecheck", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.BoolVar(&lf.json, "json", false, "print findings as JSON in go vet's shape; exit 0 on findings")
	fs.BoolVar(&lf.sarif, "sarif", false, "print findings as a SARIF 2.1.0 log for code scanning; exit 0 on findings")
	fs.BoolVar(&lf.fix, "fix", false, "apply suggested fixes to the files; report what remains")
	fs.BoolVar(&lf.diff, "diff", false, "print suggested fixes as a unified diff instead of applying them")
	fs.BoolVar(&lf.cache, "cache", true, cacheUsage)
	fs.StringVar(&lf.dir, "C", "", "change to this directory before loading packages")
	fs.StringVar(&lf.prof.cpu, "cpuprofile", "", "write a CPU profile of the analysis to `file`")
	fs.StringVar(&lf.prof.mem, "memprofile", "", "write an allocation profile of the analysis to `file`")
	lf.analysisFlags.register(fs, analyzers)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), lintUsage)
		fs.PrintDefaults()
	}
	return fs
}

func lintCmd(args []string, stdout, stderr io.Writer) int {
	analyzers := analyzer.Suite()
	var lf lintFlags
	fs := newLintFlagSet(stderr, &lf, analyzers)
	if code, ok := parseFlags(fs, args, stderr); !ok {
		return code
	}
	if err := cmp.Or(checkOutputModes(&lf), checkDir(lf.dir)); err != nil {
		logger(stderr).Print(err)
		return ExitUsage
	}
	patterns := packagesOf(fs.Args()) // files become their packages (lintout.go)
	if len(patterns) == 0 && fs.NArg() > 0 {
		return ExitClean // only files racecheck does not analyze, e.g. testdata
	}
	base := baseModule(lf.dir)
	if roots, groups := moduleGroups(patterns, base); needsSplit(roots, base) {
		if lf.json || lf.sarif || lf.fix || lf.diff {
			logger(stderr).Printf("the files belong to %d modules; -json, -sarif, -fix and -diff need one run per module (-C DIR)", len(roots))
			return ExitUsage
		}
		return runPerModule(args[:len(args)-fs.NArg()], roots, groups, stdout, stderr)
	}
	analyzers, err := lf.finish(fs, lf.dir)
	if err != nil {
		logger(stderr).Print(err)
		return ExitUsage
	}
	if len(patterns) == 0 {
		patterns = []string{"./..."}
	}
	if err := checkModule(lf.dir, patterns); err != nil {
		logger(stderr).Print(err)
		return ExitFailure
	}
	if err := lf.prof.start(); err != nil {
		logger(stderr).Print(err)
		return ExitFailure
	}
	opts := driver.Options{Dir: lf.dir, Tests: lf.tests, Tags: splitList(lf.tags), Vet: vetOptions(lf.cache, fs, lf.analysisFlags.analyzers)}
	if opts.Vet != nil {
		opts.Vet.Flags = append(opts.Vet.Flags, lf.enableFlags(analyzers)...)
	}
	lf.rerun = func() ([]findings.Finding, error) { return driver.Analyze(analyzers, patterns, opts) }
	fnds, err := driver.Analyze(analyzers, patterns, opts)
	if perr := lf.prof.stop(); perr != nil && err == nil {
		err = perr
	}
	var loadErr *driver.LoadErrors
	if err != nil && (!errors.As(err, &loadErr) || lf.fix || lf.diff) {
		logger(stderr).Print(oneLine(err))
		return ExitFailure
	}
	code := writeFindings(stdout, stderr, &lf, fnds)
	if loadErr == nil {
		return code
	}
	// As go vet: every package's errors, after the findings of the
	// packages that loaded.
	printLoadErrors(stderr, loadErr)
	return ExitFailure
}

// printLoadErrors prints one line per load error, with paths relative to
// the working directory.
func printLoadErrors(stderr io.Writer, le *driver.LoadErrors) {
	wd := workDir()
	for _, line := range le.Lines {
		if wd != "" {
			line = strings.ReplaceAll(line, wd+string(os.PathSeparator), "")
		}
		logger(stderr).Print(oneLine(errors.New(line)))
	}
}

// writeFindings writes the findings in the chosen output mode and
// returns the exit code.
func writeFindings(stdout, stderr io.Writer, lf *lintFlags, fnds []findings.Finding) int {
	if lf.sarif || lf.fix || lf.diff {
		return writeSpecial(stdout, stderr, lf, fnds)
	}
	if lf.json {
		if err := report.VetJSON(stdout, fnds); err != nil {
			logger(stderr).Print(err)
			return ExitFailure
		}
		return ExitClean
	}
	return writeText(stdout, stderr, fnds)
}

// writeText prints findings as text and returns the exit code.
func writeText(stdout, stderr io.Writer, fnds []findings.Finding) int {
	opts := report.TextOptions{Dir: workDir(), Color: !color.NoColor && stdout == io.Writer(os.Stdout)}
	if err := report.Text(stdout, fnds, opts); err != nil {
		logger(stderr).Print(err)
		return ExitFailure
	}
	if len(fnds) > 0 {
		return ExitFindings
	}
	return ExitClean
}

func logger(w io.Writer) *log.Logger { return log.New(w, "racecheck: ", 0) }

// oneLine collapses a multi-line error so that a failure is one line:
// lines join with "; ", or with a space after a line ending in a colon
// ("to add it:" followed by the command), and a "-: " stands for an
// unknown position and is dropped.
func oneLine(err error) string {
	var b strings.Builder
	for _, line := range strings.Split(err.Error(), "\n") {
		line = strings.Join(strings.Fields(line), " ")
		line = strings.TrimPrefix(line, "-: ")
		if line == "" {
			continue
		}
		if b.Len() > 0 {
			if strings.HasSuffix(b.String(), ":") {
				b.WriteString(" ")
			} else {
				b.WriteString("; ")
			}
		}
		b.WriteString(line)
	}
	return strings.ReplaceAll(b.String(), ": -: ", ": ")
}

func splitList(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// workDir returns the directory paths are printed relative to: the
// working directory of the process.
func workDir() string {
	wd, err := os.Getwd()
	if err != nil {
		return ""
	}
	return wd
}
