//go:build unix

package exec

import (
	osexec "os/exec"
	"syscall"
)

// A procGroup is the process group a run starts in, so that a timeout
// or an interrupt reaches everything the process started.
type procGroup struct{}

// newGroup makes cmd start in a process group of its own.
func newGroup(cmd *osexec.Cmd) *procGroup {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	return &procGroup{}
}

// started is called once cmd runs; the group exists from the start here.
func (g *procGroup) started(cmd *osexec.Cmd) {}

// kill sends SIGKILL to the whole group.
func (g *procGroup) kill(cmd *osexec.Cmd) {
	_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
}

// interrupt sends SIGINT to the whole group.
func (g *procGroup) interrupt(cmd *osexec.Cmd) {
	_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGINT)
}

func (g *procGroup) close() {}
