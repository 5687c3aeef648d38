//go:build unix

package exec

import (
	osexec "os/exec"
	"syscall"
)

// newGroup starts the process in a process group of its own, so that a
// timeout kills everything it started.
func newGroup(cmd *osexec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
}

func killGroup(cmd *osexec.Cmd) {
	_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
}

func interrupt(cmd *osexec.Cmd) {
	_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGINT)
}
