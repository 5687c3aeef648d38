package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"

	"github.com/racecheck/racecheck/runner/internal/benchtool"
)

const timeBin = "/usr/bin/time"

// command is one compared command line.
type command struct {
	label string
	argv  func(rep int) []string // rep lets a command vary a flag per run
	dir   string
	env   func(rep int) []string // extra environment, may be nil
	ok    []int                  // exit codes that are not failures
	reps  int                    // runs of this command, if fewer than the others
	// before, if set, runs before each measured run (e.g. to edit a file).
	before func(rep int) error
}

// result is the medians of a command's runs.
type result struct {
	label  string
	median benchtool.Sample
	exits  []int
	err    string // last failure, one line
	note   string // last line of standard error of a run that exited non-zero
}

// measure runs the commands reps times, alternating them, and returns
// their medians in order.
func (b *bench) measure(reps int, cmds ...command) []result {
	samples := make([][]benchtool.Sample, len(cmds))
	results := make([]result, len(cmds))
	for rep := 0; rep < reps; rep++ {
		for i, c := range cmds {
			n := reps
			if c.reps > 0 && c.reps < reps {
				n = c.reps
			}
			if rep >= n {
				continue
			}
			log.Printf("%s (run %d/%d)", c.label, rep+1, n)
			s, exit, note, err := b.time(c, rep)
			if note != "" {
				results[i].note = note
			}
			results[i].label = c.label
			results[i].exits = append(results[i].exits, exit)
			if err != nil {
				results[i].err = err.Error()
				log.Printf("%s: %v", c.label, err)
				continue
			}
			samples[i] = append(samples[i], s)
		}
	}
	for i := range results {
		results[i].median = benchtool.Median(samples[i])
	}
	return results
}

// time runs one command under /usr/bin/time; note is the last line of
// its standard error if it exited non-zero.
func (b *bench) time(c command, rep int) (s benchtool.Sample, exit int, note string, err error) {
	if c.before != nil {
		if err := c.before(rep); err != nil {
			return s, -1, "", fmt.Errorf("preparing %s: %w", c.label, err)
		}
	}
	tf := filepath.Join(b.cfg.work, "time.out")
	argv := append([]string{"-o", tf, "-f", benchtool.TimeFormat}, c.argv(rep)...)
	ctx, cancel := context.WithTimeout(context.Background(), b.cfg.timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, timeBin, argv...)
	// Kill the whole process group on timeout: killing /usr/bin/time
	// alone would leave the measured command running.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.Dir = c.dir
	cmd.Env = os.Environ()
	if c.env != nil {
		cmd.Env = append(cmd.Env, c.env(rep)...)
	}
	var stderr tail
	cmd.Stderr = &stderr
	err = cmd.Run()
	if ctx.Err() != nil {
		return s, -1, "", fmt.Errorf("killed after %s: %s", b.cfg.timeout, strings.Join(c.argv(rep), " "))
	}
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		exit = ee.ExitCode()
		note = stderr.line()
	} else if err != nil {
		return s, -1, "", fmt.Errorf("running %s: %w", strings.Join(c.argv(rep), " "), err)
	}
	if !okExit(exit, c.ok) {
		return s, exit, note, fmt.Errorf("exit %d: %s", exit, note)
	}
	data, err := os.ReadFile(tf)
	if err != nil {
		return s, exit, note, fmt.Errorf("reading time output: %w", err)
	}
	s, err = benchtool.ParseTime(data)
	return s, exit, note, err
}

func okExit(code int, ok []int) bool {
	if code == 0 {
		return true
	}
	for _, c := range ok {
		if c == code {
			return true
		}
	}
	return false
}

// tail keeps the last few KB written to it.
type tail struct{ buf []byte }

func (t *tail) Write(p []byte) (int, error) {
	t.buf = append(t.buf, p...)
	if len(t.buf) > 4096 {
		t.buf = t.buf[len(t.buf)-4096:]
	}
	return len(p), nil
}

// line is the last non-empty line kept, at most 160 bytes of it.
func (t *tail) line() string {
	lines := strings.Split(strings.TrimSpace(string(t.buf)), "\n")
	l := strings.TrimSpace(lines[len(lines)-1])
	if len(l) > 160 {
		l = l[:160] + "..."
	}
	return l
}

// table prints results and, for each of the first (compared) result's
// following results, the ratio of the first to it.
func (b *bench) table(results []result) {
	b.printf("| command | wall s | CPU s | peak MB | exit codes |\n|---|---:|---:|---:|---|\n")
	for _, r := range results {
		m := r.median
		b.printf("| %s | %.1f | %.1f | %.0f | %s |\n", r.label, m.Wall.Seconds(), m.CPU.Seconds(), mb(m.PeakKB), exits(r))
	}
	b.printf("\n")
}

// ratio prints a against b.
func (b *bench) ratio(a, base result) {
	if a.median.Wall == 0 || base.median.Wall == 0 {
		b.printf("- %s vs %s: not measured (a run failed)\n", a.label, base.label)
		return
	}
	r := benchtool.Compare(a.median, base.median)
	b.printf("- **%s vs %s**: wall %.2fx, CPU %.2fx, memory %.2fx\n", a.label, base.label, r.Wall, r.CPU, r.Mem)
}

func exits(r result) string {
	s := strings.Trim(fmt.Sprint(r.exits), "[]")
	if r.err != "" {
		s += " (failed: " + strings.ReplaceAll(r.err, "|", "/") + ")"
	} else if r.note != "" {
		s += " (last stderr line: `" + strings.ReplaceAll(r.note, "|", "/") + "`)"
	}
	return s
}

func mb(kb int64) float64 { return float64(kb) / 1024 }

// machine describes the host: CPU model, cores, memory.
func machine() string {
	model := "unknown CPU"
	if data, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, l := range strings.Split(string(data), "\n") {
			if k, v, ok := strings.Cut(l, ":"); ok && strings.TrimSpace(k) == "model name" {
				model = strings.TrimSpace(v)
				break
			}
		}
	}
	mem := "unknown memory"
	if out := output("free", "-h"); out != "" {
		for _, l := range strings.Split(out, "\n") {
			if f := strings.Fields(l); len(f) > 1 && f[0] == "Mem:" {
				mem = f[1] + " RAM"
			}
		}
	}
	return fmt.Sprintf("%s, %d cores (nproc %s), %s, %s/%s", model, runtime.NumCPU(),
		strings.TrimSpace(output("nproc")), mem, runtime.GOOS, runtime.GOARCH)
}

// output runs a command for its standard output; "" on failure.
func output(name string, args ...string) string {
	var out bytes.Buffer
	cmd := exec.Command(name, args...)
	cmd.Stdout = &out
	if cmd.Run() != nil {
		return ""
	}
	return out.String()
}
