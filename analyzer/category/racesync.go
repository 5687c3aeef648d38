package category

// raceSyncDocs documents the categories of the race analyzer about
// misused synchronization rather than shared memory: tests that hear
// from their goroutines too late or the wrong way, and WaitGroup
// counters raised while another goroutine waits.
var raceSyncDocs = []Doc{
	{
		ID: "test-after-return", Analyzer: "race", Severity: "error",
		Title: "goroutine logs to a test that may have returned",
		Text: `A goroutine started by a test (itself, or by a helper or constructor the
test calls) that calls t.Log, t.Logf, t.Error, t.Errorf or t.Fail on the
test's t, and that nothing waits for before the test returns: no
WaitGroup Wait, no receive from a channel it closes, no deferred join
and no function registered with t.Cleanup that waits for it. Once the
test has completed, the testing package panics ("Log in goroutine after
TestX has completed"), or the message is lost; the race detector reports
the goroutine's write to the test's state. One finding per goroutine, at
its first such call. Not reported: calls the goroutine makes only after
receiving from a channel the test never sends on, and goroutines of a
test that blocks, after starting them, on a receive or read it does not
release itself (what releases it may be the goroutine); a receive case of
a select with a default, such as a shutdown check, does not block.`,
		Bad: `go func() {
	for f := range frames {
		if _, err := decode(f); err != nil {
			t.Errorf("decode %q: %v", f, err)
		}
	}
}()`,
		Good: `var wg sync.WaitGroup
wg.Add(1)
go func() {
	defer wg.Done()
	for f := range frames {
		...
	}
}()
...
close(frames)
wg.Wait()`,
		Program: `package example

import (
	"errors"
	"testing"
)

func decode(f string) (string, error) {
	if f == "" {
		return "", errors.New("empty")
	}
	return f, nil
}

func TestDecode(t *testing.T) {
	frames := make(chan string)
	go func() {
		for f := range frames {
			if _, err := decode(f); err != nil {
				t.Errorf("decode %q: %v", f, err)
			}
		}
	}()
	frames <- ""
	close(frames)
}
`,
	},
	{
		ID: "fatal-in-goroutine", Analyzer: "race", Severity: "error",
		Title: "t.Fatal or t.Skip called from a goroutine other than the test's",
		Text: `FailNow, and Fatal, Fatalf, Skip, Skipf and SkipNow that call it or
SkipNow, end the goroutine that calls them with runtime.Goexit: from a
goroutine other than the test's they end that goroutine only, the test
goes on past the failure, and a WaitGroup the goroutine should have
marked Done may never be. go vet's testinggoroutine pass reports such
calls written in the body of a go statement's function in a test; this
check reports those it does not see: calls made through a helper the
goroutine calls (mustDecode(t, f)), on a t kept in a field (w.t.Fatal),
and from errgroup.Group.Go, WaitGroup.Go and time.AfterFunc goroutines.
One finding per function that makes such calls (a helper is fixed once,
whichever goroutines call it), at its first. testing.B.RunParallel
bodies may call b.Fatal. Report with t.Error and return, or send the
error back to the test's goroutine.`,
		Bad: `g.Go(func() error {
	if err := check(); err != nil {
		t.Fatal(err)
	}
	return nil
})`,
		Good: `g.Go(check)
if err := g.Wait(); err != nil {
	t.Fatal(err)
}`,
	},
	{
		ID: "waitgroup-add-wait", Analyzer: "race", Severity: "error",
		Title: "sync.WaitGroup.Add that may run while Wait waits",
		Text: `An Add that finds the counter at zero must happen before Wait. A
goroutine that adds to a WaitGroup (an event loop that counts each
handler it starts, or a worker that counts itself) while another
goroutine may already wait on it races with that Wait: Wait can return
before the new work starts, and the race detector reports the Add and
the Wait. Reported when the model sees both run at once: the Add in a
goroutine, the Wait in the code that runs with it, neither ordered by a
join, an Add made before the goroutine started, or a mutex held at the
Add that the waiting code takes before it waits (a closed flag checked
under the mutex that guards Add, set before Wait). Count the adding
goroutine itself (Add(1) before starting it, Done when it ends), or
guard Add with a closed flag under a mutex.`,
		Bad: `func (d *Dispatcher) dispatch(e Event) {
	d.wg.Add(1)
	go func() { defer d.wg.Done(); d.handle(e) }()
}
func (d *Dispatcher) Stop() { close(d.quit); d.wg.Wait() }`,
		Good: `func (d *Dispatcher) Start() { d.wg.Add(1); go d.loop() } // loop: defer d.wg.Done()`,
		Program: `package example

import "sync"

type Event struct{ Topic string }

type Dispatcher struct {
	events chan Event
	quit   chan struct{}
	wg     sync.WaitGroup
	handle func(Event)
}

func (d *Dispatcher) loop() {
	for {
		select {
		case e := <-d.events:
			d.dispatch(e)
		case <-d.quit:
			return
		}
	}
}

func (d *Dispatcher) dispatch(e Event) {
	d.wg.Add(1)
	go func() { defer d.wg.Done(); d.handle(e) }()
}
func (d *Dispatcher) Stop() { close(d.quit); d.wg.Wait() }

func Run(d *Dispatcher) {
	go d.loop()
	d.events <- Event{"a"}
	d.Stop()
}
`,
	},
}
