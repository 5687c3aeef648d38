// Package atomicmix shows counters updated with sync/atomic functions
// in one place and read or written plainly in another (reported), and
// the consistent uses: every access atomic, or an atomic type (not
// reported).
package atomicmix

import "sync/atomic"

type Server struct {
	requests int64
	errors   int64
	active   atomic.Int64
	closed   uint32
}

func (s *Server) Handle() {
	atomic.AddInt64(&s.requests, 1)
	s.active.Add(1)
	defer s.active.Add(-1)
	if atomic.LoadUint32(&s.closed) != 0 {
		atomic.AddInt64(&s.errors, 1)
	}
}

func (s *Server) Requests() int64 {
	return s.requests // want `s.requests read with a plain access but accessed atomically at atomicmix.go:\d+: mixed atomic and plain accesses race; declare it as atomic.Int64`
}

func (s *Server) Errors() int64 { return atomic.LoadInt64(&s.errors) }

func (s *Server) Active() int64 { return s.active.Load() }

func (s *Server) Close() {
	s.closed = 1 // want `s.closed written with a plain access but accessed atomically at atomicmix.go:\d+: mixed atomic and plain accesses race; declare it as atomic.Uint32`
}

// NewServer initializes before publishing: plain writes are fine.
func NewServer() *Server {
	s := &Server{}
	s.requests = 0
	s.closed = 0
	return s
}

var generation int32

func Bump() { atomic.AddInt32(&generation, 1) }

func Generation() int32 {
	return generation // want `generation read with a plain access but accessed atomically`
}

var epoch atomic.Int32

func BumpEpoch()   { epoch.Add(1) }
func Epoch() int32 { return epoch.Load() }
