package lockcheck_test

import (
	"errors"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestGoVetCrossPackage runs `go vet -vettool=racecheck -lockcheck` on
// a module of two packages: the write is in package store, the
// goroutines in package user, and the finding needs store's fact to
// cross into user's vet unit.
func TestGoVetCrossPackage(t *testing.T) {
	if testing.Short() {
		t.Skip("builds racecheck and runs go vet")
	}
	bin := filepath.Join(t.TempDir(), "racecheck")
	build := exec.Command("go", "build", "-o", bin, "github.com/racecheck/racecheck/cmd/racecheck")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building racecheck: %v\n%s", err, out)
	}
	mod, err := filepath.Abs(filepath.Join("..", "..", "testdata", "lockmod"))
	if err != nil {
		t.Fatal(err)
	}
	code, out := vet(t, bin, mod, "./...")
	for _, want := range []string{
		"user/user.go:19:9: (*store.Store).Put writes s.items without a lock (at store.go:10:47)",
		"user/user.go:30:3: sum written without a lock in a function literal that par.Do runs in concurrent goroutines",
	} {
		if code != 1 || !strings.Contains(out, want) {
			t.Errorf("go vet ./... = exit %d, output:\n%s\nwant exit 1 and %q", code, out, want)
		}
	}
	if code, out := vet(t, bin, mod, "./store"); code != 0 || strings.TrimSpace(out) != "" {
		t.Errorf("go vet ./store = exit %d, output:\n%s\nwant exit 0 and no output", code, out)
	}
}

// vet runs go vet with the lockcheck analyzer of bin in dir and returns
// its exit code and combined output.
func vet(t *testing.T, bin, dir, pattern string) (int, string) {
	t.Helper()
	cmd := exec.Command("go", "vet", "-vettool="+bin, "-lockcheck", pattern)
	cmd.Dir = dir
	cmd.Env = append(cmd.Environ(), "GOWORK=off", "GOFLAGS=")
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
