package depfail_test

import (
	"bytes"
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/go/analysis"

	"github.com/racecheck/racecheck/internal/depfail/testdata/failer"
	"github.com/racecheck/racecheck/internal/driver"
	"github.com/racecheck/racecheck/runner/findings"
)

const (
	appLine = "analyzed depmod/app: facts from [depmod/fine], none from [depmod/broken]"
	warning = "racecheck: warning: failer failed on dependency depmod/broken: internal error in failer: broken on purpose; packages importing it were analyzed without its facts"
)

func modDir(t *testing.T) string {
	dir, err := filepath.Abs(filepath.Join("testdata", "mod"))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestDriverDependencyFailure runs both standalone drivers on a package
// whose dependency makes the analyzer fail: the package is analyzed,
// without that dependency's facts, and the failure is one warning.
func TestDriverDependencyFailure(t *testing.T) {
	drivers := map[string]func([]*analysis.Analyzer, []string, driver.Options) ([]string, error){
		"Run":       messages(driver.Run),
		"RunStream": messages(driver.RunStream),
	}
	for name, run := range drivers {
		var warn bytes.Buffer
		got, err := run([]*analysis.Analyzer{failer.Analyzer}, []string{"./app"}, driver.Options{Dir: modDir(t), Warn: &warn, Env: env()})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(got) != 1 || got[0] != appLine {
			t.Errorf("%s: findings %q, want [%q]", name, got, appLine)
		}
		if w := strings.TrimSpace(warn.String()); w != warning {
			t.Errorf("%s: warnings\n%s\nwant\n%s", name, w, warning)
		}
	}
}

// TestDriverNamedFailure names the failing package: that is an error,
// the package's own, not a failed prerequisite of its importers.
func TestDriverNamedFailure(t *testing.T) {
	var warn bytes.Buffer
	_, err := driver.RunStream([]*analysis.Analyzer{failer.Analyzer}, []string{"./..."}, driver.Options{Dir: modDir(t), Warn: &warn, Env: env()})
	if err == nil || !strings.Contains(err.Error(), "depmod/broken: failer: internal error in failer: broken on purpose") ||
		strings.Contains(err.Error(), "prerequisite") {
		t.Errorf("RunStream ./... = %v, want the failure on depmod/broken only", err)
	}
	if warn.Len() != 0 {
		t.Errorf("a named package's failure was a warning: %s", warn.String())
	}
}

func messages(run func([]*analysis.Analyzer, []string, driver.Options) ([]findings.Finding, error)) func([]*analysis.Analyzer, []string, driver.Options) ([]string, error) {
	return func(as []*analysis.Analyzer, patterns []string, opts driver.Options) ([]string, error) {
		fnds, err := run(as, patterns, opts)
		var out []string
		for _, f := range fnds {
			out = append(out, f.Message)
		}
		return out, err
	}
}

// TestVetDependencyFailure runs go vet with a vet tool built like
// racecheck's: the dependency's failure is one warning, and the named
// package is analyzed and reported without its facts.
func TestVetDependencyFailure(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a vet tool and runs go vet")
	}
	bin := filepath.Join(t.TempDir(), "vettool")
	if out, err := exec.Command("go", "build", "-o", bin, "./testdata/vettool").CombinedOutput(); err != nil {
		t.Fatalf("building vettool: %v\n%s", err, out)
	}
	code, out := vet(t, bin, "./app")
	if code != 1 || !strings.Contains(out, "app.go:2:1: "+appLine) || strings.Count(out, warning) != 1 {
		t.Errorf("go vet ./app = exit %d, output:\n%s\nwant exit 1, the finding in app and the warning once", code, out)
	}
	code, out = vet(t, bin, "./...")
	if code == 0 || !strings.Contains(out, "app.go:2:1: "+appLine) || !strings.Contains(out, "broken on purpose") ||
		strings.Contains(out, "prerequisite") {
		t.Errorf("go vet ./... = exit %d, output:\n%s\nwant a failure naming broken and the finding in app", code, out)
	}
}

func vet(t *testing.T, bin, pattern string) (int, string) {
	t.Helper()
	nonce := fmt.Sprintf("-failer.nonce=%d", time.Now().UnixNano())
	cmd := exec.Command("go", "vet", "-vettool="+bin, nonce, pattern)
	cmd.Dir = modDir(t)
	cmd.Env = env()
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return 0, string(out)
	case errors.As(err, &exit):
		return exit.ExitCode(), string(out)
	}
	t.Fatalf("running go vet: %v", err)
	return 0, ""
}

func env() []string { return append(exec.Command("go").Environ(), "GOWORK=off", "GOFLAGS=") }
