package cli

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// moduleGroups groups package arguments by the module that holds them:
// an absolute directory (what packagesOf makes of a file argument) goes
// to the nearest directory above it with a go.mod, any other pattern to
// base, the module of the directory racecheck loads from. Files of a
// monorepo (go.mod in services/app/, files passed from the repository
// root by a pre-commit hook) so find their module. The order of first
// appearance is kept.
func moduleGroups(patterns []string, base string) (roots []string, groups map[string][]string) {
	groups = make(map[string][]string)
	for _, p := range patterns {
		root := base
		if filepath.IsAbs(p) {
			if r := nearest(p, "go.mod"); r != "" {
				root = r
			}
		}
		if _, ok := groups[root]; !ok {
			roots = append(roots, root)
		}
		groups[root] = append(groups[root], p)
	}
	return roots, groups
}

// needsSplit reports whether the patterns span modules other than the
// one racecheck loads from, and so need one run per module.
func needsSplit(roots []string, base string) bool {
	return len(roots) > 1 || (len(roots) == 1 && roots[0] != base)
}

// baseModule is the root of the module of dir ("" = the working
// directory), or "" outside any module.
func baseModule(dir string) string {
	if dir == "" {
		dir = "."
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	return nearest(abs, "go.mod")
}

// runPerModule runs racecheck once per module with the same flags and
// -C set to the module, so that each run loads its own module and reads
// its own configuration file, and combines the exit codes: a failure
// or usage error wins over findings, findings over a clean run.
func runPerModule(flagArgs, roots []string, groups map[string][]string, stdout, stderr io.Writer) int {
	exe, err := os.Executable()
	if err != nil {
		logger(stderr).Printf("finding the racecheck executable: %v", err)
		return ExitFailure
	}
	worst := ExitClean
	for _, root := range roots {
		args := append(append(append([]string{}, flagArgs...), "-C", root), groups[root]...)
		cmd := exec.Command(exe, args...)
		cmd.Stdout, cmd.Stderr = stdout, stderr
		code := 0
		if err := cmd.Run(); err != nil {
			var exit *exec.ExitError
			if !errors.As(err, &exit) {
				logger(stderr).Print(fmt.Errorf("running racecheck on module %s: %w", root, err))
				return ExitFailure
			}
			code = exit.ExitCode()
		}
		worst = worseExit(worst, code)
	}
	return worst
}

// worseExit orders exit codes by what the caller must know first.
func worseExit(a, b int) int {
	rank := map[int]int{ExitClean: 0, ExitFindings: 1, ExitUsage: 2, ExitFailure: 3}
	if rank[b] > rank[a] {
		return b
	}
	return a
}

// checkDir validates -C before anything runs, so that a typo is blamed
// on the directory rather than on the go command racecheck starts in it.
func checkDir(dir string) error {
	if dir == "" {
		return nil
	}
	info, err := os.Stat(dir)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return fmt.Errorf("-C %s: no such directory", dir)
	case err != nil:
		return fmt.Errorf("-C %s: %w", dir, err)
	case !info.IsDir():
		return fmt.Errorf("-C %s: not a directory", dir)
	}
	return nil
}

// checkModule reports, for relative package patterns (./..., ./pkg),
// that dir is in no module, in the words racecheck run uses, instead of
// go list's "directory prefix . does not contain main module". A go.work
// workspace counts as a module.
func checkModule(dir string, patterns []string) error {
	relative := false
	for _, p := range patterns {
		relative = relative || p == "." || strings.HasPrefix(p, "./") || strings.HasPrefix(p, "../")
	}
	if !relative || baseModule(dir) != "" {
		return nil
	}
	abs, err := filepath.Abs(cmp.Or(dir, "."))
	if err != nil || nearest(abs, "go.work") != "" {
		return nil
	}
	return fmt.Errorf("no go.mod in %s or any parent; run racecheck in a module, or name one with -C DIR", abs)
}
