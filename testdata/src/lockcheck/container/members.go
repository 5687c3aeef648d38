// Package container shows the objects a map holds, guarded by the mutex
// of the object that holds the map: every write of a member's fields
// holds the registry's lock, so a read of a member taken out of the map
// and used after the unlock races with them (reported). A read made
// before the unlock, or of a copy taken under the lock, is not.
package container

import (
	"sync"
	"time"
)

type member struct {
	name        string
	incarnation uint32
	state       int
	changed     time.Time
}

// A Registry tracks the members of a gossip cluster.
type Registry struct {
	mu      sync.Mutex
	members map[string]*member
	dead    []string
}

func NewRegistry() *Registry {
	return &Registry{members: make(map[string]*member)}
}

// Alive records that a member is alive at an incarnation.
func (r *Registry) Alive(name string, inc uint32) {
	r.mu.Lock()
	defer r.mu.Unlock()
	m, ok := r.members[name]
	if !ok {
		m = &member{name: name}
		r.members[name] = m
	}
	if inc > m.incarnation {
		m.incarnation = inc
		m.state = 0
		m.changed = time.Now()
	}
}

// Refute answers a suspicion of the local member by bumping its
// incarnation.
func (r *Registry) Refute(name string) uint32 {
	r.mu.Lock()
	defer r.mu.Unlock()
	m, ok := r.members[name]
	if !ok {
		return 0
	}
	m.incarnation++
	m.state = 0
	return m.incarnation
}

// Suspect marks a member suspect and arms its timeout.
func (r *Registry) Suspect(name string, inc uint32) {
	r.mu.Lock()
	defer r.mu.Unlock()
	m, ok := r.members[name]
	if !ok || inc < m.incarnation {
		return
	}
	m.state = 1
	m.changed = time.Now()
	since := m.changed
	time.AfterFunc(time.Second, func() { r.Timeout(name, since) })
}

// Timeout declares a member dead if it is still suspect since the given
// time: it reads the incarnation after releasing the lock.
func (r *Registry) Timeout(name string, since time.Time) {
	r.mu.Lock()
	m, ok := r.members[name]
	timeout := ok && m.state == 1 && m.changed.Equal(since)
	r.mu.Unlock()
	if timeout {
		r.declareDead(name, m.incarnation) // want `r.members\[k\].incarnation read without r.mu held \(r.mu guards r.members\[k\].incarnation at \d+ of \d+ accesses, e.g. members.go:\d+\)`
	}
}

// Expire does the same, copying the incarnation under the lock.
func (r *Registry) Expire(name string, since time.Time) {
	r.mu.Lock()
	m, ok := r.members[name]
	timeout := ok && m.state == 1 && m.changed.Equal(since)
	var inc uint32
	if ok {
		inc = m.incarnation
	}
	r.mu.Unlock()
	if timeout {
		r.declareDead(name, inc)
	}
}

func (r *Registry) declareDead(name string, inc uint32) {
	r.mu.Lock()
	defer r.mu.Unlock()
	m, ok := r.members[name]
	if !ok || inc < m.incarnation {
		return
	}
	m.state = 2
	r.dead = append(r.dead, name)
}
