package namedresult

import (
	"errors"
	"os/exec"
	"testing"
	"time"
)

// runWithTimeout runs cmd and gives up after d. On the timeout path the
// select takes the timer's case: the waiter goroutine is still running
// and writes exitCode while the function returns it.
func runWithTimeout(cmd *exec.Cmd, d time.Duration) (exitCode int, timedOut bool, err error) {
	if err = cmd.Start(); err != nil {
		return
	}
	done := make(chan error)
	go func() {
		werr := cmd.Wait()
		exitCode = cmd.ProcessState.ExitCode() // want `write to named result exitCode in goroutine started at timeout.go:\d+ races with read at timeout.go:\d+; wait for the goroutine before returning`
		done <- werr
	}()
	select {
	case <-time.After(d):
		_ = cmd.Process.Kill()
		timedOut = true
	case err = <-done:
	}
	return
}

var errTimeout = errors.New("timed out")

// runOrFail returns on the timeout path: what follows the select runs
// only after the receive.
func runOrFail(cmd *exec.Cmd, d time.Duration) (int, error) {
	if err := cmd.Start(); err != nil {
		return -1, err
	}
	code := -1
	done := make(chan error)
	go func() {
		werr := cmd.Wait()
		code = cmd.ProcessState.ExitCode()
		done <- werr
	}()
	var err error
	select {
	case <-time.After(d):
		_ = cmd.Process.Kill()
		return -1, errTimeout
	case err = <-done:
	}
	return code, err
}

// probe polls a health check; the test fails on the timeout path, so
// the result is read only after the goroutine sent it.
func probe(t *testing.T, check func() bool, d time.Duration) bool {
	healthy := false
	done := make(chan struct{})
	go func() {
		healthy = check()
		close(done)
	}()
	select {
	case <-time.After(d):
		t.Fatalf("health check did not answer within %v", d)
	case <-done:
	}
	return healthy
}

// probeLeaky logs and goes on: the check may still be running.
func probeLeaky(t *testing.T, check func() bool, d time.Duration) bool {
	healthy := false
	done := make(chan struct{})
	go func() {
		healthy = check() // want `write to captured variable healthy in goroutine started at timeout.go:\d+ races with read at timeout.go:\d+`
		close(done)
	}()
	select {
	case <-time.After(d):
		t.Logf("health check did not answer within %v", d)
	case <-done:
	}
	return healthy
}
