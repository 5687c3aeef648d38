package wronglock

import "sync"

// A metricScope keeps each kind of metric under its own mutex; Clear
// takes them all. Cardinality reads the gauges under the counters'
// mutex: Clear's writes hold it too, but Gauge appends under gm alone,
// so the read races with it (reported). CounterCount reads under the
// right mutex (not reported).
type metricScope struct {
	cm       sync.RWMutex
	gm       sync.RWMutex
	counters []string
	gauges   []string
}

// Counter registers a counter.
func (s *metricScope) Counter(name string) {
	s.cm.Lock()
	s.counters = append(s.counters, name)
	s.cm.Unlock()
}

// Gauge registers a gauge.
func (s *metricScope) Gauge(name string) {
	s.gm.Lock()
	s.gauges = append(s.gauges, name)
	s.gm.Unlock()
}

// Clear drops every metric.
func (s *metricScope) Clear() {
	s.cm.Lock()
	s.gm.Lock()
	s.counters = nil
	s.gauges = nil
	s.gm.Unlock()
	s.cm.Unlock()
}

// Cardinality counts the registered metrics.
func (s *metricScope) Cardinality() int {
	s.cm.RLock()
	defer s.cm.RUnlock()
	return len(s.counters) + len(s.gauges) // want `s.gauges read without s.gm held`
}

// CounterCount counts the counters.
func (s *metricScope) CounterCount() int {
	s.cm.RLock()
	defer s.cm.RUnlock()
	return len(s.counters)
}

// MetricScope is what callers see of a metricScope.
type MetricScope interface {
	Counter(name string)
	Gauge(name string)
	Clear()
	Cardinality() int
}

// NewMetricScope returns an empty scope.
func NewMetricScope() MetricScope { return &metricScope{} }

// A ScopeRegistry keeps scopes in a map and visits each under the
// map's lock. The visitor's scope is an element of that map: its
// accesses are judged like any scope's. GaugeTotal reads the gauges
// under the counters' mutex (reported); CounterTotal under the right one
// (not reported).
type ScopeRegistry struct {
	mu     sync.RWMutex
	scopes map[string]*metricScope
}

func (r *ScopeRegistry) forEach(f func(*metricScope)) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	for _, s := range r.scopes {
		f(s)
	}
}

// GaugeTotal counts the gauges of every scope.
func (r *ScopeRegistry) GaugeTotal() int {
	n := 0
	r.forEach(func(s *metricScope) { // want `r.scopes\[k\].gauges read without r.scopes\[k\].gm held in a function literal run by \(\*wronglock.ScopeRegistry\).forEach at siblings.go:\d+, called here`
		s.cm.RLock()
		n += len(s.gauges)
		s.cm.RUnlock()
	})
	return n
}

// CounterTotal counts the counters of every scope.
func (r *ScopeRegistry) CounterTotal() int {
	n := 0
	r.forEach(func(s *metricScope) {
		s.cm.RLock()
		n += len(s.counters)
		s.cm.RUnlock()
	})
	return n
}
