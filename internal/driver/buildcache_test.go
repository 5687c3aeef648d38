package driver

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/racecheck/racecheck/analyzer"
)

func TestBuildCachePreferInProcess(t *testing.T) {
	for _, c := range []struct {
		bc         buildCache
		cold, pref bool
	}{
		{buildCache{}, false, false},
		{buildCache{deps: 200, stale: 0, files: 900}, false, false},
		{buildCache{deps: 200, stale: 50, files: 900}, false, false},
		{buildCache{deps: 200, stale: 51, files: 900}, true, true},
		{buildCache{deps: 200, stale: 200, files: maxInProcessFiles}, true, true},
		{buildCache{deps: 200, stale: 200, files: maxInProcessFiles + 1}, true, false},
	} {
		if cold, pref := c.bc.cold(), c.bc.preferInProcess(); cold != c.cold || pref != c.pref {
			t.Errorf("%+v: cold %v, preferInProcess %v; want %v, %v", c.bc, cold, pref, c.cold, c.pref)
		}
	}
}

func TestParseProbe(t *testing.T) {
	out := `true false - - 1 0
true true - - 14 0
true true main - 1 0
true true - - 2 0
false true main - 3 0
true true main test 2 0
false true main test 5 0
false true main - 1 0
`
	bc, err := parseProbe(out)
	if err != nil {
		t.Fatal(err)
	}
	// Counted as dependencies: the plain ones outside the main module.
	if want := (buildCache{deps: 3, stale: 2, files: 29}); bc != want {
		t.Errorf("parseProbe: %+v, want %+v", bc, want)
	}
	for _, bad := range []string{"", "true false - - 1", "true false - - x 0"} {
		if _, err := parseProbe(bad); err == nil {
			t.Errorf("parseProbe(%q): no error", bad)
		}
	}
}

// TestProbeBuildCache: with the standard library compiled, a root's
// dependencies are in the cache and its main-module dependencies (never
// compiled in this copy) are not counted; with an empty build cache
// every dependency is stale but unsafe, which has nothing to compile.
func TestProbeBuildCache(t *testing.T) {
	dir := chainFixture(t)
	if out, err := exec.Command("go", "build", "sync", "testing").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	bc, err := probeBuildCache([]string{"./top"}, dir, nil, nil, true)
	if err != nil {
		t.Fatal(err)
	}
	if bc.deps < 5 || bc.stale != 0 || bc.files < bc.deps || bc.cold() {
		t.Errorf("build cache %+v: want sync's and testing's dependencies compiled", bc)
	}
	env := append(os.Environ(), "GOCACHE="+t.TempDir())
	cold, err := probeBuildCache([]string{"./top"}, dir, env, nil, true)
	if err != nil {
		t.Fatal(err)
	}
	if cold.deps != bc.deps || cold.files != bc.files || cold.stale < cold.deps-1 || !cold.preferInProcess() {
		t.Errorf("empty build cache: %+v, want every dependency of %+v but unsafe stale", cold, bc)
	}
	// Not asked, every dependency counts as stale; the rest is the same.
	all, err := probeBuildCache([]string{"./top"}, dir, nil, nil, false)
	if want := (buildCache{deps: bc.deps, stale: bc.deps, files: bc.files}); err != nil || all != want {
		t.Errorf("staleness not asked: %+v, %v; want %+v", all, err, want)
	}
	if _, err := probeBuildCache([]string{"./nosuch"}, dir, nil, nil, true); err == nil {
		t.Error("no error for a pattern that matches no directory")
	}
}

// TestVetColdCache: with an empty build cache RunVet does not run go vet
// (which would compile every dependency first) but answers ErrColdCache,
// and Analyze gives the in-process driver's findings; with a warm one,
// go vet runs and racecheck records the configuration as warm.
func TestVetColdCache(t *testing.T) {
	dir := chainFixture(t)
	var trace bytes.Buffer
	opts := Options{Dir: dir, Tests: true, Env: append(os.Environ(), "GOCACHE="+t.TempDir())}
	vo := VetOptions{Tool: racecheckTool(t), State: t.TempDir(), Trace: &trace}
	if _, err := RunVet([]string{"./..."}, opts, vo); !errors.Is(err, ErrColdCache) {
		t.Errorf("RunVet with an empty build cache: %v, want ErrColdCache", err)
	}
	opts.Vet = &vo
	fnds, err := Analyze(analyzer.Suite(), []string{"./..."}, opts)
	if err != nil {
		t.Fatal(err)
	}
	if trace.Len() != 0 {
		t.Errorf("go vet ran with an empty build cache:\n%s", trace.String())
	}
	if knownWarm(vo.State, warmKey(dir, opts.Env, nil)) {
		t.Error("an empty build cache recorded as warm")
	}
	if want := inProcess(t, dir); !reflect.DeepEqual(fnds, want) || len(fnds) != 6 {
		t.Errorf("findings %v, want the in-process driver's %v", fnds, want)
	}

	if out, err := exec.Command("go", "build", "sync", "testing").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	opts.Env = nil
	if fnds, err := RunVet([]string{"./..."}, opts, vo); err != nil || len(fnds) != 6 {
		t.Errorf("RunVet with the standard library compiled: %d findings, %v; want 6", len(fnds), err)
	}
	if !knownWarm(vo.State, warmKey(dir, os.Environ(), nil)) {
		t.Error("a warm build cache not recorded")
	}
}

