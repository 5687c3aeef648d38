package fix_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/racecheck/racecheck/analyzer/wgadd"
	"github.com/racecheck/racecheck/internal/driver"
	"github.com/racecheck/racecheck/runner/findings"
	"github.com/racecheck/racecheck/runner/fix"
)

var update = flag.Bool("update", false, "rewrite testdata/wgadd.diff")

// fixtureModule copies the wgadd fixture into a fresh module and returns
// the directory and the copied file.
func fixtureModule(t *testing.T) (dir, file string) {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("..", "..", "testdata", "src", "wgadd", "wgadd.go"))
	if err != nil {
		t.Fatal(err)
	}
	dir = t.TempDir()
	file = filepath.Join(dir, "wgadd.go")
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module wgadd\n\ngo 1.22\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, src, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir, file
}

func analyze(t *testing.T, dir string) []findings.Finding {
	t.Helper()
	fs, err := driver.Run([]*analysis.Analyzer{wgadd.Analyzer}, []string{"./..."}, driver.Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	return fs
}

// TestWriteGolden applies the wgadd fixes to a copy of the fixture and
// compares the result with the golden file analysistest uses as well.
func TestWriteGolden(t *testing.T) {
	dir, file := fixtureModule(t)
	fs := analyze(t, dir)
	plan, err := fix.Compute(fs, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Fixed) != 3 || len(plan.Skipped) != 0 {
		t.Errorf("fixed %d, skipped %d; want 3 and 0", len(plan.Fixed), len(plan.Skipped))
	}
	if err := plan.Write(); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(filepath.Join("..", "..", "testdata", "src", "wgadd", "wgadd.go.golden"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("fixed file differs from wgadd.go.golden:\n%s", got)
	}
	// The fixed code has no fixable finding left, and no temp file stays.
	again, err := fix.Compute(analyze(t, dir), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(again.Changes) != 0 {
		t.Errorf("second run still changes %d files", len(again.Changes))
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("directory holds %d entries after fixing, want go.mod and wgadd.go", len(entries))
	}
}

// TestDiffGolden compares the unified diff of the fixes with
// testdata/wgadd.diff, and checks that it leaves the file alone.
func TestDiffGolden(t *testing.T) {
	dir, file := fixtureModule(t)
	before, _ := os.ReadFile(file)
	plan, err := fix.Compute(analyze(t, dir), nil)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := plan.Diff(&buf, dir); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "wgadd.diff")
	if *update {
		if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), want) {
		t.Errorf("diff differs from %s (run with -update to rewrite):\n%s", golden, buf.Bytes())
	}
	if after, _ := os.ReadFile(file); !bytes.Equal(before, after) {
		t.Error("Diff modified the file")
	}
}

// TestCompute checks the planning rules on synthetic edits.
func TestCompute(t *testing.T) {
	const src = "0123456789"
	read := func(string) ([]byte, error) { return []byte(src), nil }
	finding := func(edits ...findings.Edit) findings.Finding {
		return findings.Finding{Fixes: []findings.Fix{{Message: "m", Edits: edits}}}
	}
	edit := func(start, end int, text string) findings.Edit {
		return findings.Edit{File: "f.txt", Start: start, End: end, New: text}
	}
	for _, tc := range []struct {
		name    string
		fs      []findings.Finding
		want    string
		skipped int
	}{
		{"one", []findings.Finding{finding(edit(2, 4, "x"))}, "01x456789", 0},
		{"insert and delete", []findings.Finding{finding(edit(0, 0, "a"), edit(8, 10, ""))}, "a01234567", 0},
		{"duplicate merged", []findings.Finding{finding(edit(2, 4, "x")), finding(edit(2, 4, "x"))}, "01x456789", 0},
		{"overlap skipped", []findings.Finding{finding(edit(2, 5, "x")), finding(edit(4, 6, "y"), edit(0, 1, "z"))}, "01x56789", 1},
		{"same insertion point skipped", []findings.Finding{finding(edit(3, 3, "x")), finding(edit(3, 3, "y"))}, "012x3456789", 1},
		{"adjacent kept", []findings.Finding{finding(edit(2, 4, "x")), finding(edit(4, 6, "y"))}, "01xy6789", 0},
		{"out of range skipped", []findings.Finding{finding(edit(8, 12, "x"))}, "", 1},
		{"no fix", []findings.Finding{{Message: "plain"}}, "", 0},
	} {
		plan, err := fix.Compute(tc.fs, read)
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		if len(plan.Changes) == 1 {
			got = string(plan.Changes[0].New)
		}
		if got != tc.want || len(plan.Skipped) != tc.skipped {
			t.Errorf("%s: got %q with %d skipped, want %q with %d", tc.name, got, len(plan.Skipped), tc.want, tc.skipped)
		}
	}
}
