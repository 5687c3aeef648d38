package cli

import (
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/racecheck/racecheck/analyzer"
	"github.com/racecheck/racecheck/internal/driver/vettool"
)

// TestVetOptions checks the cache's switches: on by default with state
// under os.UserCacheDir, off by -cache=false or RACECHECK_CACHE=off, the
// state directory moved by RACECHECK_CACHE, and analyzer flags given on
// the command line passed on to the vet tool.
func TestVetOptions(t *testing.T) {
	userCache, err := os.UserCacheDir()
	if err != nil {
		t.Skip("no user cache directory:", err)
	}
	t.Setenv(cacheEnv, "")
	vo := vetOptions(true, nil, nil)
	if vo == nil || vo.State != filepath.Join(userCache, "racecheck") || vo.Tool == "" {
		t.Fatalf("default: got %+v, want the cache on with state in %s", vo, userCache)
	}
	if vo.Serve == nil {
		t.Error("default: no vet server")
	}
	t.Setenv(vettool.EnvVar, "off")
	if vo := vetOptions(true, nil, nil); vo == nil || vo.Serve != nil {
		t.Errorf("%s=off: got %+v, want the cache without a vet server", vettool.EnvVar, vo)
	}
	t.Setenv(vettool.EnvVar, "")
	if vo := vetOptions(false, nil, nil); vo != nil {
		t.Errorf("-cache=false: got %+v, want nil (off)", vo)
	}
	for _, off := range []string{"off", "OFF", "0"} {
		t.Setenv(cacheEnv, off)
		if vo := vetOptions(true, nil, nil); vo != nil {
			t.Errorf("%s=%s: got %+v, want nil (off)", cacheEnv, off, vo)
		}
	}
	dir := t.TempDir()
	t.Setenv(cacheEnv, dir)
	analyzers := analyzer.Suite()
	var lf lintFlags
	fs := newLintFlagSet(io.Discard, &lf, analyzers)
	// The flag sets the analyzer's own value: restore it for other tests.
	t.Cleanup(func() { fs.Set("spawn.maxpool", fs.Lookup("spawn.maxpool").DefValue) })
	if err := fs.Parse([]string{"-spawn.maxpool=7", "-test=true"}); err != nil {
		t.Fatal(err)
	}
	vo = vetOptions(true, fs, analyzers)
	if vo == nil || vo.State != dir {
		t.Fatalf("%s=%s: got %+v", cacheEnv, dir, vo)
	}
	if !slices.Equal(vo.Flags, []string{"-spawn.maxpool=7"}) {
		t.Errorf("tool flags %q, want [-spawn.maxpool=7]", vo.Flags)
	}
}

// TestVetServer: the server's go vet tool is the vet client, built in
// racecheck's cache directory, pointed to the server and to racecheck;
// stopping the server removes its socket.
func TestVetServer(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "plan9" {
		t.Skip("no vet client on " + runtime.GOOS)
	}
	state := t.TempDir()
	t.Setenv(vettool.EnvVar, "")
	if vetServer("/bin/racecheck", "") != nil {
		t.Error("a server without a cache directory for its client")
	}
	tool, env, stop, err := vetServer("/bin/racecheck", state)()
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Dir(tool) != filepath.Join(state, "vetclient") {
		t.Errorf("tool %s, want the vet client in %s", tool, state)
	}
	if len(env) != 2 || !strings.HasPrefix(env[0], vettool.EnvVar+"=") || env[1] != vettool.ToolEnvVar+"=/bin/racecheck" {
		t.Errorf("environment %q, want the server's socket and racecheck", env)
	}
	stop()
	if _, err := os.Stat(strings.TrimPrefix(env[0], vettool.EnvVar+"=")); !os.IsNotExist(err) {
		t.Errorf("socket left after stop: %v", err)
	}
}
