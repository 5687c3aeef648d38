package shapes_test

import (
	"testing"

	"example.com/shapes"
)

func TestExternal(t *testing.T) {
	done := make(chan bool)
	var got []int
	go func() {
		got = shapes.Map([]int{1}, func(x int) int { return x + 1 })
		done <- true
	}()
	<-done
	if got[0] != 2 {
		t.Errorf("got %v", got)
	}
}
