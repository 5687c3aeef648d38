package corpus

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func writeFile(t *testing.T, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "f.txt")
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestReadModules(t *testing.T) {
	mods, err := ReadModules(writeFile(t, "# list\n\nnats github.com/nats-io/nats.go v1.53.1 modfile=go_test.mod\nyamux github.com/hashicorp/yamux v0.1.2\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := []Module{
		{Name: "nats", Path: "github.com/nats-io/nats.go", Version: "v1.53.1", Modfile: "go_test.mod"},
		{Name: "yamux", Path: "github.com/hashicorp/yamux", Version: "v0.1.2"},
	}
	if !slices.Equal(mods, want) {
		t.Errorf("ReadModules = %+v, want %+v", mods, want)
	}
	for _, bad := range []string{"nats github.com/nats-io/nats.go\n", "a b v1 modfile=../x.mod\n", "a b v1 tags=x\n", "a b v1 modfile=x.mod extra\n"} {
		if _, err := ReadModules(writeFile(t, bad)); err == nil {
			t.Errorf("ReadModules(%q): no error", bad)
		}
	}
}

// The real list must parse and name a baseline for every module.
func TestModulesHaveBaselines(t *testing.T) {
	mods, err := ReadModules(filepath.Join(listDir, "modules.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if len(mods) < 10 {
		t.Errorf("%d modules in the corpus, issue 10 asks for at least 10", len(mods))
	}
	for _, m := range mods {
		if _, err := ReadBaseline(filepath.Join(listDir, m.Name+".txt")); err != nil {
			t.Error(err)
		}
	}
}

func TestReadBaseline(t *testing.T) {
	b, err := ReadBaseline(writeFile(t, "# header\n# go go1.26.8\nshared-field a/b.go:12 race the reason\nunbounded-spawn c.go:3 false-alarm per node\nnamed-result d.go:1 unclear maybe\n"))
	if err != nil {
		t.Fatal(err)
	}
	if b.GoVersion != "go1.26.8" || len(b.Verdicts) != 3 || b.Verdicts["shared-field a/b.go:12"] != Race || b.Verdicts["unbounded-spawn c.go:3"] != FalseAlarm {
		t.Errorf("ReadBaseline = %+v", b)
	}
	for _, bad := range []string{
		"# go go1.26.8\nshared-field a.go:1 race\n",           // no reason
		"# go go1.26.8\nshared-field a.go:1 true reason\n",    // unknown verdict
		"shared-field a.go:1 race reason\n",                   // no go version
		"# go go1.26.8\nx a.go:1 race r\nx a.go:1 unsafe r\n", // duplicate
	} {
		if _, err := ReadBaseline(writeFile(t, bad)); err == nil {
			t.Errorf("ReadBaseline(%q): no error", bad)
		}
	}
}

func TestDiff(t *testing.T) {
	b := Baseline{Verdicts: map[string]string{"c a.go:1": Race, "c a.go:2": FalseAlarm}}
	added, vanished := Diff(b, map[string][]string{"c a.go:1": {"m"}, "c a.go:3": {"m"}, "d a.go:1": {"m"}})
	if !slices.Equal(added, []string{"c a.go:3", "d a.go:1"}) || !slices.Equal(vanished, []string{"c a.go:2"}) {
		t.Errorf("Diff = %v, %v", added, vanished)
	}
}

func TestDecode(t *testing.T) {
	dir := filepath.FromSlash("/m")
	out := `{"example.com/m":{"race":[{"category":"captured-var","posn":"/m/x/a.go:10:2","message":"one"},` +
		`{"category":"captured-var","posn":"/m/x/a.go:10:9","message":"two"}],"spawn":[]},` +
		`"example.com/dep":{"lockcheck":[{"category":"unguarded-field","posn":"/cache/dep/b.go:3:1","message":"three"}]}}`
	got, err := decode([]byte(out), dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || len(got["captured-var x/a.go:10"]) != 2 || len(got["unguarded-field /cache/dep/b.go:3"]) != 1 {
		t.Errorf("decode = %v", got)
	}
	_, err = decode([]byte(`{"example.com/m":{"lockcheck":{"error":"nil pointer"}}}`), dir)
	if err == nil || !strings.Contains(err.Error(), "lockcheck failed on example.com/m") {
		t.Errorf("decode of an analyzer error: %v", err)
	}
}

func TestSplitPosn(t *testing.T) {
	for posn, want := range map[string][2]string{
		"/a/b.go:12:3":  {"/a/b.go", "12"},
		`C:\a\b.go:7:1`: {`C:\a\b.go`, "7"},
		"b.go:1:1":      {"b.go", "1"},
		"b.go:1":        {"", ""},
		"b.go":          {"", ""},
		"b.go::2":       {"", ""},
		":3:4":          {"", ""},
	} {
		file, line, ok := splitPosn(posn)
		if ok != (want[0] != "") || file != want[0] || line != want[1] {
			t.Errorf("splitPosn(%q) = %q, %q, %v", posn, file, line, ok)
		}
	}
}
