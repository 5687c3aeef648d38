package report

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Kinds of test failure.
const (
	FailTest    = "fail"    // the test failed (t.Error, t.Fatal), not only by racing
	FailPanic   = "panic"   // a panic or fatal error stopped the binary
	FailTimeout = "timeout" // the test hung: -test.timeout fired, or racecheck killed the binary
	FailExit    = "exit"    // the binary exited early or failed without a failing test
)

// A Failure is one test that failed, in every run where it failed the
// same way. A failure caused only by the race detector ("race detected
// during execution of test") is not a Failure: the race is reported.
type Failure struct {
	Package string `json:"package"`
	Test    string `json:"test,omitempty"` // "" when no test can be named
	Kind    string `json:"kind"`
	// Runs are the runs where it failed; Total the runs of its package.
	Runs  []FailRun `json:"runs"`
	Total int       `json:"total"`
	// Output holds the first lines of the test's output, or of the panic
	// or the timeout's goroutine dump, from the first run that failed.
	Output []string `json:"output,omitempty"`
	// NotRun lists the tests that never started because the binary
	// stopped in this one.
	NotRun []string `json:"not_run,omitempty"`
	Raced  bool     `json:"raced,omitempty"` // the test raced too
}

// A FailRun names one run: a GOMAXPROCS value and a repetition.
type FailRun struct {
	GOMAXPROCS int `json:"gomaxprocs"`
	Rep        int `json:"rep"`
}

// MergeFailures groups failures of the same package, test and kind,
// adding up their runs and keeping the first output, sorted by package,
// test and kind.
func MergeFailures(fs []Failure) []Failure {
	var out []Failure
	for _, f := range fs {
		i := slices.IndexFunc(out, func(g Failure) bool { return g.Package == f.Package && g.Test == f.Test && g.Kind == f.Kind })
		if i < 0 {
			f.Runs = slices.Clone(f.Runs)
			out = append(out, f)
			continue
		}
		g := &out[i]
		g.Runs = append(g.Runs, f.Runs...)
		g.Total += f.Total
		g.Raced = g.Raced || f.Raced
		g.NotRun = slices.Compact(slices.Sorted(slices.Values(append(g.NotRun, f.NotRun...))))
	}
	slices.SortFunc(out, func(a, b Failure) int {
		return cmp.Or(cmp.Compare(a.Package, b.Package), cmp.Compare(a.Test, b.Test), cmp.Compare(a.Kind, b.Kind))
	})
	for i := range out {
		slices.SortFunc(out[i].Runs, func(a, b FailRun) int {
			return cmp.Or(cmp.Compare(a.GOMAXPROCS, b.GOMAXPROCS), cmp.Compare(a.Rep, b.Rep))
		})
	}
	return out
}

// failureLines is how many output lines the text report shows.
const failureLines = 8

// failures lists the failing tests.
func (t *runText) failures() {
	if len(t.r.Failures) == 0 {
		return
	}
	t.printf("%s (%d)\n", t.class.Sprint("failing tests: the tests failed, panicked or hung (not only by racing)"), len(t.r.Failures))
	for _, f := range t.r.Failures {
		name := f.Test
		if name == "" {
			name = "(no test named)"
		}
		var runs []string
		for _, r := range f.Runs {
			runs = append(runs, fmt.Sprintf("GOMAXPROCS=%d run %d", r.GOMAXPROCS, r.Rep))
		}
		t.printf("\n  %s %s %s: %d/%d runs (%s)\n", t.head.Sprint(strings.ToUpper(f.Kind)), f.Package, t.head.Sprint(name),
			len(f.Runs), f.Total, strings.Join(runs, ", "))
		if f.Raced {
			t.printf("    the test raced too: see the races above\n")
		}
		lines := shownLines(f.Output, t.r.Module)
		for i, l := range lines {
			if i == failureLines {
				t.printf("    %s\n", t.dim.Sprint("... (the full output is in -json)"))
				break
			}
			t.printf("    %s\n", strings.TrimRight(strings.ReplaceAll(l, "\t", "    "), " "))
		}
		if len(f.NotRun) > 0 {
			t.printf("    the binary stopped: %d later tests never ran: %s\n", len(f.NotRun), strings.Join(f.NotRun, ", "))
		}
	}
	t.printf("\n")
}

// shownLines returns what the text report shows of a failure's output.
// Of a panic or a timeout's goroutine dump, that is its message, then
// the frames of the module's code: the runtime's and the testing
// package's frames come first in a dump and say nothing of the test.
func shownLines(out []string, module string) []string {
	if len(out) == 0 || !strings.HasPrefix(out[0], "panic: ") && !strings.HasPrefix(out[0], "fatal error: ") {
		return out
	}
	i := 0
	var lines []string
	for ; i < len(out) && out[i] != ""; i++ {
		lines = append(lines, out[i])
	}
	for ; i+1 < len(out); i++ {
		fn := strings.TrimPrefix(out[i], "created by ")
		if module != "" && (strings.HasPrefix(fn, module+"/") || strings.HasPrefix(fn, module+".")) {
			lines = append(lines, "  "+out[i], "  "+out[i+1])
			i++
		}
	}
	return lines
}
