package main

import (
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"testing"
	"time"
)

// TestTuneVetGC checks that a vet tool process starts at vetGCPercent,
// returns to the default once its live heap passes vetGCLiveLimit, and
// leaves a GOGC of the user's alone.
func TestTuneVetGC(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	before := gcPercent()
	t.Setenv("GOGC", "50")
	tuneVetGC()
	if got := gcPercent(); got != before {
		t.Fatalf("with GOGC set in the environment, GOGC changed from %d to %d", before, got)
	}
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	tuneVetGC()
	if got := gcPercent(); got != vetGCPercent {
		t.Fatalf("GOGC is %d, want %d", got, vetGCPercent)
	}
	live := make([][]byte, 0, 2*vetGCLiveLimit>>20)
	for range cap(live) {
		live = append(live, make([]byte, 1<<20))
	}
	deadline := time.Now().Add(10 * time.Second)
	for gcPercent() != 100 {
		if time.Now().After(deadline) {
			t.Fatal("GOGC still not back to 100 with a live heap over the limit")
		}
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
	runtime.KeepAlive(live)
}

// gcPercent returns the current GOGC without changing it.
func gcPercent() int {
	s := []metrics.Sample{{Name: "/gc/gogc:percent"}}
	metrics.Read(s)
	return int(s[0].Value.Uint64())
}
