package testlog

import (
	"context"
	"errors"
	"sync"
	"testing"

	"golang.org/x/sync/errgroup"
)

// sink forwards the frames a test hands it to a relay, logging each.
type sink struct {
	t    *testing.T
	r    *Relay
	in   chan string
	done chan struct{}
}

// startSink starts the sink's forwarding goroutine.
func startSink(t *testing.T, r *Relay) *sink {
	s := &sink{t: t, r: r, in: make(chan string), done: make(chan struct{})}
	go s.forward()
	return s
}

func (s *sink) forward() {
	defer close(s.done)
	for f := range s.in {
		s.r.Send(f)
		s.t.Logf("sink: forwarded %q", f) // want `s.t.Logf in goroutine started at relay_test.go:\d+ \(by the call at relay_test.go:\d+\) may run after TestSinkLeaks has returned, which panics`
	}
}

// TestSinkLeaks never stops the sink: its last log can come after the
// test has returned. (A test that went on to wait for the relay's output
// would not be reported: what releases that wait might be the sink.)
func TestSinkLeaks(t *testing.T) {
	r := NewRelay()
	s := startSink(t, r)
	s.in <- "hello"
	s.in <- "bye"
}

// startSinkCleanup is the fixed helper: the test's cleanup stops the
// sink and waits for it.
func startSinkCleanup(t *testing.T, r *Relay) *sink {
	s := &sink{t: t, r: r, in: make(chan string), done: make(chan struct{})}
	go s.forwardQuiet()
	t.Cleanup(s.stop)
	return s
}

func (s *sink) forwardQuiet() {
	defer close(s.done)
	for f := range s.in {
		s.r.Send(f)
		s.t.Logf("sink: forwarded %q", f)
	}
}

func (s *sink) stop() {
	close(s.in)
	<-s.done
}

func TestSinkCleanup(t *testing.T) {
	r := NewRelay()
	defer r.Close()
	s := startSinkCleanup(t, r)
	s.in <- "hello"
	<-r.out
}

// TestDecodeAsync checks frames in a goroutine and does not wait for
// it: the error is logged whenever the goroutine gets to it.
func TestDecodeAsync(t *testing.T) {
	frames := make(chan string)
	go func() {
		for f := range frames {
			if _, err := decode(f); err != nil {
				t.Errorf("decode %q: %v", f, err) // want `t.Errorf in goroutine started at relay_test.go:\d+ may run after TestDecodeAsync has returned`
			}
		}
	}()
	frames <- "a"
	frames <- ""
	close(frames)
}

// TestDecodeAsyncWaits is the fixed twin: a WaitGroup joins it.
func TestDecodeAsyncWaits(t *testing.T) {
	frames := make(chan string)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for f := range frames {
			if _, err := decode(f); err != nil {
				t.Errorf("decode %q: %v", f, err)
			}
		}
	}()
	frames <- "a"
	close(frames)
	wg.Wait()
}

// TestSubtestLeaks leaks from a subtest: the panic names the subtest.
func TestSubtestLeaks(t *testing.T) {
	t.Run("decode", func(t *testing.T) {
		frames := make(chan string, 1)
		frames <- ""
		close(frames)
		go func() {
			for f := range frames {
				if _, err := decode(f); err != nil {
					t.Log(err) // want `t.Log in goroutine started at relay_test.go:\d+ may run after the subtest has returned`
				}
			}
		}()
	})
}

// TestDeferredJoin waits in a deferred receive.
func TestDeferredJoin(t *testing.T) {
	done := make(chan struct{})
	defer func() { <-done }()
	go func() {
		defer close(done)
		t.Log("working")
	}()
}

// mustDecode fails the test that calls it.
func mustDecode(t *testing.T, f string) string {
	s, err := decode(f)
	if err != nil {
		t.Fatalf("decode %q: %v", f, err) // want `t.Fatalf \(through mustDecode at relay_test.go:\d+\) in goroutine started at relay_test.go:\d+ ends only that goroutine, not the test`
	}
	return s
}

