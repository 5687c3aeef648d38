// Package unbounded shows goroutines started once per element of input
// with no bound: each call can start as many goroutines as its input has
// elements. Every spawn site here is reported as unbounded-spawn.
package unbounded

import (
	"net/http"
	"os"
	"path/filepath"
	"sync"
)

// Page is a fetched web page.
type Page struct {
	URL    string
	Status int
}

// Crawl fetches every URL at once: a list of a million URLs starts a
// million goroutines and opens as many connections.
func Crawl(urls []string) []Page {
	var (
		mu    sync.Mutex
		wg    sync.WaitGroup
		pages []Page
	)
	for _, u := range urls {
		wg.Add(1)
		go func() { // want `one goroutine per element of urls \(unbounded: len\(urls\) goroutines at once\); bound it with a worker pool of runtime.NumCPU\(\) workers, errgroup.SetLimit or a semaphore`
			defer wg.Done()
			resp, err := http.Get(u)
			if err != nil {
				return
			}
			resp.Body.Close()
			mu.Lock()
			pages = append(pages, Page{URL: u, Status: resp.StatusCode})
			mu.Unlock()
		}()
	}
	wg.Wait()
	return pages
}

// Subscriber receives notifications.
type Subscriber interface{ Notify(msg string) }

// Broadcast notifies every subscriber in its own goroutine.
func Broadcast(subs map[string]Subscriber, msg string) {
	for _, s := range subs {
		go s.Notify(msg) // want `one goroutine per entry of subs \(unbounded: len\(subs\) goroutines at once\)`
	}
}

// Request is a batch request received from a client.
type Request struct {
	Items []string
}

// HandleBatch validates the items of a request with sync.WaitGroup.Go:
// the client decides how many goroutines the server starts.
func HandleBatch(req *Request) {
	var wg sync.WaitGroup
	for _, item := range req.Items {
		wg.Go(func() { validate(item) }) // want `one goroutine per element of req.Items`
	}
	wg.Wait()
}

func validate(string) {}

// Resize resizes images by index, up to the length of the input.
func Resize(paths []string) {
	var wg sync.WaitGroup
	for i := 0; i < len(paths); i++ {
		wg.Add(1)
		go func() { // want `one goroutine per iteration up to len\(paths\) \(unbounded: len\(paths\) goroutines at once\)`
			defer wg.Done()
			resize(paths[i])
		}()
	}
	wg.Wait()
}

func resize(string) {}

// Rows counts rows through a length held in a local variable.
func Rows(rows [][]string) {
	n := len(rows)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { _ = rows[i] }) // want `one goroutine per iteration up to len\(rows\)`
	}
	wg.Wait()
}

// IndexDir indexes every file in a directory: the directory's size, read
// at run time, sets the number of goroutines.
func IndexDir(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	var wg sync.WaitGroup
	for _, e := range entries {
		wg.Add(1)
		go func() { // want `one goroutine per element of entries`
			defer wg.Done()
			index(filepath.Join(dir, e.Name()))
		}()
	}
	wg.Wait()
	return nil
}

func index(string) {}

// Event is a change notification.
type Event struct{ Key string }

// Drain handles every event of a finite stream in its own goroutine, as
// fast as the producer sends them.
func Drain(events <-chan Event) {
	for ev := range events {
		go apply(ev) // want `one goroutine per value received from events \(unbounded: a goroutine for every value that arrives before the earlier ones finish\)`
	}
}

func apply(Event) {}

// Order is a customer order with many lines.
type Order struct{ Lines []string }

// PriceAll prices every line of every order: the inner collection is an
// element of the input, and grows with it.
func PriceAll(orders []Order) {
	var wg sync.WaitGroup
	for _, o := range orders {
		lines := o.Lines
		for _, l := range lines {
			wg.Go(func() { price(l) }) // want `one goroutine per element of lines`
		}
	}
	wg.Wait()
}

func price(string) {}

// Args starts a goroutine per command-line argument.
func Args() {
	for _, a := range os.Args[1:] {
		go index(a) // want `one goroutine per element of os.Args\[1:\]`
	}
}
