// Command vetmod is the fixture of racecheck's go vet and command-line
// tests: each goroutine calls wg.Add inside itself (waitgroup-add, with a
// suggested fix), so wg.Wait can return before they have run. Everything
// else is synchronized.
package main

import (
	"fmt"
	"sync"
)

func main() {
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		total int
	)
	for i := range 4 {
		go func() {
			wg.Add(1)
			defer wg.Done()
			mu.Lock()
			total += i
			mu.Unlock()
		}()
	}
	wg.Wait()
	mu.Lock()
	fmt.Println(total)
	mu.Unlock()
}
