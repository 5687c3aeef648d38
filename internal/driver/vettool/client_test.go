package vettool

import (
	"io"
	"net"
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
		if !strings.HasSuffix(e.Name(), failedSuffix) { // no C compiler here: the Go client
			names = append(names, e.Name())
		}
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

// TestCClient: the C client builds where a C compiler is, runs its tool
// for what is not a unit, sends a unit to the server in the wire format's
// bytes (wire_test.go) and prints the answer with its exit code, and
// leaves a unit the server declines or drops to its tool.
func TestCClient(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "plan9" {
		t.Skip("no vet client on " + runtime.GOOS)
	}
	if _, err := findCompiler(); err != nil {
		t.Skip(err)
	}
	exe, err := cClient(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	checkClientRuns(t, exe)
	echo, err := exec.LookPath("echo")
	if err != nil {
		t.Skip("no echo to run as the tool")
	}
	for _, tc := range []struct {
		answer, stdout, stderr string
		code                   int
	}{
		{exampleResponse, "{}", "warn", 3},
		{declinedMessage, "-json /vet.cfg\n", "", 0},
		{"", "-json /vet.cfg\n", "", 0},
	} {
		addr := filepath.Join(t.TempDir(), "s")
		got := fakeServer(t, addr, tc.answer)
		cmd := exec.Command(exe, "-json", "/vet.cfg")
		cmd.Env = append(os.Environ(), "GOARCH=amd64", EnvVar+"="+addr, ToolEnvVar+"="+echo)
		var stdout, stderr strings.Builder
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		cmd.Run()
		if req := <-got; req != exampleRequest {
			t.Errorf("request %q, want %q", req, exampleRequest)
		}
		if code := cmd.ProcessState.ExitCode(); code != tc.code || stdout.String() != tc.stdout || stderr.String() != tc.stderr {
			t.Errorf("answer %q: exit %d, %q, %q; want %d, %q, %q", tc.answer, code, stdout.String(), stderr.String(), tc.code, tc.stdout, tc.stderr)
		}
	}
}

// fakeServer listens on the Unix socket addr for one connection, sends
// what it reads (up to the length of exampleRequest) on the channel and
// answers with answer.
func fakeServer(t *testing.T, addr, answer string) <-chan string {
	t.Helper()
	ln, err := net.Listen("unix", addr)
	if err != nil {
		t.Skipf("no Unix domain sockets: %v", err)
	}
	got := make(chan string, 1)
	go func() {
		defer ln.Close()
		conn, err := ln.Accept()
		if err != nil {
			got <- ""
			return
		}
		defer conn.Close()
		conn.SetDeadline(time.Now().Add(10 * time.Second))
		req := make([]byte, len(exampleRequest))
		n, _ := io.ReadFull(conn, req)
		got <- string(req[:n])
		conn.Write([]byte(answer))
	}()
	return got
}

// TestClientWithoutC: where the C compiler fails, or builds a program
// that does not run as the client (a compiler for another platform),
// Client gives the Go client and records the failure, and the next call
// does not try the compiler again.
func TestClientWithoutC(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "plan9" {
		t.Skip("no vet client on " + runtime.GOOS)
	}
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	for _, tc := range []struct {
		name, script, calls string
	}{
		{"failing", "exit 1\n", "called\ncalled\n"}, // -static, then without
		{"foreign", "PATH=/usr/bin:/bin\nwhile [ $# -gt 0 ]; do [ \"$1\" = -o ] && out=$2; shift; done\n" +
			"printf '#!/bin/sh\\nexit 0\\n' >\"$out\" && chmod +x \"$out\"\n", "called\n"},
	} {
		bin, dir := t.TempDir(), t.TempDir()
		calls := filepath.Join(t.TempDir(), "calls")
		cc := "#!/bin/sh\necho called >>" + calls + "\n" + tc.script
		if err := os.WriteFile(filepath.Join(bin, "cc"), []byte(cc), 0o777); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(goCmd, filepath.Join(bin, "go")); err != nil {
			t.Skip(err)
		}
		t.Setenv("PATH", bin)
		for i := range 2 {
			exe, err := Client(dir)
			if err != nil {
				t.Fatal(err)
			}
			if want := clientPath(dir, "", clientSource); exe != want {
				t.Errorf("%s compiler, call %d: %s, want the Go client %s", tc.name, i, exe, want)
			}
		}
		if data, _ := os.ReadFile(calls); string(data) != tc.calls {
			t.Errorf("%s compiler ran %q, want %q in the first call and nothing in the second", tc.name, data, tc.calls)
		}
		if _, err := os.Stat(clientPath(dir, "c-", cClientSource) + failedSuffix); err != nil {
			t.Errorf("%s compiler: no record of the failed build: %v", tc.name, err)
		}
	}
}
