package wronglock

import "sync"

// A Registry holds scopes; ForEachScope runs a function on each under
// the bucket's read lock. Each scope guards its counters with cm and its
// gauges with gm.
type Registry struct {
	mu     sync.RWMutex
	scopes []*Scope
}

type Scope struct {
	cm       sync.RWMutex
	counters []int64
	gm       sync.RWMutex
	gauges   []float64
}

func (s *Scope) Counter(v int64) {
	s.cm.Lock()
	s.counters = append(s.counters, v)
	s.cm.Unlock()
}

func (s *Scope) Gauge(v float64) {
	s.gm.Lock()
	s.gauges = append(s.gauges, v)
	s.gm.Unlock()
}

func (s *Scope) Reset() {
	s.cm.Lock()
	s.counters = nil
	s.cm.Unlock()
	s.gm.Lock()
	s.gauges = nil
	s.gm.Unlock()
}

func (r *Registry) Add(s *Scope) {
	r.mu.Lock()
	r.scopes = append(r.scopes, s)
	r.mu.Unlock()
}

func (r *Registry) forEachScope(f func(*Scope)) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	for _, s := range r.scopes {
		f(s)
	}
}

// Cardinality counts under each scope's counter lock, the wrong lock
// for its gauges (reported, through the function forEachScope runs);
// Counters takes the right one (not reported).
func (r *Registry) Cardinality() (counters, gauges int) {
	r.forEachScope(func(s *Scope) { // want `r.scopes\[i\].gauges read without r.scopes\[i\].gm held in a function literal run by \(\*wronglock.Registry\).forEachScope at registry.go:\d+, called here`
		s.cm.RLock()
		defer s.cm.RUnlock()
		counters += len(s.counters)
		gauges += len(s.gauges)
	})
	return counters, gauges
}

func (r *Registry) Counters() (n int) {
	r.forEachScope(func(s *Scope) {
		s.cm.RLock()
		n += len(s.counters)
		s.cm.RUnlock()
	})
	return n
}