// TestWarmKey: the key changes with what the compiled packages depend on
// and with nothing else.
func TestWarmKey(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command")
	}
	dir := t.TempDir()
	sub := filepath.Join(dir, "sub")
	writeFile(t, filepath.Join(dir, "go.mod"), "module example.com/m\n")
	writeFile(t, filepath.Join(sub, "a.go"), "package sub\n")
	base := []string{"PATH=/bin", "GOFLAGS=-mod=mod", "HOME=/home/u"}
	key := warmKey(dir, base, nil)
	if key == "" || warmKey(dir, slices.Clone(base), nil) != key {
		t.Fatalf("warmKey is %q, or not the same twice", key)
	}
	if warmKey(dir, append(base, "EDITOR=vi", "PATH=/usr/bin"), nil) != key {
		t.Error("the key changed with variables the build does not read")
	}
	for _, other := range [][]string{
		append(slices.Clone(base), "GOCACHE=/tmp/c"),
		append(slices.Clone(base), "CGO_ENABLED=0"),
		append(slices.Clone(base), "CC=clang"),
		{"PATH=/bin", "GOFLAGS=-mod=mod", "HOME=/home/v"},
	} {
		if warmKey(dir, other, nil) == key {
			t.Errorf("same key with %q", other)
		}
	}
	if warmKey(dir, base, []string{"-gcflags=-N"}) == key {
		t.Error("same key with other build flags")
	}
	if warmKey(sub, base, nil) != key {
		t.Error("the key changed with the package directory in the same module")
	}
	sum := filepath.Join(dir, "go.sum")
	writeFile(t, sum, "example.com/dep v1.0.0 h1:x=\n")
	key2 := warmKey(dir, base, nil)
	if key2 == key {
		t.Error("same key after go.sum changed")
	}
	if err := os.Chtimes(sum, time.Unix(1e9, 0), time.Unix(1e9, 0)); err != nil {
		t.Fatal(err)
	}
	if warmKey(dir, base, nil) != key2 {
		t.Error("the key changed with go.sum's time, not its contents")
	}
	if got := goEnvFile([]string{"GOENV=/etc/go.env", "GOENV=/tmp/go.env"}); got != "/tmp/go.env" {
		t.Errorf("goEnvFile with GOENV set twice = %q, want the last", got)
	}
	if files := moduleFiles(sub); len(files) < 2 || files[0] != filepath.Join(dir, "go.mod") {
		t.Errorf("moduleFiles(%s) = %q, want the go.mod above it first", sub, files)
	}
}

// TestWarmKeyPlace: a copy of a module at another path shares the key of
// the original, unless the compiled packages of its dependencies depend
// on the path: a vendor directory, a replacement by a local directory in
// go.mod or go.work, no module at all.
func TestWarmKeyPlace(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command")
	}
	env := []string{"PATH=/bin", "HOME=/home/u"}
	cases := []struct {
		name  string
		files map[string]string
		same  bool
	}{
		{"module", map[string]string{"go.mod": "module example.com/m\nrequire example.com/d v1.0.0\n", "go.sum": "example.com/d v1.0.0 h1:x=\n"}, true},
		{"versioned replace", map[string]string{"go.mod": "module example.com/m\nreplace example.com/d => example.com/e v1.2.0\n"}, true},
		{"local replace", map[string]string{"go.mod": "module example.com/m\nreplace example.com/d => ../d\n"}, false},
		{"vendor", map[string]string{"go.mod": "module example.com/m\n", "vendor/modules.txt": "# example.com/d v1.0.0\n"}, false},
		{"workspace", map[string]string{"go.mod": "module example.com/m\n", "go.work": "go 1.26\nuse .\n"}, true},
		{"workspace local replace", map[string]string{"go.mod": "module example.com/m\n", "go.work": "go 1.26\nuse .\nreplace example.com/d => /src/d\n"}, false},
		{"no module", map[string]string{"a.go": "package a\n"}, false},
	}
	for _, c := range cases {
		var keys [2]string
		for i := range keys {
			dir := t.TempDir()
			for name, text := range c.files {
				writeFile(t, filepath.Join(dir, name), text)
			}
			writeFile(t, filepath.Join(dir, "p", "p.go"), "package p\n")
			keys[i] = warmKey(filepath.Join(dir, "p"), env, nil)
		}
		if same := keys[0] == keys[1]; same != c.same {
			t.Errorf("%s: two copies have the same key: %v, want %v", c.name, same, c.same)
		}
	}
}

func writeFile(t *testing.T, name, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestKnownWarm: a configuration marked warm is known for warmFor, in
// the state directory it was marked in; without a state directory
// nothing is known.
func TestKnownWarm(t *testing.T) {
	state := t.TempDir()
	if knownWarm(state, "k1") {
		t.Error("known warm before marking")
	}
	markWarm(state, "k1")
	if !knownWarm(state, "k1") || knownWarm(state, "k2") {
		t.Error("marked k1: want k1 known, k2 not")
	}
	old := time.Now().Add(-warmFor - time.Minute)
	if err := os.Chtimes(filepath.Join(state, warmDir, "k1"), old, old); err != nil {
		t.Fatal(err)
	}
	if knownWarm(state, "k1") {
		t.Error("a mark older than warmFor still counts")
	}
	markWarm(state, "k1")
	if !knownWarm(state, "k1") {
		t.Error("marking again did not renew the mark")
	}
	markWarm("", "k1")
	if knownWarm("", "k1") || knownWarm(state, "") {
		t.Error("known warm without a state directory or key")
	}
}
