package testlog

import (
	"net"
	"sync"
	"testing"
	"time"
)

// startTraffic keeps a connection busy from a goroutine until the stop
// func it returns is called; stop waits for the goroutine.
func startTraffic(t *testing.T) (stop func()) {
	stopChan := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			select {
			case <-stopChan:
				return
			case <-time.After(time.Millisecond):
				t.Logf("tick")
			}
		}
	}()
	return func() {
		close(stopChan)
		wg.Wait()
	}
}

func TestTraffic(t *testing.T) {
	stop := startTraffic(t)
	defer stop()
}

// startTicker's stop func only signals: the goroutine may still be
// logging when the test returns.
func startTicker(t *testing.T) (stop func()) {
	stopChan := make(chan struct{})
	go func() {
		for {
			select {
			case <-stopChan:
				return
			case <-time.After(time.Millisecond):
				t.Logf("tick") // want `t.Logf in goroutine started at helpers_test.go:\d+ \(by the call at helpers_test.go:\d+\) may run after TestTicker has returned`
			}
		}
	}()
	return func() { close(stopChan) }
}

func TestTicker(t *testing.T) {
	stop := startTicker(t)
	defer stop()
}

// An echoServer serves one connection; Stop closes the listener and
// waits for the serving goroutine through the channel kept in the
// struct startEcho returns.
type echoServer struct {
	ln net.Listener
	ch chan struct{}
}

func (s *echoServer) Stop() {
	s.ln.Close()
	<-s.ch
}

func startEcho(t *testing.T, ln net.Listener) *echoServer {
	ch := make(chan struct{})
	go func() {
		if _, err := ln.Accept(); err != nil {
			t.Errorf("accept: %v", err)
		}
		close(ch)
	}()
	return &echoServer{ln: ln, ch: ch}
}

func TestEcho(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := startEcho(t, ln)
	defer s.Stop()
}

// startAcceptor's goroutine is never joined: closing the listener ends
// its Accept, but a failed Accept logs after the test may have returned.
func startAcceptor(t *testing.T, ln net.Listener) {
	go func() {
		if _, err := ln.Accept(); err != nil {
			t.Errorf("accept: %v", err) // want `t.Errorf in goroutine started at helpers_test.go:\d+ \(by the call at helpers_test.go:\d+\) may run after TestAcceptor has returned`
		}
	}()
}

func TestAcceptor(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	startAcceptor(t, ln)
}

// startMaybe returns one of two stop funcs, so the call of the one it
// returned is not followed; deferring it is taken as waiting for the
// goroutine, which the second one does.
func startMaybe(t *testing.T, enabled bool) (stop func()) {
	if !enabled {
		return func() {}
	}
	stopChan := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		<-stopChan
		t.Logf("stopped")
	}()
	return func() {
		close(stopChan)
		wg.Wait()
	}
}

func TestMaybe(t *testing.T) {
	stop := startMaybe(t, true)
	defer stop()
}
