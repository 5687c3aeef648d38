package corpus

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	// The racecheck this test builds is made of these: importing them
	// puts their sources in go test's cache key, so a change to an
	// analyzer or to the driver runs the corpus again instead of
	// reporting a cached pass.
	_ "github.com/racecheck/racecheck/analyzer"
	_ "github.com/racecheck/racecheck/internal/driver"
)

// listDir holds modules.txt and the baselines.
var listDir = filepath.Join("..", "..", "testdata", "corpus")

// moduleBudget is the time one module may need on a loaded machine: a
// module is skipped, with a message, rather than run into go test's
// deadline, which would lose every result of the run.
const moduleBudget = 4 * time.Minute

// TestCorpus is the guard of the real-code corpus. RACECHECK_CORPUS_DIR
// keeps the prepared module copies there (reused by later runs), to read
// the code behind a finding. RACECHECK_CORPUS_DEPS=1 also runs racecheck
// over every non-standard package the module's packages and tests import,
// for crash-freedom only: the default run computes the fact-exporting
// analyzers on them already, this one runs every analyzer.
func TestCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("fetches and analyzes third-party modules for minutes")
	}
	mods, err := ReadModules(filepath.Join(listDir, "modules.txt"))
	if err != nil {
		t.Fatal(err)
	}
	bin := buildRacecheck(t)
	for _, m := range mods {
		t.Run(m.Name, func(t *testing.T) {
			if d, ok := t.Deadline(); ok && time.Until(d) < moduleBudget {
				t.Skipf("less than %v left before the go test deadline: run with -timeout 30m", moduleBudget)
			}
			checkModule(t, bin, m)
		})
	}
}

// checkModule runs racecheck on m and compares with its baseline.
func checkModule(t *testing.T, bin string, m Module) {
	b, err := ReadBaseline(filepath.Join(listDir, m.Name+".txt"))
	if err != nil {
		t.Fatal(err)
	}
	if b.GoVersion != runtime.Version() {
		t.Skipf("baseline made with %s, running %s: findings in code that depends on std may differ", b.GoVersion, runtime.Version())
	}
	dir := filepath.Join(t.TempDir(), m.Name)
	if keep := os.Getenv("RACECHECK_CORPUS_DIR"); keep != "" {
		dir = filepath.Join(keep, m.Name+"@"+m.Version)
	}
	if err := Prepare(m, dir); err != nil {
		t.Fatal(err)
	}
	// -cache=false: the in-process driver; the result cache (go vet
	// underneath) would compile every package of a fresh copy first.
	findings, err := Findings(bin, dir, "-cache=false", "./...")
	if err != nil {
		t.Fatal(err)
	}
	added, vanished := Diff(b, findings)
	for _, k := range added {
		t.Errorf("new finding not in %s.txt, triage it: %s VERDICT REASON\n\t%s", m.Name, k, strings.Join(findings[k], "\n\t"))
	}
	for _, k := range vanished {
		t.Errorf("baseline entry no longer found (%s), remove it from %s.txt: %s", b.Verdicts[k], m.Name, k)
	}
	counts := make(map[bool]int)
	for k := range findings {
		if v, ok := b.Verdicts[k]; ok && v != Unclear {
			counts[IsTrue(v)]++
		}
	}
	t.Logf("%d findings: %d true, %d false alarms", len(findings), counts[true], counts[false])
	if os.Getenv("RACECHECK_CORPUS_DEPS") == "1" {
		checkDependencies(t, bin, dir)
	}
}

// checkDependencies runs every analyzer over the module's dependencies.
func checkDependencies(t *testing.T, bin, dir string) {
	deps, err := Dependencies(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(deps) == 0 {
		return
	}
	findings, err := Findings(bin, dir, append([]string{"-cache=false", "-test=false"}, deps...)...)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("dependencies: %d packages analyzed without a crash (%d findings, not triaged)", len(deps), len(findings))
}

// buildRacecheck builds the racecheck command of this tree.
func buildRacecheck(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "racecheck")
	cmd := exec.Command("go", "build", "-o", bin, "github.com/racecheck/racecheck/cmd/racecheck")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("building racecheck: %v\n%s", err, out)
	}
	return bin
}
