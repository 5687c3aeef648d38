package container

import "sync"

// A Member is what a Cluster announces to its delegates.
type Member struct {
	Name string
	Addr string
	Port int
}

// MemberEvent carries a member to the application.
type MemberEvent struct {
	Join   bool
	Member *Member
}

// An EventDelegate is told about joins, with the Cluster's lock held.
type EventDelegate interface {
	NotifyJoin(*Member)
}

// ChannelEventDelegate forwards the events to the application's channel,
// pointer and all: the application reads the member's fields while the
// cluster keeps changing them under its lock (reported).
type ChannelEventDelegate struct {
	Ch chan<- MemberEvent
}

func (d *ChannelEventDelegate) NotifyJoin(m *Member) {
	d.Ch <- MemberEvent{Join: true, Member: m} // want `pointer to c.members\[k\] sent on a channel: join passes it at events.go:\d+, and Cluster.mu guards its fields \(Addr is written under it at events.go:\d+\); the receiver reads them without the lock while they change, so send a copy`
}

// A Cluster tracks its members under mu.
type Cluster struct {
	mu      sync.Mutex
	members map[string]*Member
	events  EventDelegate
	updates UpdateDelegate
}

func (c *Cluster) join(name, addr string, port int) {
	m, ok := c.members[name]
	if !ok {
		m = &Member{Name: name}
		c.members[name] = m
	}
	m.Addr = addr
	m.Port = port
	if c.events != nil {
		c.events.NotifyJoin(m)
	}
	if c.updates != nil {
		c.updates.NotifyUpdate(m)
	}
}

// Alive records a member's address.
func (c *Cluster) Alive(name, addr string, port int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.join(name, addr, port)
}

// Move changes it.
func (c *Cluster) Move(name, addr string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if m, ok := c.members[name]; ok {
		m.Addr = addr
	}
}

// An UpdateDelegate is told about updates.
type UpdateDelegate interface {
	NotifyUpdate(*Member)
}

// ChannelUpdateDelegate sends a copy (not reported).
type ChannelUpdateDelegate struct {
	Ch chan<- MemberEvent
}

func (d *ChannelUpdateDelegate) NotifyUpdate(m *Member) {
	cp := *m
	d.Ch <- MemberEvent{Member: &cp}
}
