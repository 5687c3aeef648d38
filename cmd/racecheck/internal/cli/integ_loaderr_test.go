package cli

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBrokenPackages: like go vet, racecheck analyzes the packages that
// load, reports every error of those that do not, and exits 1.
func TestBrokenPackages(t *testing.T) {
	bin := integBinary(t)
	mod := copyTree(t, demoModule)
	for name, src := range map[string]string{
		"syntax/s.go":  "package syntax\n\nfunc f( {\n",
		"types/t.go":   "package types\n\nvar x int = \"s\"\n\nvar y = undefinedName\n",
		"user/u.go":    "package user\n\nimport _ \"example.com/demo/types\"\n",
		"healthy/h.go": "package healthy\n\nfunc F() int { return 1 }\n",
	} {
		p := filepath.Join(mod, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out, errOut, code := integRun(t, mod, bin, "./...")
	if code != ExitFailure {
		t.Errorf("exit %d, want %d", code, ExitFailure)
	}
	if cats := categoriesOf(out); len(cats) != 8 {
		t.Errorf("%d findings of the healthy packages, want the demo's 8:\n%s", len(cats), out)
	}
	for _, want := range []string{
		"racecheck: example.com/demo/syntax: syntax/s.go:3:",
		"racecheck: example.com/demo/types: types/t.go:3:13: cannot use \"s\"",
		"racecheck: example.com/demo/types: types/t.go:5:9: undefined: undefinedName",
	} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	if strings.Contains(errOut, "more errors") || strings.Contains(errOut, "-: ") {
		t.Errorf("stderr summarizes or shows unknown positions:\n%s", errOut)
	}
	// JSON: the findings of the healthy packages, the errors on stderr, exit 1.
	out, errOut, code = integRun(t, mod, bin, "-json", "./...")
	var res map[string]any
	if err := json.Unmarshal([]byte(out), &res); err != nil || code != ExitFailure || !strings.Contains(errOut, "undefinedName") {
		t.Errorf("-json: exit %d, %v, stderr %q", code, err, errOut)
	}
	if _, ok := res["example.com/demo/crawl"]; !ok {
		t.Errorf("-json lacks the healthy package's findings: %s", out)
	}
	// Only broken packages: the errors, exit 1.
	_, errOut, code = integRun(t, mod, bin, "./syntax", "./types")
	if code != ExitFailure || strings.Count(errOut, "\n") < 3 {
		t.Errorf("broken packages only: exit %d, stderr %q", code, errOut)
	}
}

func TestOneLine(t *testing.T) {
	for in, want := range map[string]string{
		"a\nb": "a; b",
		"no required module provides package x; to add it:\n\tgo get x": "no required module provides package x; to add it: go get x",
		"-: build constraints exclude all Go files":                     "build constraints exclude all Go files",
		"p: -: x": "p: x",
	} {
		if got := oneLine(errors.New(in)); got != want {
			t.Errorf("oneLine(%q) = %q, want %q", in, got, want)
		}
	}
}
