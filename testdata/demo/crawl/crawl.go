// Package crawl is racecheck's demo: a small link checker with the data
// races Go services really ship. Run racecheck on it from the repository
// root:
//
//	go run ./cmd/racecheck -C testdata/demo ./...
package crawl

import (
	"errors"
	"runtime"
	"strings"
	"sync"
	"time"
)

// Page is one fetched page.
type Page struct {
	URL   string
	Links []string
}

// Fetcher fetches pages.
type Fetcher interface {
	Fetch(url string) (Page, error)
}

// Report summarizes a crawl.
type Report struct {
	Pages  int
	Broken []string
	ByHost map[string]int
}

// Check fetches every URL concurrently and reports what it found.
func Check(f Fetcher, urls []string) (Report, error) {
	var wg sync.WaitGroup
	rep := Report{ByHost: make(map[string]int)}
	var err error
	for _, u := range urls {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p, ferr := f.Fetch(u)
			if ferr != nil {
				err = ferr
				rep.Broken = append(rep.Broken, u)
				return
			}
			rep.Pages++
			rep.ByHost[host(p.URL)]++
		}()
	}
	wg.Wait()
	return rep, err
}

// CheckSafe is Check done right: one mutex guards the report and a
// semaphore bounds the fetches in flight.
func CheckSafe(f Fetcher, urls []string) (Report, error) {
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		errs []error
	)
	sem := make(chan struct{}, 2*runtime.NumCPU())
	rep := Report{ByHost: make(map[string]int)}
	for _, u := range urls {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			p, err := f.Fetch(u)
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				errs = append(errs, err)
				rep.Broken = append(rep.Broken, u)
				return
			}
			rep.Pages++
			rep.ByHost[host(p.URL)]++
		}()
	}
	wg.Wait()
	return rep, errors.Join(errs...)
}

// Monitor re-checks a site in the background.
type Monitor struct {
	f       Fetcher
	url     string
	checks  int
	lastErr error
}

// NewMonitor returns a monitor of url.
func NewMonitor(f Fetcher, url string) *Monitor { return &Monitor{f: f, url: url} }

// Start checks once in the background and returns how many checks ran so
// far, without waiting for the background check.
func (m *Monitor) Start(every time.Duration) int {
	go m.loop(every)
	return m.checks
}

func (m *Monitor) loop(every time.Duration) {
	for i := 0; i < 3; i++ {
		_, m.lastErr = m.f.Fetch(m.url)
		m.checks++
		time.Sleep(every)
	}
}

func host(url string) string {
	url = strings.TrimPrefix(strings.TrimPrefix(url, "https://"), "http://")
	if i := strings.IndexByte(url, '/'); i >= 0 {
		return url[:i]
	}
	return url
}
