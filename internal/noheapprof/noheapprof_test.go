package noheapprof_test

import (
	"runtime"
	"testing"

	_ "github.com/racecheck/racecheck/internal/noheapprof"
)

// TestOff: importing the package turns the sampling off.
func TestOff(t *testing.T) {
	if runtime.MemProfileRate != 0 {
		t.Errorf("runtime.MemProfileRate = %d after import, want 0", runtime.MemProfileRate)
	}
}
