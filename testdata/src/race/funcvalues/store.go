package funcvalues

// A recorder writes through the one implementation of its interface in
// the package: record's call is devirtualized, and what it does to the
// store reaches the caller that passes a *memStore.
type recorder interface {
	Record(event string)
}

type memStore struct {
	events []string
	counts map[string]int
}

func (s *memStore) Record(event string) {
	s.events = append(s.events, event) // want `write to field a.store.events in goroutine started at store.go:\d+ races with read at store.go:\d+`
	s.counts[event]++
}

func record(r recorder, event string) { r.Record(event) }

type auditor struct {
	store *memStore
}

func (a *auditor) logStartup() { record(a.store, "startup") }

func startAudit() int {
	a := &auditor{store: &memStore{counts: make(map[string]int)}}
	go a.logStartup()
	return len(a.store.events)
}

func startAuditJoined() int {
	a := &auditor{store: &memStore{counts: make(map[string]int)}}
	done := make(chan struct{})
	go func() {
		defer close(done)
		a.logStartup()
	}()
	<-done
	return len(a.store.events)
}
