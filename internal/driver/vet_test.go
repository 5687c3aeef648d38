package driver

import (
	"bufio"
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/racecheck/racecheck/analyzer"
	"github.com/racecheck/racecheck/runner/findings"
)

var toolBuild struct {
	once      sync.Once
	bin, path string
	err       error
}

// racecheckTool builds cmd/racecheck once per test process, to serve as
// go vet's tool.
func racecheckTool(t *testing.T) string {
	t.Helper()
	toolBuild.once.Do(func() {
		dir, err := os.MkdirTemp("", "racecheck-vettool-")
		if err != nil {
			toolBuild.err = err
			return
		}
		toolBuild.bin = filepath.Join(dir, "racecheck")
		out, err := exec.Command("go", "build", "-o", toolBuild.bin, "../../cmd/racecheck").CombinedOutput()
		if err != nil {
			toolBuild.err = &buildError{string(out)}
		}
	})
	if toolBuild.err != nil {
		t.Fatalf("building racecheck: %v", toolBuild.err)
	}
	return toolBuild.bin
}

type buildError struct{ out string }

func (e *buildError) Error() string { return strings.TrimSpace(e.out) }

func TestMain(m *testing.M) {
	code := m.Run()
	if toolBuild.bin != "" {
		os.RemoveAll(filepath.Dir(toolBuild.bin))
	}
	os.Exit(code)
}

// vetRun runs RunVet over the chain fixture in dir and returns the
// findings and the fixture packages the tool analyzed (not taken from the
// cache).
func vetRun(t *testing.T, dir, state string) ([]findings.Finding, []string) {
	t.Helper()
	var trace bytes.Buffer
	fnds, err := RunVet([]string{"./..."}, Options{Dir: dir, Tests: true}, VetOptions{Tool: racecheckTool(t), State: state, Trace: &trace, Compile: true})
	if err != nil {
		t.Fatal(err)
	}
	return fnds, analyzed(trace.String(), dir)
}

// analyzed reads go vet -x output: each tool run follows "cd <package
// dir>". It returns the directories under root, relative to it.
func analyzed(trace, root string) []string {
	var dirs []string
	var cd string
	sc := bufio.NewScanner(strings.NewReader(trace))
	for sc.Scan() {
		line := sc.Text()
		if d, ok := strings.CutPrefix(line, "cd "); ok {
			cd = d
			continue
		}
		if strings.HasSuffix(line, "vet.cfg") && strings.HasPrefix(cd, root) {
			rel, _ := filepath.Rel(root, cd)
			if !slices.Contains(dirs, rel) {
				dirs = append(dirs, rel)
			}
		}
	}
	slices.Sort(dirs)
	return dirs
}

// inProcess returns the findings of the in-process driver, the reference.
func inProcess(t *testing.T, dir string) []findings.Finding {
	t.Helper()
	fnds, err := RunStream(analyzer.Suite(), []string{"./..."}, Options{Dir: dir, Tests: true})
	if err != nil {
		t.Fatal(err)
	}
	return fnds
}

func chainFixture(t *testing.T) string {
	return copyFixture(t, filepath.Join("..", "..", "testdata", "load", "chain"))
}

// TestVetCacheHit: a second run takes every package from the cache and
// gives the findings of the first, which are those of the in-process
// driver, test packages included.
func TestVetCacheHit(t *testing.T) {
	dir := chainFixture(t)
	first, ran := vetRun(t, dir, t.TempDir())
	if want := []string{"leaf", "mid", "side", "top"}; !slices.Equal(ran, want) {
		t.Errorf("first run analyzed %v, want %v", ran, want)
	}
	second, ran := vetRun(t, dir, t.TempDir())
	if len(ran) != 0 {
		t.Errorf("second run analyzed %v, want none (all cached)", ran)
	}
	if len(first) != 6 {
		t.Errorf("got %d findings, want 6 (one per package, two in top's test)", len(first))
	}
	if !reflect.DeepEqual(first, second) {
		t.Errorf("cached findings differ:\nfirst  %v\nsecond %v", first, second)
	}
	if want := inProcess(t, dir); !reflect.DeepEqual(first, want) {
		t.Errorf("go vet findings differ from the in-process driver's:\nvet %v\nin-process %v", first, want)
	}
}

// TestVetServeFails: when the server (or its vet client) cannot start,
// go vet runs racecheck itself, a process per unit, with the same
// findings.
func TestVetServeFails(t *testing.T) {
	dir := chainFixture(t)
	serve := func() (string, []string, func(), error) { return "", nil, nil, errors.New("no vet client") }
	vo := VetOptions{Tool: racecheckTool(t), State: t.TempDir(), Serve: serve, Compile: true}
	fnds, err := RunVet([]string{"./..."}, Options{Dir: dir, Tests: true}, vo)
	if err != nil {
		t.Fatal(err)
	}
	if len(fnds) != 6 {
		t.Errorf("got %d findings, want 6", len(fnds))
	}
}

