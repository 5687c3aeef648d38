package suppress_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/racecheck/racecheck/analyzer/internal/suppress"
	"github.com/racecheck/racecheck/analyzer/internal/suppress/testdata/testrace"
)

// testdata returns the repository's testdata directory; analysistest
// needs it absolute, as it becomes a GOPATH entry.
func testdata(t *testing.T) string {
	dir, err := filepath.Abs(filepath.Join("..", "..", "..", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestReporter(t *testing.T) {
	analysistest.Run(t, testdata(t), testrace.Analyzer, "suppress/a", "suppress/dep")
}

// TestTestVariant checks that a directive used only in the test variant
// of a package is not reported by its plain variant.
func TestTestVariant(t *testing.T) {
	analysistest.Run(t, testdata(t), testrace.Analyzer, "suppress/variant")
}

func TestUnusedFlagOff(t *testing.T) {
	if err := testrace.Analyzer.Flags.Set(suppress.UnusedFlag, "false"); err != nil {
		t.Fatal(err)
	}
	defer testrace.Analyzer.Flags.Set(suppress.UnusedFlag, "true")
	analysistest.Run(t, testdata(t), testrace.Analyzer, "suppress/quiet")
}

// TestVetAcrossPackages runs the same fixtures under go vet, where the
// directive in suppress/dep reaches suppress/a only as a serialized
// fact, and positions of dep come from export data.
func TestVetAcrossPackages(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "vettool")
	if out, err := exec.Command("go", "build", "-o", bin, "./testdata/vettool").CombinedOutput(); err != nil {
		t.Fatalf("building vettool: %v\n%s", err, out)
	}
	mod := filepath.Join(dir, "mod")
	for _, pkg := range []string{"a", "dep"} {
		src := filepath.Join(testdata(t), "src", "suppress", pkg, pkg+".go")
		data, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Join(mod, pkg), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(mod, pkg, pkg+".go"), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(mod, "go.mod"), []byte("module suppress\n\ngo 1.22\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("go", "vet", "-vettool="+bin, "./...")
	cmd.Dir = mod
	out, _ := cmd.CombinedOutput()
	got := string(out)
	for _, want := range []string{"a.go:10:2: call to racy", "a.go:42:2: call to Plain", "a.go:32:2: //racecheck:ignore directive suppresses no test-race finding"} {
		if !strings.Contains(got, want) {
			t.Errorf("go vet output lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "call to Racy") {
		t.Errorf("the directive in dep did not suppress the call in a:\n%s", got)
	}
	// In dep, the directive covers a position callers reach: it is not unused.
	if strings.Contains(got, "dep/dep.go:5") {
		t.Errorf("the directive in dep was reported:\n%s", got)
	}
}
