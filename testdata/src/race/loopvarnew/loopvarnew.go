// Package loopvarnew is the same code as loopvarold under Go 1.22+
// semantics: every iteration has its own loop variable, so capturing it
// is safe (not reported).
package loopvarnew

import "sync"

func process(i int, name string) {}

func startWorkers(names []string) {
	var wg sync.WaitGroup
	for i := 0; i < len(names); i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			process(i, names[i])
		}()
	}
	wg.Wait()
}

func startRange(names []string) {
	var wg sync.WaitGroup
	for i, n := range names {
		wg.Add(1)
		go func() {
			defer wg.Done()
			process(i, n)
		}()
	}
	wg.Wait()
}
