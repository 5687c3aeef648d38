package modcopy

import (
	"os"
	"path/filepath"
	"testing"
)

func TestCopyTree(t *testing.T) {
	src, dst := t.TempDir(), filepath.Join(t.TempDir(), "copy")
	if err := os.MkdirAll(filepath.Join(src, "p"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(src, "p", "a.go"), []byte("package p\n"), 0o444); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("p", filepath.Join(src, "link")); err != nil {
		t.Fatal(err)
	}
	if err := CopyTree(src, dst); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(filepath.Join(dst, "p", "a.go"))
	if err != nil || fi.Mode().Perm()&0o200 == 0 {
		t.Fatalf("copied file %v, %v; want it writable", fi, err)
	}
	if data, _ := os.ReadFile(filepath.Join(dst, "p", "a.go")); string(data) != "package p\n" {
		t.Errorf("copied content %q", data)
	}
	if _, err := os.Lstat(filepath.Join(dst, "link")); !os.IsNotExist(err) {
		t.Errorf("symlink copied (%v); only directories and regular files are", err)
	}
}
