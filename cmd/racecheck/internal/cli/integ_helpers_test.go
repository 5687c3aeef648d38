package cli

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// repoRoot is the module root, from this package's directory.
var repoRoot = filepath.Join("..", "..", "..", "..")

var integBuild struct {
	once sync.Once
	dir  string
	bin  string
	err  error
}

// integBinary builds racecheck once per test process and returns the
// path of the binary. The directory is removed by TestMain.
func integBinary(t *testing.T) string {
	t.Helper()
	integBuild.once.Do(func() {
		integBuild.dir, integBuild.err = os.MkdirTemp("", "racecheck-integ-")
		if integBuild.err != nil {
			return
		}
		integBuild.bin = filepath.Join(integBuild.dir, "racecheck")
		integBuild.err = buildRacecheck(integBuild.bin)
	})
	if integBuild.err != nil {
		t.Fatalf("building racecheck: %v", integBuild.err)
	}
	return integBuild.bin
}

// buildRacecheck builds the command into bin with extra go build flags.
func buildRacecheck(bin string, flags ...string) error {
	args := append([]string{"build", "-o", bin}, flags...)
	cmd := exec.Command("go", append(args, "./cmd/racecheck")...)
	cmd.Dir = repoRoot
	out, err := cmd.CombinedOutput()
	if err != nil {
		return errors.New(strings.TrimSpace(string(out)))
	}
	return nil
}

// integRun runs bin with args in dir and returns stdout, stderr and
// the exit code.
func integRun(t *testing.T, dir, bin string, args ...string) (string, string, int) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "NO_COLOR=1")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return stdout.String(), stderr.String(), 0
	case errors.As(err, &exit):
		return stdout.String(), stderr.String(), exit.ExitCode()
	default:
		t.Fatalf("running %s %s: %v", bin, strings.Join(args, " "), err)
		return "", "", -1
	}
}

// integCleanup removes the binary built by integBinary.
func integCleanup() {
	if integBuild.dir != "" {
		os.RemoveAll(integBuild.dir)
	}
}
