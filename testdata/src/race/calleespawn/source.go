package calleespawn

import "sync"

// A Source is a configuration source: fsSource is its one
// implementation in the package, so a call through Source runs one of
// fsSource's methods.
type Source interface {
	Start()
	Reload()
}

type fsSource struct {
	mu      sync.Mutex
	version int
	events  chan int
}

// NewSource returns the file system source behind the interface.
func NewSource() Source { return &fsSource{events: make(chan int, 1)} }

// Start watches the files on a goroutine of its own.
func (s *fsSource) Start() { go s.watch() }

func (s *fsSource) watch() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.version++ // want `write to field src.version in goroutine started at source.go:\d+ \(by the call at source.go:\d+\) races with read at source.go:\d+ in goroutine started at source.go:\d+`
}

// Reload bumps the version without the lock that Start's goroutine
// holds.
func (s *fsSource) Reload() {
	s.version++ // want `write to field src.version in goroutine started at source.go:\d+ races with read at source.go:\d+ in goroutine started at source.go:\d+ \(by the call at source.go:\d+\)`
}

// reloadWhileWatching reloads from a goroutine of its own while the
// watcher that Start left running bumps the version too; both calls go
// through the interface.
func reloadWhileWatching() {
	src := NewSource()
	src.Start()
	done := make(chan struct{})
	go func() {
		defer close(done)
		src.Reload()
	}()
	<-done
}

// A Sink is implemented by two types of the package: a call through it
// may run either, and the model does not guess which.
type Sink interface {
	Start()
	Reset()
}

type fileSink struct{ n int }

func (f *fileSink) Start() { go f.count() }
func (f *fileSink) count() { f.n++ }
func (f *fileSink) Reset() { f.n = 0 }

type memSink struct{ n int }

func (m *memSink) Start() {}
func (m *memSink) Reset() { m.n = 0 }

func resetWhileRunning(s Sink) {
	s.Start()
	done := make(chan struct{})
	go func() {
		defer close(done)
		s.Reset()
	}()
	<-done
}
