// Package interproc shows races through same-package calls: a goroutine
// calling a helper that writes shared state (reported), and helpers that
// take the lock themselves, including lock helpers (not reported).
package interproc

import "sync"

type Registry struct {
	mu    sync.Mutex
	names map[string]int
	count int
}

func (r *Registry) add(name string) {
	r.names[name]++ // want `write to map r.names in goroutine started repeatedly at interproc.go:\d+`
	r.count++       // want `write to field r.count in goroutine started repeatedly at interproc.go:\d+`
}

func (r *Registry) addLocked(name string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.names[name]++
	r.count++
}

func (r *Registry) lock()   { r.mu.Lock() }
func (r *Registry) unlock() { r.mu.Unlock() }

func (r *Registry) addWithHelpers(name string) {
	r.lock()
	r.names[name]++
	r.count++
	r.unlock()
}

// RegisterAll adds every name from its own goroutine, unsafely.
func RegisterAll(r *Registry, names []string) {
	var wg sync.WaitGroup
	for _, n := range names {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r.add(n)
		}()
	}
	wg.Wait()
}

// RegisterAllLocked does the same through a locking method.
func RegisterAllLocked(r *Registry, names []string) {
	var wg sync.WaitGroup
	for _, n := range names {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r.addLocked(n)
		}()
	}
	wg.Wait()
}

// RegisterAllHelpers locks through lock helpers.
func RegisterAllHelpers(r *Registry, names []string) {
	var wg sync.WaitGroup
	for _, n := range names {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r.addWithHelpers(n)
		}()
	}
	wg.Wait()
}
