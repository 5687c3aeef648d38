package vetunit

import (
	"crypto/sha256"
	"errors"
	"flag"
	"fmt"
	"go/scanner"
	"go/types"
	"io"
	"os"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// Options are what a program adds to the protocol.
type Options struct {
	// Version writes the tool's answer to -V=full, one line that go vet
	// makes part of every cache key: it must change with the binary.
	// Nil means DevelVersion.
	Version func(io.Writer) error
	// Flags, if not nil, declares the program's own flags, which go vet
	// then accepts and passes on (they are listed by -flags).
	Flags func(*flag.FlagSet)
	// SharedFlags makes Main leave the analyzers' flags as they are, for
	// a process that runs several units at once (vettool's server): an
	// analyzer flag of the command line must then have the value the
	// flag already holds, else Main returns Declined and prints nothing.
	SharedFlags bool
}

// Declined is Main's result when Options.SharedFlags is set and the
// command line sets an analyzer flag to a value other than the one it
// holds: the unit has to run in a process of its own.
const Declined = -1

// Main runs the tool on the command line args (without the program
// name) that go vet passes: -flags, -V=full, or flags and one .cfg file.
// It writes to stdout and stderr (JSON to the config's Stdout file if it
// names one) and returns the exit code, as unitchecker's: 0 when done,
// always with -json unless the run failed; 1 on diagnostics, on failure
// and on a bad command line.
func Main(name string, args []string, analyzers []*analysis.Analyzer, opts Options, stdout, stderr io.Writer) int {
	logf := func(format string, args ...any) { fmt.Fprintf(stderr, "%s: %s\n", name, fmt.Sprintf(format, args...)) }
	if err := analysis.Validate(analyzers); err != nil {
		logf("%v", err)
		return 1
	}
	tf := newToolFlags(name, analyzers, opts.Flags, opts.SharedFlags)
	if err := tf.fs.Parse(args); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(stderr, err)
		}
		fmt.Fprintf(stderr, "%s is a go vet tool; run it as go vet -vettool=$(which %[1]s) [packages]\n", name)
		return 1
	}
	if !tf.sharedHold() {
		return Declined
	}
	switch {
	case tf.flags:
		if err := tf.printFlags(stdout); err != nil {
			logf("%v", err)
			return 1
		}
		return 0
	case tf.version != "":
		return printVersion(tf.version, opts.Version, stdout, logf)
	case tf.fix:
		logf("-fix is not supported by this driver (see WantsFix)")
		return 1
	}
	rest := tf.fs.Args()
	if len(rest) != 1 || !strings.HasSuffix(rest[0], ".cfg") {
		logf("expected one unit configuration file (*.cfg) from go vet, got %q", rest)
		return 1
	}
	roots := tf.selected(analyzers)
	registerFacts(analyzers)
	return runConfig(rest[0], roots, tf, stdout, stderr, logf)
}

func printVersion(v string, version func(io.Writer) error, stdout io.Writer, logf func(string, ...any)) int {
	if v != "full" {
		logf("unsupported flag value: -V=%s (use -V=full)", v)
		return 1
	}
	if version == nil {
		version = DevelVersion
	}
	if err := version(stdout); err != nil {
		logf("%v", err)
		return 1
	}
	return 0
}

// runConfig analyzes the unit of the config file cfgFile.
func runConfig(cfgFile string, roots []*analysis.Analyzer, tf *toolFlags, stdout, stderr io.Writer, logf func(string, ...any)) int {
	cfg, err := ReadConfig(cfgFile)
	if err != nil {
		logf("%v", err)
		return 1
	}
	if cfg.Stdout != "" {
		f, err := os.Create(cfg.Stdout)
		if err != nil {
			logf("%v", err)
			return 1
		}
		defer f.Close()
		stdout = f
	}
	u, results, err := analyze(cfg, roots, func(msg string) { logf("%s", msg) })
	switch {
	case err != nil && cfg.SucceedOnTypecheckFailure && isSourceError(err):
		return 0 // the compiler reports it
	case err != nil && cfg.VetxOnly:
		return 1 // go vet reports the failure of the package named
	case err != nil && isSourceError(err):
		fmt.Fprintln(stderr, err)
		return 1
	case err != nil:
		logf("%v", err)
		return 1
	case cfg.VetxOnly:
		return 0
	}
	return report(u, results, tf, stdout, stderr, logf)
}

// isSourceError reports whether err is a parse or type error, printed
// like the compiler's, without the program's name.
func isSourceError(err error) bool {
	switch err.(type) {
	case types.Error, *scanner.Error, scanner.ErrorList:
		return true
	}
	return false
}

// analyze loads the unit, runs the analyzers and writes the unit's facts.
func analyze(cfg *Config, roots []*analysis.Analyzer, warn func(string)) (*unit, []result, error) {
	u, err := load(cfg)
	if err != nil {
		return nil, nil, err
	}
	facts, err := decodeFacts(u.pkg, cfg.PackageVetx)
	if err != nil {
		return nil, nil, err
	}
	if cfg.VetxOnly {
		roots = factRoots(roots)
	}
	e := &executor{u: u, facts: facts, warn: warn}
	results := e.execute(roots)
	if cfg.VetxOutput != "" {
		data, err := facts.encode()
		if err == nil {
			err = os.WriteFile(cfg.VetxOutput, data, 0o666)
		}
		if err != nil {
			return nil, nil, fmt.Errorf("writing facts: %v", err)
		}
	}
	return u, results, nil
}

// report prints the results of a unit go vet asked diagnostics of and
// returns the exit code: 1 if anything was printed as text, else 0.
func report(u *unit, results []result, tf *toolFlags, stdout, stderr io.Writer, logf func(string, ...any)) int {
	if tf.json {
		tree := make(jsonTree)
		for _, r := range results {
			tree.add(u.fset, u.cfg.ID, r)
		}
		if err := tree.print(stdout); err != nil {
			logf("%v", err)
		}
		return 0
	}
	code := 0
	for _, r := range results {
		if r.err != nil {
			logf("%v", r.err)
			code = 1
		}
	}
	for _, r := range results {
		for _, d := range r.diags {
			printText(stderr, u.fset, tf.context, d)
			code = 1
		}
	}
	return code
}

// DevelVersion is an answer to -V=full for tools without a version of
// their own, in unitchecker's form: the executable's path and a hash of
// its content as build ID, so that go vet's cache keys change with the
// binary.
func DevelVersion(w io.Writer) error {
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	data, err := os.ReadFile(exe)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s version devel comments-go-here buildID=%x\n", exe, sha256.Sum256(data))
	return err
}

// IsUnit reports whether the vet tool arguments args hand the tool a
// package to analyze (a trailing unit configuration file, *.cfg), rather
// than ask for its flags or version.
func IsUnit(args []string) bool {
	return len(args) > 0 && strings.HasSuffix(args[len(args)-1], ".cfg")
}

// WantsFix reports whether the vet tool arguments args ask to apply
// suggested fixes (go vet -fix, go fix), which this driver leaves to
// x/tools' unitchecker: go vet then passes -fix to every unit, and hashes
// it into their cache keys, so the units of one run share one driver and
// one .vetx format.
func WantsFix(args []string) bool {
	for _, a := range args {
		name, val, hasVal := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !strings.HasPrefix(a, "-") || name != "fix" {
			continue
		}
		b, err := strconv.ParseBool(val)
		return !hasVal || err == nil && b
	}
	return false
}
