package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeModule(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for name, src := range map[string]string{
		"go.mod": "module m\n\ngo 1.22\n",
		"a/a.go": "package a\n\nimport \"os\"\n\n// Die never returns.\nfunc Die() { os.Exit(1) }\n",
		"b/b.go": "package b\n\nimport \"m/a\"\n\nfunc F() { a.Die() }\n",
	} {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestDriverModes(t *testing.T) {
	dir := writeModule(t)
	for _, args := range [][]string{
		{"-C", dir},
		{"-C", dir, "-driver=stream"},
		{"-C", dir, "-analyzers=floor", "-driver=stream", "-facts", "./..."},
	} {
		var out bytes.Buffer
		if err := run(args, &out); err != nil {
			t.Fatalf("run(%q): %v", args, err)
		}
		if !strings.HasPrefix(out.String(), "0 findings\n") {
			t.Errorf("run(%q) printed %q, want the floor's 0 findings first", args, out.String())
		}
		// ctrlflow (required by buildssa) exports a noReturn fact for a.Die.
		if args[len(args)-2] == "-facts" && !strings.Contains(out.String(), "facts ctrlflow count=") {
			t.Errorf("run(%q) printed %q, want ctrlflow's facts", args, out.String())
		}
	}
}

func TestDriverErrors(t *testing.T) {
	dir := writeModule(t)
	for _, args := range [][]string{
		{"-analyzers=nosuch", "-C", dir},
		{"-driver=nosuch", "-C", dir},
		{"-C", dir, "m/nosuchpkg"},
	} {
		if err := run(args, new(bytes.Buffer)); err == nil {
			t.Errorf("run(%q) succeeded, want an error", args)
		}
	}
}
