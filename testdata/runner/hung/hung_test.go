// Package hung has a test that never returns: racecheck run must kill it
// at -timeout and report a timeout.
package hung

import "testing"

func TestHang(t *testing.T) {
	select {}
}
