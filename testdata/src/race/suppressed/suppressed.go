// Package suppressed shows //racecheck:ignore directives on race
// findings: a directive with a reason on the write's line or the line
// above hides the finding; one on the other access's line too; a stale
// directive that suppresses nothing is reported.
package suppressed

import "sync"

// hits is a best-effort statistic: losing increments is acceptable.
func hits(reqs []string) int {
	var wg sync.WaitGroup
	n := 0
	for range reqs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			n++ //racecheck:ignore captured-var approximate statistic, lost increments are fine
		}()
	}
	wg.Wait()
	return n
}

// misses has the directive on the line above.
func misses(reqs []string) int {
	var wg sync.WaitGroup
	n := 0
	for range reqs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			//racecheck:ignore captured-var approximate statistic, lost increments are fine
			n++
		}()
	}
	wg.Wait()
	return n
}

// stale has a directive left after the race was fixed.
func stale(reqs []string) int {
	var mu sync.Mutex
	var wg sync.WaitGroup
	n := 0
	for range reqs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			n++ //racecheck:ignore captured-var guarded since the mutex was added // want `directive suppresses no captured-var finding`
			mu.Unlock()
		}()
	}
	wg.Wait()
	return n
}
