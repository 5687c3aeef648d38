package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestParseFlags(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "racecheck")
	if err := os.WriteFile(bin, []byte("binary"), 0o755); err != nil {
		t.Fatal(err)
	}
	cfg, err := parseFlags([]string{"-racecheck", bin, "-only", "a, b", "-jobs", "2"})
	if err != nil {
		t.Fatal(err)
	}
	if !cfg.only["a"] || !cfg.only["b"] || cfg.jobs != 2 || len(cfg.binID) != 12 || cfg.window != 3 {
		t.Errorf("config %+v", cfg)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{nil, "-racecheck is required"},
		{[]string{"-racecheck", bin, "-jobs", "0"}, "-jobs must be at least 1"},
		{[]string{"-racecheck", filepath.Join(t.TempDir(), "missing")}, "reading -racecheck"},
	} {
		if _, err := parseFlags(tc.args); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("parseFlags(%q) error %v, want %q", tc.args, err, tc.want)
		}
	}
}

// TestAnalyzeCached checks that output cached for this racecheck binary
// is read back instead of running it again (the binary does not exist).
func TestAnalyzeCached(t *testing.T) {
	dir := t.TempDir()
	cache := filepath.Join(dir, "racy-0123456789ab.json")
	out := `{"m": {"lockcheck": [{"category": "unguarded-field", "posn": "/w/a.go:3:1", "message": "s.n read without s.mu held"}]}}`
	if err := os.WriteFile(cache, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := config{racecheck: filepath.Join(dir, "no-such-racecheck"), timeout: time.Minute}
	fs, err := cfg.analyze(dir, ".", cache)
	if err != nil || len(fs) != 1 || fs[0].Pos.Line != 3 {
		t.Fatalf("analyze = %+v, %v; want the cached finding", fs, err)
	}
	if _, err := cfg.analyze(dir, ".", filepath.Join(dir, "other.json")); err == nil || !strings.Contains(err.Error(), "no-such-racecheck") {
		t.Errorf("analyze without cache and binary: error %v, want one naming the binary", err)
	}
}

func TestPrepareKeepsPrepared(t *testing.T) {
	dst := filepath.Join(t.TempDir(), "copy")
	if err := os.MkdirAll(dst, 0o755); err != nil {
		t.Fatal(err)
	}
	// prepare leaves a directory that already holds a module alone, so a
	// kept -work directory is not downloaded again.
	if err := os.WriteFile(filepath.Join(dst, "go.mod"), []byte("module m\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := (config{}).prepare("m", "v1.0.0", dst, dst); err != nil {
		t.Errorf("prepare on a prepared directory: %v", err)
	}
}
