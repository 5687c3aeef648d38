package racefixes

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCaseList checks the committed benchmark list: it loads, holds the
// 30 real fixes issue 11 asks for at least, and no two cases are the
// same fix.
func TestCaseList(t *testing.T) {
	cases, err := Load(filepath.Join("..", "..", "testdata", "racefixes", "cases.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) < 30 {
		t.Errorf("%d cases, want at least 30", len(cases))
	}
	fixes := make(map[string]string)
	for _, c := range cases {
		if other, dup := fixes[c.Fixed.Commit]; dup {
			t.Errorf("cases %s and %s are the same fix commit", other, c.ID)
		}
		fixes[c.Fixed.Commit] = c.ID
		if c.Racy.Version == c.Fixed.Version {
			t.Errorf("%s: racy and fixed are both %s", c.ID, c.Racy.Version)
		}
	}
}

func TestLoadRejects(t *testing.T) {
	good := `{"id":"a","module":"example.com/m","package":"example.com/m/p","shape":"global",
		"racy":{"version":"v1.0.0","commit":"1"},"fixed":{"version":"v1.0.1","commit":"2"},
		"expect":{"file":"p/a.go","line":3,"object":"v"}}`
	for name, tc := range map[string]struct{ json, want string }{
		"duplicate id":   {"[" + good + "," + good + "]", "duplicate case id a"},
		"unknown shape":  {"[" + strings.Replace(good, `"global"`, `"weird"`, 1) + "]", `unknown shape "weird"`},
		"foreign pkg":    {"[" + strings.Replace(good, `example.com/m/p"`, `example.org/p"`, 1) + "]", "is not in module"},
		"no line":        {"[" + strings.Replace(good, `"line":3`, `"line":0`, 1) + "]", "positive line"},
		"escaping file":  {"[" + strings.Replace(good, `p/a.go`, `../a.go`, 1) + "]", "relative to the module root"},
		"bad version":    {"[" + strings.Replace(good, `v1.0.1`, `1.0.1`, 1) + "]", "1.0.1"},
		"no commit":      {"[" + strings.Replace(good, `"commit":"1"`, `"commit":""`, 1) + "]", "commits are required"},
		"not json array": {`{}`, "parsing"},
	} {
		file := filepath.Join(t.TempDir(), "cases.json")
		if err := os.WriteFile(file, []byte(tc.json), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := Load(file); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: Load error %v, want one containing %q", name, err, tc.want)
		}
	}
	file := filepath.Join(t.TempDir(), "cases.json")
	if err := os.WriteFile(file, []byte("["+good+"]"), 0o644); err != nil {
		t.Fatal(err)
	}
	cases, err := Load(file)
	if err != nil || len(cases) != 1 || cases[0].Dir() != "p" {
		t.Fatalf("Load(good) = %+v, %v", cases, err)
	}
	if _, err := Load(filepath.Join(t.TempDir(), "missing.json")); err == nil {
		t.Error("Load of a missing file succeeded")
	}
}

func TestDir(t *testing.T) {
	if d := (Case{Module: "m.io/x", Package: "m.io/x"}).Dir(); d != "." {
		t.Errorf("root package Dir = %q, want .", d)
	}
	if d := (Case{Module: "m.io/x", Package: "m.io/x/a/b"}).Dir(); d != "a/b" {
		t.Errorf("Dir = %q, want a/b", d)
	}
}
