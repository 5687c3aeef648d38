package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/racecheck/racecheck/analyzer"
)

// mdLink matches the target of a Markdown link or image: [text](target).
var mdLink = regexp.MustCompile(`\]\(([^)\s]+)\)`)

// htmlAnchor matches an explicit anchor, <a id="name">.
var htmlAnchor = regexp.MustCompile(`<a id="([^"]+)">`)

// TestDocLinks checks that every relative link in README.md and docs/*.md
// names an existing file and, with a #fragment, an anchor that page has
// (a heading, as GitHub turns it into an ID, or an explicit <a id>).
func TestDocLinks(t *testing.T) {
	pages, err := filepath.Glob(filepath.Join(repoRoot, "docs", "*.md"))
	if err != nil || len(pages) == 0 {
		t.Fatalf("no pages under docs/ (%v)", err)
	}
	pages = append(pages, filepath.Join(repoRoot, "README.md"))
	for _, msg := range brokenLinks(t, pages) {
		t.Error(msg)
	}
}

// TestBrokenLinks: the checker itself finds a missing file and a missing
// anchor, and accepts good links.
func TestBrokenLinks(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	write("b.md", "# Title\n## Use it: `x` (now)\n")
	a := write("a.md", "[ok](b.md#use-it-x-now) [ok](#top) [web](https://x.test/#y)\n<a id=\"top\"></a>\n"+
		"[gone](c.md) [bad](b.md#nope)\n```\n[code](ignored.md)\n```\n")
	got := brokenLinks(t, []string{a})
	if len(got) != 2 || !strings.Contains(got[0], `"c.md"`) || !strings.Contains(got[1], "#nope") {
		t.Errorf("brokenLinks = %q, want c.md and b.md#nope", got)
	}
}

// brokenLinks returns one message per relative link of pages that does
// not resolve.
func brokenLinks(t *testing.T, pages []string) []string {
	anchors := map[string]map[string]bool{} // path -> anchors
	anchorsOf := func(path string) map[string]bool {
		if a, ok := anchors[path]; ok {
			return a
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		anchors[path] = pageAnchors(string(data))
		return anchors[path]
	}
	var bad []string
	for _, page := range pages {
		data, err := os.ReadFile(page)
		if err != nil {
			t.Fatal(err)
		}
		for _, target := range pageLinks(string(data)) {
			if strings.Contains(target, "://") || strings.HasPrefix(target, "mailto:") {
				continue
			}
			file, frag, _ := strings.Cut(target, "#")
			dest := filepath.Clean(page)
			if file != "" {
				dest = filepath.Join(filepath.Dir(page), filepath.FromSlash(file))
				if _, err := os.Stat(dest); err != nil {
					bad = append(bad, fmt.Sprintf("%s: link %q: no such file", filepath.Base(page), target))
					continue
				}
			}
			if frag != "" && strings.HasSuffix(dest, ".md") && !anchorsOf(dest)[frag] {
				bad = append(bad, fmt.Sprintf("%s: link %q: no anchor #%s in %s", filepath.Base(page), target, frag, filepath.Base(dest)))
			}
		}
	}
	return bad
}

// pageLinks returns the link targets of a Markdown page outside code.
func pageLinks(md string) []string {
	var out []string
	for _, line := range proseLines(md) {
		for _, m := range mdLink.FindAllStringSubmatch(line, -1) {
			out = append(out, m[1])
		}
	}
	return out
}

// pageAnchors returns the IDs a Markdown page defines: GitHub's IDs of its
// headings (with -1, -2 suffixes for repeats) and its <a id> anchors.
func pageAnchors(md string) map[string]bool {
	ids := map[string]bool{}
	seen := map[string]int{}
	for _, line := range proseLines(md) {
		for _, m := range htmlAnchor.FindAllStringSubmatch(line, -1) {
			ids[m[1]] = true
		}
		if !strings.HasPrefix(line, "#") {
			continue
		}
		slug := headingSlug(strings.TrimLeft(line, "#"))
		if n := seen[slug]; n > 0 {
			ids[slug+"-"+strconv.Itoa(n)] = true
		} else {
			ids[slug] = true
		}
		seen[slug]++
	}
	return ids
}

// headingSlug turns a heading's text into its ID as GitHub does: lower
// case, punctuation dropped, spaces turned into hyphens.
func headingSlug(text string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(strings.TrimSpace(text)) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_':
			b.WriteRune(r)
		case r == ' ':
			b.WriteByte('-')
		}
	}
	return b.String()
}

