//go:build go1.21

// Package loopvarold is compiled with Go 1.21 semantics: one loop
// variable shared by all iterations, so goroutines that capture it race
// with the loop's increment (reported).
package loopvarold

import "sync"

func process(i int, name string) {}

// startWorkers captures i and name, which the loop keeps overwriting.
func startWorkers(names []string) {
	var wg sync.WaitGroup
	for i := 0; i < len(names); i++ { // want `write to loop variable i races with read at loopvarold.go:\d+ in goroutine started at loopvarold.go:\d+; pass it to the goroutine as an argument`
		wg.Add(1)
		go func() {
			defer wg.Done()
			process(i, names[i])
		}()
	}
	wg.Wait()
}

// startWorkersArg passes the loop variable as an argument.
func startWorkersArg(names []string) {
	var wg sync.WaitGroup
	for i := 0; i < len(names); i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			process(i, names[i])
		}(i)
	}
	wg.Wait()
}
