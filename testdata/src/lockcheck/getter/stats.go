package getter

import (
	"strconv"
	"sync"
	"sync/atomic"
)

// A Cluster tracks its members under memberLock; its clocks are atomic.
// Stats reads the member count without the lock and only then loads the
// clock: the atomic load comes after the read and publishes nothing to
// it (reported). Snapshot loads the generation first, but a counter
// orders the read only after the writes made before the increment it
// saw: the next Publish or a Reset still races with it (reported).
type Cluster struct {
	memberLock sync.RWMutex
	members    map[string]string
	clock      *lamport
	generation *lamport
	snapshot   []string
}

// A lamport clock is safe for concurrent use.
type lamport struct{ t atomic.Uint64 }

func (l *lamport) Time() uint64      { return l.t.Load() }
func (l *lamport) Increment() uint64 { return l.t.Add(1) }

func (c *Cluster) Join(name, addr string) {
	c.memberLock.Lock()
	defer c.memberLock.Unlock()
	c.members[name] = addr
	c.clock.Increment()
}

func (c *Cluster) Leave(name string) {
	c.memberLock.Lock()
	defer c.memberLock.Unlock()
	delete(c.members, name)
	c.clock.Increment()
}

func (c *Cluster) Member(name string) string {
	c.memberLock.RLock()
	defer c.memberLock.RUnlock()
	return c.members[name]
}

func (c *Cluster) Stats() map[string]string {
	return map[string]string{
		"members": strconv.Itoa(len(c.members)), // want `c.members read without c.memberLock held`
		"clock":   strconv.FormatUint(c.clock.Time(), 10),
	}
}

// Publish replaces the snapshot under the lock and bumps the generation.
func (c *Cluster) Publish(s []string) {
	c.memberLock.Lock()
	c.snapshot = s
	c.memberLock.Unlock()
	c.generation.Increment()
}

func (c *Cluster) Reset() {
	c.memberLock.Lock()
	c.snapshot = nil
	c.memberLock.Unlock()
}

func (c *Cluster) Snapshot() []string {
	if c.generation.Time() == 0 {
		return nil
	}
	return c.snapshot // want `c.snapshot read without c.memberLock held`
}