// TestFatalViaHelper calls a t.Fatal helper from a goroutine: go vet sees
// only calls written in the goroutine's body.
func TestFatalViaHelper(t *testing.T) {
	var wg sync.WaitGroup
	for _, f := range []string{"a", "b"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mustDecode(t, f)
		}()
	}
	wg.Wait()
	mustDecode(t, "c") // the test's own goroutine
}

// TestFatalInGroup fails from errgroup goroutines, which go vet does
// not follow.
func TestFatalInGroup(t *testing.T) {
	var g errgroup.Group
	g.Go(func() error {
		if _, err := decode(""); err != nil {
			t.Fatal(err) // want `t.Fatal in goroutine started at relay_test.go:\d+ ends only that goroutine`
		}
		return nil
	})
	_ = g.Wait()
}

// TestErrorInGroup is the fixed twin: the error goes back to the test.
func TestErrorInGroup(t *testing.T) {
	var g errgroup.Group
	g.Go(func() error {
		_, err := decode("")
		return err
	})
	if err := g.Wait(); err != nil {
		t.Fatal(err)
	}
}

// watcher fails the test from its own loop, through a field.
type watcher struct {
	t      *testing.T
	frames chan string
	done   chan struct{}
}

func (w *watcher) run() {
	defer close(w.done)
	for f := range w.frames {
		if f == "" {
			w.t.Fatal("empty frame") // want `w.t.Fatal in goroutine started at relay_test.go:\d+ ends only that goroutine`
		}
	}
}

func TestWatcher(t *testing.T) {
	w := &watcher{t: t, frames: make(chan string), done: make(chan struct{})}
	go w.run()
	w.frames <- "x"
	close(w.frames)
	<-w.done
}

// TestVetSees is go vet's report (testinggoroutine), not repeated.
func TestVetSees(t *testing.T) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		if _, err := decode(""); err != nil {
			t.Fatal(err)
		}
	}()
	<-done
}

// TestWatchCancel cancels the watcher in a cleanup but does not wait for
// it: the cancellation is no join, and the last log can come after the
// test has completed.
func TestWatchCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	frames := make(chan string)
	go func() {
		for {
			select {
			case <-ctx.Done():
				t.Log("watch stopped") // want `t.Log \(and 1 more report\) in goroutine started at relay_test.go:\d+ may run after TestWatchCancel has returned`
				return
			case f := <-frames:
				if _, err := decode(f); err != nil {
					t.Error(err)
				}
			}
		}
	}()
	frames <- "a"
}

// A client checks for shutdown without waiting (its select has a
// default) before a call, and waits for the reply in await.
type client struct {
	shutdownCh chan struct{}
	replies    chan string
}

func (c *client) call(req string) error {
	select {
	case <-c.shutdownCh:
		return errors.New("client closed")
	default:
	}
	return nil
}

func (c *client) await() (string, error) {
	select {
	case r := <-c.replies:
		return r, nil
	case <-c.shutdownCh:
		return "", errors.New("client closed")
	}
}

// TestCallLeaks only polls the client's shutdown channel, which is no
// wait: the consumer's log can come after the test has returned.
func TestCallLeaks(t *testing.T) {
	c := &client{shutdownCh: make(chan struct{})}
	reqs := make(chan string, 1)
	go func() {
		for r := range reqs {
			t.Logf("got %q", r) // want `t.Logf in goroutine started at relay_test.go:\d+ may run after TestCallLeaks has returned`
		}
	}()
	if err := c.call("ping"); err != nil {
		t.Fatal(err)
	}
	reqs <- "ping"
}

// TestCallAwaits blocks for the reply, which whoever serves the
// consumer's requests may send after its log: not reported.
func TestCallAwaits(t *testing.T) {
	c := &client{shutdownCh: make(chan struct{}), replies: make(chan string)}
	reqs := make(chan string, 1)
	go func() {
		for r := range reqs {
			t.Logf("got %q", r)
		}
	}()
	reqs <- "ping"
	if _, err := c.await(); err != nil {
		t.Fatal(err)
	}
}
