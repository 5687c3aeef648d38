package driver

import (
	"bytes"
	"fmt"
	"os/exec"
	"strings"
)

// A root is a package the patterns match, with the go vet units it
// must produce output for (see UnitAnalyzer).
type root struct {
	pkg    bool   // "p" or "p [p.test]": p has Go files or internal tests
	xtest  bool   // "p_test": p has external tests
	module string // p's module if it is a main module, else ""
}

// listRoots returns the packages patterns match, by import path. It
// lists them with -find, which leaves their imports unresolved: a quarter
// less CPU, on every run that go vet then answers from its cache.
func listRoots(patterns []string, dir string, env, build []string) (map[string]root, error) {
	args := append([]string{"list", "-find"}, build...)
	const format = "{{.ImportPath}} {{len .GoFiles}} {{len .CgoFiles}} {{len .TestGoFiles}} {{len .XTestGoFiles}} " +
		"{{with .Module}}{{if .Main}}{{.Path}}{{else}}-{{end}}{{else}}-{{end}}"
	args = append(append(args, "-f", format, "--"), patterns...)
	out, err := goCommand(args, dir, env)
	if err != nil {
		return nil, err
	}
	roots := make(map[string]root)
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var path, module string
		var goFiles, cgoFiles, tests, xtests int
		if _, err := fmt.Sscan(line, &path, &goFiles, &cgoFiles, &tests, &xtests, &module); err != nil {
			return nil, fmt.Errorf("go list: unexpected line %q", line)
		}
		// go vet does not run the tool on unsafe, which has no files.
		roots[path] = root{pkg: path != "unsafe" && goFiles+cgoFiles+tests > 0, xtest: xtests > 0,
			module: strings.TrimPrefix(module, "-")}
	}
	if len(roots) == 0 {
		return nil, fmt.Errorf("no packages match %s", strings.Join(patterns, " "))
	}
	return roots, nil
}

// goCommand runs the go command with args (a subcommand first) and
// returns its output, or an error with the first line of its stderr.
func goCommand(args []string, dir string, env []string) (string, error) {
	cmd := exec.Command("go", args...)
	cmd.Dir, cmd.Env = dir, env
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("go %s: %v: %s", args[0], err, firstLine(stderr.String()))
	}
	return string(out), nil
}
