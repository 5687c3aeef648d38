package synth

import (
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// readTree returns every file under dir by relative path.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := make(map[string][]byte)
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		rel, _ := filepath.Rel(dir, path)
		files[rel] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestGenerateSizeAndDeterminism(t *testing.T) {
	opts := Options{Lines: 5000, Seed: 7, PkgLines: 500, FileLines: 150, Width: 3}
	a, b := t.TempDir(), t.TempDir()
	st, err := Generate(a, opts)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Generate(b, opts); err != nil {
		t.Fatal(err)
	}
	fa, fb := readTree(t, a), readTree(t, b)
	lines := 0
	for name, data := range fa {
		lines += bytes.Count(data, []byte("\n"))
		if !bytes.Equal(data, fb[name]) {
			t.Errorf("%s differs between two runs with the same seed", name)
		}
	}
	if len(fa) != len(fb) || len(fa) != st.Files+1 {
		t.Errorf("got %d and %d files, Stats says %d (+ go.mod)", len(fa), len(fb), st.Files)
	}
	if lines != st.Lines {
		t.Errorf("counted %d lines, Stats says %d", lines, st.Lines)
	}
	if st.Lines < opts.Lines || st.Lines > opts.Lines+st.Packages*opts.FileLines {
		t.Errorf("generated %d lines, want about %d", st.Lines, opts.Lines)
	}
	if st.Racy == 0 || st.Racy*4 > st.Lines/60 {
		t.Errorf("%d racy units in %d lines, want about one unit in eight", st.Racy, st.Lines)
	}
	if st.Packages != 10 || st.Layers != 4 {
		t.Errorf("got %d packages in %d layers, want 10 in 4", st.Packages, st.Layers)
	}
	c := t.TempDir()
	if _, err := Generate(c, Options{Lines: 5000, Seed: 8, PkgLines: 500, FileLines: 150, Width: 3}); err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(fa["p0009/f000.go"], readTree(t, c)["p0009/f000.go"]) {
		t.Errorf("seeds 7 and 8 produced the same package p0009")
	}
}

// TestGeneratedModuleBuilds compiles and vets a generated module with the
// real toolchain: the benchmark is worthless on code that does not load.
func TestGeneratedModuleBuilds(t *testing.T) {
	dir := t.TempDir()
	if _, err := Generate(dir, Options{Lines: 3000, Seed: 1, Width: 2}); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("go", "vet", "./...")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go vet on the generated module: %v\n%s", err, out)
	}
}
