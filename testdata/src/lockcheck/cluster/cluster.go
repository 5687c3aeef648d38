// Package cluster hands callbacks to another package's queue, which
// calls them from its own goroutine: the callback that reads the member
// list without the lock every other access holds races with Join
// (reported); the one that calls the locked accessor does not.
package cluster

import (
	"sync"
	"time"

	"lockcheck/gossip"
)

// A Cluster tracks its members and gossips about them.
type Cluster struct {
	memberLock sync.RWMutex
	members    map[string]string
	broadcasts *gossip.Queue
	events     *gossip.Queue
}

// New returns a cluster with its queues running.
func New() *Cluster {
	c := &Cluster{members: make(map[string]string)}
	c.broadcasts = &gossip.Queue{
		NumNodes: func() int {
			return len(c.members) // want `c.members read without c.memberLock held`
		},
		Retransmit: 4,
	}
	c.events = &gossip.Queue{NumNodes: c.NumMembers, Retransmit: 4}
	c.broadcasts.Start(time.Second)
	c.events.Start(time.Second)
	return c
}

// NumMembers returns the number of members.
func (c *Cluster) NumMembers() int {
	c.memberLock.RLock()
	defer c.memberLock.RUnlock()
	return len(c.members)
}

// Join adds a member.
func (c *Cluster) Join(name, addr string) {
	c.memberLock.Lock()
	defer c.memberLock.Unlock()
	c.members[name] = addr
}

// Leave removes a member.
func (c *Cluster) Leave(name string) {
	c.memberLock.Lock()
	delete(c.members, name)
	c.memberLock.Unlock()
}
