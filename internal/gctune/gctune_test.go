package gctune

import (
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"testing"
	"time"
)

// TestRaise checks that Raise sets its GOGC, returns to the default
// while the live heap is over the limit and back once it is under,
// restores the previous GOGC when stopped, and leaves a GOGC of the
// user's alone.
func TestRaise(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	t.Setenv("GOGC", "50")
	Raise(400, 1)()
	if got := gcPercent(); got != 100 {
		t.Fatalf("with GOGC set in the environment, GOGC changed to %d", got)
	}
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	const limit = 64 << 20
	restore := Raise(400, limit)
	if got := gcPercent(); got != 400 {
		t.Fatalf("GOGC is %d, want 400", got)
	}
	live := make([][]byte, 0, 2*limit>>20)
	for range cap(live) {
		live = append(live, make([]byte, 1<<20))
	}
	waitPercent(t, 100, "with a live heap over the limit")
	runtime.KeepAlive(live)
	live = nil
	waitPercent(t, 400, "once the live heap is under the limit again")
	restore()
	if got := gcPercent(); got != 100 {
		t.Fatalf("after restore, GOGC is %d, want 100", got)
	}
	runtime.GC()
	time.Sleep(10 * time.Millisecond)
	if got := gcPercent(); got != 100 {
		t.Fatalf("a collection after restore set GOGC to %d", got)
	}
}

func waitPercent(t *testing.T, want int, when string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for gcPercent() != want {
		if time.Now().After(deadline) {
			t.Fatalf("GOGC is %d %s, want %d", gcPercent(), when, want)
		}
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
}

// gcPercent returns the current GOGC without changing it.
func gcPercent() int {
	s := []metrics.Sample{{Name: "/gc/gogc:percent"}}
	metrics.Read(s)
	return int(s[0].Value.Uint64())
}
