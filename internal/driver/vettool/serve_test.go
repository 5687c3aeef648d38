package vettool

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/racecheck/racecheck/internal/driver"
	"github.com/racecheck/racecheck/internal/hugeheap"
	"github.com/racecheck/racecheck/internal/modcopy"
	"github.com/racecheck/racecheck/runner/findings"
)

var toolBuild struct {
	once      sync.Once
	dir       string
	client    string
	err       error
	clientErr error
}

// racecheckTool builds cmd/racecheck once per test process, to serve as
// go vet's tool.
func racecheckTool(t *testing.T) string {
	t.Helper()
	toolBuild.once.Do(func() {
		toolBuild.dir, toolBuild.err = os.MkdirTemp("", "racecheck-vettool-")
		if toolBuild.err != nil {
			return
		}
		out, err := exec.Command("go", "build", "-o", toolBuild.dir, "../../../cmd/racecheck").CombinedOutput()
		if err != nil {
			toolBuild.err = fmt.Errorf("%v: %s", err, out)
			return
		}
		toolBuild.client, toolBuild.clientErr = Client(filepath.Join(toolBuild.dir, "clients"))
	})
	if toolBuild.err != nil {
		t.Fatalf("building racecheck: %v", toolBuild.err)
	}
	return filepath.Join(toolBuild.dir, "racecheck")
}

// vetClient returns the vet client built beside racecheckTool's binary;
// it skips the test where there is none (Windows).
func vetClient(t *testing.T) string {
	t.Helper()
	racecheckTool(t)
	if toolBuild.clientErr != nil {
		if runtime.GOOS == "windows" || runtime.GOOS == "plan9" {
			t.Skip(toolBuild.clientErr)
		}
		t.Fatal(toolBuild.clientErr)
	}
	return toolBuild.client
}

func TestMain(m *testing.M) {
	code := m.Run()
	if toolBuild.dir != "" {
		os.RemoveAll(toolBuild.dir)
	}
	os.Exit(code)
}

// chainFixture copies testdata/load/chain (four packages, a test, six
// findings) to a temporary directory.
func chainFixture(t *testing.T) string {
	t.Helper()
	dst := t.TempDir()
	if err := modcopy.CopyTree(filepath.Join("..", "..", "..", "testdata", "load", "chain"), dst); err != nil {
		t.Fatal(err)
	}
	return dst
}

// vetRun analyzes dir through go vet under cache keys of its own (a
// cache generation nothing else uses), with the server srv if not nil,
// and returns the findings and the number of tool runs go vet started.
func vetRun(t *testing.T, dir string, srv *Server, flags ...string) ([]findings.Finding, int) {
	t.Helper()
	gen := fmt.Sprintf("-%s=%d", driver.GenerationFlag, time.Now().UnixNano())
	vo := driver.VetOptions{Tool: racecheckTool(t), Flags: append([]string{gen}, flags...), Compile: true}
	var trace bytes.Buffer
	vo.Trace = &trace
	if srv != nil {
		client := vetClient(t)
		vo.Serve = func() (string, []string, func(), error) { return client, srv.Env(vo.Tool), func() {}, nil }
	}
	fnds, err := driver.RunVet([]string{"./..."}, driver.Options{Dir: dir, Tests: true}, vo)
	if err != nil {
		t.Fatal(err)
	}
	return fnds, strings.Count(trace.String(), ".cfg\n")
}

// TestServerMatchesToolProcesses: go vet's tool runs hand every unit to
// the server, which analyzes them in this process, and the findings (and
// the facts they depend on) are those of a process per unit.
func TestServerMatchesToolProcesses(t *testing.T) {
	dir := chainFixture(t)
	t.Setenv(EnvVar, "")
	want, runs := vetRun(t, dir, nil)
	if len(want) != 6 {
		t.Fatalf("a process per unit: %d findings, want 6", len(want))
	}
	srv, err := Listen("racecheck")
	if err != nil {
		t.Fatal(err)
	}
	got, served := vetRun(t, dir, srv)
	if err := srv.Close(); err != nil {
		t.Error(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("served findings differ:\ngot  %v\nwant %v", got, want)
	}
	if srv.Served() != served || served != runs {
		t.Errorf("server analyzed %d units of %d tool runs (%d without it)", srv.Served(), served, runs)
	}
	// Reserve(0) reserves nothing: it only reports the server's range.
	if hugeheap.Available() && !hugeheap.Reserve(0) {
		t.Error("the server did not back its heap with huge pages")
	}
	if _, err := os.Stat(strings.TrimPrefix(srv.Env("")[0], EnvVar+"=")); !os.IsNotExist(err) {
		t.Errorf("socket left after Close: %v", err)
	}
}

// TestServerDeclinesOtherFlags: a unit whose analyzer flags differ from
// this process's is left to its tool run, which analyzes it with them.
func TestServerDeclinesOtherFlags(t *testing.T) {
	dir := chainFixture(t)
	srv, err := Listen("racecheck")
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	got, runs := vetRun(t, dir, srv, "-race.depth=0")
	if srv.Served() != 0 || runs == 0 {
		t.Errorf("server analyzed %d of %d units, want none", srv.Served(), runs)
	}
	if len(got) == 0 {
		t.Error("no findings from the tool runs")
	}
}
