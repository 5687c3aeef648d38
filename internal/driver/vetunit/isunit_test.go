package vetunit

import "testing"

func TestIsUnit(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want bool
	}{
		{[]string{"-flags"}, false},
		{[]string{"-V=full"}, false},
		{nil, false},
		{[]string{"-race.depth=3", "/tmp/go-build1/b001/vet.cfg"}, true},
		{[]string{"/tmp/go-build1/b001/vet.cfg"}, true},
	} {
		if got := IsUnit(tc.args); got != tc.want {
			t.Errorf("IsUnit(%q) = %v, want %v", tc.args, got, tc.want)
		}
	}
}
