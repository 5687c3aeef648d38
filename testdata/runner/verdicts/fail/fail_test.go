package fail

import (
	"sync"
	"testing"
)

func TestPasses(t *testing.T) {
	t.Log("a log line is no failure")
	if Sum(1, 2) != 3 {
		t.Fatal("Sum(1, 2) != 3")
	}
}

func TestFatal(t *testing.T) {
	t.Logf("checking Sum")
	if got := Sum(1, 1); got != 3 {
		t.Fatalf("Sum(1, 1) = %d, want 3", got)
	}
}

func TestSubtests(t *testing.T) {
	t.Run("good", func(t *testing.T) {})
	t.Run("bad", func(t *testing.T) { t.Error("subtest bad failed") })
}

// TestRacesOnly fails only through the race detector: it logs, and its
// goroutines race on n.
func TestRacesOnly(t *testing.T) {
	n := 0
	var wg sync.WaitGroup
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			n++
		}()
	}
	wg.Wait()
	t.Logf("n = %d", n)
}