// proseLines returns the lines of md outside fenced and indented code.
func proseLines(md string) []string {
	var out []string
	fenced := false
	for _, line := range strings.Split(md, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "```") {
			fenced = !fenced
			continue
		}
		if fenced || strings.HasPrefix(line, "    ") || strings.HasPrefix(line, "\t") {
			continue
		}
		out = append(out, line)
	}
	return out
}

// TestHeadingSlug pins the ID rule on headings the docs use.
func TestHeadingSlug(t *testing.T) {
	for text, want := range map[string]string{
		" Proving races at run time: `racecheck run` and `racecheck correlate`": "proving-races-at-run-time-racecheck-run-and-racecheck-correlate",
		" golangci-lint (v2 module plugin)":                                     "golangci-lint-v2-module-plugin",
		" CI (GitHub Actions)":                                                  "ci-github-actions",
	} {
		if got := headingSlug(text); got != want {
			t.Errorf("headingSlug(%q) = %q, want %q", text, got, want)
		}
	}
	if ids := pageAnchors("# A\n## A\n```\n# B\n```\n<a id=\"c\"></a>\n"); !ids["a"] || !ids["a-1"] || ids["b"] || !ids["c"] {
		t.Errorf("pageAnchors = %v, want a, a-1 and c", ids)
	}
}

// TestReadmeDemoOutput: the output README shows for its first command is
// what racecheck prints, byte for byte, through a pipe and with NO_COLOR
// set, categories included (they name what //racecheck:ignore takes).
func TestReadmeDemoOutput(t *testing.T) {
	bin := integBinary(t)
	data, err := os.ReadFile(filepath.Join(repoRoot, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	readme := string(data)
	start := strings.Index(readme, "```\ntestdata/demo/")
	if start < 0 {
		t.Fatal("README.md has no block of demo output")
	}
	block := readme[start+4:]
	end := strings.Index(block, "\n```\n")
	if end < 0 || strings.Contains(block[:end], "```") {
		t.Fatal("README.md's block of demo output is not closed by a fence of its own")
	}
	block = block[:end+1]
	out, errOut, code := integRun(t, repoRoot, bin, "-C", "testdata/demo", "./...")
	if code != ExitFindings || out != block {
		t.Errorf("racecheck -C testdata/demo ./...: exit %d (stderr %q), output\n%s\nREADME shows\n%s", code, errOut, out, block)
	}
	if !strings.Contains(out, " [unbounded-spawn]\n") {
		t.Errorf("the category is missing from piped output:\n%s", out)
	}
}

// TestIntegrationsListEveryAnalyzer: the nogo and golangci-lint examples
// name every analyzer of the suite, so that copying them drops no check,
// and no install instruction points at a release that does not exist.
func TestIntegrationsListEveryAnalyzer(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(repoRoot, "docs", "integrations.md"))
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	for _, a := range analyzer.Suite() {
		if !strings.Contains(doc, `"@com_github_racecheck_racecheck//analyzer/`+a.Name+`"`) {
			t.Errorf("the nogo example lacks analyzer/%s", a.Name)
		}
		if !regexp.MustCompile(`analyzers: \[[^\]]*\b` + a.Name + `\b`).MatchString(doc) {
			t.Errorf("the golangci-lint example's analyzers list lacks %s", a.Name)
		}
	}
	for _, page := range []string{"README.md", "docs/integrations.md", "cmd/racecheck/hooks/pre-commit", "analyzer/golangci/golangci.go"} {
		data, err := os.ReadFile(filepath.Join(repoRoot, filepath.FromSlash(page)))
		if err != nil {
			t.Fatal(err)
		}
		for _, bad := range []string{"racecheck@latest", "v0.1.0", "version: latest"} {
			if strings.Contains(string(data), bad) {
				t.Errorf("%s mentions %q, but racecheck has no published release", page, bad)
			}
		}
	}
}
