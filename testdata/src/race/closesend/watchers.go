package closesend

import "sync"

// A revisionWatcher forwards endpoint updates until its probe loop
// ends; run closes the updates channel when it returns.
type revisionWatcher struct {
	updates chan []string
	stopped bool
}

func (rw *revisionWatcher) run() {
	defer close(rw.updates) // want `close of channel rw.updates in goroutine started at watchers.go:\d+ \(by the call at watchers.go:\d+\) races with send at watchers.go:\d+: a send on a closed channel panics`
	rw.stopped = true
}

// A backendsManager creates one watcher per revision.
type backendsManager struct {
	mu       sync.Mutex
	watchers map[string]*revisionWatcher
}

// watcherFor starts a watcher and returns it; the deferred unlock makes
// the function return through its result slot.
func (m *backendsManager) watcherFor(rev string) *revisionWatcher {
	m.mu.Lock()
	defer m.mu.Unlock()
	rw := &revisionWatcher{updates: make(chan []string)}
	m.watchers[rev] = rw
	go rw.run()
	return rw
}

// endpointsUpdated sends to a watcher whose loop may already have
// returned and closed the channel.
func (m *backendsManager) endpointsUpdated(rev string, eps []string) {
	rw := m.watcherFor(rev)
	rw.updates <- eps
}

// A feed is the only sender on its channel and closes it when done;
// readers only receive.
type feed struct {
	events chan string
}

func (f *feed) pump(items []string) {
	defer close(f.events)
	for _, it := range items {
		f.events <- it
	}
}

func startFeed(items []string) *feed {
	f := &feed{events: make(chan string)}
	go f.pump(items)
	return f
}

func drain(items []string) int {
	n := 0
	for range startFeed(items).events {
		n++
	}
	return n
}
