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
