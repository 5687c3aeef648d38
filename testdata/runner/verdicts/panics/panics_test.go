package panics

import "testing"

func TestFirst(t *testing.T) {
	Count(map[string]int{}, "a")
}

func TestNilMap(t *testing.T) {
	var m map[string]int
	Count(m, "a")
}

func TestLater(t *testing.T) {
	t.Log("never runs: TestNilMap stops the binary")
}
