package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Exec tests of choosing checks: -NAME / -NAME=false, -checks, analyzer
// flags and the configuration file, in the standalone command, run,
// correlate and vetflags.

var demoModule = filepath.Join(repoRoot, "testdata", "demo")

// categoriesOf returns the category of every line of racecheck's text
// output, in order.
func categoriesOf(out string) []string {
	var cats []string
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if i := strings.LastIndex(line, " ["); i >= 0 && strings.HasSuffix(line, "]") {
			cats = append(cats, line[i+2:len(line)-1])
		}
	}
	return cats
}

func countOf(cats []string, cat string) int {
	n := 0
	for _, c := range cats {
		if c == cat {
			n++
		}
	}
	return n
}

func TestChooseChecksFlags(t *testing.T) {
	bin := integBinary(t)
	for _, tc := range []struct {
		args              []string
		total, spawn, unl int // findings, unbounded-spawn, unguarded-field
	}{
		{nil, 8, 1, 1},
		{[]string{"-spawn=false"}, 7, 0, 1},
		{[]string{"-checks", "all,-unbounded-spawn"}, 7, 0, 1},
		{[]string{"-checks=-unbounded-spawn,-unguarded-field"}, 6, 0, 0},
		{[]string{"-lockcheck"}, 1, 0, 1},           // only the analyzers named true run
		{[]string{"-lockcheck", "-spawn"}, 2, 1, 1}, // as in go vet
		{[]string{"-spawn.checks=-unbounded-spawn"}, 7, 0, 1},
	} {
		out, errOut, code := integRun(t, demoModule, bin, append(tc.args, "./...")...)
		cats := categoriesOf(out)
		if code != ExitFindings || len(cats) != tc.total || countOf(cats, "unbounded-spawn") != tc.spawn || countOf(cats, "unguarded-field") != tc.unl {
			t.Errorf("racecheck %v: exit %d, categories %v (stderr %q); want %d findings, %d unbounded-spawn, %d unguarded-field",
				tc.args, code, cats, errOut, tc.total, tc.spawn, tc.unl)
		}
	}
}

func TestChooseChecksErrors(t *testing.T) {
	bin := integBinary(t)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-checks", "all,-shared-feild"}, `unknown check "shared-feild"; did you mean shared-field?`},
		{[]string{"-spawn.checks=racee"}, "did you mean race?"},
		{[]string{"run", "-checks", "nope-nope-nope"}, `unknown check "nope-nope-nope"`},
		{[]string{"correlate", "-log", "x", "-checks", "-unbounded-spwn"}, "did you mean unbounded-spawn?"},
	} {
		_, errOut, code := integRun(t, demoModule, bin, append(tc.args, "./...")...)
		if code != ExitUsage || !strings.Contains(errOut, tc.want) || strings.Count(errOut, "\n") != 1 {
			t.Errorf("racecheck %v: exit %d, stderr %q; want %d and one line with %q", tc.args, code, errOut, ExitUsage, tc.want)
		}
	}
}

