// Package handler shows state shared between the requests of an HTTP
// handler, which net/http serves concurrently: counters and lazily
// initialized fields written without a lock (reported), and the safe
// versions: a mutex, an atomic type, sync.Once, per-request values
// (not reported).
package handler

import (
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
)

type API struct {
	requests int
	greeting string
	served   atomic.Int64

	mu     sync.Mutex
	byPath map[string]int

	once sync.Once
	motd string
}

func (a *API) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	a.requests++ // want `a.requests written without a lock in HTTP handler ServeHTTP: net/http serves requests concurrently`
	if a.greeting == "" {
		a.greeting = "hello" // want `a.greeting written without a lock in HTTP handler ServeHTTP`
	}
	a.served.Add(1)
	a.mu.Lock()
	a.byPath[r.URL.Path]++
	a.mu.Unlock()
	a.once.Do(func() { a.motd = "welcome" })
	n := 0
	n++
	fmt.Fprintln(w, a.greeting, a.motd, n)
}

type Stats struct {
	mu   sync.Mutex
	hits map[string]int
	last string
}

func (s *Stats) handle(w http.ResponseWriter, r *http.Request) {
	s.last = r.URL.Path // want `s.last written without a lock in HTTP handler handle`
	s.mu.Lock()
	s.hits[r.URL.Path]++
	s.mu.Unlock()
}

func Register(mux *http.ServeMux, s *Stats) {
	mux.HandleFunc("/stats", s.handle)
	visits := 0
	var mu sync.Mutex
	seen := 0
	http.HandleFunc("/visit", func(w http.ResponseWriter, r *http.Request) {
		visits++ // want `visits written without a lock in HTTP handler func literal in Register`
		mu.Lock()
		seen++
		mu.Unlock()
	})
}

// plain is a value-receiver handler: every request works on a copy.
type plain struct{ calls int }

func (p plain) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p.calls++
	fmt.Fprintln(w, p.calls)
}
