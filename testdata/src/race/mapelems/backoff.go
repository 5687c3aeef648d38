// Package mapelems shows objects held in maps. A background loop that
// ranges over a map's values reaches every element, so a caller that
// changes one element's field while the loop runs races with it
// (reported), unless it holds the loop's lock (not reported). Lookups
// of two keys are taken to reach different elements: goroutines that
// each update their own key's element are not reported.
package mapelems

import (
	"sync"
	"time"
)

// A podInfo is one pod waiting to be scheduled again.
type podInfo struct {
	name      string
	attempts  int
	timestamp time.Time
}

// A BackoffQueue holds pods that failed to schedule and moves the
// expired ones back to the active queue from a flush loop.
type BackoffQueue struct {
	lock    sync.Mutex
	pods    map[string]*podInfo
	expired []string
	stop    chan struct{}
}

// NewBackoffQueue returns a queue whose flush loop is running.
func NewBackoffQueue(stop chan struct{}) *BackoffQueue {
	q := &BackoffQueue{pods: make(map[string]*podInfo), stop: stop}
	go q.flushLoop()
	return q
}

func (q *BackoffQueue) flushLoop() {
	t := time.NewTicker(30 * time.Second)
	defer t.Stop()
	for {
		select {
		case <-q.stop:
			return
		case <-t.C:
			q.flushExpired()
		}
	}
}

func (q *BackoffQueue) flushExpired() {
	q.lock.Lock()
	defer q.lock.Unlock()
	for name, p := range q.pods {
		if time.Since(p.timestamp) > time.Minute {
			q.expired = append(q.expired, name)
			p.attempts = 0
		}
	}
}

// Add records a failed attempt of the named pod.
func (q *BackoffQueue) Add(name string) {
	q.lock.Lock()
	defer q.lock.Unlock()
	p, ok := q.pods[name]
	if !ok {
		p = &podInfo{name: name}
		q.pods[name] = p
	}
	p.attempts++
	p.timestamp = time.Now()
}

// ScheduleAll adds the pods, then makes the first one due at once: it
// changes that pod's timestamp without the lock the flush loop holds
// while it reads it.
func ScheduleAll(names []string, stop chan struct{}) *BackoffQueue {
	q := NewBackoffQueue(stop)
	for _, n := range names {
		q.Add(n)
	}
	q.pods[names[0]].timestamp = time.Now().Add(-time.Hour) // want `write to field q.pods\[k\].timestamp races with read at backoff.go:\d+ in goroutine started at backoff.go:\d+ \(by the call at backoff.go:\d+\)`
	return q
}

// ScheduleAllLocked does the same holding the lock.
func ScheduleAllLocked(names []string, stop chan struct{}) *BackoffQueue {
	q := NewBackoffQueue(stop)
	for _, n := range names {
		q.Add(n)
	}
	q.lock.Lock()
	q.pods[names[0]].timestamp = time.Now().Add(-time.Hour)
	q.lock.Unlock()
	return q
}

// touchAll counts an attempt for each pod, one goroutine per key: each
// goroutine updates its own element.
func touchAll(pods map[string]*podInfo, names []string) {
	var wg sync.WaitGroup
	for _, n := range names {
		wg.Add(1)
		go func(n string) {
			defer wg.Done()
			pods[n].attempts++
		}(n)
	}
	wg.Wait()
}
