package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/racecheck/racecheck/runner/findings"
	"github.com/racecheck/racecheck/runner/fix"
	"github.com/racecheck/racecheck/runner/report"
)

// checkOutputModes rejects combinations of output flags that make no
// sense together.
func checkOutputModes(lf *lintFlags) error {
	n := 0
	for _, on := range []bool{lf.json, lf.sarif, lf.fix || lf.diff} {
		if on {
			n++
		}
	}
	if n > 1 {
		return errors.New("-json, -sarif and -fix/-diff exclude each other")
	}
	return nil
}

// writeSpecial handles the -sarif, -fix and -diff modes of the static
// command and returns the exit code.
func writeSpecial(stdout, stderr io.Writer, lf *lintFlags, fnds []findings.Finding) int {
	if lf.sarif {
		return writeSARIF(stdout, stderr, lf.dir, fnds)
	}
	plan, err := fix.Compute(fnds, nil)
	if err != nil {
		logger(stderr).Print(oneLine(err))
		return ExitFailure
	}
	for _, f := range plan.Skipped {
		p := f.Pos
		p.File = report.Rel(workDir(), p.File)
		logger(stderr).Printf("%s: fix skipped: it overlaps another fix; run again after this one", p)
	}
	if len(plan.Changes) == 0 && len(fnds) > 0 {
		if len(fnds) == 1 {
			logger(stderr).Print("nothing to fix: the finding has no suggested fix")
		} else {
			logger(stderr).Printf("nothing to fix: none of the %d findings has a suggested fix", len(fnds))
		}
	}
	if lf.diff {
		if err := plan.Diff(stdout, workDir()); err != nil {
			logger(stderr).Print(err)
			return ExitFailure
		}
		if len(fnds) > 0 {
			return ExitFindings
		}
		return ExitClean
	}
	if err := plan.Write(); err != nil {
		logger(stderr).Print(oneLine(err))
		return ExitFailure
	}
	if len(plan.Changes) == 0 {
		return writeText(stdout, stderr, fnds)
	}
	logger(stderr).Printf("applied %s to %s", plural(len(plan.Fixed), "fix"), plural(len(plan.Changes), "file"))
	// The fixes (and gofmt) moved lines: analyze again, so that what
	// remains is printed where it now is.
	after, err := lf.rerun()
	if err != nil {
		logger(stderr).Print(oneLine(err))
		return ExitFailure
	}
	return writeText(stdout, stderr, after)
}

// plural returns "1 finding", "2 findings", "2 fixes".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	if strings.HasSuffix(noun, "x") || strings.HasSuffix(noun, "s") {
		return fmt.Sprintf("%d %ses", n, noun)
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// writeSARIF prints findings as a SARIF log with paths relative to the
// repository root, as code scanning wants them, and exits 0 on findings.
func writeSARIF(stdout, stderr io.Writer, dir string, fnds []findings.Finding) int {
	results := make([]report.SARIFResult, len(fnds))
	for i, f := range fnds {
		results[i] = report.SARIFResult{Finding: f}
	}
	// The repository of the analyzed packages (-C), not of the working
	// directory: code scanning resolves paths against the former.
	root := workDir()
	if dir != "" {
		if abs, err := filepath.Abs(dir); err == nil {
			root = abs
		}
	}
	if err := report.SARIF(stdout, RepoRoot(root), sarifVersion(), results); err != nil {
		logger(stderr).Print(err)
		return ExitFailure
	}
	return ExitClean
}

// RepoRoot returns the root of the version-controlled tree holding dir
// (the nearest ancestor with a .git entry), or dir when there is none.
func RepoRoot(dir string) string {
	for d := dir; d != ""; {
		if _, err := os.Stat(filepath.Join(d, ".git")); err == nil {
			return d
		}
		parent := filepath.Dir(d)
		if parent == d {
			break
		}
		d = parent
	}
	return dir
}

// packagesOf turns file arguments (as pre-commit and editors pass them)
// into the directories of their packages, so that racecheck analyzes
// whole packages: a race needs both of its accesses, and they are often
// in different files. Other arguments are package patterns and pass
// through. Files under testdata are skipped, as the go command skips
// them in ./... patterns. The result is deduplicated, in order.
func packagesOf(args []string) []string {
	var out []string
	seen := make(map[string]bool)
	for _, a := range args {
		p := a
		if strings.HasSuffix(a, ".go") {
			if info, err := os.Stat(a); err == nil && info.Mode().IsRegular() {
				if slices.Contains(strings.Split(filepath.ToSlash(filepath.Dir(a)), "/"), "testdata") {
					continue
				}
				dir, err := filepath.Abs(filepath.Dir(a))
				if err == nil {
					p = dir
				}
			}
		}
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	return out
}
