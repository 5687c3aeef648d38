// Package wronglock holds accesses made under a lock that is not the
// field's guard, and the orderings that do or do not stand in for it.
package wronglock

import (
	"sync"
	"sync/atomic"
)

type state int

const (
	alive state = iota
	leaving
	left
)

// A lamport clock: every message witnesses it, every event advances it.
type lamport struct{ t atomic.Uint64 }

func (l *lamport) Time() uint64 { return l.t.Load() }

func (l *lamport) Witness(v uint64) {
	for {
		cur := l.t.Load()
		if v < cur || l.t.CompareAndSwap(cur, v+1) {
			return
		}
	}
}

// An Agent guards its state with stateLock and its members with
// memberLock. handleLeaveIntent holds memberLock, the wrong lock, while
// it reads the state that Leave writes under stateLock (reported once,
// at the first call that reaches it).
// Witnessing the clock first orders nothing: a compare-and-swap of a
// counter every message makes publishes no state. Neither does the
// atomic field ignoreJoins, which is not the state's.
type Agent struct {
	name        string
	clock       lamport
	ignoreJoins atomic.Value

	stateLock sync.Mutex
	state     state

	memberLock sync.RWMutex
	members    map[string]uint64
}

func NewAgent(name string) *Agent {
	return &Agent{name: name, members: make(map[string]uint64)}
}

type leaveMsg struct {
	node  string
	ltime uint64
}

func (a *Agent) Leave() {
	a.stateLock.Lock()
	a.state = leaving
	a.stateLock.Unlock()
	a.handleLeaveIntent(leaveMsg{node: a.name, ltime: a.clock.Time()}) // want `a.state read without a.stateLock held in \(\*wronglock.Agent\).handleLeaveIntent at agent.go:\d+, called here`
	a.stateLock.Lock()
	a.state = left
	a.stateLock.Unlock()
}

func (a *Agent) State() state {
	a.stateLock.Lock()
	defer a.stateLock.Unlock()
	return a.state
}

// NotifyMsg is called by the gossip layer's goroutines.
func (a *Agent) NotifyMsg(node string, ltime uint64) bool {
	return a.handleLeaveIntent(leaveMsg{node: node, ltime: ltime})
}

func (a *Agent) handleLeaveIntent(msg leaveMsg) bool {
	a.clock.Witness(msg.ltime)
	a.memberLock.Lock()
	defer a.memberLock.Unlock()
	if msg.node == a.name && a.state == alive {
		return false // refute: we are alive
	}
	if t, ok := a.members[msg.node]; ok && msg.ltime > t {
		delete(a.members, msg.node)
		return true
	}
	return false
}
