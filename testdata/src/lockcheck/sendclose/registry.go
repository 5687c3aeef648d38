package sendclose

import (
	"sync"
	"time"
)

// A Query collects the acknowledgements of one broadcast. Its owner
// closes it when the deadline passes; acknowledgements keep arriving
// from the network until then, and after.
type Query struct {
	id       uint32
	deadline time.Time

	closeLock sync.Mutex
	closed    bool
	ackCh     chan string
	respCh    chan string
}

// Close ends the query and closes its channels, under the lock that the
// senders check the closed flag with.
func (q *Query) Close() {
	q.closeLock.Lock()
	defer q.closeLock.Unlock()
	if q.closed {
		return
	}
	q.closed = true
	close(q.ackCh)
	close(q.respCh)
}

// Finished reports whether the query is closed or past its deadline.
func (q *Query) Finished() bool {
	q.closeLock.Lock()
	defer q.closeLock.Unlock()
	return q.closed || time.Now().After(q.deadline)
}

// sendResponse delivers a response while holding the lock: Close cannot
// run between the check and the send.
func (q *Query) sendResponse(from string) {
	q.closeLock.Lock()
	defer q.closeLock.Unlock()
	if q.closed {
		return
	}
	select {
	case q.respCh <- from:
	default:
	}
}

// A Node keeps the running queries by their logical time.
type Node struct {
	queryLock sync.RWMutex
	queries   map[uint64]*Query
}

// NotifyMsg is called by the transport's receive goroutine for each
// message; acknowledgements and responses go to the query they answer.
func (n *Node) NotifyMsg(ltime uint64, id uint32, from string, ack bool) {
	if ack {
		n.handleAck(ltime, id, from) // want `send on n.queries\[k\].ackCh without n.queries\[k\].closeLock held in \(\*sendclose.Node\).handleAck at registry.go:\d+, called here, but Close closes it with the lock held at registry.go:\d+`
		return
	}
	n.handleResponse(ltime, from)
}

// handleAck takes the query out of the registry; the closed check and
// the send are not atomic, so Close can close ackCh in between.
func (n *Node) handleAck(ltime uint64, id uint32, from string) {
	n.queryLock.RLock()
	q, ok := n.queries[ltime]
	n.queryLock.RUnlock()
	if !ok || q.id != id || q.Finished() {
		return
	}
	select {
	case q.ackCh <- from:
	default:
	}
}

// handleResponse delivers through the query's own locked method: fine.
func (n *Node) handleResponse(ltime uint64, from string) {
	n.queryLock.RLock()
	q := n.queries[ltime]
	n.queryLock.RUnlock()
	if q != nil {
		q.sendResponse(from)
	}
}
