package shapes

import "testing"

func TestShapes(t *testing.T) {
	var b Box[string]
	b.Set("x")
	if got := Map([]int{1, 2}, func(x int) int { return 2 * x }); got[1] != 4 {
		t.Errorf("Map = %v", got)
	}
	ch := make(chan int, 8)
	if n := Classify([]int{-1, 0, 1, 200, 3}, ch); n != 3 {
		t.Errorf("Classify = %d", n)
	}
	if Abs(-3) != 3 {
		t.Error("Abs")
	}
}
