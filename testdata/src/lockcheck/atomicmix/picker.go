package atomicmix

import (
	"math/rand"
	"sync/atomic"
)

// A Picker is handed out as a balancer's picker interface and called by
// every RPC at once. Its entries hold pointers to counters the balancer
// owns; Pick copies an entry and compares the counters plainly while
// other Picks add to them atomically (reported).
type Picker interface {
	Pick() (string, func())
}

type connCount struct {
	addr    string
	numRPCs *int32
}

type leastRequest struct {
	choices int
	conns   []connCount
}

func NewLeastRequest(addrs []string, counts map[string]*int32) Picker {
	p := &leastRequest{choices: 2}
	for _, a := range addrs {
		p.conns = append(p.conns, connCount{addr: a, numRPCs: counts[a]})
	}
	return p
}

func (p *leastRequest) Pick() (string, func()) {
	var picked *connCount
	for i := 0; i < p.choices; i++ {
		c := p.conns[rand.Intn(len(p.conns))]
		if picked == nil || *c.numRPCs < *picked.numRPCs { // want `\*c.numRPCs read with a plain access`
			picked = &c
		}
	}
	atomic.AddInt32(picked.numRPCs, 1)
	return picked.addr, func() { atomic.AddInt32(picked.numRPCs, -1) }
}

// A fairPicker is the fixed twin: it loads the counters atomically.
type fairPicker struct {
	conns []connCount
}

func NewFair(conns []connCount) Picker { return &fairPicker{conns: conns} }

func (p *fairPicker) Pick() (string, func()) {
	best := p.conns[0]
	for _, c := range p.conns[1:] {
		if atomic.LoadInt32(c.numRPCs) < atomic.LoadInt32(best.numRPCs) {
			best = c
		}
	}
	atomic.AddInt32(best.numRPCs, 1)
	return best.addr, func() { atomic.AddInt32(best.numRPCs, -1) }
}
