// Package once shows lazy initialization with sync.Once from many
// goroutines (not reported) and the unsynchronized version (reported).
package once

import "sync"

type Config struct{ Addr string }

func loadConfig() *Config { return &Config{Addr: ":8080"} }

// serveAll initializes the shared config once, then reads it.
func serveAll(reqs []string, out chan<- string) {
	var (
		once sync.Once
		cfg  *Config
	)
	for _, r := range reqs {
		go func() {
			once.Do(func() { cfg = loadConfig() })
			out <- cfg.Addr + r
		}()
	}
}

// serveAllRacy checks and sets without synchronization.
func serveAllRacy(reqs []string, out chan<- string) {
	var cfg *Config
	for _, r := range reqs {
		go func() {
			if cfg == nil {
				cfg = loadConfig() // want `write to captured variable cfg in goroutine started repeatedly at once.go:\d+ races with read at once.go:\d+ in its other instances`
			}
			out <- cfg.Addr + r
		}()
	}
}

var (
	rootsOnce sync.Once
	rootsMu   sync.RWMutex
	roots     []string
	rootsErr  error
)

func loadRoots() ([]string, error) { return []string{"root"}, nil }

func initRoots() { roots, rootsErr = loadRoots() }

func systemRoots() []string {
	rootsOnce.Do(initRoots)
	rootsMu.RLock()
	defer rootsMu.RUnlock()
	return roots
}

// verify reads what the once-function wrote, after the Do call in a
// helper: every goroutine calling verify is ordered after initRoots.
func verify() error {
	if systemRoots() == nil {
		return rootsErr
	}
	return nil
}

func verifyAll(n int, errs chan<- error) {
	for i := 0; i < n; i++ {
		go func() { errs <- verify() }()
	}
}
