// want package:`Relay.Close: waits\(0.done\*\) signals\(0.quit\*\); Relay.Send: signals\(0.in\*\)(; echoServer.Stop: waits\(0.ch\*\))?\}$`

// Package testlog shows tests whose goroutines report to the test: a
// log or failure that may run after the test returned (reported: the
// testing package panics), and t.Fatal from a goroutine other than the
// test's where go vet does not see it (reported: it ends only that
// goroutine). Tests that wait for their goroutines, directly, in a
// deferred call or in t.Cleanup, and calls go vet already reports, are
// not reported.
package testlog

import (
	"errors"
	"strings"
)

// Relay forwards frames from a source to a sink, dropping bad ones.
type Relay struct {
	in   chan string
	out  chan string
	quit chan struct{}
	done chan struct{}
}

// NewRelay returns a relay whose forwarding loop is running.
func NewRelay() *Relay {
	r := &Relay{in: make(chan string), out: make(chan string, 16), quit: make(chan struct{}), done: make(chan struct{})}
	go r.loop()
	return r
}

func (r *Relay) loop() {
	defer close(r.done)
	for {
		select {
		case f := <-r.in:
			if strings.HasPrefix(f, "#") {
				continue
			}
			r.out <- f
		case <-r.quit:
			return
		}
	}
}

// Send hands a frame to the relay.
func (r *Relay) Send(f string) { r.in <- f }

// Close stops the loop and waits for it.
func (r *Relay) Close() {
	close(r.quit)
	<-r.done
}

// decode parses a frame.
func decode(f string) (string, error) {
	if f == "" {
		return "", errors.New("empty frame")
	}
	return strings.ToUpper(f), nil
}
