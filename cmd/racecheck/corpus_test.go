package main_test

import (
	"bufio"
	"bytes"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// The real-code precision corpus (issue 10): third-party modules pinned in
// testdata/corpus/modules.txt, each with a triaged baseline NAME.txt in
// the same directory. TestCorpus fetches every module from the module
// proxy (cached in GOMODCACHE), runs racecheck -json ./... on it, tests
// included, and fails on any finding the baseline does not list, on any
// baseline entry racecheck no longer reports (so that the baseline and the
// precision in BENCHMARKS.md stay current), and on any crash.

// corpusModule is one line of modules.txt.
type corpusModule struct {
	name, path, version string
	modfile             string // go.mod replacement for the module's tests, "" if none
}

func corpusDir() string { return filepath.Join("..", "..", "testdata", "corpus") }

// readCorpus parses modules.txt.
func readCorpus(t *testing.T) []corpusModule {
	t.Helper()
	f, err := os.Open(filepath.Join(corpusDir(), "modules.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var mods []corpusModule
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fs := strings.Fields(line)
		if len(fs) < 3 || len(fs) > 4 {
			t.Fatalf("modules.txt: malformed line %q (want NAME MODULE VERSION [modfile=FILE])", line)
		}
		m := corpusModule{name: fs[0], path: fs[1], version: fs[2]}
		if len(fs) == 4 {
			file, ok := strings.CutPrefix(fs[3], "modfile=")
			if !ok || !strings.HasSuffix(file, ".mod") {
				t.Fatalf("modules.txt: unknown option %q in %q (want modfile=FILE.mod)", fs[3], line)
			}
			m.modfile = file
		}
		mods = append(mods, m)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return mods
}

// TestCorpus is the guard of the real-code corpus. RACECHECK_CORPUS_DIR
// keeps the prepared module copies there (reused by later runs), for
// reading the code behind a finding.
func TestCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("fetches and analyzes third-party modules")
	}
	for _, m := range readCorpus(t) {
		t.Run(m.name, func(t *testing.T) {
			b := parseBaseline(t, filepath.Join(corpusDir(), m.name+".txt"))
			if b.goVersion != runtime.Version() {
				t.Skipf("baseline made with %s, running %s: findings in std-dependent code may differ", b.goVersion, runtime.Version())
			}
			dir := prepareModule(t, m)
			findings := corpusFindings(t, dir)
			compareCorpus(t, m.name, b, findings)
		})
	}
}

// corpusFindings runs racecheck -json ./... in dir and returns the findings
// as "CATEGORY FILE:LINE" keys (FILE relative to dir) mapped to their
// messages. It fails on a non-zero exit or on anything that looks like a
// crash on stderr: the corpus is also racecheck's crash test.
func corpusFindings(t *testing.T, dir string) map[string][]string {
	t.Helper()
	cmd := exec.Command(bin, "-json", "./...")
	cmd.Dir = dir
	cmd.Env = corpusEnv()
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("racecheck -json ./... in %s: %v\n%s", dir, err, stderr.String())
	}
	for _, crash := range []string{"panic", "internal error", "goroutine "} {
		if strings.Contains(stderr.String(), crash) {
			t.Fatalf("racecheck crashed (%q on stderr) in %s:\n%s", crash, dir, stderr.String())
		}
	}
	keys := make(map[string][]string)
	for _, d := range decodeFindings(t, stdout.String()) {
		file, line, ok := splitPosn(d.Posn)
		if !ok {
			t.Fatalf("malformed position %q in racecheck -json output", d.Posn)
		}
		if !filepath.IsAbs(file) {
			file = filepath.Join(dir, file)
		}
		rel, err := filepath.Rel(dir, file)
		if err != nil {
			t.Fatalf("finding outside the module: %s", d.Posn)
		}
		k := d.Category + " " + filepath.ToSlash(rel) + ":" + line
		keys[k] = append(keys[k], d.Message)
	}
	return keys
}

// compareCorpus reports every finding missing from the baseline (with its
// message, ready to triage) and every baseline entry no longer found.
func compareCorpus(t *testing.T, name string, b baseline, findings map[string][]string) {
	t.Helper()
	counts := make(map[string]int)
	for _, k := range slices.Sorted(maps.Keys(findings)) {
		verdict, ok := b.entries[k]
		if !ok {
			t.Errorf("new finding not in %s.txt, triage it: %s VERDICT REASON\n\t%s", name, k, strings.Join(findings[k], "\n\t"))
			continue
		}
		counts[verdict]++
	}
	for _, k := range slices.Sorted(maps.Keys(b.entries)) {
		if _, ok := findings[k]; !ok {
			t.Errorf("baseline entry no longer found (%s), remove it from %s.txt: %s", b.entries[k], name, k)
		}
	}
	t.Logf("%d findings: %d true (race, unsafe, benign), %d false alarms, %d unclear",
		len(findings), counts["race"]+counts["unsafe"]+counts["benign"], counts["false-alarm"], counts["unclear"])
}

// splitPosn splits "FILE:LINE:COL" into FILE and LINE.
func splitPosn(posn string) (file, line string, ok bool) {
	i := strings.LastIndexByte(posn, ':')
	if i < 0 {
		return "", "", false
	}
	j := strings.LastIndexByte(posn[:i], ':')
	if j < 0 {
		return "", "", false
	}
	return posn[:j], posn[j+1 : i], true
}

// corpusEnv is the environment of the go command and racecheck in a
// corpus module: the module's own go.mod decides, not the caller's
// workspace or flags, and the local toolchain is used.
func corpusEnv() []string {
	return append(os.Environ(), "NO_COLOR=1", "GOWORK=off", "GOFLAGS=", "GOTOOLCHAIN=local")
}

// goCmd runs the go command in dir and returns its stdout.
func goCmd(dir string, args ...string) ([]byte, error) {
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = corpusEnv()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return out, fmt.Errorf("go %s: %w: %s", strings.Join(args, " "), err, strings.TrimSpace(stderr.String()))
	}
	return out, nil
}
