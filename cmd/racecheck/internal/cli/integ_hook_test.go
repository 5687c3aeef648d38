package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

const counterClean = `package counter

import "sync"

// Count counts in n goroutines.
func Count(n int) int {
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		count int
	)
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			count++
			mu.Unlock()
		}()
	}
	wg.Wait()
	return count
}
`

// counterRacy increments a captured counter from goroutines without the
// mutex (and counts them from inside, too).
const counterRacy = `package counter

import "sync"

// Count counts in n goroutines.
func Count(n int) int {
	var (
		wg    sync.WaitGroup
		count int
	)
	for range n {
		go func() {
			wg.Add(1)
			defer wg.Done()
			count++
		}()
	}
	wg.Wait()
	return count
}
`

// gitEnv is the environment for git in a scratch repository: no GIT_*
// variable of an enclosing git process (a test run from a hook would
// otherwise act on the outer repository), and a fixed identity.
func gitEnv(bin string) []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "GIT_") {
			env = append(env, kv)
		}
	}
	return append(env, "RACECHECK="+bin, "NO_COLOR=1",
		"GIT_AUTHOR_NAME=racecheck test", "GIT_AUTHOR_EMAIL=test@example.com",
		"GIT_COMMITTER_NAME=racecheck test", "GIT_COMMITTER_EMAIL=test@example.com",
		"GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL="+os.DevNull)
}

// TestPreCommitHook runs the plain git hook on a scratch repository: a
// race-free staged change passes, a racy staged change fails even when
// the working tree is fixed but not staged, and git commit is blocked.
func TestPreCommitHook(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	bin := integBinary(t)
	hook, err := filepath.Abs(filepath.Join(repoRoot, "cmd", "racecheck", "hooks", "pre-commit"))
	if err != nil {
		t.Fatal(err)
	}
	repo := t.TempDir()
	env := gitEnv(bin)
	run := func(name string, args ...string) (string, error) {
		cmd := exec.Command(name, args...)
		cmd.Dir, cmd.Env = repo, env
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	must := func(name string, args ...string) {
		if out, err := run(name, args...); err != nil {
			t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
		}
	}
	write := func(name, content string) {
		if err := os.WriteFile(filepath.Join(repo, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	must("git", "init", "-q")
	write("go.mod", "module counter\n\ngo 1.22\n")
	write("counter.go", counterClean)
	must("git", "add", "go.mod", "counter.go")
	if out, err := run("sh", hook); err != nil {
		t.Fatalf("hook failed on a race-free change: %v\n%s", err, out)
	}

	write("counter.go", counterRacy)
	must("git", "add", "counter.go")
	write("counter.go", counterClean) // fixed in the tree, not staged
	out, err := run("sh", hook)
	if err == nil {
		t.Fatalf("hook passed a racy staged change:\n%s", out)
	}
	t.Logf("hook output:\n%s", out)
	if !strings.Contains(out, "counter.go:") || !strings.Contains(out, "commit blocked") {
		t.Errorf("hook output does not show the finding:\n%s", out)
	}

	// Through git itself, with the hook installed.
	hooks := t.TempDir()
	data, err := os.ReadFile(hook)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(hooks, "pre-commit"), data, 0o755); err != nil {
		t.Fatal(err)
	}
	if out, err := run("git", "-c", "core.hooksPath="+hooks, "commit", "-q", "-m", "racy"); err == nil {
		t.Fatalf("git commit succeeded with a racy staged change:\n%s", out)
	}
	if _, err := run("git", "rev-parse", "-q", "--verify", "HEAD"); err == nil {
		t.Error("a commit was created")
	}
}

// TestPreCommitManifest checks the pre-commit framework manifest names
// the installed binary, Go files, serial execution and filenames.
func TestPreCommitManifest(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(repoRoot, ".pre-commit-hooks.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range []string{"- id: racecheck\n", "  entry: racecheck\n", "  language: golang\n", "  types: [go]\n",
		"  require_serial: true\n", "  pass_filenames: true\n"} {
		if !strings.Contains(string(data), line) {
			t.Errorf(".pre-commit-hooks.yaml lacks %q", line)
		}
	}
}
