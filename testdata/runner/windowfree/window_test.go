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
