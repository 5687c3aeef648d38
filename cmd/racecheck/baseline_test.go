package main_test

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// A baseline lists every finding of racecheck on a real code base with
// a verdict: testdata/baseline/*.txt. The tests below re-run racecheck
// and fail on any finding the baseline does not list, so that a new false
// alarm cannot land unnoticed. Lines are "CATEGORY FILE:LINE VERDICT
// REASON", FILE relative to the code base's root; "# go VERSION" and
// "# packages P..." say what the baseline was made with and on.
type baseline struct {
	goVersion string
	packages  []string // the subset CI runs on
	entries   map[string]string
}

func readBaseline(t *testing.T, name string) baseline {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "..", "testdata", "baseline", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	b := baseline{entries: make(map[string]string)}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch {
		case strings.HasPrefix(line, "# go "):
			b.goVersion = strings.TrimPrefix(line, "# go ")
		case strings.HasPrefix(line, "# packages "):
			b.packages = strings.Fields(strings.TrimPrefix(line, "# packages "))
		case line == "" || strings.HasPrefix(line, "#"):
		default:
			f := strings.Fields(line)
			if len(f) < 4 || !slices.Contains([]string{"race", "benign", "unsafe", "false-alarm"}, f[2]) {
				t.Fatalf("%s: malformed line %q (want CATEGORY FILE:LINE VERDICT REASON)", name, line)
			}
			b.entries[f[0]+" "+f[1]] = f[2]
		}
	}
	return b
}

// findingKeys runs racecheck -json in dir on patterns and returns
// "CATEGORY FILE:LINE" keys with FILE relative to root.
func findingKeys(t *testing.T, dir, root string, patterns []string) []string {
	t.Helper()
	stdout, stderr, code := run(t, dir, append([]string{"-json"}, patterns...)...)
	if code != 0 {
		t.Fatalf("racecheck -json %v: exit %d: %s", patterns, code, stderr)
	}
	var keys []string
	for _, tree := range decodeFindings(t, stdout) {
		posn := tree.Posn
		if i := strings.LastIndexByte(posn, ':'); i > 0 {
			posn = posn[:i] // drop the column
		}
		rel, err := filepath.Rel(root, posn)
		if err != nil {
			rel = posn
		}
		keys = append(keys, tree.Category+" "+rel)
	}
	slices.Sort(keys)
	return slices.Compact(keys)
}

// checkBaseline fails for every finding the baseline does not list.
func checkBaseline(t *testing.T, b baseline, keys []string) {
	t.Helper()
	falseAlarms := 0
	for _, k := range keys {
		verdict, ok := b.entries[k]
		if !ok {
			t.Errorf("new finding not in the baseline: %s", k)
		}
		if verdict == "false-alarm" {
			falseAlarms++
		}
	}
	t.Logf("%d findings, %d judged false alarms", len(keys), falseAlarms)
}

// TestBaselineStd runs racecheck over part of the standard library (all
// of it with RACECHECK_BASELINE=full) and compares with the baseline.
func TestBaselineStd(t *testing.T) {
	if testing.Short() {
		t.Skip("runs racecheck over the standard library")
	}
	b := readBaseline(t, "std.txt")
	if b.goVersion != runtime.Version() {
		t.Skipf("baseline made with %s, running %s: line numbers differ", b.goVersion, runtime.Version())
	}
	patterns := b.packages
	if os.Getenv("RACECHECK_BASELINE") == "full" {
		patterns = []string{"std"}
	}
	src := filepath.Join(runtime.GOROOT(), "src")
	checkBaseline(t, b, findingKeys(t, src, src, patterns))
}

// TestBaselineXTools does the same over golang.org/x/tools, the version
// racecheck depends on, from the module cache.
func TestBaselineXTools(t *testing.T) {
	if testing.Short() {
		t.Skip("runs racecheck over golang.org/x/tools")
	}
	b := readBaseline(t, "xtools.txt")
	if b.goVersion != runtime.Version() {
		t.Skipf("baseline made with %s, running %s", b.goVersion, runtime.Version())
	}
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "golang.org/x/tools").Output()
	if err != nil || len(strings.TrimSpace(string(out))) == 0 {
		t.Skipf("golang.org/x/tools not in the module cache: %v", err)
	}
	dir := strings.TrimSpace(string(out))
	patterns := b.packages
	if os.Getenv("RACECHECK_BASELINE") == "full" {
		patterns = []string{"./..."}
	}
	checkBaseline(t, b, findingKeys(t, dir, dir, patterns))
}
