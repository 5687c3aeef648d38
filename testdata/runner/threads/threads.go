// Package threads pins one OS thread per item, the pattern racecheck's
// spawn analysis warns about: the process's thread count grows with the
// input instead of with GOMAXPROCS.
package threads

import (
	"runtime"
	"sync"
	"time"
)

// Process handles each item in a goroutine locked to its own OS thread.
func Process(items []string) {
	var wg sync.WaitGroup
	for range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			runtime.LockOSThread()
			defer runtime.UnlockOSThread()
			time.Sleep(200 * time.Millisecond)
		}()
	}
	wg.Wait()
}
