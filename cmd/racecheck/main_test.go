package main_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// bin is the racecheck binary built once for the exec tests.
var bin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "racecheck-exec-")
	if err != nil {
		panic(err)
	}
	bin = filepath.Join(dir, "racecheck")
	// The binaries these tests run keep their cache state (the cache
	// generation) in a directory of their own, not the user's.
	os.Setenv("RACECHECK_CACHE", filepath.Join(dir, "state"))
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		os.RemoveAll(dir)
		panic("building racecheck: " + string(out))
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// run runs the binary in dir and returns stdout, stderr and the exit code.
func run(t *testing.T, dir string, args ...string) (string, string, int) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "NO_COLOR=1")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return stdout.String(), stderr.String(), 0
	case errors.As(err, &exit):
		return stdout.String(), stderr.String(), exit.ExitCode()
	}
	t.Fatalf("running racecheck: %v", err)
	return "", "", -1
}

func demoDir(t *testing.T) string {
	dir, err := filepath.Abs(filepath.Join("..", "..", "testdata", "demo"))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestDemoFindings: the README's first command finds the demo's races
// and exits 3.
func TestDemoFindings(t *testing.T) {
	root, _ := filepath.Abs(filepath.Join("..", ".."))
	stdout, stderr, code := run(t, root, "-C", "testdata/demo", "./...")
	if code != 3 {
		t.Fatalf("exit %d, want 3; stderr: %s", code, stderr)
	}
	for _, want := range []string{
		"testdata/demo/crawl/crawl.go:41:3: one goroutine per element of urls (unbounded",
		"testdata/demo/crawl/crawl.go:45:5: write to error variable err in goroutine",
		"testdata/demo/crawl/crawl.go:46:9: write to slice rep.Broken (append)",
		"testdata/demo/crawl/crawl.go:50:14: write to map rep.ByHost",
		"testdata/demo/crawl/crawl.go:110:5: write to field m.checks in goroutine started at crawl.go:103 races with read at crawl.go:104",
		"testdata/demo/crawl/cache.go:44:11: c.hits read without c.mu held (c.mu guards c.hits at 2 of 3 accesses, e.g. cache.go:22)",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, stdout)
		}
	}
	// CheckSafe (lines 57-88) is the fixed version: nothing there.
	for _, line := range strings.Split(strings.TrimSpace(stdout), "\n") {
		var n int
		if _, err := fmt.Sscanf(strings.TrimPrefix(line, "testdata/demo/crawl/crawl.go:"), "%d:", &n); err == nil && n >= 57 && n <= 88 {
			t.Errorf("finding in the race-free CheckSafe: %s", line)
		}
	}
}

// TestExitCodes covers every documented exit code of the static check.
func TestExitCodes(t *testing.T) {
	clean := t.TempDir()
	writeModule(t, clean, "package clean\n\nfunc Add(a, b int) int { return a + b }\n")
	broken := t.TempDir()
	writeModule(t, broken, "package broken\n\nfunc Bad() int { return undefined }\n")
	syntax := t.TempDir()
	writeModule(t, syntax, "package syntax\n\nfunc Bad( {\n")
	cgo := t.TempDir()
	writeModule(t, cgo, cgoSrc)
	generic := t.TempDir()
	writeModule(t, generic, genericSrc)
	generated := t.TempDir()
	writeModule(t, generated, generatedSrc(5000))
	tests := []struct {
		name string
		dir  string
		args []string
		code int
		err  string
		out  string // a line of stdout
	}{
		{"clean", clean, []string{"./..."}, 0, "", ""},
		{"findings", demoDir(t), []string{"./..."}, 3, "", ""},
		{"json on findings", demoDir(t), []string{"-json", "./..."}, 0, "", ""},
		{"type error", broken, []string{"./..."}, 1, "undefined: undefined", ""},
		{"syntax error", syntax, []string{"./..."}, 1, "m.go:3:", ""},
		{"cgo package", cgo, []string{"./..."}, 0, "", ""},
		{"generic types", generic, []string{"./..."}, 3, "", "m.go:7:36: write to map c.n in goroutine started repeatedly at m.go:13"},
		{"huge generated file", generated, []string{"./..."}, 0, "", ""},
		{"no such package", clean, []string{"./nosuchdir"}, 1, "racecheck: ", ""},
		{"unknown flag", clean, []string{"-nosuchflag"}, 2, "flag provided but not defined", ""},
		{"help", clean, []string{"-h"}, 0, "Exit codes:", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, code := run(t, tt.dir, tt.args...)
			if !strings.Contains(stdout, tt.out) {
				t.Errorf("stdout %q lacks %q", stdout, tt.out)
			}
			if code != tt.code {
				t.Errorf("exit %d, want %d; stderr: %s", code, tt.code, stderr)
			}
			if !strings.Contains(stderr, tt.err) {
				t.Errorf("stderr %q lacks %q", stderr, tt.err)
			}
			if tt.code == 1 && strings.Count(strings.TrimSpace(stderr), "\n") != 0 {
				t.Errorf("failure is not one line: %q", stderr)
			}
		})
	}
}

