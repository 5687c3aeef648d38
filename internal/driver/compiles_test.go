package driver

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/racecheck/racecheck/runner/findings"
)

func TestSerialCompiles(t *testing.T) {
	base := []string{"HOME=/h", "PATH=/p"}
	for _, tc := range []struct {
		name      string
		env       []string
		goflags   string
		build     []string
		procs     int
		wantEnv   []string
		wantBuild []string
	}{
		{"two cores", base, "", nil, 2,
			append(slices.Clone(base), "GOMAXPROCS=1"), []string{"-p=2"}},
		{"other flags kept", base, "-mod=mod -tags=x", []string{"-modfile=a.mod"}, 2,
			append(slices.Clone(base), "GOMAXPROCS=1"), []string{"-modfile=a.mod", "-p=2"}},
		{"one core", base, "", nil, 1, base, nil},
		{"more cores", base, "", nil, 4, base, nil},
		{"user GOMAXPROCS", append(slices.Clone(base), "GOMAXPROCS=2"), "", nil, 2,
			append(slices.Clone(base), "GOMAXPROCS=2"), nil},
		{"-p in GOFLAGS", base, "-mod=mod -p=1", nil, 2, base, nil},
		{"--p in GOFLAGS", base, "--p=3", nil, 2, base, nil},
		{"-p in build flags", base, "", []string{"-p", "1"}, 2, base, []string{"-p", "1"}},
		{"-pgo is another flag", base, "-pgo=off", nil, 2,
			append(slices.Clone(base), "GOMAXPROCS=1"), []string{"-p=2"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env := slices.Clip(slices.Clone(tc.env))
			gotEnv, gotBuild := serialCompiles(env, tc.goflags, tc.build, tc.procs)
			if !slices.Equal(gotEnv, tc.wantEnv) || !slices.Equal(gotBuild, tc.wantBuild) {
				t.Errorf("got %q %q, want %q %q", gotEnv, gotBuild, tc.wantEnv, tc.wantBuild)
			}
			if !slices.Equal(env, tc.env) {
				t.Errorf("serialCompiles changed its argument: %q", env)
			}
		})
	}
}

// TestVetSerialCompiles runs go vet on a fixture at a new path, where it
// compiles the packages the others import. With two procs and nothing
// set by the user, the first run compiles without the concurrent back
// end (no -c flag). A second run in the same directory, after an edit
// that makes it compile leaf and its dependents again, keeps the go
// command's default, a -c flag, as do a run without a state directory,
// where no record says whether it is the first, and a first run with
// GOMAXPROCS=2 set by the user (-c=2). The findings are those of the
// default settings.
func TestVetSerialCompiles(t *testing.T) {
	if runtime.NumCPU() < 2 {
		t.Skip("on one core the go command compiles without a concurrent back end anyway")
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2))
	vet := func(dir, state string, env []string) ([]string, string) {
		var trace bytes.Buffer
		vo := VetOptions{Tool: racecheckTool(t), State: state, Trace: &trace, Compile: true}
		fnds, err := RunVet([]string{"./..."}, Options{Dir: dir, Tests: true, Env: env}, vo)
		if err != nil {
			t.Fatal(err)
		}
		lines := compileLines(trace.String())
		if lines == "" {
			t.Fatal("go vet compiled nothing")
		}
		return findingTexts(fnds, dir), lines
	}
	dir, state := chainFixture(t), t.TempDir()
	serial, lines := vet(dir, state, nil)
	if strings.Contains(lines, " -c=") {
		t.Errorf("the first run compiled with a concurrent back end:\n%s", lines)
	}
	appendFile(t, filepath.Join(dir, "leaf", "leaf.go"), "\nfunc Added() {}\n")
	if _, lines := vet(dir, state, nil); !strings.Contains(lines, " -c=") {
		t.Errorf("the second run in the directory lacks the go command's -c:\n%s", lines)
	}
	if _, lines := vet(chainFixture(t), "", nil); !strings.Contains(lines, " -c=") {
		t.Errorf("without a state directory to record runs in, compiles lack the go command's -c:\n%s", lines)
	}
	wide, lines := vet(chainFixture(t), t.TempDir(), append(os.Environ(), "GOMAXPROCS=2"))
	if !strings.Contains(lines, " -c=2") {
		t.Errorf("with GOMAXPROCS=2 set by the user, compiles lack the go command's -c=2:\n%s", lines)
	}
	if !slices.Equal(serial, wide) {
		t.Errorf("findings differ:\nserial %q\nwide   %q", serial, wide)
	}
}

func TestHereKey(t *testing.T) {
	a, b := hereKey("k", "/m/a"), hereKey("k", "/m/b")
	if a == "" || a == b || a != hereKey("k", "/m/a") || a == hereKey("k2", "/m/a") {
		t.Errorf("hereKey: %q %q: want a stable key per configuration and directory", a, b)
	}
	if k := hereKey("", "/m/a"); k != "" {
		t.Errorf("hereKey without a configuration key = %q, want \"\"", k)
	}
}

// findingTexts returns the findings' messages and positions relative to
// dir, comparable across two copies of a fixture.
func findingTexts(fnds []findings.Finding, dir string) []string {
	var out []string
	for _, f := range fnds {
		out = append(out, strings.TrimPrefix(f.Pos.File, dir)+": "+f.Message)
	}
	return out
}

// compileLines returns the compiler invocations in go vet -x output.
func compileLines(trace string) string {
	var b strings.Builder
	for line := range strings.Lines(trace) {
		if strings.Contains(line, "/compile ") {
			b.WriteString(line)
		}
	}
	return b.String()
}
