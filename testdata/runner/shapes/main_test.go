package shapes

import (
	"os"
	"testing"
)

// TestMain races outside of any test, before the tests run.
func TestMain(m *testing.M) {
	x := 0
	done := make(chan bool)
	go func() { x++; done <- true }()
	x++
	<-done
	os.Exit(m.Run())
}