// cgoSrc is a cgo package: it must load and analyze like any other.
const cgoSrc = `package cgo

// static int twice(int x) { return 2 * x; }
import "C"

import "sync"

func Twice(xs [4]int) [4]int {
	var out [4]int
	var wg sync.WaitGroup
	for i, x := range xs {
		wg.Go(func() { out[i] = int(C.twice(C.int(x))) })
	}
	wg.Wait()
	return out
}
`

// genericSrc races on a field of a generic type through an instantiated
// method: reported once, at the generic code.
const genericSrc = `package generic

import "sync"

type Counter[K comparable] struct{ n map[K]int }

func (c *Counter[K]) Add(k K) { c.n[k]++ }

func Count[K comparable](keys []K) map[K]int {
	c := &Counter[K]{n: make(map[K]int)}
	var wg sync.WaitGroup
	for _, k := range keys {
		wg.Go(func() { c.Add(k) })
	}
	wg.Wait()
	return c.n
}

func Strings(s []string) map[string]int { return Count(s) }
`

// generatedSrc returns a generated file of n small functions.
func generatedSrc(n int) string {
	var b strings.Builder
	b.WriteString("// Code generated by racecheck's tests. DO NOT EDIT.\n\npackage gen\n\n")
	for i := range n {
		fmt.Fprintf(&b, "func F%d(x int) int {\n\tif x > %d {\n\t\treturn x - %d\n\t}\n\treturn x + %d\n}\n\n", i, i, i, i)
	}
	return b.String()
}

func writeModule(t *testing.T, dir, src string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/m\n\ngo 1.26\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "m.go"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
}

// diagnostic is the part of a go vet JSON diagnostic the tests compare.
type diagnostic struct {
	Category string `json:"category"`
	Posn     string `json:"posn"`
	Message  string `json:"message"`
}

// decodeFindings returns every diagnostic of racecheck -json output.
func decodeFindings(t *testing.T, out string) []diagnostic {
	t.Helper()
	var tree map[string]map[string][]diagnostic
	if err := json.Unmarshal([]byte(out), &tree); err != nil {
		t.Fatalf("decoding racecheck -json: %v", err)
	}
	var all []diagnostic
	for _, byAnalyzer := range tree {
		for _, diags := range byAnalyzer {
			all = append(all, diags...)
		}
	}
	return all
}

