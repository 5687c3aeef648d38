// Package hung has a test that never returns between two that pass:
// racecheck run gives each binary a -test.timeout a little under its own
// -timeout, so the binary names TestHang and dumps its goroutines, and
// TestAfter never runs.
package hung

import "testing"

func TestBefore(t *testing.T) {}

func TestHang(t *testing.T) {
	select {}
}

func TestAfter(t *testing.T) {}
