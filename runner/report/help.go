package report

import (
	"fmt"
	"strings"

	"github.com/racecheck/racecheck/analyzer/category"
)

// ExplainText returns the plain-text description of a category that
// `racecheck explain` prints and SARIF rule help carries.
func ExplainText(d category.Doc) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s\n\n", d.ID, d.Title)
	fmt.Fprintf(&b, "Reported by: %s (severity %s)\n\n", analyzerPhrase(d), levelOf(d.Severity))
	if t := strings.TrimSpace(d.Text); t != "" {
		fmt.Fprintf(&b, "%s\n", t)
	}
	if d.Bad != "" {
		fmt.Fprintf(&b, "\nReported:\n\n%s\n", indent(d.Bad))
	}
	if d.Good != "" {
		fmt.Fprintf(&b, "\nFixed:\n\n%s\n", indent(d.Good))
	}
	fmt.Fprintf(&b, "\nSuppress one finding with //racecheck:ignore %s REASON on its line or the line above.\n", d.ID)
	return b.String()
}

// ExplainMarkdown returns the same description as Markdown, for SARIF
// rule help and docs/checks.md's table of checks.
func ExplainMarkdown(d category.Doc) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n", strings.Join(strings.Fields(d.Text), " "))
	if d.Bad != "" {
		fmt.Fprintf(&b, "\nReported:\n\n```go\n%s\n```\n", strings.TrimRight(d.Bad, "\n"))
	}
	if d.Good != "" {
		fmt.Fprintf(&b, "\nFixed:\n\n```go\n%s\n```\n", strings.TrimRight(d.Good, "\n"))
	}
	fmt.Fprintf(&b, "\nSuppress one finding with `//racecheck:ignore %s REASON` on its line or the line above.\n", d.ID)
	return b.String()
}

func analyzerPhrase(d category.Doc) string {
	if d.Analyzer == "" {
		return "the analyzer that owns the directive's category"
	}
	return "the " + d.Analyzer + " analyzer"
}

func indent(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = "    " + l
		}
	}
	return strings.Join(lines, "\n")
}