// decodeVetJSON reads a stream of go vet JSON trees (package ->
// analyzer -> diagnostics) and returns "posn: message" lines, sorted and
// deduplicated (a file of a package and of its test variant).
func decodeVetJSON(t *testing.T, r io.Reader) []string {
	t.Helper()
	dec := json.NewDecoder(r)
	var out []string
	for {
		var tree map[string]map[string]json.RawMessage
		err := dec.Decode(&tree)
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("decoding vet JSON: %v", err)
		}
		for _, byAnalyzer := range tree {
			for _, raw := range byAnalyzer {
				var diags []diagnostic
				if json.Unmarshal(raw, &diags) != nil {
					continue // {"error": ...}
				}
				for _, d := range diags {
					out = append(out, d.Posn+": "+d.Message)
				}
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// TestVetMatchesStandalone: go vet -vettool reports exactly what the
// standalone command reports, in process (-cache=false) and through its
// cache (go vet driven by racecheck), on the demo and on the race
// fixtures.
func TestVetMatchesStandalone(t *testing.T) {
	for _, dir := range []string{demoDir(t), fixtureModule(t)} {
		stdout, stderr, code := run(t, dir, "-json", "-cache=false", "./...")
		if code != 0 {
			t.Fatalf("racecheck -json -cache=false: exit %d: %s", code, stderr)
		}
		standalone := decodeVetJSON(t, strings.NewReader(stdout))
		stdout, stderr, code = run(t, dir, "-json", "./...")
		if code != 0 {
			t.Fatalf("racecheck -json: exit %d: %s", code, stderr)
		}
		if cached := decodeVetJSON(t, strings.NewReader(stdout)); !slices.Equal(standalone, cached) {
			t.Errorf("%s: in process and through the cache differ\nin process:\n%s\ncached:\n%s", dir,
				strings.Join(standalone, "\n"), strings.Join(cached, "\n"))
		}
		vet := exec.Command("go", "vet", "-vettool="+bin, "-json", "./...")
		vet.Dir = dir
		var vout bytes.Buffer
		vet.Stderr, vet.Stdout = &vout, &vout
		if err := vet.Run(); err != nil {
			t.Fatalf("go vet: %v\n%s", err, vout.String())
		}
		var jsonOnly bytes.Buffer
		for _, line := range strings.SplitAfter(vout.String(), "\n") {
			if !strings.HasPrefix(line, "#") {
				jsonOnly.WriteString(line)
			}
		}
		vetDiags := decodeVetJSON(t, &jsonOnly)
		if len(standalone) == 0 {
			t.Fatalf("%s: no findings standalone", dir)
		}
		if !slices.Equal(standalone, vetDiags) {
			t.Errorf("%s: standalone and go vet differ\nstandalone:\n%s\nvet:\n%s", dir,
				strings.Join(standalone, "\n"), strings.Join(vetDiags, "\n"))
		}
	}
}

// fixtureModule copies the race analyzer's fixtures into a module (with
// the errgroup stand-in as a replaced module) so that go vet can run them.
func fixtureModule(t *testing.T) string {
	t.Helper()
	src, _ := filepath.Abs(filepath.Join("..", "..", "testdata", "src"))
	dir := t.TempDir()
	copyDir(t, filepath.Join(src, "race"), filepath.Join(dir, "race"))
	copyDir(t, filepath.Join(src, "golang.org", "x", "sync"), filepath.Join(dir, "xsync"))
	write := func(name, content string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("go.mod", "module race\n\ngo 1.26\n\nrequire golang.org/x/sync v0.0.0\n\nreplace golang.org/x/sync => ./xsync\n")
	write(filepath.Join("xsync", "go.mod"), "module golang.org/x/sync\n\ngo 1.26\n")
	// The fixtures are GOPATH-style: import paths race/... match the module.
	if err := os.Rename(filepath.Join(dir, "race"), filepath.Join(dir, "tmp")); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(filepath.Join(dir, "tmp"))
	for _, e := range entries {
		if err := os.Rename(filepath.Join(dir, "tmp", e.Name()), filepath.Join(dir, e.Name())); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func copyDir(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, path)
		target := filepath.Join(to, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestDemoRun: racecheck run on the demo proves the races the README
// says it proves, and exits 4.
func TestDemoRun(t *testing.T) {
	root, _ := filepath.Abs(filepath.Join("..", ".."))
	stdout, stderr, code := run(t, root, "run", "-C", "testdata/demo", "-cpu", "1,2", "-count", "1", "-json", "./...")
	if code != 4 {
		t.Fatalf("exit %d, want 4; stderr: %s", code, stderr)
	}
	var res struct {
		Findings []struct {
			Class string `json:"class"`
		} `json:"findings"`
		Races []json.RawMessage `json:"races"`
	}
	if err := json.Unmarshal([]byte(stdout), &res); err != nil {
		t.Fatalf("decoding racecheck run -json: %v", err)
	}
	confirmed := 0
	for _, f := range res.Findings {
		if f.Class == "confirmed" {
			confirmed++
		}
	}
	if len(res.Findings) != 8 || confirmed != 7 || len(res.Races) != 6 {
		t.Errorf("%d findings, %d confirmed, %d races; want 8, 7 and 6 (README)", len(res.Findings), confirmed, len(res.Races))
	}
}

// profileSamples returns the number of samples in the profile file, as
// go tool pprof -raw lists them.
func profileSamples(t *testing.T, file string) int {
	t.Helper()
	out, err := exec.Command("go", "tool", "pprof", "-raw", file).Output()
	if err != nil {
		t.Fatalf("go tool pprof -raw %s: %v", file, err)
	}
	_, samples, ok := strings.Cut(string(out), "\nSamples:\n")
	if !ok {
		t.Fatalf("go tool pprof -raw %s: no samples section", file)
	}
	samples, _, _ = strings.Cut(samples, "\nLocations")
	n := 0
	for _, line := range strings.Split(samples, "\n") {
		if f := strings.Fields(line); len(f) > 0 {
			if _, err := strconv.Atoi(f[0]); err == nil {
				n++ // a sample's first value; its bytes:[...] label line is not counted
			}
		}
	}
	return n
}

// TestProfiles: -cpuprofile and -memprofile write their files and leave
// the findings and the exit code alone; an unwritable path is a tool
// failure named on one line.
func TestProfiles(t *testing.T) {
	dir := t.TempDir()
	cpu, mem := filepath.Join(dir, "cpu.pprof"), filepath.Join(dir, "mem.pprof")
	stdout, stderr, code := run(t, demoDir(t), "-cpuprofile", cpu, "-memprofile", mem, "./...")
	if code != 3 || !strings.Contains(stdout, "c.hits read without c.mu held") {
		t.Fatalf("exit %d, want 3 with the demo's findings; stderr: %s", code, stderr)
	}
	for _, f := range []string{cpu, mem} {
		if st, err := os.Stat(f); err != nil || st.Size() == 0 {
			t.Errorf("profile %s not written: %v", f, err)
		}
	}
	// racecheck starts with the sampling of allocations off
	// (internal/noheapprof); -memprofile must turn it back on. The demo's
	// analysis in process (the run above may come from the cache)
	// allocates well over 100 MB, 200 samples at the runtime's rate;
	// without sampling the profile holds the few taken before it was
	// turned off (4 here).
	if _, stderr, code := run(t, demoDir(t), "-cache=false", "-memprofile", mem, "./..."); code != 3 {
		t.Fatalf("-cache=false: exit %d, want 3; stderr: %s", code, stderr)
	}
	if n := profileSamples(t, mem); n < 200 {
		t.Errorf("the heap profile has %d samples, want the analysis's allocations (200 or more)", n)
	}
	_, stderr, code = run(t, demoDir(t), "-cpuprofile", filepath.Join(dir, "no", "such", "dir", "cpu.pprof"), "./...")
	if code != 1 || !strings.Contains(stderr, "-cpuprofile") || strings.Count(strings.TrimSpace(stderr), "\n") != 0 {
		t.Errorf("unwritable profile: exit %d, stderr %q; want 1 and one line naming -cpuprofile", code, stderr)
	}
}
