package racefixes

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
)

// Analysis is racecheck's output on one version of a case: the findings
// in the package, with the directory the module was unpacked to, or why
// there are none.
type Analysis struct {
	Root     string
	Findings []Finding
	Err      error
}

// Judge decides both outcomes of a case. At the racy version the case is
// found when a finding names the expected access (Matcher.AtLine). At
// the fixed version it is still reported when a finding names the
// object in the expected file, or repeats the racy version's matching
// finding (same file, category and message up to line numbers): a match
// through the line window alone would otherwise pass for silent once
// the fix moved the lines.
func Judge(c Case, racy, fixed Analysis, window int) (r, f Outcome) {
	r, hit := judgeRacy(c, racy, window)
	if fixed.Err != nil {
		return r, failed(fixed.Err, len(fixed.Findings))
	}
	m := Matcher{Root: fixed.Root, Window: window}
	same := func(x Finding) bool {
		return r.Status == Found && x.Category == hit.Category &&
			rel(fixed.Root, x.Pos.File) == rel(racy.Root, hit.Pos.File) &&
			stripLines(x.Message) == stripLines(hit.Message)
	}
	x, ok := First(fixed.Findings, func(x Finding) bool { return m.Names(x, c.Expect) || same(x) })
	f = Outcome{Status: pick(ok, Reported, Silent), Findings: len(fixed.Findings)}
	if ok {
		f.Match = describe(fixed.Root, x)
	}
	return r, f
}

// judgeRacy is Judge at the racy version; it also returns the matching
// finding.
func judgeRacy(c Case, a Analysis, window int) (Outcome, Finding) {
	if a.Err != nil {
		return failed(a.Err, len(a.Findings)), Finding{}
	}
	m := Matcher{Root: a.Root, Window: window}
	hit, ok := First(a.Findings, func(f Finding) bool { return m.AtLine(f, c.Expect) })
	o := Outcome{Status: pick(ok, Found, Missed), Findings: len(a.Findings)}
	if ok {
		o.Match = describe(a.Root, hit)
	}
	return o, hit
}

func failed(err error, n int) Outcome {
	return Outcome{Status: Failed, Err: strings.Join(strings.Fields(err.Error()), " "), Findings: n}
}

// describe is "file:line: message" with the file relative to root.
func describe(root string, f Finding) string {
	return fmt.Sprintf("%s:%d: %s", rel(root, f.Pos.File), f.Pos.Line, f.Message)
}

func rel(root, file string) string {
	r, err := filepath.Rel(root, file)
	if err != nil {
		return file
	}
	return filepath.ToSlash(r)
}

// lineRefs are the ":line" and ":line:col" parts of positions quoted in
// a message ("races with read at cache.go:44").
var lineRefs = regexp.MustCompile(`:\d+(:\d+)?`)

func stripLines(msg string) string {
	return lineRefs.ReplaceAllString(msg, ":N")
}

func pick(ok bool, yes, no string) string {
	if ok {
		return yes
	}
	return no
}
