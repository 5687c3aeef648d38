package noheapprof_test

import (
	"runtime"
	"testing"

	"github.com/racecheck/racecheck/internal/noheapprof"
)

// TestOff: importing the package turns the sampling off, and Restore
// turns it back on at the runtime's rate.
func TestOff(t *testing.T) {
	if runtime.MemProfileRate != 0 {
		t.Errorf("runtime.MemProfileRate = %d after import, want 0", runtime.MemProfileRate)
	}
	noheapprof.Restore()
	defer func() { runtime.MemProfileRate = 0 }()
	if runtime.MemProfileRate != 512*1024 { // the runtime's documented default
		t.Errorf("runtime.MemProfileRate = %d after Restore, want 524288", runtime.MemProfileRate)
	}
}
