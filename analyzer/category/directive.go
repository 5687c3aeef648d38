package category

// directiveDocs documents the diagnostics about suppression directives
// themselves. bad-directive comes from the ignoredirective analyzer; an unused
// directive is reported by the analyzer that owns the category it names,
// the only one that knows whether it suppressed anything.
var directiveDocs = []Doc{
	{
		ID:       "bad-directive",
		Analyzer: "ignoredirective",
		Title:    "malformed suppression directive",
		Text: `A //racecheck:ignore directive must name one or more known categories
(comma-separated) and give a reason after them. A directive without a
reason hides a finding without telling the next reader why it is safe,
and a directive naming an unknown category suppresses nothing. The
directive still suppresses the categories it names, so the finding it
was meant to hide does not reappear while you add the reason.`,
		Bad: `//racecheck:ignore captured-var
go func() { n++ }()`,
		Good: `//racecheck:ignore captured-var n is only read after the channel close in wait()
go func() { n++ }()`,
		Severity: "warning",
	},
	{
		ID:       "unused-directive",
		Analyzer: "",
		Title:    "suppression directive that suppresses nothing",
		Text: `A //racecheck:ignore directive that matched no finding is stale: the
code changed, or the category is wrong. Left in place, it would silence
a future real race on that line. The analyzer that owns the named
category reports it; turn the report off with -ANALYZER.unused-directives=false
(for example when running a subset of the analyzers). //nolint directives
are golangci-lint's and are left to its nolintlint linter.`,
		Bad: `//racecheck:ignore captured-var counted under mu since the refactor
mu.Lock(); n++; mu.Unlock()`,
		Good:     `mu.Lock(); n++; mu.Unlock()`,
		Severity: "warning",
	},
}
