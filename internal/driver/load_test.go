package driver

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
)

// TestLoadLikeGoCommand loads the fixture modules of testdata/load the
// way go vet would under each configuration, offline: every case that
// go vet accepts must load and be analyzed (one finding per racy
// function), and every case it rejects must fail as a load error.
func TestLoadLikeGoCommand(t *testing.T) {
	tests := []struct {
		name     string
		fixture  string
		env      []string // added to a clean environment
		goenv    string   // contents of the go env file, if any
		patterns []string
		want     []string // packages with a finding; nil = load error
	}{
		{"modfile in GOFLAGS", "modfile", []string{"GOFLAGS=-modfile=go_test.mod"}, "", nil, []string{"example.com/modfile"}},
		{"modfile in go env file", "modfile", nil, "GOFLAGS=-modfile=go_test.mod", nil, []string{"example.com/modfile"}},
		{"without modfile go.mod is unresolvable", "modfile", nil, "", nil, nil},
		{"workspace", "work", nil, "", []string{"./a/...", "./b/..."}, []string{"example.com/a", "example.com/b"}},
		{"workspace off", "work", []string{"GOWORK=off"}, "", []string{"./a/...", "./b/..."}, nil},
		{"vendor by default", "vendor", nil, "", nil, []string{"example.com/vendored"}},
		{"mod=vendor", "vendor", []string{"GOFLAGS=-mod=vendor"}, "", nil, []string{"example.com/vendored"}},
		{"mod=mod ignores vendor", "vendor", []string{"GOFLAGS=-mod=mod"}, "", nil, nil},
		{"mod=mod adds the requirement", "mod", []string{"GOFLAGS=-mod=mod"}, "", nil, []string{"example.com/mod"}},
		{"mod=readonly refuses", "mod", []string{"GOFLAGS=-mod=readonly"}, "", nil, nil},
		{"tags in GOFLAGS", "tags", []string{"GOFLAGS=-tags=racecheck_extra"}, "", nil, []string{"example.com/tags"}},
		{"no tags", "tags", nil, "", nil, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := copyFixture(t, filepath.Join("..", "..", "testdata", "load", tt.fixture))
			env := cleanEnv(t, tt.goenv)
			env = append(env, tt.env...)
			patterns := tt.patterns
			if patterns == nil {
				patterns = []string{"./..."}
			}
			a := newSpawnAnalyzer("")
			fnds, err := RunStream([]*analysis.Analyzer{a}, patterns, Options{Dir: dir, Tests: true, Env: env})
			if tt.want == nil {
				if !errors.Is(err, ErrLoad) {
					t.Fatalf("got %v, %d findings; want a load error", err, len(fnds))
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got := []string{}
			for _, f := range fnds {
				if !slices.Contains(got, f.Package) {
					got = append(got, f.Package)
				}
			}
			slices.Sort(got)
			if !slices.Equal(got, tt.want) {
				t.Errorf("findings in %v, want %v", got, tt.want)
			}
		})
	}
}

// cleanEnv returns the environment without the settings the cases
// control, offline, with a go env file holding goenv.
func cleanEnv(t *testing.T, goenv string) []string {
	t.Helper()
	var env []string
	for _, kv := range os.Environ() {
		switch name, _, _ := strings.Cut(kv, "="); name {
		case "GOFLAGS", "GOWORK", "GOPROXY", "GOENV", "GO111MODULE":
			continue
		}
		env = append(env, kv)
	}
	file := filepath.Join(t.TempDir(), "goenv")
	if err := os.WriteFile(file, []byte(goenv+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return append(env, "GOPROXY=off", "GOENV="+file)
}

// copyFixture copies the fixture module tree src to a temporary
// directory, since -mod=mod may rewrite its go.mod.
func copyFixture(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.WalkDir(src, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}
