package parse

import (
	"slices"
	"strings"
	"testing"
)

func outcomes(t *testing.T, lines ...string) *Outcome {
	t.Helper()
	o, err := Outcomes(strings.NewReader(strings.Join(lines, "\n") + "\n"))
	if err != nil {
		t.Fatal(err)
	}
	return o
}

func statuses(o *Outcome) string {
	var s []string
	for _, t := range o.Tests {
		s = append(s, t.Name+"="+t.Status)
	}
	return strings.Join(s, " ")
}

func TestOutcomesFramed(t *testing.T) {
	o := outcomes(t,
		"\x16=== RUN   TestA",
		"\x16=== RUN   TestA/sub",
		"    a_test.go:10: sub failed",
		"--- FAIL: TestFake (0.00s)", // a test's own output: not a marker in a framed stream
		"\x16--- FAIL: TestA/sub (0.00s)",
		"\x16=== NAME  TestA",
		"    a_test.go:12: parent log",
		"    testing.go:1712: race detected during execution of test",
		"\x16--- FAIL: TestA (0.00s)",
		"\x16=== NAME  ",
		"\x16=== RUN   TestB",
		"\x16--- SKIP: TestB (0.00s)",
		"\x16FAIL",
	)
	if got := statuses(o); got != "TestA=fail TestA/sub=fail TestB=skip" {
		t.Errorf("statuses %q", got)
	}
	sub, a := o.Test("TestA/sub"), o.Test("TestA")
	if !slices.Equal(sub.Output, []string{"a_test.go:10: sub failed", "--- FAIL: TestFake (0.00s)"}) || sub.Raced {
		t.Errorf("TestA/sub = %+v", sub)
	}
	if !slices.Equal(a.Output, []string{"a_test.go:12: parent log"}) || !a.Raced || !o.Finished || len(o.Panic) != 0 {
		t.Errorf("TestA = %+v, outcome %+v: want its log, raced, finished", a, o)
	}
}

func TestOutcomesPanicInGoroutine(t *testing.T) {
	// Plain -test.v output: the panic's test comes from the trace, not
	// from the latest test started.
	o := outcomes(t,
		"=== RUN   TestGo",
		"=== RUN   TestOther",
		"panic: boom",
		"",
		"goroutine 20 [running]:",
		"example.com/m.helper(...)",
		"\t/m/m.go:3",
		"created by example.com/m.TestGo in goroutine 19",
		"\t/m/m_test.go:17 +0x37",
	)
	if o.PanicTest != "TestGo" || o.Finished || o.TimedOut || o.Panic[0] != "panic: boom" || len(o.Panic) != 7 {
		t.Errorf("outcome %+v: want a panic in TestGo", o)
	}
}

func TestOutcomesTimeout(t *testing.T) {
	o := outcomes(t,
		"\x16=== RUN   TestHang",
		"\x16=== RUN   TestHang/sub",
		"panic: test timed out after 2.5s",
		"\trunning tests:",
		"\t\tTestHang (3s)",
		"\t\tTestHang/sub (3s)",
		"",
		"goroutine 2 [running]:",
	)
	if !o.TimedOut || !slices.Equal(o.Running, []string{"TestHang", "TestHang/sub"}) || o.PanicTest != "" {
		t.Errorf("outcome %+v: want a timeout naming TestHang and its subtest", o)
	}
}

func TestTextFramedMarkers(t *testing.T) {
	// -test.v=test2json output: the framed === RUN lines still name the
	// test the race marker belongs to.
	log, err := Text(strings.NewReader("\x16=== RUN   TestA\n\x16=== RUN   TestB\n    testing.go:1712: race detected during execution of test\n\x16--- FAIL: TestB (0.00s)\n"))
	if err != nil || !slices.Equal(log.RacyTests, []string{"TestB"}) {
		t.Errorf("racy tests %v (%v), want [TestB]", log.RacyTests, err)
	}
}
