package exec

import (
	"context"
	"errors"
	"fmt"
	"os"
	osexec "os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/racecheck/racecheck/runner/parse"
)

// Statuses of a run.
const (
	StatusPass    = "pass"    // exit 0
	StatusFail    = "fail"    // exit 1 (tests failed, races make tests fail)
	StatusRace    = "race"    // GORACE exitcode (66): races in a program that otherwise succeeded
	StatusTimeout = "timeout" // killed at -timeout with its process group
	StatusStopped = "stopped" // a program stopped by racecheck after -duration
	StatusCrash   = "crash"   // any other exit: panic, signal, fatal error
)

// raceExitCode is the exit code the race detector uses (GORACE exitcode).
const raceExitCode = 66

// A Spec describes one run.
type Spec struct {
	Binary     string
	Args       []string
	Dir        string   // working directory
	Env        []string // base environment (nil = os.Environ())
	GOMAXPROCS int
	RunDir     string        // private directory for the GORACE log and coverage
	Timeout    time.Duration // kill the process group after this long (0 = never)
	// Stop, for programs, interrupts the process with SIGINT after this
	// long, then kills its group after Grace.
	Stop, Grace time.Duration
	// CoverDir asks for coverage through GOCOVERDIR (programs) instead of
	// the -test.coverprofile the caller puts in Args (tests).
	CoverDir bool
}

// A Result is what one run produced.
type Result struct {
	Status   string
	ExitCode int
	Duration time.Duration
	Log      *parse.Log     // reports from the GORACE log, tests from the output
	Outcome  *parse.Outcome // how the tests ended, from the verbose output
	Output   string         // path of the process's combined stdout and stderr
	Peak     Peak
}

// GORACE returns the race detector options racecheck runs with: every
// report goes to a log file of this run (one per process, suffixed with
// the PID), the program does not stop at the first race, and does not
// sleep at exit. Runs are separate processes, so the detector's
// suppression of equal reports never spans runs.
func GORACE(runDir string) string {
	return "log_path=" + filepath.Join(runDir, "race") + " halt_on_error=0 atexit_sleep_ms=0 exitcode=" + strconv.Itoa(raceExitCode)
}

// Run executes spec and waits for it.
func Run(ctx context.Context, spec Spec) (Result, error) {
	out, err := os.Create(filepath.Join(spec.RunDir, "output.txt"))
	if err != nil {
		return Result{}, fmt.Errorf("creating run output: %w", err)
	}
	defer out.Close()
	cmd := osexec.Command(spec.Binary, spec.Args...)
	cmd.Dir = spec.Dir
	cmd.Stdout, cmd.Stderr = out, out
	env := baseEnv(spec.Env)
	cmd.Env = append(env, "GOMAXPROCS="+strconv.Itoa(spec.GOMAXPROCS), "GORACE="+userGORACE(env)+GORACE(spec.RunDir))
	if spec.CoverDir {
		dir := filepath.Join(spec.RunDir, "covdata")
		if err := os.Mkdir(dir, 0o755); err != nil {
			return Result{}, fmt.Errorf("creating coverage directory: %w", err)
		}
		cmd.Env = append(cmd.Env, "GOCOVERDIR="+dir)
	}
	group := newGroup(cmd)
	defer group.close()
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return Result{}, fmt.Errorf("starting %s: %w", filepath.Base(spec.Binary), err)
	}
	group.started(cmd)
	res := Result{Output: out.Name()}
	sampler := startSampler(cmd.Process.Pid)
	res.Status, err = wait(ctx, cmd, group, spec)
	res.Peak = sampler.stop()
	res.Duration = time.Since(start)
	res.ExitCode = cmd.ProcessState.ExitCode()
	if err != nil {
		return res, err
	}
	res.Log, err = collect(spec.RunDir, out.Name())
	if err != nil {
		return res, err
	}
	res.Outcome, err = outcome(out.Name())
	if res.Outcome != nil && res.Outcome.TimedOut {
		// The binary's own -test.timeout fired: it named the test and
		// dumped the goroutines before exiting with status 2.
		res.Status = StatusTimeout
	}
	return res, err
}

// outcome parses the verbose output of a run for how its tests ended.
func outcome(output string) (*parse.Outcome, error) {
	f, err := os.Open(output)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	o, err := parse.Outcomes(f)
	if err != nil {
		return o, fmt.Errorf("%s: %w", output, err)
	}
	return o, nil
}

func baseEnv(env []string) []string {
	if env == nil {
		env = os.Environ()
	}
	return append([]string(nil), env...)
}

// userGORACE returns the user's own GORACE options (history_size, ...),
// followed by a space, to be put before ours: the detector takes the last
// value of an option, so ours win where they must.
func userGORACE(env []string) string {
	for i := len(env) - 1; i >= 0; i-- {
		if v, ok := strings.CutPrefix(env[i], "GORACE="); ok && strings.TrimSpace(v) != "" {
			return strings.TrimSpace(v) + " "
		}
	}
	return ""
}

// wait waits for the process, enforcing the timeout and the stop signal,
// and classifies how it ended.
func wait(ctx context.Context, cmd *osexec.Cmd, group *procGroup, spec Spec) (string, error) {
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	timeout, stop, grace := timer(spec.Timeout), timer(spec.Stop), (<-chan time.Time)(nil)
	stopped := false
	for {
		select {
		case err := <-done:
			return status(err, stopped), nil
		case <-timeout:
			group.kill(cmd)
			<-done
			return StatusTimeout, nil
		case <-stop:
			stopped = true
			group.interrupt(cmd)
			grace = time.After(spec.Grace)
		case <-grace:
			group.kill(cmd)
		case <-ctx.Done():
			group.kill(cmd)
			<-done
			return StatusCrash, ctx.Err()
		}
	}
}

func timer(d time.Duration) <-chan time.Time {
	if d <= 0 {
		return nil
	}
	return time.After(d)
}

func status(err error, stopped bool) string {
	var exit *osexec.ExitError
	switch {
	case err == nil:
		if stopped {
			return StatusStopped
		}
		return StatusPass
	case !errors.As(err, &exit):
		return StatusCrash
	case stopped:
		return StatusStopped
	case exit.ExitCode() == 1:
		return StatusFail
	case exit.ExitCode() == raceExitCode:
		return StatusRace
	}
	return StatusCrash
}

// collect parses the run's GORACE log files (one per process the binary
// started) for reports and its output for the testing package's markers,
// then attributes each report to a test.
func collect(runDir, output string) (*parse.Log, error) {
	files, err := filepath.Glob(filepath.Join(runDir, "race.*"))
	if err != nil {
		return nil, err
	}
	markers, err := parseFile(output)
	if err != nil {
		return nil, err
	}
	log := &parse.Log{RacyTests: markers.RacyTests, Outside: markers.Outside}
	// Reports that reached the output (a child process that reset GORACE)
	// count too.
	log.Reports = append(log.Reports, markers.Reports...)
	for _, f := range files {
		l, err := parseFile(f)
		if err != nil {
			return nil, err
		}
		for _, r := range l.Reports {
			r.Test = parse.Attribute(r, markers.RacyTests)
			log.Reports = append(log.Reports, r)
		}
	}
	return log, nil
}

func parseFile(name string) (*parse.Log, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	l, err := parse.Text(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return l, nil
}
