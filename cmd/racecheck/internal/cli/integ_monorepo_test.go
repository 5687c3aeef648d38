package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// monorepo is a scratch git repository with two modules under services/
// and none at the root, as pre-commit sees a monorepo.
type monorepo struct {
	t    *testing.T
	dir  string
	env  []string
	hook string
}

func newMonorepo(t *testing.T) *monorepo {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	bin := integBinary(t)
	hook, err := filepath.Abs(filepath.Join(repoRoot, "cmd", "racecheck", "hooks", "pre-commit"))
	if err != nil {
		t.Fatal(err)
	}
	m := &monorepo{t: t, dir: t.TempDir(), env: gitEnv(bin), hook: hook}
	m.must("git", "init", "-q")
	m.write("services/app/go.mod", "module example.com/app\n\ngo 1.22\n")
	m.write("services/app/counter/counter.go", counterClean)
	m.write("services/ok/go.mod", "module example.com/ok\n\ngo 1.22\n")
	m.write("services/ok/counter/counter.go", counterClean)
	m.must("git", "add", ".")
	m.must("git", "commit", "-q", "-m", "init")
	return m
}

func (m *monorepo) run(name string, args ...string) (string, error) {
	cmd := exec.Command(name, args...)
	cmd.Dir, cmd.Env = m.dir, m.env
	out, err := cmd.CombinedOutput()
	return string(out), err
}

func (m *monorepo) must(name string, args ...string) {
	m.t.Helper()
	if out, err := m.run(name, args...); err != nil {
		m.t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
}

func (m *monorepo) write(name, content string) {
	m.t.Helper()
	p := filepath.Join(m.dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		m.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		m.t.Fatal(err)
	}
}

// TestPreCommitMonorepo: the plain hook groups the staged files by
// module, reads the repository's configuration file from the snapshot,
// and tells a load failure from findings.
func TestPreCommitMonorepo(t *testing.T) {
	m := newMonorepo(t)
	m.write("services/app/counter/counter.go", counterRacy)
	m.write("services/ok/counter/extra.go", "package counter\n\n// Two is 2.\nfunc Two() int { return 2 }\n")
	m.must("git", "add", ".")
	out, err := m.run("sh", m.hook)
	if err == nil || !strings.Contains(out, "counter/counter.go:") || !strings.Contains(out, "fix the findings above") {
		t.Errorf("racy change in services/app: err %v, output:\n%s", err, out)
	}
	if strings.Contains(out, "go.mod file not found") || strings.Contains(out, "could not load") {
		t.Errorf("hook did not find the modules:\n%s", out)
	}

	// The repository's configuration, staged, applies to both modules.
	m.write(ConfigName, "# only lock discipline in pre-commit\nchecks = \"lockcheck\"\n")
	m.must("git", "add", ConfigName)
	if out, err := m.run("sh", m.hook); err != nil {
		t.Errorf("hook with checks = \"lockcheck\" at the root: %v\n%s", err, out)
	}

	// A file that does not compile: "could not load", not "fix the findings".
	m.write("services/ok/counter/broken.go", "package counter\n\nfunc broken( {\n")
	m.must("git", "add", ".")
	out, err = m.run("sh", m.hook)
	if err == nil || !strings.Contains(out, "could not load") || strings.Contains(out, "fix the findings") || !strings.Contains(out, "broken.go:3") {
		t.Errorf("broken file: err %v, output:\n%s", err, out)
	}
}

// TestFilesFromSeveralModules: racecheck given files of several modules
// from the repository root (as the pre-commit framework runs it) analyzes
// each module on its own and combines the exit codes.
func TestFilesFromSeveralModules(t *testing.T) {
	m := newMonorepo(t)
	m.write("services/app/counter/counter.go", counterRacy)
	bin := integBinary(t)
	out, errOut, code := integRun(t, m.dir, bin, "services/app/counter/counter.go", "services/ok/counter/counter.go")
	if code != ExitFindings || !strings.Contains(out, "services/app/counter/counter.go:") || strings.Contains(out, "services/ok") {
		t.Errorf("exit %d, stdout:\n%s\nstderr:\n%s\nwant findings in services/app only", code, out, errOut)
	}
	m.write("services/ok/counter/broken.go", "package counter\n\nfunc broken( {\n")
	_, errOut, code = integRun(t, m.dir, bin, "services/app/counter/counter.go", "services/ok/counter/broken.go")
	if code != ExitFailure || !strings.Contains(errOut, "broken.go:3") {
		t.Errorf("with a broken module: exit %d, stderr %q; want %d naming the error", code, errOut, ExitFailure)
	}
	if _, errOut, code := integRun(t, m.dir, bin, "-json", "services/app/counter/counter.go", "services/ok/counter/counter.go"); code != ExitUsage || !strings.Contains(errOut, "2 modules") {
		t.Errorf("-json over two modules: exit %d, stderr %q", code, errOut)
	}
}
