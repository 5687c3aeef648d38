package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestVersionCommands(t *testing.T) {
	bin := integBinary(t)
	want := regexp.MustCompile(`^racecheck \S+( [0-9a-f]{40}(\+modified)?)? go1\.\d+\S* \w+/\w+\n$`)
	for _, args := range [][]string{{"-V"}, {"version"}, {"-V=true"}} {
		out, errOut, code := integRun(t, ".", bin, args...)
		if code != ExitClean || !want.MatchString(out) {
			t.Errorf("racecheck %v: exit %d, %q (stderr %q); want a version line", args, code, out, errOut)
		}
	}
	if _, errOut, code := integRun(t, ".", bin, "version", "extra"); code != ExitUsage || !strings.Contains(errOut, "no arguments") {
		t.Errorf("racecheck version extra: exit %d, stderr %q", code, errOut)
	}
	out, _, code := integRun(t, ".", bin, "-V=full")
	if f := strings.Fields(out); code != ExitClean || len(f) < 4 || f[0] != "racecheck" || f[1] != "version" || f[2] == "devel" ||
		!regexp.MustCompile(`^buildID=[0-9a-f]{64}$`).MatchString(f[len(f)-1]) {
		t.Errorf("racecheck -V=full: exit %d, %q; want go vet's shape: racecheck version V ... buildID=HASH", code, out)
	}
}

// TestVersionFromClone builds racecheck in a git repository, as from a
// clone, with VCS stamping on: the version names the commit, and marks
// uncommitted edits.
func TestVersionFromClone(t *testing.T) {
	if testing.Short() {
		t.Skip("builds racecheck from a copy of the module")
	}
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	clone := t.TempDir()
	// Every top-level directory with the command's code (not testdata).
	entries, err := os.ReadDir(repoRoot)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.IsDir() && e.Name() != "testdata" && e.Name() != "docs" && !strings.HasPrefix(e.Name(), ".") {
			copyDir(t, filepath.Join(repoRoot, e.Name()), filepath.Join(clone, e.Name()))
		}
	}
	for _, f := range []string{"go.mod", "go.sum"} {
		data, err := os.ReadFile(filepath.Join(repoRoot, f))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(clone, f), data, 0o644)
	}
	git := func(args ...string) string {
		cmd := exec.Command("git", args...)
		cmd.Dir = clone
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@t", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@t")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
		return strings.TrimSpace(string(out))
	}
	git("init", "-q")
	git("add", ".")
	git("commit", "-q", "-m", "snapshot")
	rev := git("rev-parse", "HEAD")
	bin := filepath.Join(t.TempDir(), "racecheck")
	build := func() string {
		cmd := exec.Command("go", "build", "-trimpath", "-buildvcs=true", "-o", bin, "./cmd/racecheck")
		cmd.Dir = clone
		cmd.Env = append(os.Environ(), "GOFLAGS=")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("go build: %v\n%s", err, out)
		}
		out, _, _ := integRun(t, ".", bin, "-V")
		return out
	}
	// The go command stamps either a pseudo-version made of the commit
	// (Go 1.24 and later) or (devel), which racecheck follows with the
	// revision.
	clean := regexp.MustCompile(`^racecheck (v0\.0\.0-\d{14}-` + rev[:12] + `|\(devel\) ` + rev + `) go`)
	if out := build(); !clean.MatchString(out) {
		t.Errorf("racecheck -V from a clean clone = %q, want the commit %s", out, rev)
	}
	os.WriteFile(filepath.Join(clone, "cmd", "racecheck", "extra.go"), []byte("package main\n"), 0o644)
	dirty := regexp.MustCompile(`^racecheck (v0\.0\.0-\d{14}-` + rev[:12] + `\+dirty|\(devel\) ` + rev + `\+modified) go`)
	if out := build(); !dirty.MatchString(out) {
		t.Errorf("racecheck -V with uncommitted edits = %q, want the commit %s, marked modified", out, rev)
	}
}
