//go:build windows

package exec

import (
	osexec "os/exec"
	"syscall"
	"unsafe"

	"golang.org/x/sys/windows"
)

// A procGroup is, on Windows, a console process group (for CTRL_BREAK,
// which Go programs receive as os.Interrupt) and a job object holding
// the process and, since children inherit the job, every process it
// starts, so that a kill reaches grandchildren as a process group
// kill does on Unix.
type procGroup struct {
	job windows.Handle // 0 when the job could not be created
}

// newGroup makes cmd start in a new console process group.
func newGroup(cmd *osexec.Cmd) *procGroup {
	cmd.SysProcAttr = &syscall.SysProcAttr{CreationFlags: windows.CREATE_NEW_PROCESS_GROUP}
	return &procGroup{}
}

// started puts the process in a job object that kills its processes
// when the job's last handle closes. A child the process starts before
// this call (microseconds after it starts) escapes the job; the direct
// process is still killed by kill.
func (g *procGroup) started(cmd *osexec.Cmd) {
	job, err := windows.CreateJobObject(nil, nil)
	if err != nil {
		return
	}
	info := windows.JOBOBJECT_EXTENDED_LIMIT_INFORMATION{
		BasicLimitInformation: windows.JOBOBJECT_BASIC_LIMIT_INFORMATION{LimitFlags: windows.JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE},
	}
	if _, err := windows.SetInformationJobObject(job, windows.JobObjectExtendedLimitInformation,
		uintptr(unsafe.Pointer(&info)), uint32(unsafe.Sizeof(info))); err != nil {
		windows.CloseHandle(job)
		return
	}
	proc, err := windows.OpenProcess(windows.PROCESS_SET_QUOTA|windows.PROCESS_TERMINATE, false, uint32(cmd.Process.Pid))
	if err != nil {
		windows.CloseHandle(job)
		return
	}
	defer windows.CloseHandle(proc)
	if err := windows.AssignProcessToJobObject(job, proc); err != nil {
		windows.CloseHandle(job)
		return
	}
	g.job = job
}

// kill terminates every process of the job, or the process alone when
// there is no job.
func (g *procGroup) kill(cmd *osexec.Cmd) {
	if g.job != 0 {
		_ = windows.TerminateJobObject(g.job, 1)
	}
	_ = cmd.Process.Kill()
}

// interrupt sends CTRL_BREAK to the process group (its ID is the
// process's). It needs the console racecheck runs in; without one the
// program gets no signal and is killed after the grace period.
func (g *procGroup) interrupt(cmd *osexec.Cmd) {
	_ = windows.GenerateConsoleCtrlEvent(windows.CTRL_BREAK_EVENT, uint32(cmd.Process.Pid))
}

// close releases the job; with KILL_ON_JOB_CLOSE, processes still in it
// (grandchildren left behind by a program that exited) are killed.
func (g *procGroup) close() {
	if g.job != 0 {
		windows.CloseHandle(g.job)
		g.job = 0
	}
}
