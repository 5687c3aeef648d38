// want package:`\) Gate.Lock: waits\(0.set\*\) waits\(0.unset\*\); Gate.Unlock: signals\(0.set\*\) signals\(0.unset\*\); Gate.WaitAndLock: waits\(0.set\*\)\}$`

// Package gate is a lock built on channels (a receive takes it, a send
// gives it back), as golang.org/x/net/internal/gate: its methods'
// channel operations travel to importers in a SyncSummary fact.
package gate

import "context"

// A Gate is a lock with a condition: set or unset.
type Gate struct {
	set   chan struct{}
	unset chan struct{}
}

// New returns an unlocked gate.
func New(set bool) *Gate {
	g := &Gate{set: make(chan struct{}, 1), unset: make(chan struct{}, 1)}
	g.Unlock(set)
	return g
}

// Lock takes the gate and says whether it was set.
func (g *Gate) Lock() bool {
	select {
	case <-g.set:
		return true
	case <-g.unset:
		return false
	}
}

// WaitAndLock takes the gate once it is set.
func (g *Gate) WaitAndLock(ctx context.Context) error {
	select {
	case <-g.set:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Unlock gives the gate back, set or unset.
func (g *Gate) Unlock(set bool) {
	if set {
		g.set <- struct{}{}
	} else {
		g.unset <- struct{}{}
	}
}
