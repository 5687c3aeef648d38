package racefixes

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

func TestJudge(t *testing.T) {
	racyRoot, fixedRoot := filepath.FromSlash("/w/racy"), filepath.FromSlash("/w/fixed")
	c := Case{ID: "k", Expect: Access{File: "pool.go", Line: 40, Object: "count"}}
	in := func(root, file string, line int, cat, msg string) Finding {
		return Finding{Category: cat, Pos: Pos{filepath.Join(root, file), line}, Message: msg}
	}
	// A finding near line 40 that does not name count: found by the window.
	windowHit := in(racyRoot, "pool.go", 41, "race", "write to field p.n in goroutine started at pool.go:12 races with read at pool.go:60")
	for _, tc := range []struct {
		name         string
		racy, fixed  Analysis
		wantR, wantF string
	}{
		{"found then silent",
			Analysis{Root: racyRoot, Findings: []Finding{in(racyRoot, "pool.go", 40, "unguarded-field", "p.count read without p.mu held")}},
			Analysis{Root: fixedRoot, Findings: []Finding{in(fixedRoot, "other.go", 3, "race", "p.count written")}},
			Found, Silent},
		{"object still named after the fix",
			Analysis{Root: racyRoot, Findings: []Finding{in(racyRoot, "pool.go", 40, "unguarded-field", "p.count read without p.mu held")}},
			Analysis{Root: fixedRoot, Findings: []Finding{in(fixedRoot, "pool.go", 90, "unguarded-field", "p.count read without p.mu held")}},
			Found, Reported},
		{"window match repeated at moved lines",
			Analysis{Root: racyRoot, Findings: []Finding{windowHit}},
			Analysis{Root: fixedRoot, Findings: []Finding{in(fixedRoot, "pool.go", 47, "race", "write to field p.n in goroutine started at pool.go:14 races with read at pool.go:66")}},
			Found, Reported},
		{"window match gone after the fix",
			Analysis{Root: racyRoot, Findings: []Finding{windowHit}},
			Analysis{Root: fixedRoot, Findings: []Finding{in(fixedRoot, "pool.go", 47, "race", "write to field p.m in goroutine started at pool.go:14 races with read at pool.go:66")}},
			Found, Silent},
		{"missed",
			Analysis{Root: racyRoot, Findings: []Finding{in(racyRoot, "pool.go", 90, "race", "write to field p.n")}},
			Analysis{Root: fixedRoot},
			Missed, Silent},
		{"racy failed",
			Analysis{Err: errors.New("racecheck: packages\n did not load")},
			Analysis{Root: fixedRoot},
			Failed, Silent},
		{"fixed failed",
			Analysis{Root: racyRoot, Findings: []Finding{in(racyRoot, "pool.go", 40, "x", "y")}},
			Analysis{Err: errors.New("downloading: 403")},
			Found, Failed},
	} {
		r, f := Judge(c, tc.racy, tc.fixed, 3)
		if r.Status != tc.wantR || f.Status != tc.wantF {
			t.Errorf("%s: Judge = %s, %s; want %s, %s", tc.name, r.Status, f.Status, tc.wantR, tc.wantF)
		}
		if r.Status == Found && !strings.HasPrefix(r.Match, "pool.go:") {
			t.Errorf("%s: racy match %q does not start with the relative file", tc.name, r.Match)
		}
		if r.Status == Failed && r.Err != "racecheck: packages did not load" {
			t.Errorf("%s: error %q not made one line", tc.name, r.Err)
		}
	}
}

func TestStripLines(t *testing.T) {
	if got, want := stripLines("races with read at cache.go:44:5 and crawl.go:9"), "races with read at cache.go:N and crawl.go:N"; got != want {
		t.Errorf("stripLines = %q, want %q", got, want)
	}
}
