package broken

import "testing"

func TestAnswer(t *testing.T) {
	var s string = Answer()
	_ = s
}
