// Package appendslice shows append to a captured slice from goroutines
// (reported) and the safe ways to collect results (not reported).
package appendslice

import "sync"

type Result struct {
	URL  string
	Code int
}

func check(url string) Result { return Result{URL: url, Code: 200} }

// checkAll appends to one slice from every goroutine.
func checkAll(urls []string) []Result {
	var wg sync.WaitGroup
	var results []Result
	for _, u := range urls {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results = append(results, check(u)) // want `write to slice results \(append\) in goroutine started repeatedly at appendslice.go:\d+ races with read at appendslice.go:\d+ in its other instances; protect the append with a mutex`
		}()
	}
	wg.Wait()
	return results
}

// checkAllLocked guards the append.
func checkAllLocked(urls []string) []Result {
	var wg sync.WaitGroup
	var mu sync.Mutex
	var results []Result
	for _, u := range urls {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := check(u)
			mu.Lock()
			results = append(results, r)
			mu.Unlock()
		}()
	}
	wg.Wait()
	return results
}

// checkAllIndexed writes distinct preallocated elements and reads them
// after Wait.
func checkAllIndexed(urls []string) []Result {
	var wg sync.WaitGroup
	results := make([]Result, len(urls))
	for i, u := range urls {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i] = check(u)
		}()
	}
	wg.Wait()
	ok := 0
	for i := range results {
		if results[i].Code == 200 {
			ok++
		}
	}
	_ = ok
	return results
}

// checkAllChannel collects over a channel.
func checkAllChannel(urls []string) []Result {
	ch := make(chan Result)
	for _, u := range urls {
		go func(u string) { ch <- check(u) }(u)
	}
	var results []Result
	for range urls {
		results = append(results, <-ch)
	}
	return results
}
