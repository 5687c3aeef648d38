package report

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/fatih/color"

	"github.com/racecheck/racecheck/runner/correlate"
	"github.com/racecheck/racecheck/runner/exec"
	"github.com/racecheck/racecheck/runner/parse"
)

// runText writes a Run as text; errors of the writer are kept in err.
type runText struct {
	w     io.Writer
	r     *Run
	dir   string
	head  *color.Color
	class *color.Color
	dim   *color.Color
	err   error
}

func (t *runText) printf(format string, args ...any) {
	if t.err == nil {
		_, t.err = fmt.Fprintf(t.w, format, args...)
	}
}

// RunText writes the outcome of racecheck run as text grouped by class:
// races with both stacks trimmed to user frames and their GOMAXPROCS hit
// table, then the static findings no race confirmed, then the runs that
// timed out or crashed and the measured peaks.
func RunText(w io.Writer, r *Run, opts TextOptions) error {
	t := &runText{w: w, r: r, dir: opts.Dir,
		head: color.New(color.Bold), class: color.New(color.FgRed, color.Bold), dim: color.New(color.Faint)}
	for _, c := range []*color.Color{t.head, t.class, t.dim} {
		if opts.Color {
			c.EnableColor()
		} else {
			c.DisableColor()
		}
	}
	t.races(correlate.Confirmed, "confirmed: static finding and race observed")
	t.threadConfirmed()
	t.races(correlate.DynamicOnly, "dynamic-only: races the static analysis missed (a racecheck blind spot; category guessed from the frames)")
	t.findings(correlate.StaticExecuted, "static-only, executed: the code ran but no race showed (needs more schedules, or a false alarm)")
	t.findings(correlate.StaticNotExecuted, "static-only, not executed: no test reaches this code (add a test)")
	t.findings(correlate.StaticUnknown, "static-only: no coverage to tell whether the code ran")
	t.failures()
	t.runs()
	return t.err
}

func (t *runText) races(class, title string) {
	var rs []correlate.Race
	for _, rc := range t.r.Races {
		if rc.Class == class {
			rs = append(rs, rc)
		}
	}
	if len(rs) == 0 {
		return
	}
	t.printf("%s (%d)\n", t.class.Sprint(title), len(rs))
	for _, rc := range rs {
		cat := rc.Category
		if rc.Guessed {
			cat += "?"
		}
		t.printf("\n  %s [%s] %s\n", t.head.Sprint(rc.ID), cat, HitSummary(rc.Hits))
		if len(rc.Tests) > 0 {
			t.printf("    in %s\n", strings.Join(rc.Tests, ", "))
		}
		for _, i := range rc.Findings {
			f := t.r.Findings[i]
			t.printf("    static: %s: %s\n", t.pos(f.Pos.File, f.Pos.Line), f.Message)
		}
		t.access(rc.Report.Current, rc.Current)
		t.access(rc.Report.Previous, rc.Previous)
		t.hitTable(rc.Hits)
	}
	t.printf("\n")
}

func (t *runText) access(a parse.Access, sites []correlate.Site) {
	who := fmt.Sprintf("goroutine %d", a.Goroutine)
	if a.Main {
		who = "main goroutine"
	}
	op := a.Op
	if a.Previous {
		op = "previous " + op
	}
	t.printf("    %s by %s:\n", op, who)
	if a.StackLost {
		t.printf("      %s\n", t.dim.Sprint("[stack not restored by the race detector]"))
	}
	for _, s := range sites {
		t.printf("      %s  %s\n", shortFunc(s.Func), t.dim.Sprint(s.String()))
	}
	if len(sites) == 0 && !a.StackLost && len(a.Stack) > 0 {
		f := a.Stack[0]
		t.printf("      %s  %s\n", f.Func, t.dim.Sprintf("%s:%d (no user frame)", f.File, f.Line))
	}
}

