// want package:`BackoffUntil: waits\(2\); JitterUntil: waits\(3\); Until: waits\(2\)\}$`

package funcvalues

import (
	"sync"
	"time"
)

// Heap and its data both implement Interface: which Pop a call through
// the interface runs depends on the value the caller passes.
type Interface interface {
	Pop() string
	Len() int
}

type heapData struct {
	items map[string]int
	queue []string
}

func (h *heapData) Pop() string {
	key := h.queue[len(h.queue)-1]
	h.queue = h.queue[:len(h.queue)-1]
	delete(h.items, key) // want `write to map q.backoffQ.data.items in goroutine started at queue.go:\d+ \(by the call at queue.go:\d+\) races with read at queue.go:\d+`
	return key
}

func (h *heapData) Len() int { return len(h.queue) }

// Pop removes the last item of h.
func Pop(h Interface) string { return h.Pop() }

type Heap struct {
	data *heapData
}

func (h *Heap) Pop() string { return Pop(h.data) }

func (h *Heap) Len() int { return h.data.Len() }

func (h *Heap) Has(key string) bool {
	_, ok := h.data.items[key]
	return ok
}

func newHeap() *Heap {
	return &Heap{data: &heapData{items: make(map[string]int)}}
}

// PriorityQueue flushes its backoff queue on a goroutine Run starts.
type PriorityQueue struct {
	lock     sync.Mutex
	stop     chan struct{}
	backoffQ *Heap
}

func NewPriorityQueue() *PriorityQueue {
	q := &PriorityQueue{stop: make(chan struct{}), backoffQ: newHeap()}
	q.Run()
	return q
}

func (q *PriorityQueue) Run() {
	go Until(q.flushBackoffQ, time.Second, q.stop)
}

func (q *PriorityQueue) flushBackoffQ() {
	q.lock.Lock()
	defer q.lock.Unlock()
	for q.backoffQ.Len() > 0 {
		q.backoffQ.Pop()
	}
}

// Pending is the unlocked getter: it races with the flush.
func (q *PriorityQueue) Pending(key string) bool {
	return q.backoffQ.Has(key)
}

// PendingLocked takes the queue's lock first.
func (q *PriorityQueue) PendingLocked(key string) bool {
	q.lock.Lock()
	defer q.lock.Unlock()
	return q.backoffQ.Has(key)
}

func schedule() {
	q := NewPriorityQueue()
	_ = q.Pending("pod-1")
	close(q.stop)
}

func scheduleLocked() {
	q := NewPriorityQueue()
	_ = q.PendingLocked("pod-1")
	close(q.stop)
}
