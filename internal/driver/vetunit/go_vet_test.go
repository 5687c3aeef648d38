package vetunit

import (
	"encoding/json"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestGoVet runs go vet with a tool built on this driver over a module
// where a imports b imports c: facts travel through the .vetx files go
// vet passes between units, with types from the compiler's export data,
// and a sees the fact of c's method M through b without importing c.
func TestGoVet(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a vet tool and runs go vet")
	}
	tool := filepath.Join(t.TempDir(), "facttool")
	if out, err := exec.Command("go", "build", "-o", tool, "./testdata/facttool").CombinedOutput(); err != nil {
		t.Fatalf("building the tool: %v\n%s", err, out)
	}
	cmd := exec.Command("go", "vet", "-vettool="+tool, "-json", "./a", "./b")
	cmd.Dir = filepath.Join("testdata", "mod")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go vet: %v\n%s", err, out)
	}
	var got []string
	dec := json.NewDecoder(strings.NewReader(string(out)))
	for dec.More() {
		var tree map[string]map[string][]struct {
			Posn    string `json:"posn"`
			Message string `json:"message"`
		}
		if err := dec.Decode(&tree); err != nil {
			t.Fatalf("%v: %s", err, out)
		}
		for id, byAnalyzer := range tree {
			for _, d := range byAnalyzer["facts"] {
				got = append(got, id+": "+filepath.Base(d.Posn)+": "+d.Message)
			}
		}
	}
	slices.Sort(got)
	want := []string{
		"example.com/mod/a: a.go:1:9: package facts: example.com/mod/a example.com/mod/b",
		"example.com/mod/a: a.go:5:14: Get has fact example.com/mod/b.Get",
		"example.com/mod/a: a.go:5:20: M has fact example.com/mod/c.T.M",
		"example.com/mod/b: b.go:1:9: package facts: example.com/mod/b example.com/mod/c",
		"example.com/mod/b: b.go:5:15: T has fact example.com/mod/c.T",
		"example.com/mod/b: b.go:5:21: F has fact example.com/mod/c.F",
		"example.com/mod/b: b.go:5:39: T has fact example.com/mod/c.T",
	}
	if !slices.Equal(got, want) {
		t.Errorf("diagnostics:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
