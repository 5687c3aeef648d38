package parse

import (
	"bufio"
	"io"
	"strings"
)

// framing is the byte -test.v=test2json puts before the testing
// package's own lines (=== RUN, --- FAIL, the final PASS), so that they
// cannot be mistaken for a test's output.
const framing = "\x16"

// Limits on what an Outcome keeps of a test's output and of a panic.
const (
	MaxTestOutput = 10
	MaxPanic      = 80
)

// Test statuses in an Outcome.
const (
	TestPass    = "pass"
	TestFail    = "fail"
	TestSkip    = "skip"
	TestRunning = "running" // started, never ended: the binary stopped or hung in it
)

// A TestResult is how one test or subtest ended in one run.
type TestResult struct {
	Name   string   `json:"name"`
	Status string   `json:"status"`
	Raced  bool     `json:"raced,omitempty"`  // marked "race detected during execution of test"
	Output []string `json:"output,omitempty"` // its first output lines, the race marker left out
}

// An Outcome is what a test binary's verbose output says about its
// tests. It reads -test.v=test2json output and plain -test.v output.
type Outcome struct {
	Tests []TestResult `json:"tests,omitempty"` // in the order they started
	// Panic holds the first lines of a panic or fatal error that stopped
	// the binary, from its "panic:" or "fatal error:" line.
	Panic []string `json:"panic,omitempty"`
	// PanicTest is the test the panic belongs to: the test function in
	// its goroutine trace, or else the test running when it happened.
	PanicTest string `json:"panic_test,omitempty"`
	// TimedOut is set when the binary's own -test.timeout fired; Running
	// lists the tests it named as running then.
	TimedOut bool     `json:"timed_out,omitempty"`
	Running  []string `json:"running,omitempty"`
	// Finished is set when the binary printed its final PASS or FAIL:
	// it did not stop early.
	Finished bool `json:"finished,omitempty"`
}

// Test returns the result of the named test, or nil.
func (o *Outcome) Test(name string) *TestResult {
	for i := range o.Tests {
		if o.Tests[i].Name == name {
			return &o.Tests[i]
		}
	}
	return nil
}

// outcomeParser accumulates an Outcome line by line.
type outcomeParser struct {
	o       Outcome
	framed  bool   // the stream uses framing: only framed lines are markers
	cur     string // test the following output belongs to
	inPanic bool
	frames  string // test found in the panic's goroutine trace
	inList  bool   // reading a timeout's "running tests:" list
}

// Outcomes parses a test binary's verbose output.
func Outcomes(r io.Reader) (*Outcome, error) {
	p := &outcomeParser{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), maxLine)
	for sc.Scan() {
		p.line(strings.TrimRight(sc.Text(), "\r"))
	}
	p.end()
	if err := sc.Err(); err != nil && err != bufio.ErrTooLong {
		return &p.o, err
	}
	return &p.o, nil
}

func (p *outcomeParser) line(s string) {
	if p.inPanic {
		p.panicLine(s)
		return
	}
	framed := strings.HasPrefix(s, framing)
	p.framed = p.framed || framed
	s = strings.TrimPrefix(s, framing)
	if (framed || !p.framed) && p.marker(strings.TrimLeft(s, " ")) {
		return
	}
	switch {
	case strings.HasPrefix(s, "panic: ") || strings.HasPrefix(s, "fatal error: "):
		p.inPanic = true
		p.o.TimedOut = strings.HasPrefix(s, "panic: test timed out after ")
		p.o.Panic = append(p.o.Panic, s)
	case strings.HasSuffix(strings.TrimSpace(s), "race detected during execution of test"):
		if t := p.o.Test(p.cur); t != nil {
			t.Raced = true
		}
	default:
		if t := p.o.Test(p.cur); t != nil && len(t.Output) < MaxTestOutput && strings.TrimSpace(s) != "" {
			// The testing package indents a test's output by 4 spaces.
			t.Output = append(t.Output, strings.TrimPrefix(s, "    "))
		}
	}
}

// marker handles the testing package's own lines and reports whether s
// was one.
func (p *outcomeParser) marker(s string) bool {
	if name, ok := testMarker(s); ok {
		p.cur = name
		if strings.HasPrefix(s, "=== RUN ") && p.o.Test(name) == nil {
			p.o.Tests = append(p.o.Tests, TestResult{Name: name, Status: TestRunning})
		}
		return true
	}
	if s == "=== NAME" {
		p.cur = ""
		return true
	}
	for _, st := range []struct{ prefix, status string }{
		{"--- PASS: ", TestPass}, {"--- FAIL: ", TestFail}, {"--- SKIP: ", TestSkip},
	} {
		if rest, ok := strings.CutPrefix(s, st.prefix); ok {
			name, _, _ := strings.Cut(rest, " (")
			if t := p.o.Test(name); t != nil {
				t.Status = st.status
			}
			p.cur = name
			return true
		}
	}
	if p.framed && (s == "PASS" || s == "FAIL") {
		p.o.Finished = true
		return true
	}
	return false
}

// panicLine reads the lines after "panic:": the panic's first lines are
// kept, and its goroutine traces searched for a test function.
func (p *outcomeParser) panicLine(s string) {
	s = strings.TrimPrefix(s, framing)
	if len(p.o.Panic) < MaxPanic {
		p.o.Panic = append(p.o.Panic, s)
	}
	trimmed := strings.TrimSpace(s)
	switch {
	case p.o.TimedOut && trimmed == "running tests:":
		p.inList = true
		return
	case p.inList && strings.HasPrefix(s, "\t\t"):
		name, _, _ := strings.Cut(trimmed, " (")
		p.o.Running = append(p.o.Running, name)
		return
	}
	p.inList = false
	if p.frames != "" || strings.HasPrefix(s, "\t") {
		return
	}
	fn := strings.TrimPrefix(trimmed, "created by ")
	if i := strings.Index(fn, " in goroutine "); i >= 0 {
		fn = fn[:i]
	}
	p.frames = testFunc(funcName(fn))
}

// end names the test a panic belongs to: the latest test under the
// trace's test function that did not pass, or else the latest test
// still running.
func (p *outcomeParser) end() {
	if len(p.o.Panic) == 0 || p.o.TimedOut {
		return
	}
	for i := len(p.o.Tests) - 1; i >= 0; i-- {
		t := p.o.Tests[i]
		if t.Status == TestPass || t.Status == TestSkip {
			continue
		}
		if p.frames == "" || t.Name == p.frames || strings.HasPrefix(t.Name, p.frames+"/") {
			p.o.PanicTest = t.Name
			return
		}
	}
	p.o.PanicTest = p.frames
}
