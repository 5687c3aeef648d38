package hugeheap

import "testing"

func TestWanted(t *testing.T) {
	for _, tc := range []struct {
		env  map[string]string
		want bool
	}{
		{nil, true},
		{map[string]string{EnvVar: "off"}, false},
		{map[string]string{EnvVar: "on"}, true},
		{map[string]string{"GODEBUG": "disablethp=1"}, false},
		{map[string]string{"GODEBUG": "gctrace=1, harddecommit=1"}, false},
		{map[string]string{"GODEBUG": "disablethp=1,disablethp=0"}, true},
		{map[string]string{"GODEBUG": "disablethp=0,madvdontneed=1"}, true},
	} {
		getenv := func(name string) string { return tc.env[name] }
		if got := wanted(getenv); got != tc.want {
			t.Errorf("wanted(%v) = %v, want %v", tc.env, got, tc.want)
		}
	}
}
