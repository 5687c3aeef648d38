package vettool

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestClient: two builds at once give one executable, reused afterwards
// without a rebuild; stale clients of other versions are removed, recent
// ones kept; the client runs the tool it is given for what is not a
// unit, and refuses to run without one.
func TestClient(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "plan9" {
		t.Skip("no vet client on " + runtime.GOOS)
	}
	dir := t.TempDir()
	old := time.Now().Add(-2 * clientTTL)
	for _, name := range []string{clientPrefix + "stale", clientPrefix + "recent"} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, nil, 0o777); err != nil {
			t.Fatal(err)
		}
		if strings.HasSuffix(name, "stale") {
			os.Chtimes(path, old, old)
		}
	}
	var wg sync.WaitGroup
	paths, errs := make([]string, 2), make([]error, 2)
	for i := range paths {
		wg.Go(func() { paths[i], errs[i] = Client(dir) })
	}
	wg.Wait()
	if errs[0] != nil || errs[1] != nil || paths[0] != paths[1] {
		t.Fatalf("concurrent builds: %q %v, %q %v", paths[0], errs[0], paths[1], errs[1])
	}
	exe := paths[0]
	before, err := os.Stat(exe)
	if err != nil {
		t.Fatal(err)
	}
	if again, err := Client(dir); err != nil || again != exe {
		t.Errorf("second call: %q, %v; want %q", again, err, exe)
	}
	if after, err := os.Stat(exe); err != nil || !after.ModTime().Equal(before.ModTime()) {
		t.Errorf("second call rebuilt the client: %v", err)
	}
	var names []string
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		names = append(names, e.Name())
	}
	want := []string{filepath.Base(exe), clientPrefix + "recent"}
	if len(names) != 2 || !strings.Contains(strings.Join(names, " "), want[0]) || !strings.Contains(strings.Join(names, " "), want[1]) {
		t.Errorf("directory holds %v, want %v (no stale client, no build directory)", names, want)
	}
	checkClientRuns(t, exe)
}

// checkClientRuns runs the client exe without a tool, and with echo as
// the tool for -V=full.
func checkClientRuns(t *testing.T, exe string) {
	t.Helper()
	cmd := exec.Command(exe, "-V=full")
	cmd.Env = append(os.Environ(), ToolEnvVar+"=")
	out, err := cmd.CombinedOutput()
	if code := cmd.ProcessState.ExitCode(); code != 2 || !strings.Contains(string(out), ToolEnvVar+" is not set") {
		t.Errorf("without a tool: exit %d (%v), output %q; want 2 and a message naming %s", code, err, out, ToolEnvVar)
	}
	echo, err := exec.LookPath("echo")
	if err != nil {
		t.Skip("no echo to run as the tool")
	}
	cmd = exec.Command(exe, "-V=full")
	cmd.Env = append(os.Environ(), ToolEnvVar+"="+echo, EnvVar+"=/nonexistent")
	if out, err := cmd.Output(); err != nil || string(out) != "-V=full\n" {
		t.Errorf("with echo as the tool: %q, %v; want the tool's output", out, err)
	}
}
