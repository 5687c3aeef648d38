// Package gateuser hands a variable from a goroutine to its parent
// through another package's Gate (not reported: the Gate's fact says
// Unlock sends what WaitAndLock receives), and writes it before taking the gate
// while the parent reads it without waiting (reported).
package gateuser

import (
	"context"

	"race/gate"
)

func Handoff(ctx context.Context) bool {
	g := gate.New(false)
	set := false
	go func() {
		g.Lock()
		set = true
		g.Unlock(true)
	}()
	if err := g.WaitAndLock(ctx); err != nil {
		return false
	}
	defer g.Unlock(true)
	return set
}

func Peek() bool {
	g := gate.New(false)
	set := false
	go func() {
		set = true // want `write to captured variable set in goroutine started at gateuser.go:\d+ races with read at gateuser.go:\d+`
		g.Lock()
		g.Unlock(true)
	}()
	return set
}
