package window

import (
	"testing"
	"time"
)

func TestServer(t *testing.T) {
	s := NewServer()
	go s.Start(":8080")
	// Start is almost always done after this short sleep.
	time.Sleep(200 * time.Microsecond)
	if a := s.Addr(); a != "" && a != ":8080" {
		t.Errorf("Addr() = %q", a)
	}
	s.Wait()
}

func TestFetch(t *testing.T) {
	if got := Fetch(func() int { return 42 }, 2*time.Millisecond); got != 42 && got != -1 {
		t.Errorf("Fetch = %d", got)
	}
	time.Sleep(20 * time.Millisecond) // let a late goroutine finish
}

func TestStats(t *testing.T) {
	var s Stats
	s.Record()
	wg := s.Flush(func(int) {})
	wg.Wait()
}

// TestWork stands for the rest of a real suite: tests that only compute,
// whose CPU a plain sweep pays in every run. It runs last and does not
// allocate, so that it shifts no window of the tests above.
func TestWork(t *testing.T) {
	x := uint64(88172645463325252)
	for range 60_000_000 {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
	}
	if x == 0 {
		t.Fatal("xorshift reached 0")
	}
}
