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
