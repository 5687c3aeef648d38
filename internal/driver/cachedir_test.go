package driver

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

func TestEmptyCacheDir(t *testing.T) {
	root := t.TempDir()
	mkdir := func(name string) string {
		dir := filepath.Join(root, name)
		if err := os.MkdirAll(dir, 0o777); err != nil {
			t.Fatal(err)
		}
		return dir
	}
	write := func(name string) {
		if err := os.WriteFile(filepath.Join(root, name), nil, 0o666); err != nil {
			t.Fatal(err)
		}
	}
	if !emptyCacheDir(filepath.Join(root, "missing")) {
		t.Error("a missing cache: not empty")
	}
	cache := mkdir("cache")
	for _, sub := range []string{"00", "3f", "ff"} {
		mkdir(filepath.Join("cache", sub))
	}
	write("cache/README") // the go command's files beside the entries
	write("cache/trim.txt")
	if !emptyCacheDir(cache) {
		t.Error("a cache without entries: not empty")
	}
	write("cache/ff/0123-d")
	if emptyCacheDir(cache) {
		t.Error("a cache with an entry in ff: empty")
	}
	for _, dir := range []string{"off", "cache", ""} {
		if emptyCacheDir(dir) {
			t.Errorf("%q, not an absolute path: empty", dir)
		}
	}
	odd := mkdir("odd")
	write("odd/00")
	if emptyCacheDir(odd) {
		t.Error("a cache whose 00 is a file: empty")
	}
}

// TestEmptyBuildCache: the go command's cache is found through go env,
// GOCACHE in the environment included.
func TestEmptyBuildCache(t *testing.T) {
	if out, err := exec.Command("go", "build", "sync").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	dir := t.TempDir()
	if emptyBuildCache(dir, nil) {
		t.Error("the cache that holds sync: empty")
	}
	if !emptyBuildCache(dir, append(os.Environ(), "GOCACHE="+filepath.Join(dir, "new"))) {
		t.Error("a new GOCACHE: not empty")
	}
}
