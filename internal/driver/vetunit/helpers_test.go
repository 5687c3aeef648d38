package vetunit

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/racecheck/racecheck/internal/driver/vetunit/internal/facttest"
)

// factAnalyzer exports a package fact and an object fact per type and
// method, then reports the facts it sees (facttest.Analyzer).
func factAnalyzer() *analysis.Analyzer { return facttest.Analyzer() }

// writeUnit writes a package without imports as file src in dir and a
// config for it, and returns the config file's name.
func writeUnit(t *testing.T, dir, src string, edit func(*Config)) string {
	t.Helper()
	goFile := filepath.Join(dir, "p.go")
	if err := os.WriteFile(goFile, []byte(src), 0o666); err != nil {
		t.Fatal(err)
	}
	cfg := Config{
		ID:         "example.com/p",
		Compiler:   "gc",
		ImportPath: "example.com/p",
		GoVersion:  "go1.22",
		GoFiles:    []string{goFile},
		ImportMap:  map[string]string{},
		VetxOutput: filepath.Join(dir, "vet.out"),
	}
	if edit != nil {
		edit(&cfg)
	}
	data, err := json.MarshalIndent(cfg, "", "\t")
	if err != nil {
		t.Fatal(err)
	}
	name := filepath.Join(dir, "vet.cfg")
	if err := os.WriteFile(name, data, 0o666); err != nil {
		t.Fatal(err)
	}
	return name
}

// runMain runs Main and returns its exit code, stdout and stderr.
func runMain(args []string, analyzers ...*analysis.Analyzer) (int, string, string) {
	var stdout, stderr bytes.Buffer
	opts := Options{Version: func(w io.Writer) error { _, err := io.WriteString(w, "tool version devel buildID=x\n"); return err }}
	code := Main("tool", args, analyzers, opts, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}
