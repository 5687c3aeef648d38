package parse

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
)

// A Log is what one output stream says about races.
type Log struct {
	Reports []Report `json:"reports"`
	// RacyTests lists, in order, the tests the testing package marked with
	// "race detected during execution of test".
	RacyTests []string `json:"racy_tests,omitempty"`
	// Outside is set when the testing package printed "race detected
	// outside of test execution".
	Outside bool `json:"outside,omitempty"`
}

// maxLine bounds one line of input; longer lines are cut, not fatal.
const maxLine = 1 << 20

// Text parses raw output: stderr of a race-enabled program or test
// binary, a GORACE log file, or `go test -v` output, in which reports may
// be interleaved with anything else.
func Text(r io.Reader) (*Log, error) {
	t := newTextParser()
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), maxLine)
	for sc.Scan() {
		t.line(sc.Text())
	}
	t.flush()
	t.attribute()
	if err := sc.Err(); err != nil && err != bufio.ErrTooLong {
		return &t.log, fmt.Errorf("reading output: %w", err)
	}
	return &t.log, nil
}

// textParser splits a stream into reports and test markers.
type textParser struct {
	log     Log
	cur     *reportParser
	test    string     // test named by the latest === RUN/CONT/NAME line
	after   [][]string // per report: racy-test lines that followed it
	afterOf int        // index of the report later racy-test lines belong to
}

func newTextParser() *textParser { return &textParser{afterOf: -1} }

// line consumes one line of the stream.
func (t *textParser) line(s string) {
	// -test.v=test2json frames the testing package's own lines with ^V.
	s = strings.TrimPrefix(strings.TrimRight(s, "\r"), framing)
	trimmed := strings.TrimSpace(s)
	switch {
	case trimmed == warning:
		t.flush()
		t.cur = &reportParser{}
		return
	case trimmed == separator:
		t.flush()
		return
	case strings.HasSuffix(trimmed, "race detected during execution of test"):
		t.flush()
		t.log.RacyTests = append(t.log.RacyTests, t.test)
		if t.afterOf >= 0 {
			t.after[t.afterOf] = append(t.after[t.afterOf], t.test)
		}
		return
	case strings.HasSuffix(trimmed, "race detected outside of test execution"):
		t.flush()
		t.log.Outside = true
		return
	}
	if name, ok := testMarker(trimmed); ok {
		t.test = name
		if t.cur == nil {
			return
		}
	}
	if t.cur != nil {
		t.cur.line(s)
	}
}

// flush ends the report being read, if any.
func (t *textParser) flush() {
	if t.cur == nil {
		return
	}
	t.log.Reports = append(t.log.Reports, t.cur.r)
	t.after = append(t.after, nil)
	t.afterOf = len(t.log.Reports) - 1
	t.cur = nil
}

// testMarker recognizes the lines `go test -v` uses to say which test
// the output that follows belongs to.
func testMarker(s string) (string, bool) {
	for _, p := range []string{"=== RUN ", "=== CONT ", "=== NAME ", "=== PAUSE "} {
		if rest, ok := strings.CutPrefix(s, p); ok {
			return strings.TrimSpace(rest), true
		}
	}
	return "", false
}

// attribute sets each report's Test from its frames, refined by the
// racy-test lines printed after it.
func (t *textParser) attribute() {
	for i := range t.log.Reports {
		r := &t.log.Reports[i]
		r.Test = Attribute(*r, t.after[i])
	}
}

// Attribute names the test a report belongs to. The frames give the
// top-level test (TestX, TestX.func1, ...); racy lists the tests the
// testing package marked after the report. A single marked test under the
// frames' test (a subtest) is more precise and wins; several marked
// tests (parallel subtests racing with each other) leave the top-level
// name; without test frames, a single marked test is taken as is.
func Attribute(r Report, racy []string) string {
	top := FrameTest(r)
	racy = slices.Compact(slices.Sorted(slices.Values(racy)))
	var under []string
	for _, name := range racy {
		if top == "" || name == top || strings.HasPrefix(name, top+"/") {
			under = append(under, name)
		}
	}
	if len(under) == 1 {
		return under[0]
	}
	return top
}

// FrameTest returns the top-level test function found in the report's
// stacks (accesses first, then creation stacks), or "".
func FrameTest(r Report) string {
	stacks := [][]Frame{r.Current.Stack, r.Previous.Stack}
	for _, g := range r.Goroutines {
		stacks = append(stacks, g.Created)
	}
	for _, st := range stacks {
		for _, f := range st {
			if name := testFunc(f.Func); name != "" {
				return name
			}
		}
	}
	return ""
}

// testFunc returns the test name when fn is a test function or a closure
// inside one: "example.com/m.TestX.func1.2" gives "TestX".
func testFunc(fn string) string {
	slash := strings.LastIndex(fn, "/")
	dot := strings.Index(fn[slash+1:], ".")
	if dot < 0 {
		return ""
	}
	rest := fn[slash+1+dot+1:]
	name, _, _ := strings.Cut(rest, ".")
	if name == "TestMain" {
		return ""
	}
	for _, p := range []string{"Test", "Benchmark", "Fuzz", "Example"} {
		if strings.HasPrefix(name, p) {
			return name
		}
	}
	return ""
}

// event is the part of a test2json event the parser needs.
type event struct {
	Action  string
	Package string
	Test    string
	Output  string
}

// TestJSON parses `go test -json` output. Output events are regrouped by
// package, in order, and parsed as text; each report gets its package.
// Lines that are not JSON events (build errors) are parsed as text too.
func TestJSON(r io.Reader) (*Log, error) {
	byPkg := make(map[string]*textParser)
	var order []string
	parser := func(pkg string) *textParser {
		t, ok := byPkg[pkg]
		if !ok {
			t = newTextParser()
			byPkg[pkg] = t
			order = append(order, pkg)
		}
		return t
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), maxLine)
	pending := make(map[string]string) // partial output lines per package
	for sc.Scan() {
		var e event
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil || e.Action == "" {
			parser("").line(sc.Text())
			continue
		}
		if e.Action != "output" {
			continue
		}
		text := pending[e.Package] + e.Output
		lines := strings.Split(text, "\n")
		pending[e.Package] = lines[len(lines)-1]
		t := parser(e.Package)
		for _, l := range lines[:len(lines)-1] {
			if e.Test != "" {
				// test2json has already attributed the line.
				t.test = e.Test
			}
			t.line(l)
		}
	}
	log := &Log{}
	for _, pkg := range order {
		t := byPkg[pkg]
		if rest := pending[pkg]; rest != "" {
			t.line(rest)
		}
		t.flush()
		t.attribute()
		for _, rep := range t.log.Reports {
			rep.Package = pkg
			log.Reports = append(log.Reports, rep)
		}
		log.RacyTests = append(log.RacyTests, t.log.RacyTests...)
		log.Outside = log.Outside || t.log.Outside
	}
	if err := sc.Err(); err != nil && err != bufio.ErrTooLong {
		return log, fmt.Errorf("reading test events: %w", err)
	}
	return log, nil
}
