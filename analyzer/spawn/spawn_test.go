package spawn_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/racecheck/racecheck/analyzer/category"
	"github.com/racecheck/racecheck/analyzer/spawn"
)

// testdata returns the repository's testdata directory; analysistest
// needs it absolute, as a GOPATH entry.
func testdata(t *testing.T) string {
	dir, err := filepath.Abs(filepath.Join("..", "..", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestAnalyzer(t *testing.T) {
	results := analysistest.Run(t, testdata(t), spawn.Analyzer,
		"spawn/unbounded", "spawn/pool", "spawn/threads", "spawn/idioms", "spawn/topology", "spawn/interop")
	checkCategories(t, results)
}

// checkCategories checks that every diagnostic carries a category
// documented for the spawn analyzer, and that every documented category
// is reported by some fixture.
func checkCategories(t *testing.T, results []*analysistest.Result) {
	t.Helper()
	seen := make(map[string]bool)
	for _, r := range results {
		for _, d := range r.Diagnostics {
			doc, ok := category.Lookup(d.Category)
			if !ok || doc.Analyzer != "spawn" {
				t.Errorf("diagnostic %q has undocumented category %q", d.Message, d.Category)
			}
			seen[d.Category] = true
		}
	}
	for _, doc := range category.All() {
		if doc.Analyzer == "spawn" && !seen[doc.ID] {
			t.Errorf("category %s is documented but no fixture reports it", doc.ID)
		}
	}
}

// TestErrgroup runs on a module fixture with a stand-in for
// golang.org/x/sync, which GOPATH-mode fixtures cannot import by path.
func TestErrgroup(t *testing.T) {
	analysistest.Run(t, filepath.Join(testdata(t), "src", "spawn", "errgroup"), spawn.Analyzer, "example.com/batch")
}

func TestMaxPoolFlag(t *testing.T) {
	f := spawn.Analyzer.Flags.Lookup("maxpool")
	if f == nil {
		t.Fatal("spawn.Analyzer has no maxpool flag")
	}
	old := f.Value.String()
	if err := f.Value.Set("16"); err != nil {
		t.Fatal(err)
	}
	defer f.Value.Set(old)
	analysistest.Run(t, testdata(t), spawn.Analyzer, "spawn/maxpool")
}

func TestMaxPoolFlagInvalid(t *testing.T) {
	for _, v := range []string{"0", "-3", "many"} {
		if err := spawn.Analyzer.Flags.Set("maxpool", v); err == nil {
			t.Errorf("-spawn.maxpool=%s accepted, want an error", v)
		}
	}
	if got := spawn.Analyzer.Flags.Lookup("maxpool").Value.String(); got != "64" {
		t.Errorf("after invalid values, -spawn.maxpool = %s, want the default 64", got)
	}
}

func TestValidate(t *testing.T) {
	if err := analysis.Validate([]*analysis.Analyzer{spawn.Analyzer}); err != nil {
		t.Fatal(err)
	}
}
