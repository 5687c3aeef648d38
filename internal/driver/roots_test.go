package driver

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestListRoots: the units go vet produces for each package asked for,
// and its module when it is a main module.
func TestListRoots(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command")
	}
	dir := t.TempDir()
	for name, text := range map[string]string{
		"go.mod":       "module example.com/m\n\ngo 1.22\n",
		"p/p.go":       "package p\n\nimport _ \"example.com/missing\"\n",
		"p/p_test.go":  "package p\n",
		"p/x_test.go":  "package p_test\n",
		"q/x_test.go":  "package q_test\n",
		"r/r_test.go":  "package r\n",
		"s/s.go":       "package s\n",
		"empty/README": "no Go files\n",
	} {
		writeFile(t, filepath.Join(dir, name), text)
	}
	roots, err := listRoots([]string{"./...", "fmt", "unsafe"}, dir, os.Environ(), nil)
	if err != nil {
		t.Fatal(err)
	}
	const m = "example.com/m"
	want := map[string]root{
		m + "/p": {pkg: true, xtest: true, module: m}, // an unresolved import is go vet's to report
		m + "/q": {xtest: true, module: m},
		m + "/r": {pkg: true, module: m},
		m + "/s": {pkg: true, module: m},
		"fmt":    {pkg: true, xtest: true},
		"unsafe": {},
	}
	if len(roots) != len(want) {
		t.Errorf("listRoots = %+v, want %+v", roots, want)
	}
	for path, w := range want {
		if got, ok := roots[path]; !ok || got != w {
			t.Errorf("root %s = %+v (listed: %v), want %+v", path, got, ok, w)
		}
	}
	if _, err := listRoots([]string{"./empty/..."}, dir, os.Environ(), nil); err == nil {
		t.Error("listRoots of a pattern matching nothing: no error")
	}
}