// TestVetCacheLeafEdit: after a change to leaf's API, leaf and what
// imports it are analyzed again, side is not, and the new finding shows.
func TestVetCacheLeafEdit(t *testing.T) {
	dir := chainFixture(t)
	vetRun(t, dir, t.TempDir())
	leaf := filepath.Join(dir, "leaf", "leaf.go")
	appendFile(t, leaf, "\n// Racy2 is a second racy function.\nfunc Racy2() int {\n\tx := 0\n\tgo func() { x = 1 }()\n\tx = 2\n\treturn x\n}\n")
	fnds, ran := vetRun(t, dir, t.TempDir())
	if want := []string{"leaf", "mid", "top"}; !slices.Equal(ran, want) {
		t.Errorf("after editing leaf, analyzed %v, want %v", ran, want)
	}
	if !reflect.DeepEqual(fnds, inProcess(t, dir)) {
		t.Errorf("findings after the edit differ from the in-process driver's: %v", fnds)
	}
	if len(fnds) != 7 {
		t.Errorf("got %d findings after the edit, want 7", len(fnds))
	}
}

// TestVetCacheCorrupt damages the cached outputs of the fixture's
// packages, both ways: a changed size, which the go command replays as
// no output, and bytes changed in place, which it replays as they are.
// racecheck notices both (a unit without its marker, unreadable JSON)
// and answers with a new cache generation: the findings stay the same,
// and the entries are rebuilt, so the next run takes everything from the
// cache.
func TestVetCacheCorrupt(t *testing.T) {
	for _, mode := range []string{"truncate", "overwrite"} {
		t.Run(mode, func(t *testing.T) {
			dir := chainFixture(t)
			state := t.TempDir()
			start := time.Now().Add(-time.Second)
			want, _ := vetRun(t, dir, state)
			entries := cachedOutputs(t, dir, start)
			if len(entries) == 0 {
				t.Fatal("found no cached output of the fixture's packages")
			}
			for _, e := range entries {
				corrupt(t, e, mode)
			}
			got, ran := vetRun(t, dir, state)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("findings after corruption differ:\ngot  %v\nwant %v", got, want)
			}
			if len(ran) == 0 {
				t.Error("nothing was analyzed again after the corruption")
			}
			if _, ran := vetRun(t, dir, state); len(ran) != 0 {
				t.Errorf("the run after the rebuild analyzed %v, want none", ran)
			}
			if gen := readGeneration(state); gen != 1 {
				t.Errorf("generation %d after %s", gen, mode)
			}
		})
	}
}

// cachedOutputs returns the go build cache's output files written since
// start that hold go vet JSON for packages in dir.
func cachedOutputs(t *testing.T, dir string, start time.Time) []string {
	t.Helper()
	out, err := exec.Command("go", "env", "GOCACHE").Output()
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	root := strings.TrimSpace(string(out))
	filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, "-d") {
			return nil
		}
		if info, err := d.Info(); err != nil || info.ModTime().Before(start) {
			return nil
		}
		data, err := os.ReadFile(path)
		if err == nil && bytes.HasPrefix(data, []byte("{")) && bytes.Contains(data, []byte(dir)) && bytes.Contains(data, []byte(`"posn"`)) {
			files = append(files, path)
		}
		return nil
	})
	return files
}

func corrupt(t *testing.T, file, mode string) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if mode == "truncate" {
		data = data[:len(data)/2]
	} else {
		data = bytes.Repeat([]byte("x"), len(data))
	}
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func appendFile(t *testing.T, name, text string) {
	t.Helper()
	f, err := os.OpenFile(name, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString(text); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestParsePosn(t *testing.T) {
	tests := []struct {
		in   string
		want findings.Position
		ok   bool
	}{
		{"/a/b.go:3:4", findings.Position{File: "/a/b.go", Line: 3, Column: 4}, true},
		{`C:\a\b.go:3:4`, findings.Position{File: `C:\a\b.go`, Line: 3, Column: 4}, true},
		{"/a/b.go:7", findings.Position{File: "/a/b.go", Line: 7}, true},
		{"-", findings.Position{}, false},
		{"/a/b.go:x", findings.Position{}, false},
	}
	for _, tt := range tests {
		got, err := parsePosn(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("parsePosn(%q) = %v, %v; want %v, ok %v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

func TestRootPackage(t *testing.T) {
	roots := map[string]root{"example.com/p": {pkg: true, xtest: true}}
	for id, want := range map[string]bool{
		"example.com/p":                      true,
		"example.com/p [example.com/p.test]": true,
		"example.com/p_test":                 true,
		"example.com/q":                      false,
		"example.com/q_test":                 false,
		"fmt":                                false,
	} {
		if _, got := rootPackage(id, roots); got != want {
			t.Errorf("rootPackage(%q) = %v, want %v", id, got, want)
		}
	}
}
