// Package closesend shows channels closed while goroutines may still
// send on them (reported: a send on a closed channel panics, and the race
// detector reports the close racing with the send), and the safe shapes:
// close after every sender is done, the only sender closing its own
// channel, a closer goroutine that waits for the senders (not reported).
package closesend

import (
	"context"
	"sync"
)

type result struct {
	url  string
	code int
}

func fetch(ctx context.Context, url string) result { return result{url: url} }

// crawlLeaky closes results once the loop has started every fetch, not
// once they are done.
func crawlLeaky(ctx context.Context, urls []string) <-chan result {
	results := make(chan result, len(urls))
	for _, u := range urls {
		go func() {
			results <- fetch(ctx, u)
		}()
	}
	close(results) // want `close of channel results races with send at closesend.go:\d+ in goroutine started at closesend.go:\d+: a send on a closed channel panics`
	return results
}

// crawl waits for the fetches before closing.
func crawl(ctx context.Context, urls []string) <-chan result {
	results := make(chan result, len(urls))
	var wg sync.WaitGroup
	for _, u := range urls {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results <- fetch(ctx, u)
		}()
	}
	wg.Wait()
	close(results)
	return results
}

// crawlStreaming lets a closer goroutine wait for the fetches.
func crawlStreaming(ctx context.Context, urls []string) <-chan result {
	results := make(chan result)
	var wg sync.WaitGroup
	for _, u := range urls {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results <- fetch(ctx, u)
		}()
	}
	go func() {
		wg.Wait()
		close(results)
	}()
	return results
}

// produce is the only sender and closes its own channel.
func produce(ctx context.Context, urls []string) <-chan result {
	out := make(chan result)
	go func() {
		defer close(out)
		for _, u := range urls {
			select {
			case out <- fetch(ctx, u):
			case <-ctx.Done():
				return
			}
		}
	}()
	return out
}

// A Pump forwards events until it is stopped.
type Pump struct {
	events chan string
	stop   chan struct{}
}

// runStopped closes events right after asking the forwarder to stop,
// while it may still be sending.
func runStopped(p *Pump, in []string) {
	go func() {
		for _, e := range in {
			select {
			case p.events <- e:
			case <-p.stop:
				return
			}
		}
	}()
	close(p.stop)
	close(p.events) // want `close of channel p.events races with send at closesend.go:\d+ in goroutine started at closesend.go:\d+`
}

// runJoined waits for the forwarder's done signal first.
func runJoined(p *Pump, in []string) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		for _, e := range in {
			select {
			case p.events <- e:
			case <-p.stop:
				return
			}
		}
	}()
	close(p.stop)
	<-done
	close(p.events)
}
