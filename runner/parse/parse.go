// Package parse reads the Go race detector's reports out of program
// output: raw stderr, GORACE log_path files, `go test -v` output and
// `go test -json` event streams, with other output interleaved.
//
// The format is the one the runtime's ThreadSanitizer prints for Go:
//
//	==================
//	WARNING: DATA RACE
//	Write at 0x00c0000a4010 by goroutine 8:
//	  example.com/m.F.func1()
//	      /src/m/f.go:12 +0x44
//
//	Previous read at 0x00c0000a4010 by main goroutine:
//	  [failed to restore the stack]
//
//	Goroutine 8 (running) created at:
//	  ...
//	==================
//
// The parser is line based and never fails: lines it does not understand
// inside a report are skipped, so a report interleaved with other output
// still parses, and a truncated report keeps what was read.
package parse

import (
	"regexp"
	"strconv"
	"strings"
	"sync"
)

// A Frame is one stack frame: the function as the runtime names it
// (package path, receiver, closures, generic shapes, -fm and gowrapN
// suffixes included) and its source position. Inlined calls appear as
// frames of their own with their own position.
type Frame struct {
	Func string `json:"func"`
	File string `json:"file"`
	Line int    `json:"line"`
}

// An Access is one side of a race: what was done, by which goroutine,
// and the stack at that moment.
type Access struct {
	Op        string  `json:"op"`                   // "read", "write", "atomic write", ... (lowercase)
	Addr      uint64  `json:"addr,omitempty"`       // the address accessed, as the report prints it
	Previous  bool    `json:"previous,omitempty"`   // the earlier access of the pair
	Goroutine int     `json:"goroutine"`            // goroutine ID; 0 for the main goroutine
	Main      bool    `json:"main,omitempty"`       // by main goroutine
	Stack     []Frame `json:"stack"`                // innermost first
	StackLost bool    `json:"stack_lost,omitempty"` // [failed to restore the stack]
}

// A Goroutine is a goroutine named by a report, with its creation stack.
type Goroutine struct {
	ID      int     `json:"id"`
	State   string  `json:"state"` // "running" or "finished"
	Created []Frame `json:"created"`
}

// A Report is one race report.
type Report struct {
	Current    Access      `json:"current"`
	Previous   Access      `json:"previous"`
	Goroutines []Goroutine `json:"goroutines,omitempty"`
	// Test is the test the report belongs to: the subtest named by the
	// testing package's "race detected during execution of test" line when
	// that is unambiguous, otherwise the top-level test found in the
	// frames; "" when the race happened outside of any test.
	Test string `json:"test,omitempty"`
	// Package is the package under test, when the input names it
	// (go test -json events).
	Package string `json:"package,omitempty"`
}

const (
	separator = "=================="
	warning   = "WARNING: DATA RACE"
)

// The regexps are compiled on first use: every racecheck process links
// this package, and the vet tool's (one per package) never parses.
var (
	accessRE = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^(Previous )?([A-Za-z][A-Za-z ]*?) at 0x([0-9a-fA-F]+) by (?:goroutine (\d+)|(main goroutine)):\s*$`)
	})
	goroutineRE = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^Goroutine (\d+) \((running|finished)\) created at:\s*$`)
	})
)

// section is the part of a report being read.
type section int

const (
	inNone section = iota
	inCurrent
	inPrevious
	inGoroutine
)

// reportParser accumulates one report line by line.
type reportParser struct {
	r       Report
	sec     section
	pending string // function line waiting for its file line
}

// stack returns the frame list of the current section.
func (p *reportParser) stack() *[]Frame {
	switch p.sec {
	case inCurrent:
		return &p.r.Current.Stack
	case inPrevious:
		return &p.r.Previous.Stack
	case inGoroutine:
		return &p.r.Goroutines[len(p.r.Goroutines)-1].Created
	}
	return nil
}

// line consumes one line of the report body (after WARNING: DATA RACE).
func (p *reportParser) line(s string) {
	// The regular expressions run only on lines that can match: most
	// lines of a report are frames.
	if !strings.HasPrefix(s, " ") && strings.Contains(s, " at 0x") {
		p.access(s)
		return
	}
	if strings.HasPrefix(s, "Goroutine ") {
		p.goroutine(s)
		return
	}
	p.frame(s)
}

// access starts an access section.
func (p *reportParser) access(s string) {
	if m := accessRE().FindStringSubmatch(s); m != nil {
		a := Access{Op: strings.ToLower(m[2]), Previous: m[1] != "", Main: m[5] != ""}
		a.Addr, _ = strconv.ParseUint(m[3], 16, 64)
		a.Goroutine, _ = strconv.Atoi(m[4])
		p.pending = ""
		if a.Previous {
			p.r.Previous, p.sec = a, inPrevious
		} else {
			p.r.Current, p.sec = a, inCurrent
		}
	}
}

// goroutine starts a creation stack section.
func (p *reportParser) goroutine(s string) {
	if m := goroutineRE().FindStringSubmatch(s); m != nil {
		id, _ := strconv.Atoi(m[1])
		p.r.Goroutines = append(p.r.Goroutines, Goroutine{ID: id, State: m[2]})
		p.sec, p.pending = inGoroutine, ""
	}
}

// frame reads a function line or the file line that follows it.
func (p *reportParser) frame(s string) {
	st := p.stack()
	if st == nil {
		return
	}
	trimmed := strings.TrimSpace(s)
	switch {
	case trimmed == "[failed to restore the stack]":
		switch p.sec {
		case inCurrent:
			p.r.Current.StackLost = true
		case inPrevious:
			p.r.Previous.StackLost = true
		}
	case p.pending != "" && strings.HasPrefix(s, "    "):
		if file, line, ok := fileLine(trimmed); ok {
			*st = append(*st, Frame{Func: p.pending, File: file, Line: line})
		}
		p.pending = ""
	case strings.HasPrefix(s, "  ") && !strings.HasPrefix(s, "   ") && strings.HasSuffix(trimmed, ")"):
		p.pending = funcName(trimmed)
	}
}

// fileLine splits "/path/f.go:12 +0x44" (the offset is optional).
func fileLine(s string) (string, int, bool) {
	if i := strings.LastIndex(s, " +0x"); i >= 0 {
		s = s[:i]
	}
	colon := strings.LastIndex(s, ":")
	if colon <= 0 {
		return "", 0, false
	}
	line, err := strconv.Atoi(s[colon+1:])
	if err != nil || line < 0 {
		return "", 0, false
	}
	return s[:colon], line, true
}

// funcName strips the argument list the runtime prints after a function
// name: "pkg.F()" or, in older releases, "pkg.F(0x1, 0x2)". Generic shape
// brackets and receivers in parentheses stay.
func funcName(s string) string {
	depth := 0
	for i := len(s) - 1; i >= 0; i-- {
		switch s[i] {
		case ')':
			depth++
		case '(':
			depth--
			if depth == 0 {
				return s[:i]
			}
		}
	}
	return s
}
