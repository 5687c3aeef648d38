//go:build !unix && !windows

package exec

import (
	"os"
	osexec "os/exec"
)

// A procGroup is, where there are no process groups (plan9, wasm), the
// process alone: its children are not reached.
type procGroup struct{}

func newGroup(cmd *osexec.Cmd) *procGroup { return &procGroup{} }

func (g *procGroup) started(cmd *osexec.Cmd) {}

func (g *procGroup) kill(cmd *osexec.Cmd) { _ = cmd.Process.Kill() }

func (g *procGroup) interrupt(cmd *osexec.Cmd) { _ = cmd.Process.Signal(os.Interrupt) }

func (g *procGroup) close() {}
