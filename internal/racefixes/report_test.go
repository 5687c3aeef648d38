package racefixes

import (
	"strings"
	"testing"
)

func TestSummarizeAndMarkdown(t *testing.T) {
	mk := func(id, shape, racy, fixed string) Result {
		return Result{
			Case:  Case{ID: id, Module: "m.io/x", Shape: shape, Expect: Access{File: "a.go", Line: 9, Object: "f"}},
			Racy:  Outcome{Status: racy, Err: map[bool]string{true: "racecheck: packages did not load | x"}[racy == Failed]},
			Fixed: Outcome{Status: fixed},
		}
	}
	rs := []Result{
		mk("a", "global", Found, Silent),
		mk("b", "global", Found, Reported),
		mk("c", "lock-discipline", Missed, Silent),
		mk("d", "lock-discipline", Failed, Failed),
		mk("e", "lock-discipline", Found, Failed),
	}
	rs[0].Racy.Match = "a.go:9: p.f read without p.mu held"
	if got, want := Summarize(rs), (Summary{All: 5, Found: 3, SilentAfter: 1, Failed: 1}); got != want {
		t.Errorf("Summarize = %+v, want %+v", got, want)
	}
	var b strings.Builder
	if err := WriteMarkdown(&b, rs); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"**3 of 5**; silent after the fix: **1 of 3** found; failed to analyze: 1.",
		"| a | m.io/x:  →  | global | a.go:9 `f` | found | silent | 0/0 |",
		`failed: racecheck: packages did not load \| x`,
		"| lock-discipline | 3 | 1 | c, d |",
		"| global | 2 | 2 |  |",
		"- a (racy): `a.go:9: p.f read without p.mu held`",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("markdown lacks %q:\n%s", want, out)
		}
	}
	if strings.Index(out, "| lock-discipline | 3") > strings.Index(out, "| global | 2") {
		t.Errorf("shapes not ordered by number of cases:\n%s", out)
	}
}
