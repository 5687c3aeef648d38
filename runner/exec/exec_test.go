package exec

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

func TestRunTimeoutKillsGroup(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("process groups are unix only")
	}
	dir := t.TempDir()
	// The shell starts a child that would outlive a kill of the shell
	// alone and keep the output file open.
	spec := Spec{Binary: "/bin/sh", Args: []string{"-c", "sleep 30 & wait"}, RunDir: dir, GOMAXPROCS: 1, Timeout: 300 * time.Millisecond}
	start := time.Now()
	res, err := Run(context.Background(), spec)
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != StatusTimeout {
		t.Errorf("status = %s, want %s", res.Status, StatusTimeout)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("run took %v: the group was not killed", d)
	}
}

func TestRunStatusAndSampling(t *testing.T) {
	dir := t.TempDir()
	env := append(os.Environ(), "GORACE=history_size=3")
	res, err := Run(context.Background(), Spec{Binary: "/bin/sh", Args: []string{"-c", "echo $GORACE; echo GOMAXPROCS=$GOMAXPROCS; sleep 0.05; exit 1"}, Env: env, RunDir: dir, GOMAXPROCS: 3})
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != StatusFail || res.ExitCode != 1 {
		t.Errorf("status %s exit %d, want fail 1", res.Status, res.ExitCode)
	}
	out, _ := os.ReadFile(res.Output)
	for _, want := range []string{"history_size=3 log_path=" + filepath.Join(dir, "race"), "halt_on_error=0", "atexit_sleep_ms=0", "GOMAXPROCS=3"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("output %q lacks %q", out, want)
		}
	}
	if _, err := os.Stat("/proc/self/status"); err == nil && (!res.Peak.Sampled || res.Peak.Threads < 1 || res.Peak.RSSKB <= 0) {
		t.Errorf("peak = %+v, want a sampled thread count and RSS", res.Peak)
	}
}

func TestParseProfile(t *testing.T) {
	p, err := ParseProfile(strings.NewReader("mode: atomic\nex.com/m/f.go:3.10,5.2 2 1\nex.com/m/f.go:7.1,9.2 1 0\n"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		line int
		want bool
	}{{2, false}, {3, true}, {5, true}, {8, false}} {
		if got := p.Covered("ex.com/m/f.go", tc.line); got != tc.want {
			t.Errorf("Covered(%d) = %v, want %v", tc.line, got, tc.want)
		}
	}
	if _, err := ParseProfile(strings.NewReader("mode: set\ngarbage\n")); err == nil {
		t.Error("malformed profile parsed without error")
	}
}

func TestCgoHint(t *testing.T) {
	e := &BuildError{Package: "p", Output: "go: -race requires cgo; enable cgo by setting CGO_ENABLED=1\n"}
	if !strings.Contains(e.Error(), "requires cgo") {
		t.Errorf("error %q does not name cgo", e.Error())
	}
}
