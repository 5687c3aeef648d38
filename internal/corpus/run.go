package corpus

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
)

// crashMarks on racecheck's stderr mean it crashed, whatever its exit code.
var crashMarks = []string{"panic:", "internal error", "goroutine 1 [", "fatal error:"}

// Findings runs the racecheck binary bin with -json and args in dir and
// returns its findings as "CATEGORY FILE:LINE" keys (FILE slash-separated,
// relative to dir when inside it) mapped to their messages. A non-zero
// exit, a crash on stderr or an analyzer error in the JSON is an error:
// the corpus is racecheck's crash test too.
func Findings(bin, dir string, args ...string) (map[string][]string, error) {
	// Positions come back through the go command, which resolves symbolic
	// links: relativize them against the resolved directory.
	dir, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return nil, fmt.Errorf("running racecheck: %w", err)
	}
	cmd := exec.Command(bin, append([]string{"-json"}, args...)...)
	cmd.Dir = dir
	cmd.Env = Env()
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	what := fmt.Sprintf("racecheck -json %s in %s", strings.Join(args, " "), dir)
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("%s: %w\n%s", what, err, stderr.String())
	}
	for _, mark := range crashMarks {
		if strings.Contains(stderr.String(), mark) {
			return nil, fmt.Errorf("%s: crashed (%q on stderr):\n%s", what, mark, stderr.String())
		}
	}
	findings, err := decode(stdout.Bytes(), dir)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	return findings, nil
}

// diagnostic is the part of a go vet JSON diagnostic the corpus uses.
type diagnostic struct {
	Category string `json:"category"`
	Posn     string `json:"posn"`
	Message  string `json:"message"`
}

// decode reads racecheck -json output: package -> analyzer -> either a
// list of diagnostics or {"error": ...} when the analyzer failed.
func decode(out []byte, dir string) (map[string][]string, error) {
	var tree map[string]map[string]json.RawMessage
	if err := json.Unmarshal(out, &tree); err != nil {
		return nil, fmt.Errorf("decoding the JSON output: %w", err)
	}
	findings := make(map[string][]string)
	for _, pkg := range slices.Sorted(maps.Keys(tree)) {
		for _, analyzer := range slices.Sorted(maps.Keys(tree[pkg])) {
			raw := tree[pkg][analyzer]
			var diags []diagnostic
			if err := json.Unmarshal(raw, &diags); err != nil {
				return nil, fmt.Errorf("analyzer %s failed on %s: %s", analyzer, pkg, raw)
			}
			for _, d := range diags {
				key, err := findingKey(d, dir)
				if err != nil {
					return nil, err
				}
				findings[key] = append(findings[key], d.Message)
			}
		}
	}
	return findings, nil
}

// findingKey returns "CATEGORY FILE:LINE" for d.
func findingKey(d diagnostic, dir string) (string, error) {
	file, line, ok := splitPosn(d.Posn)
	if !ok {
		return "", fmt.Errorf("malformed position %q", d.Posn)
	}
	if !filepath.IsAbs(file) {
		file = filepath.Join(dir, file)
	}
	if rel, err := filepath.Rel(dir, file); err == nil && !strings.HasPrefix(rel, "..") {
		file = rel
	}
	return d.Category + " " + filepath.ToSlash(file) + ":" + line, nil
}

// splitPosn splits "FILE:LINE:COL" into FILE and LINE.
func splitPosn(posn string) (file, line string, ok bool) {
	i := strings.LastIndexByte(posn, ':')
	if i < 0 {
		return "", "", false
	}
	j := strings.LastIndexByte(posn[:i], ':')
	if j <= 0 || j+1 == i {
		return "", "", false
	}
	return posn[:j], posn[j+1 : i], true
}

// Dependencies lists the packages outside the standard library and the
// module in dir that its packages and tests import.
func Dependencies(dir string) ([]string, error) {
	const format = `{{if not .Standard}}{{with .Module}}{{if not .Main}}{{$.ImportPath}}{{end}}{{end}}{{end}}`
	out, err := goCmd(dir, "list", "-deps", "-test", "-f", format, "./...")
	if err != nil {
		return nil, fmt.Errorf("listing the dependencies: %w", err)
	}
	var deps []string
	for _, p := range strings.Fields(string(out)) {
		if !strings.ContainsAny(p, "[]") { // "[x.test]": a test's recompiled copy
			deps = append(deps, p)
		}
	}
	slices.Sort(deps)
	return slices.Compact(deps), nil
}
