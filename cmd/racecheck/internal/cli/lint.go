package cli

import (
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
       go vet -vettool=$(which racecheck) [packages]

racecheck reports data races and oversized goroutine spawning in the
packages (default ./...), statically.

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
	tests bool
	cache bool
	tags  string
	dir   string
	prof  profiles
}

func newLintFlagSet(stderr io.Writer, lf *lintFlags, analyzers []*analysis.Analyzer) *flag.FlagSet {
	fs := flag.NewFlagSet("racecheck", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.BoolVar(&lf.json, "json", false, "print findings as JSON in go vet's shape; exit 0 on findings")
	fs.BoolVar(&lf.sarif, "sarif", false, "print findings as a SARIF 2.1.0 log for code scanning; exit 0 on findings")
	fs.BoolVar(&lf.fix, "fix", false, "apply suggested fixes to the files; report what remains")
	fs.BoolVar(&lf.diff, "diff", false, "print suggested fixes as a unified diff instead of applying them")
	fs.BoolVar(&lf.tests, "test", true, "also analyze test files")
	fs.BoolVar(&lf.cache, "cache", true, cacheUsage)
	fs.StringVar(&lf.tags, "tags", "", "comma-separated build tags")
	fs.StringVar(&lf.dir, "C", "", "change to this directory before loading packages")
	fs.StringVar(&lf.prof.cpu, "cpuprofile", "", "write a CPU profile of the analysis to `file`")
	fs.StringVar(&lf.prof.mem, "memprofile", "", "write an allocation profile of the analysis to `file`")
	registerAnalyzerFlags(fs, analyzers)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), lintUsage)
		fs.PrintDefaults()
	}
	return fs
}

// registerAnalyzerFlags exposes each analyzer flag F of analyzer A as -A.F.
func registerAnalyzerFlags(fs *flag.FlagSet, analyzers []*analysis.Analyzer) {
	for _, a := range analyzers {
		a.Flags.VisitAll(func(f *flag.Flag) {
			fs.Var(f.Value, a.Name+"."+f.Name, f.Usage)
		})
	}
}

func lintCmd(args []string, stdout, stderr io.Writer) int {
	analyzers := analyzer.Suite()
	var lf lintFlags
	fs := newLintFlagSet(stderr, &lf, analyzers)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return ExitClean
		}
		return ExitUsage
	}
	if err := checkOutputModes(&lf); err != nil {
		logger(stderr).Print(err)
		return ExitUsage
	}
	patterns := packagesOf(fs.Args()) // files become their packages (lintout.go)
	if len(patterns) == 0 && fs.NArg() > 0 {
		return ExitClean // only files racecheck does not analyze, e.g. testdata
	}
	if len(patterns) == 0 {
		patterns = []string{"./..."}
	}
	if err := lf.prof.start(); err != nil {
		logger(stderr).Print(err)
		return ExitFailure
	}
	opts := driver.Options{Dir: lf.dir, Tests: lf.tests, Tags: splitList(lf.tags), Vet: vetOptions(lf.cache, fs, analyzers)}
	fnds, err := driver.Analyze(analyzers, patterns, opts)
	if perr := lf.prof.stop(); perr != nil && err == nil {
		err = perr
	}
	if err != nil {
		logger(stderr).Print(oneLine(err))
		return ExitFailure
	}
	if lf.sarif || lf.fix || lf.diff {
		return writeSpecial(stdout, stderr, &lf, fnds)
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

// oneLine collapses a multi-line error so that a failure is one line.
func oneLine(err error) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(err.Error(), "\n", "; ")), " ")
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
