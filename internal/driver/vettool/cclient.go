package vettool

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"
)

// compilers are the C compilers tried for the C client, in order: the
// host's. CC is not among them: it names the compiler of cgo's target,
// which may be another platform's.
var compilers = []string{"cc", "gcc", "clang"}

// failedSuffix ends the name of the record that a C client could not be
// built, beside the name the client would have.
const failedSuffix = ".failed"

// cClient returns the C client in dir, building it the first time with
// the host's C compiler. A build that fails is recorded, and not tried
// again for clientTouch.
func cClient(dir string) (string, error) {
	exe := clientPath(dir, "c-", cClientSource)
	if reuse(exe) {
		return exe, nil
	}
	failed := exe + failedSuffix
	if fi, err := os.Stat(failed); err == nil && time.Since(fi.ModTime()) < clientTouch {
		return "", errors.New("vet client in C: the last build failed")
	}
	if err := buildCClient(dir, exe); err != nil {
		if os.MkdirAll(dir, 0o777) == nil {
			os.WriteFile(failed, []byte(err.Error()+"\n"), 0o666)
		}
		return "", fmt.Errorf("vet client in C: %w", err)
	}
	os.Remove(failed)
	pruneClients(dir, exe)
	return exe, nil
}

// buildCClient compiles the C client into exe (buildInto): statically
// linked where the C library allows it (one less thing to load per
// run), else dynamically. The program must run: a compiler for another
// platform fails here.
func buildCClient(dir, exe string) error {
	cc, err := findCompiler()
	if err != nil {
		return err
	}
	goarch := fmt.Sprintf("-DRACECHECK_GOARCH=%q", runtime.GOARCH)
	return buildInto(dir, exe, "client.c", cClientSource, func(src, out string) error {
		if err := compile(cc, src, "-O2", "-static", goarch, "-o", out); err != nil {
			if err := compile(cc, src, "-O2", goarch, "-o", out); err != nil {
				return err
			}
		}
		return checkRuns(out)
	})
}

// findCompiler returns the first of compilers on PATH.
func findCompiler() (string, error) {
	for _, name := range compilers {
		if path, err := exec.LookPath(name); err == nil {
			return path, nil
		}
	}
	return "", fmt.Errorf("no C compiler (%s) on PATH", strings.Join(compilers, ", "))
}

// compile runs the C compiler cc on src with args, in src's directory.
func compile(cc, src string, args ...string) error {
	cmd := exec.Command(cc, append(args, filepath.Base(src))...)
	cmd.Dir = filepath.Dir(src)
	return runBuild(filepath.Base(cc), cmd)
}

// checkRuns runs the client exe without a tool: it must exit 2 with the
// message saying so.
func checkRuns(exe string) error {
	cmd := exec.Command(exe)
	cmd.Env = []string{}
	out, err := cmd.CombinedOutput()
	if cmd.ProcessState == nil || cmd.ProcessState.ExitCode() != 2 || !bytes.Contains(out, []byte(ToolEnvVar+" is not set")) {
		return fmt.Errorf("the compiled client does not run: %v: %q", err, out)
	}
	return nil
}
