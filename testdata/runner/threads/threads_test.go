package threads

import (
	"runtime"
	"testing"
)

// TestProcess pins more threads than 2 x CPUs, whatever the machine.
func TestProcess(t *testing.T) {
	Process(make([]string, max(64, 4*runtime.NumCPU())))
}
