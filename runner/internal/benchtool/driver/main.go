// Command driver runs racecheck's standalone driver (internal/driver) with a
// chosen analyzer set, for the benchmark harness: the SSA floor (an
// analyzer that only builds SSA, for the packages named or for their
// dependencies too), or the full suite, through the full-graph or the
// streaming driver, and can report fact sizes.
//
//	driver [-analyzers=floor|floor-deps|suite] [-driver=lint|stream] [-test=false] [-facts] packages
//
// It prints the number of findings (and with -facts one line per analyzer
// with facts) and exits 0 unless the run failed. Invoked by go vet
// (go vet -vettool=driver), it is the SSA floor as a vet tool, through
// the same vet unit driver as racecheck (internal/driver/vetunit).
package main

import (
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"runtime"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"

	"github.com/racecheck/racecheck/analyzer"
	"github.com/racecheck/racecheck/internal/driver"
	"github.com/racecheck/racecheck/internal/driver/vetunit"
	"github.com/racecheck/racecheck/runner/internal/benchtool"
)

func main() {
	if isVetInvocation(os.Args[1:]) {
		opts := vetunit.Options{Version: vetunit.DevelVersion}
		os.Exit(vetunit.Main("driver", os.Args[1:], []*analysis.Analyzer{benchtool.Floor}, opts, os.Stdout, os.Stderr))
	}
	log.SetFlags(0)
	log.SetPrefix("driver: ")
	if err := run(os.Args[1:], os.Stdout); err != nil {
		log.Fatal(err)
	}
}

// isVetInvocation reports whether go vet is talking to the driver: its
// handshake flags, or a single vet.cfg argument after flags.
func isVetInvocation(args []string) bool {
	if len(args) == 1 && (args[0] == "-flags" || strings.HasPrefix(args[0], "-V=")) {
		return true
	}
	return vetunit.IsUnit(args)
}

func run(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("driver", flag.ContinueOnError)
	set := fs.String("analyzers", "floor", "analyzer set: floor (buildssa only), floor-deps (buildssa on dependencies too) or suite (analyzer.Suite())")
	which := fs.String("driver", "lint", "driver: lint (driver.Run) or stream (driver.RunStream)")
	tests := fs.Bool("test", true, "also analyze test files")
	facts := fs.Bool("facts", false, "report the size of the facts the analyzers exported")
	dir := fs.String("C", "", "change to this directory before loading packages")
	if err := fs.Parse(args); err != nil {
		return err
	}
	var analyzers []*analysis.Analyzer
	switch *set {
	case "floor":
		analyzers = []*analysis.Analyzer{benchtool.Floor}
	case "floor-deps":
		analyzers = []*analysis.Analyzer{benchtool.FloorDeps}
	case "suite":
		analyzers = analyzer.Suite()
	default:
		return fmt.Errorf("unknown analyzer set %q (want floor, floor-deps or suite)", *set)
	}
	patterns := fs.Args()
	if len(patterns) == 0 {
		patterns = []string{"./..."}
	}
	opts := driver.Options{Dir: *dir, Tests: *tests}
	if !*facts {
		return count(stdout, *which, analyzers, patterns, opts)
	}
	return factReport(stdout, *which, analyzers, patterns, opts)
}

// count runs the driver exactly as racecheck does and prints the number
// of findings.
func count(w io.Writer, which string, analyzers []*analysis.Analyzer, patterns []string, opts driver.Options) error {
	runFn := driver.Run
	switch which {
	case "lint":
	case "stream":
		runFn = driver.RunStream
	default:
		return fmt.Errorf("unknown driver %q (want lint or stream)", which)
	}
	fnds, err := runFn(analyzers, patterns, opts)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%d findings\n", len(fnds))
	return err
}

// factReport runs the driver's steps one by one, to keep the graph, and
// prints the facts each analyzer exported.
func factReport(w io.Writer, which string, analyzers []*analysis.Analyzer, patterns []string, opts driver.Options) error {
	pkgs, err := driver.Load(patterns, opts)
	if err != nil {
		return err
	}
	var graph *checker.Graph
	switch which {
	case "lint":
		graph, err = checker.Analyze(analyzers, pkgs, nil)
	case "stream":
		graph, err = driver.AnalyzeStream(analyzers, pkgs, runtime.GOMAXPROCS(0))
	default:
		return fmt.Errorf("unknown driver %q (want lint or stream)", which)
	}
	if err != nil {
		return fmt.Errorf("analysis: %w", err)
	}
	fnds, err := driver.Collect(graph)
	if err != nil {
		return err
	}
	stats, err := benchtool.FactSizes(graph)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "%d findings\n", len(fnds))
	for _, st := range stats {
		fmt.Fprintf(w, "facts %s count=%d own=%d visible=%d maxpkg=%d\n", st.Analyzer, st.Facts, st.Own, st.Visible, st.MaxPkg)
	}
	return nil
}
