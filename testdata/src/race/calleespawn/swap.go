package calleespawn

import "sync"

// A balancedConn keeps one subconnection per address; its watcher
// goroutine adds and removes them under the lock as the balancer's
// address list changes.
type balancedConn struct {
	mu     sync.Mutex
	conns  map[string]*subConn
	notify chan []string
}

type subConn struct{ addr string }

func (s *subConn) tearDown() {}

func dialBalanced(notify chan []string) *balancedConn {
	cc := &balancedConn{conns: make(map[string]*subConn), notify: notify}
	go cc.watch()
	return cc
}

func (cc *balancedConn) watch() {
	for addrs := range cc.notify {
		cc.mu.Lock()
		if cc.conns == nil {
			cc.mu.Unlock()
			return
		}
		for _, a := range addrs {
			cc.conns[a] = &subConn{addr: a} // want `write to map cc.conns in goroutine started at swap.go:\d+ \(by the call at swap.go:\d+\) races with read at swap.go:57 in goroutine started at swap.go:\d+`
		}
		cc.mu.Unlock()
	}
}

// Close takes the map out and replaces it in one critical section: the
// watcher, which reaches the map through the field under the lock, never
// sees the old one again.
func (cc *balancedConn) Close() {
	cc.mu.Lock()
	conns := cc.conns
	cc.conns = nil
	cc.mu.Unlock()
	for _, c := range conns {
		c.tearDown()
	}
}

// CloseLeaky copies the map out but leaves the field in place: the
// watcher keeps adding to the map being ranged over.
func (cc *balancedConn) CloseLeaky() {
	cc.mu.Lock()
	conns := cc.conns
	cc.mu.Unlock()
	for _, c := range conns {
		c.tearDown()
	}
}

func closeWhileWatching(notify chan []string) {
	cc := dialBalanced(notify)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		cc.Close()
	}()
	wg.Wait()
}

func closeLeakyWhileWatching(notify chan []string) {
	cc := dialBalanced(notify)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		cc.CloseLeaky()
	}()
	wg.Wait()
}
