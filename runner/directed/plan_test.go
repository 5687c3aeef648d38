package directed

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/racecheck/racecheck/runner/findings"
)

// TestPlanAndOverlay plans the shapes fixture (generics, an external
// test package, a cgo file), writes the overlay and builds and runs the
// tests with it under -race and the delays on: the rewrite compiles, the
// cgo file is left alone and the tests still pass.
func TestPlanAndOverlay(t *testing.T) {
	dir, err := filepath.Abs(filepath.Join("testdata", "shapes"))
	if err != nil {
		t.Fatal(err)
	}
	pkgs, err := Load(dir, nil, nil, []string{"./..."})
	if err != nil {
		t.Fatal(err)
	}
	fnds := []findings.Finding{
		{Pos: findings.Position{File: filepath.Join(dir, "shapes.go"), Line: 21, Column: 3},
			Related: []findings.Related{{Pos: findings.Position{File: filepath.Join(dir, "shapes.go"), Line: 25}}}},
		{Pos: findings.Position{File: filepath.Join(dir, "shapes.go"), Line: 9}}, // a field declaration: no statement
	}
	plan := NewPlan(pkgs, fnds)
	byFile := make(map[string][]Site)
	for _, s := range plan.Sites {
		byFile[filepath.Base(s.File)] = append(byFile[filepath.Base(s.File)], s)
	}
	if len(byFile["cgo.go"]) != 0 {
		t.Errorf("sites in the cgo file: %+v", byFile["cgo.go"])
	}
	if x := byFile["x_test.go"]; len(x) == 0 || x[0].Pkg != "shapes_test" {
		t.Errorf("external test sites = %+v, want some in package shapes_test", x)
	}
	if s := plan.FindingSite[0]; s < 0 || plan.Sites[s].Line != 21 || plan.Sites[s].Kind != KindFinding {
		t.Errorf("finding 0 site = %d, want a finding site at line 21", s)
	}
	if plan.FindingSite[1] != -1 {
		t.Errorf("finding 1 site = %d, want -1 (no statement)", plan.FindingSite[1])
	}
	related := false
	for _, s := range byFile["shapes.go"] {
		related = related || (s.Line == 25 && s.Kind == KindFinding)
	}
	if !related {
		t.Error("no finding site at the related position shapes.go:25")
	}
	// Generic bodies run by go statements get goroutine sites.
	if !hasSite(byFile["shapes.go"], 36, KindGoroutine) {
		t.Errorf("no goroutine site in Map's literal at line 36: %+v", byFile["shapes.go"])
	}

	tmp := t.TempDir()
	ov, err := WriteOverlay(tmp, plan)
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(ov)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"zz_racecheck_directed.go", "zz_racecheck_directed_x_test.go", "x_test.go", "shapes.go"} {
		if !strings.Contains(string(b), filepath.Join(dir, name)) {
			t.Errorf("overlay lacks %s: %s", name, b)
		}
	}
	if strings.Contains(string(b), "cgo.go") {
		t.Errorf("overlay replaces the cgo file: %s", b)
	}
	cmd := exec.Command("go", "test", "-race", "-count=1", "-overlay="+ov, "./...")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), SeedEnv+"=1", LogEnv+"="+filepath.Join(tmp, "sites"))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go test with the overlay: %v\n%s", err, out)
	}
	logged, err := os.ReadFile(filepath.Join(tmp, "sites"))
	if err != nil || !regexp.MustCompile(`^(\d+\n)+$`).Match(logged) {
		t.Errorf("site log %q (%v), want site IDs one a line", logged, err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 5 {
		t.Errorf("fixture directory changed: %d entries", len(entries))
	}
}

func hasSite(sites []Site, line int, kind string) bool {
	for _, s := range sites {
		if s.Line == line && s.Kind == kind {
			return true
		}
	}
	return false
}