// demoWithConfig copies the demo module and writes a configuration file
// at rel (relative to the copy's parent, a fake repository root).
func demoWithConfig(t *testing.T, rel, config string) (repo, mod string) {
	repo = t.TempDir()
	mod = filepath.Join(repo, "services", "demo")
	copyDir(t, demoModule, mod)
	if err := os.Mkdir(filepath.Join(repo, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(repo, rel, ConfigName), []byte(config), 0o644); err != nil {
		t.Fatal(err)
	}
	return repo, mod
}

func copyDir(t *testing.T, from, to string) {
	t.Helper()
	src := copyTree(t, from)
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(src, to); err != nil {
		t.Fatal(err)
	}
}

func TestConfigFile(t *testing.T) {
	bin := integBinary(t)
	const config = "# the demo's fan-out is bounded by its caller\nchecks = [\"all\", \"-unbounded-spawn\"]\n[race]\nenabled = false\n"
	for _, where := range []string{filepath.Join("services", "demo"), "."} {
		repo, mod := demoWithConfig(t, where, config)
		out, errOut, code := integRun(t, mod, bin, "./...")
		if cats := categoriesOf(out); code != ExitFindings || len(cats) != 1 || cats[0] != "unguarded-field" {
			t.Errorf("config at %s: exit %d, categories %v (stderr %q); want only unguarded-field", where, code, cats, errOut)
		}
		if where == "." {
			continue // the rest does not depend on where the file is
		}
		// Flags win over the file; -C finds the file from the analyzed module.
		out, _, _ = integRun(t, repo, bin, "-C", mod, "-race", "-checks", "all", "./...")
		if cats := categoriesOf(out); len(cats) != 6 || countOf(cats, "unguarded-field") != 0 {
			t.Errorf("config at %s, -race -checks all: categories %v; want the race analyzer's 6 findings", where, cats)
		}
		out, _, _ = integRun(t, mod, bin, "-config", "none", "./...")
		if cats := categoriesOf(out); len(cats) != 8 {
			t.Errorf("config at %s, -config none: %d findings, want 8", where, len(cats))
		}
		// correlate reads the same file.
		empty := filepath.Join(t.TempDir(), "empty.log")
		os.WriteFile(empty, nil, 0o644)
		out, errOut, code = integRun(t, mod, bin, "correlate", "-json", "-log", empty, "./...")
		var res struct{ Findings []struct{ Category string } }
		if err := json.Unmarshal([]byte(out), &res); err != nil || code != ExitFindings || len(res.Findings) != 1 || res.Findings[0].Category != "unguarded-field" {
			t.Errorf("correlate with config at %s: exit %d, %+v (stderr %q, %v); want only unguarded-field", where, code, res.Findings, errOut, err)
		}
		out, _, code = integRun(t, mod, bin, "vetflags")
		if code != ExitClean || !strings.Contains(out, "-race=false") || !strings.Contains(out, "-spawn.checks=all,-unbounded-spawn") {
			t.Errorf("vetflags with config at %s: exit %d, %q", where, code, out)
		}
	}
}

func TestConfigFileErrors(t *testing.T) {
	bin := integBinary(t)
	for config, want := range map[string]string{
		"chekcs = \"all\"\n":              `unknown key "chekcs"; did you mean checks?`,
		"[spawn]\nmaxpol = 3\n":           `[spawn]: unknown key "maxpol"; did you mean maxpool?`,
		"[spawn]\nmaxpool = 0\n":          "spawn.maxpool = 0",
		"checks = \"all,-captured-vr\"\n": "did you mean captured-var?",
		"test = \"no\"\n":                 "test: want true or false",
		"[race\n":                         ConfigName,
	} {
		_, mod := demoWithConfig(t, ".", config)
		for _, args := range [][]string{{"./..."}, {"run", "./..."}, {"vetflags"}} {
			_, errOut, code := integRun(t, mod, bin, args...)
			if code != ExitUsage || !strings.Contains(errOut, want) || strings.Count(errOut, "\n") != 1 {
				t.Errorf("config %q, racecheck %v: exit %d, stderr %q; want %d and one line with %q", config, args, code, errOut, ExitUsage, want)
			}
		}
	}
}

// TestRunAnalysisFlags: racecheck run accepts every analyzer flag and
// -test; the static part of its result follows them.
func TestRunAnalysisFlags(t *testing.T) {
	bin := integBinary(t)
	out, errOut, code := integRun(t, demoModule, bin, "run", "-json", "-count", "1", "-cpu", "1",
		"-spawn=false", "-race.depth=1", "-test=false", "-lockcheck.facts=false", "./...")
	var res struct{ Findings []struct{ Category string } }
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("racecheck run: exit %d, %v, stderr %q", code, err, errOut)
	}
	for _, f := range res.Findings {
		if f.Category == "unbounded-spawn" {
			t.Errorf("racecheck run -spawn=false reported unbounded-spawn")
		}
	}
	// -test=false: the race whose goroutine is in crawl_test.go is not a static finding.
	if code != ExitRaces || len(res.Findings) != 6 {
		t.Errorf("racecheck run: exit %d, %d findings %+v; want %d and 6", code, len(res.Findings), res.Findings, ExitRaces)
	}
}
