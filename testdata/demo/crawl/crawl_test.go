package crawl

import (
	"errors"
	"testing"
	"time"
)

type fakeFetcher map[string]Page

// fetchDelay staggers the fetches, so that Check's goroutines update the
// report at different moments: the race detector still sees every race
// (it does not need the accesses to overlap in time), while the runtime's
// concurrent map write check, which would crash the test, does not fire.
func fetchDelay(url string) time.Duration {
	for i, u := range urls {
		if u == url {
			return time.Duration(1+5*i) * time.Millisecond
		}
	}
	return time.Millisecond
}

func (f fakeFetcher) Fetch(url string) (Page, error) {
	time.Sleep(fetchDelay(url))
	if p, ok := f[url]; ok {
		return p, nil
	}
	return Page{}, errors.New("not found: " + url)
}

var site = fakeFetcher{
	"https://go.dev/":     {URL: "https://go.dev/", Links: []string{"https://go.dev/doc/"}},
	"https://go.dev/doc/": {URL: "https://go.dev/doc/"},
	"https://pkg.go.dev/": {URL: "https://pkg.go.dev/"},
}

var urls = []string{"https://go.dev/", "https://go.dev/doc/", "https://pkg.go.dev/", "https://go.dev/missing", "https://go.dev/gone"}

func TestCheck(t *testing.T) {
	rep, err := Check(site, urls)
	if err == nil {
		t.Error("Check: want an error for the missing pages")
	}
	if rep.Pages+len(rep.Broken) == 0 {
		t.Errorf("Check: empty report %+v", rep)
	}
}

func TestCheckSafe(t *testing.T) {
	rep, err := CheckSafe(site, urls)
	if err == nil || rep.Pages != 3 || len(rep.Broken) != 2 || rep.ByHost["go.dev"] != 2 {
		t.Errorf("CheckSafe = %+v, %v", rep, err)
	}
}

func TestMonitor(t *testing.T) {
	m := NewMonitor(site, "https://go.dev/")
	m.Start(time.Millisecond)
	time.Sleep(10 * time.Millisecond)
}

func TestCache(t *testing.T) {
	c := NewCache()
	c.Put(site["https://go.dev/"])
	done := make(chan bool)
	go func() {
		for range 100 {
			c.Get("https://go.dev/")
		}
		done <- true
	}()
	for range 100 {
		if c.Hits() > 100 {
			t.Error("too many hits")
		}
	}
	<-done
}
