package racefixes

import (
	"fmt"
	"io"
	"sort"
	"strings"
)

// Outcome statuses. At the racy version a case is Found or Missed; at
// the fixed version it is Silent or Reported. Failed means racecheck or
// the download failed there; the case then counts as not found (racy) or
// is left out of the silent count (fixed).
const (
	Found    = "found"
	Missed   = "missed"
	Silent   = "silent"
	Reported = "still reported"
	Failed   = "failed"
)

// Outcome is the result of racecheck on one version of a case.
type Outcome struct {
	Status   string
	Match    string // the matching finding, "file:line: message", if any
	Findings int    // all findings in the package
	Err      string // why it failed, one line
}

// Result is a case and its outcomes at both versions.
type Result struct {
	Case        Case
	Racy, Fixed Outcome
}

// Summary counts results: found at the racy version of All, and of
// those, silent at the fixed version.
type Summary struct {
	All, Found, SilentAfter, Failed int
}

// Summarize counts the results.
func Summarize(rs []Result) Summary {
	var s Summary
	for _, r := range rs {
		s.All++
		if r.Racy.Status == Failed {
			s.Failed++
		}
		if r.Racy.Status == Found {
			s.Found++
			if r.Fixed.Status == Silent {
				s.SilentAfter++
			}
		}
	}
	return s
}

// WriteMarkdown writes the summary line, the per-case table and the
// misses grouped by shape.
func WriteMarkdown(w io.Writer, rs []Result) error {
	s := Summarize(rs)
	var b strings.Builder
	fmt.Fprintf(&b, "Found at the racy version: **%d of %d**; silent after the fix: **%d of %d** found; failed to analyze: %d.\n\n",
		s.Found, s.All, s.SilentAfter, s.Found, s.Failed)
	b.WriteString("| case | module: racy → fixed | shape | expected access | racy | fixed | findings racy/fixed |\n")
	b.WriteString("|---|---|---|---|---|---|---|\n")
	for _, r := range rs {
		c := r.Case
		fmt.Fprintf(&b, "| %s | %s: %s → %s | %s | %s:%d `%s` | %s | %s | %d/%d |\n",
			c.ID, c.Module, c.Racy.Version, c.Fixed.Version, c.Shape,
			c.Expect.File, c.Expect.Line, c.Expect.Object,
			cell(r.Racy), cell(r.Fixed), r.Racy.Findings, r.Fixed.Findings)
	}
	writeMatches(&b, rs)
	b.WriteString("\n| shape | cases | found | not found |\n|---|---|---|---|\n")
	for _, sh := range byShape(rs) {
		fmt.Fprintf(&b, "| %s | %d | %d | %s |\n", sh.shape, sh.cases, sh.found, strings.Join(sh.missed, ", "))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// writeMatches lists the finding that matched each found case, and the
// one still reported after the fix, so that a match can be checked by
// eye.
func writeMatches(b *strings.Builder, rs []Result) {
	first := true
	for _, r := range rs {
		for _, o := range []struct{ side, match string }{{"racy", r.Racy.Match}, {"fixed", r.Fixed.Match}} {
			if o.match == "" {
				continue
			}
			if first {
				b.WriteString("\nMatching findings:\n\n")
				first = false
			}
			fmt.Fprintf(b, "- %s (%s): `%s`\n", r.Case.ID, o.side, strings.ReplaceAll(o.match, "`", "'"))
		}
	}
}

// cell is a table cell for an outcome: the status, and why it failed.
func cell(o Outcome) string {
	if o.Status == Failed && o.Err != "" {
		return Failed + ": " + strings.ReplaceAll(truncate(o.Err, 80), "|", `\|`)
	}
	return o.Status
}

type shapeRow struct {
	shape        string
	cases, found int
	missed       []string
}

// byShape groups results by shape, most cases first.
func byShape(rs []Result) []shapeRow {
	rows := make(map[string]*shapeRow)
	for _, r := range rs {
		row := rows[r.Case.Shape]
		if row == nil {
			row = &shapeRow{shape: r.Case.Shape}
			rows[r.Case.Shape] = row
		}
		row.cases++
		if r.Racy.Status == Found {
			row.found++
		} else {
			row.missed = append(row.missed, r.Case.ID)
		}
	}
	out := make([]shapeRow, 0, len(rows))
	for _, row := range rows {
		out = append(out, *row)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].cases != out[j].cases {
			return out[i].cases > out[j].cases
		}
		return out[i].shape < out[j].shape
	})
	return out
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
