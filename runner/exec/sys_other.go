//go:build !unix

package exec

import (
	"os"
	osexec "os/exec"
)

func newGroup(cmd *osexec.Cmd) {}

func killGroup(cmd *osexec.Cmd) { _ = cmd.Process.Kill() }

func interrupt(cmd *osexec.Cmd) { _ = cmd.Process.Signal(os.Interrupt) }
