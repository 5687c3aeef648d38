package main

import "testing"

func TestAnalyzesUnit(t *testing.T) {
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
		if got := analyzesUnit(tc.args); got != tc.want {
			t.Errorf("analyzesUnit(%q) = %v, want %v", tc.args, got, tc.want)
		}
	}
}
