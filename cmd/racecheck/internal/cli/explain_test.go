package cli

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/racecheck/racecheck/analyzer/category"
)

var updateChecks = flag.Bool("update-checks", false, "rewrite docs/checks.md's generated table of checks")

func TestExplainList(t *testing.T) {
	bin := integBinary(t)
	out, errOut, code := integRun(t, ".", bin, "explain")
	if code != ExitClean {
		t.Fatalf("racecheck explain: exit %d, stderr %q", code, errOut)
	}
	for _, d := range category.All() {
		if !strings.Contains(out, d.ID) || !strings.Contains(out, d.Title) {
			t.Errorf("list lacks %s: %s", d.ID, d.Title)
		}
	}
}

func TestExplainCategory(t *testing.T) {
	bin := integBinary(t)
	for _, d := range category.All() {
		out, errOut, code := integRun(t, ".", bin, "explain", d.ID)
		if code != ExitClean {
			t.Fatalf("racecheck explain %s: exit %d, stderr %q", d.ID, code, errOut)
		}
		// Every category documents why it matters and how it looks fixed.
		if d.Text == "" || d.Bad == "" || d.Good == "" {
			t.Errorf("category %s lacks text, bad or good example", d.ID)
		}
		for _, part := range []string{d.Title, firstLine(d.Text), firstLine(d.Bad), firstLine(d.Good)} {
			if !strings.Contains(out, part) {
				t.Errorf("racecheck explain %s lacks %q", d.ID, part)
			}
		}
	}
}

func TestExplainUnknown(t *testing.T) {
	bin := integBinary(t)
	_, errOut, code := integRun(t, ".", bin, "explain", "no-such-category")
	if code != ExitUsage {
		t.Errorf("exit %d, want %d", code, ExitUsage)
	}
	if !strings.Contains(errOut, `unknown category "no-such-category"`) || strings.Count(errOut, "\n") != 1 {
		t.Errorf("stderr %q, want one line naming the category", errOut)
	}
	if _, errOut, code := integRun(t, ".", bin, "explain", "-nosuch"); code != ExitUsage || !strings.Contains(errOut, "-nosuch") {
		t.Errorf("explain -nosuch: exit %d, stderr %q; want %d naming the flag", code, errOut, ExitUsage)
	}
	if _, _, code := integRun(t, ".", bin, "explain", "-markdown", "race"); code != ExitUsage {
		t.Errorf("explain -markdown CATEGORY: exit %d, want %d", code, ExitUsage)
	}
}

// TestChecksDocCurrent fails when docs/checks.md's table of checks
// differs from `racecheck explain -markdown`. Run with -update-checks to
// rewrite it.
func TestChecksDocCurrent(t *testing.T) {
	path := filepath.Join(repoRoot, ChecksDoc)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	start, end := strings.Index(doc, ChecksStart), strings.Index(doc, ChecksEnd)
	if start < 0 || end < start {
		t.Fatalf("%s lacks the %s ... %s markers", ChecksDoc, ChecksStart, ChecksEnd)
	}
	current := doc[start : end+len(ChecksEnd)+1]
	want := Markdown()
	if current == want {
		return
	}
	if *updateChecks {
		if err := os.WriteFile(path, []byte(doc[:start]+want+doc[end+len(ChecksEnd)+1:]), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("%s's table of checks is stale; run: go test ./cmd/racecheck/internal/cli -run TestChecksDocCurrent -update-checks", ChecksDoc)
}

func firstLine(s string) string {
	l, _, _ := strings.Cut(strings.TrimSpace(s), "\n")
	return strings.TrimSpace(l)
}
