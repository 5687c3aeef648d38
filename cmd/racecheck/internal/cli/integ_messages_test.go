package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// fixShift has a fixable finding and, below blank lines gofmt collapses,
// a finding without a fix: after -fix it moves up two lines.
const fixShift = `package fixshift

import "sync"

// Start counts in goroutines.
func Start() {
	var wg sync.WaitGroup
	for i := 0; i < 3; i++ {
		go func() {
			wg.Add(1)
			defer wg.Done()
		}()
	}
	wg.Wait()
}



// Sum adds in a goroutine, racily.
func Sum() int {
	total := 0
	go func() { total++ }()
	return total
}
`

func writeModuleFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, src := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestFixReportsCurrentLines: what remains after -fix is printed where
// it is in the fixed file, and -diff/-fix say when nothing is fixable.
func TestFixReportsCurrentLines(t *testing.T) {
	bin := integBinary(t)
	dir := writeModuleFiles(t, map[string]string{"go.mod": "module fixshift\n\ngo 1.22\n", "f.go": fixShift})
	out, errOut, code := integRun(t, dir, bin, "-fix", "./...")
	if code != ExitFindings || !strings.Contains(errOut, "applied 1 fix to 1 file") {
		t.Fatalf("racecheck -fix: exit %d, stderr %q", code, errOut)
	}
	fresh, _, _ := integRun(t, dir, bin, "./...")
	if out != fresh || !strings.HasPrefix(out, "f.go:20:") {
		t.Errorf("after -fix racecheck printed\n%s\nbut the fixed file has\n%s", out, fresh)
	}
	// Nothing left to fix: both modes say so, and the findings remain.
	for _, mode := range []string{"-diff", "-fix"} {
		out, errOut, code := integRun(t, dir, bin, mode, "./...")
		if code != ExitFindings || !strings.Contains(errOut, "nothing to fix: the finding has no suggested fix") {
			t.Errorf("racecheck %s with nothing fixable: exit %d, stdout %q, stderr %q", mode, code, out, errOut)
		}
	}
}

// TestClearMessages: bad directories and missing modules are blamed on
// what is wrong, in one line.
func TestClearMessages(t *testing.T) {
	bin := integBinary(t)
	outside := t.TempDir()
	for _, tc := range []struct {
		dir  string
		args []string
		code int
		want string
	}{
		{".", []string{"-C", "/nonexistent/racecheck", "./..."}, ExitUsage, "-C /nonexistent/racecheck: no such directory"},
		{".", []string{"run", "-C", "/nonexistent/racecheck"}, ExitUsage, "-C /nonexistent/racecheck: no such directory"},
		{".", []string{"correlate", "-log", "x", "-C", "/nonexistent/racecheck"}, ExitUsage, "no such directory"},
		{outside, []string{"./..."}, ExitFailure, "no go.mod in " + outside + " or any parent"},
		{outside, []string{"run", "./..."}, ExitFailure, "no go.mod in " + outside + " or any parent"},
		{".", []string{"-race.depth=-1", "./..."}, ExitUsage, `invalid value "-1" for flag -race.depth`},
		{".", []string{"-spawn.maxpool=0", "./..."}, ExitUsage, `invalid value "0" for flag -spawn.maxpool`},
		{".", []string{"explain", "shared-feild"}, ExitUsage, "did you mean shared-field?"},
		{".", []string{"correlate", "-log", "/nonexistent/race.log", "./..."}, ExitFailure, "open /nonexistent/race.log: no such file or directory"},
	} {
		_, errOut, code := integRun(t, tc.dir, bin, tc.args...)
		if code != tc.code || !strings.Contains(errOut, tc.want) || strings.Count(errOut, "\n") != 1 || strings.Contains(errOut, "fork/exec") {
			t.Errorf("racecheck %v: exit %d, stderr %q; want %d and one line with %q", tc.args, code, errOut, tc.code, tc.want)
		}
	}
}

// TestExplainAligned: the list's columns line up for every analyzer name.
func TestExplainAligned(t *testing.T) {
	bin := integBinary(t)
	out, _, _ := integRun(t, ".", bin, "explain")
	col := -1
	for _, line := range strings.Split(out, "\n") {
		f := strings.Fields(line)
		if len(f) < 3 || strings.HasPrefix(line, "racecheck") {
			continue
		}
		i := strings.Index(line[len(f[0]):], f[1]) + len(f[0])
		j := strings.Index(line[i+len(f[1]):], f[2]) + i + len(f[1])
		if col >= 0 && j != col {
			t.Errorf("title of %s starts at column %d, others at %d:\n%s", f[0], j, col, out)
		}
		col = j
	}
}

// TestRunInterrupted: Ctrl-C during racecheck run says "interrupted",
// not "context canceled", and exits 1.
func TestRunInterrupted(t *testing.T) {
	bin := integBinary(t)
	cmd := exec.Command(bin, "run", "-count", "1", "-cpu", "1", "./...")
	cmd.Dir = runnerFixture("hung")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(3 * time.Second)
	cmd.Process.Signal(syscall.SIGINT)
	err := cmd.Wait()
	exit, ok := err.(*exec.ExitError)
	if !ok || exit.ExitCode() != ExitFailure || !strings.Contains(stderr.String(), "racecheck run: interrupted") || strings.Contains(stderr.String(), "context canceled") {
		t.Errorf("interrupted run: %v, stderr %q; want exit 1 and \"interrupted\"", err, stderr.String())
	}
}
