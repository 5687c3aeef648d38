// Package wgadd shows WaitGroup.Add inside the goroutine it counts
// (reported, with a fix when the move is mechanical) and the correct
// and unrelated forms (not reported).
package wgadd

import "sync"

func work(int) {}

type server struct {
	wg sync.WaitGroup
}

// addInside is the pattern: fixed by moving the Add before the go.
func addInside(items []int) {
	var wg sync.WaitGroup
	for _, it := range items {
		go func() {
			wg.Add(1) // want `wg.Add runs inside the goroutine it counts, so wg.Wait may return before the goroutine starts`
			defer wg.Done()
			work(it)
		}()
	}
	wg.Wait()
}

// fieldInside counts on a field, through a pointer receiver.
func (s *server) fieldInside() {
	go func() {
		s.wg.Add(1) // want `s.wg.Add runs inside the goroutine it counts`
		work(0)
		s.wg.Done()
	}()
	s.wg.Wait()
}

// pointerInside counts on a *sync.WaitGroup parameter.
func pointerInside(wg *sync.WaitGroup) {
	go func() {
		wg.Add(1) // want `wg.Add runs inside the goroutine it counts`
		defer wg.Done()
	}()
}

// variableCount is reported but not fixed: n could change before the
// goroutine runs, so moving the Add is not mechanical.
func variableCount(n int) {
	var wg sync.WaitGroup
	go func() {
		wg.Add(n) // want `wg.Add runs inside the goroutine it counts`
		defer wg.Done()
	}()
	wg.Wait()
}

// oneLine is reported but not fixed: the edit would break the layout.
func oneLine() {
	var wg sync.WaitGroup
	go func() { wg.Add(1); defer wg.Done() }() // want `wg.Add runs inside the goroutine it counts`
	wg.Wait()
}

// suppressed carries a directive with a reason.
func suppressed() {
	var wg sync.WaitGroup
	go func() {
		wg.Add(1) //racecheck:ignore waitgroup-add Wait is called only after ready is closed below
		defer wg.Done()
	}()
	wg.Wait()
}

// addBefore is the correct form.
func addBefore(items []int) {
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			work(it)
		}()
	}
	wg.Wait()
}

// spawner adds for the goroutines it starts itself, and is counted by
// its parent: its Add cannot race with Wait.
func spawner(items []int) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for _, it := range items {
			wg.Add(1)
			go func() {
				defer wg.Done()
				work(it)
			}()
		}
	}()
	wg.Wait()
}

// localGroup waits on its own WaitGroup inside the goroutine.
func localGroup() {
	go func() {
		var wg sync.WaitGroup
		wg.Add(1)
		go func() { defer wg.Done() }()
		wg.Wait()
	}()
}

// noDone adds for someone else and does not count itself.
func noDone(wg *sync.WaitGroup, done chan struct{}) {
	go func() {
		wg.Add(1)
		close(done)
	}()
}