func (t *runText) hitTable(hits []correlate.Hit) {
	var cells []string
	for _, h := range hits {
		p := "?"
		if h.GOMAXPROCS > 0 {
			p = fmt.Sprint(h.GOMAXPROCS)
		}
		cells = append(cells, fmt.Sprintf("%s: %d/%d", p, h.Runs, h.Total))
	}
	t.printf("    GOMAXPROCS  %s\n", strings.Join(cells, "   "))
}

func (t *runText) findings(class, title string) {
	var n int
	for _, f := range t.r.Findings {
		if f.Class == class {
			n++
		}
	}
	if n == 0 {
		return
	}
	t.printf("%s (%d)\n", t.class.Sprint(title), n)
	for _, f := range t.r.Findings {
		if f.Class != class {
			continue
		}
		t.printf("  %s: %s [%s]", t.pos(f.Pos.File, f.Pos.Line), f.Message, f.Category)
		if f.Exec.PeakThreads > 0 {
			t.printf(" (peak %d threads, limit %d)", f.Exec.PeakThreads, t.r.ThreadLimit)
		}
		t.printf("\n")
	}
	t.printf("\n")
}

// threadConfirmed lists the spawn findings a thread peak confirmed:
// they have no race to be listed with.
func (t *runText) threadConfirmed() {
	var fs []int
	for i, f := range t.r.Findings {
		if f.Class == correlate.Confirmed && f.Threads {
			fs = append(fs, i)
		}
	}
	if len(fs) == 0 {
		return
	}
	t.printf("%s (%d)\n", t.class.Sprintf("confirmed by thread count: a run that executed the code peaked above %d OS threads", t.r.ThreadLimit), len(fs))
	for _, i := range fs {
		f := t.r.Findings[i]
		t.printf("  %s: %s [%s] (peak %d threads)\n", t.pos(f.Pos.File, f.Pos.Line), f.Message, f.Category, f.Exec.PeakThreads)
	}
	t.printf("\n")
}

func (t *runText) pos(file string, line int) string {
	return t.head.Sprintf("%s:%d", Rel(t.dir, file), line)
}

// runs lists runs that did not end normally and the measured peaks.
func (t *runText) runs() {
	peaks := make(map[int]exec.Peak)
	var procs []int
	for _, ri := range t.r.Runs {
		switch ri.Status {
		case exec.StatusTimeout, exec.StatusCrash:
			t.printf("%s %s at GOMAXPROCS=%d (run %d, exit %d, %dms)\n", ri.Package, ri.Status, ri.GOMAXPROCS, ri.Rep, ri.ExitCode, ri.DurationMS)
		}
		p, ok := peaks[ri.GOMAXPROCS]
		if !ok {
			procs = append(procs, ri.GOMAXPROCS)
		}
		peaks[ri.GOMAXPROCS] = exec.Peak{Threads: max(p.Threads, ri.Peak.Threads), RSSKB: max(p.RSSKB, ri.Peak.RSSKB), Sampled: p.Sampled || ri.Peak.Sampled}
	}
	s := t.r.Summary
	t.printf("%s, %s (%s, %d dynamic-only), %s",
		count(s.Runs, "run"), count(s.Races, "race"), count(s.Confirmed, "confirmed finding"), s.DynamicOnly,
		count(s.StaticExecuted+s.StaticNotExecuted+s.StaticUnknown, "static-only finding"))
	if s.Failures > 0 {
		t.printf(", %s", count(s.Failures, "failing test"))
	}
	t.printf("\n")
	slices.Sort(procs)
	var cells []string
	for _, p := range procs {
		if pk := peaks[p]; pk.Sampled {
			cells = append(cells, fmt.Sprintf("GOMAXPROCS=%d: %d threads, %d MiB", p, pk.Threads, pk.RSSKB/1024))
		}
	}
	if len(cells) > 0 {
		t.printf("peaks (limit %d threads): %s\n", t.r.ThreadLimit, strings.Join(cells, "; "))
	}
}

// shortFunc drops the directory part of a function's package path.
func shortFunc(fn string) string {
	return fn[strings.LastIndex(fn, "/")+1:]
}

// count returns "1 run", "2 runs".
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
