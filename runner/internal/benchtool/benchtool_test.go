package benchtool

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

func TestParseTime(t *testing.T) {
	out := []byte("some tool output\nBENCHTIME 1.00 9.99 0.01 1\nBENCHTIME 12.34 20.50 1.25 680000\n")
	got, err := ParseTime(out)
	if err != nil {
		t.Fatal(err)
	}
	want := Sample{Wall: 12340 * time.Millisecond, CPU: 21750 * time.Millisecond, PeakKB: 680000}
	if got != want {
		t.Errorf("ParseTime = %+v, want %+v (the last line wins)", got, want)
	}
	for _, bad := range []string{"", "Command exited with non-zero status 1\n", "BENCHTIME 1.0 x 0.1 5\n"} {
		if _, err := ParseTime([]byte(bad)); err == nil {
			t.Errorf("ParseTime(%q) succeeded, want an error", bad)
		}
	}
}

func TestMedianAndCompare(t *testing.T) {
	s := func(wall, cpu int, kb int64) Sample {
		return Sample{Wall: time.Duration(wall) * time.Second, CPU: time.Duration(cpu) * time.Second, PeakKB: kb}
	}
	// Each measure takes its own median: wall 3, CPU 4, memory 200.
	got := Median([]Sample{s(9, 4, 100), s(3, 8, 200), s(1, 2, 300)})
	if want := s(3, 4, 200); got != want {
		t.Errorf("Median = %+v, want %+v", got, want)
	}
	if got := Median([]Sample{s(4, 4, 4), s(2, 2, 2)}); got != s(2, 2, 2) {
		t.Errorf("Median of two = %+v, want the lower", got)
	}
	if got := Median(nil); got != (Sample{}) {
		t.Errorf("Median(nil) = %+v, want zero", got)
	}
	r := Compare(s(12, 30, 150), s(10, 20, 100))
	if r != (Ratio{Wall: 1.2, CPU: 1.5, Mem: 1.5}) {
		t.Errorf("Compare = %+v", r)
	}
	if r := Compare(s(1, 1, 1), Sample{}); r != (Ratio{}) {
		t.Errorf("Compare against zero = %+v, want zero ratios", r)
	}
}

// markFact marks functions whose name starts with M.
type markFact struct{ Name string }

func (*markFact) AFact() {}

func TestFactSizes(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"go.mod":   "module m\n\ngo 1.22\n",
		"a/a.go":   "package a\n\nfunc M1() {}\nfunc M2() {}\nfunc X() {}\n",
		"b/b.go":   "package b\n\nimport \"m/a\"\n\nfunc M3() { a.M1() }\n",
		"c/c.go":   "package c\n\nimport \"m/b\"\n\nfunc Y() { b.M3() }\n",
		"c/doc.go": "// Package c has no marked functions.\npackage c\n",
	}
	for name, src := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	mark := &analysis.Analyzer{
		Name:      "mark",
		Doc:       "test analyzer: export a fact per function named M*",
		FactTypes: []analysis.Fact{new(markFact)},
		Run: func(pass *analysis.Pass) (any, error) {
			for _, name := range pass.Pkg.Scope().Names() {
				if obj := pass.Pkg.Scope().Lookup(name); name[0] == 'M' {
					pass.ExportObjectFact(obj, &markFact{Name: name})
				}
			}
			return nil, nil
		},
	}
	pkgs, err := packages.Load(&packages.Config{Mode: packages.LoadAllSyntax, Dir: dir}, "./c")
	if err != nil {
		t.Fatal(err)
	}
	graph, err := checker.Analyze([]*analysis.Analyzer{mark, Floor}, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	stats, err := FactSizes(graph)
	if err != nil {
		t.Fatal(err)
	}
	var got *FactStats
	for i := range stats {
		if stats[i].Analyzer == "mark" {
			got = &stats[i]
		}
	}
	if got == nil {
		t.Fatalf("no stats for analyzer mark in %+v", stats)
	}
	if got.Facts != 3 {
		t.Errorf("Facts = %d, want 3 (M1, M2 in a; M3 in b; none in c)", got.Facts)
	}
	// b and c see a's exported facts again, so Visible exceeds Own.
	if got.Own <= 0 || got.Visible <= got.Own || got.MaxPkg <= 0 || got.MaxPkg > got.Visible {
		t.Errorf("implausible sizes %+v", *got)
	}
	names := make([]string, len(stats))
	for i, s := range stats {
		names[i] = s.Analyzer
	}
	if !reflect.DeepEqual(names, []string{"ctrlflow", "mark"}) {
		t.Errorf("analyzers with facts = %v, want [ctrlflow mark] in order", names)
	}
}
