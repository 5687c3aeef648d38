package driver

import (
	"slices"
	"testing"
)

// TestEnableUnit: the marker analyzer is enabled explicitly exactly when
// the arguments select analyzers by name, since unitchecker then runs
// only those.
func TestEnableUnit(t *testing.T) {
	names := []string{"race", "spawn"}
	unit := "-" + UnitAnalyzer.Name + "=true"
	tests := []struct {
		args []string
		want bool
	}{
		{[]string{"-json", "-alldiags", "x/vet.cfg"}, false},
		{[]string{"-json", "-alldiags", "-race.depth=2", "x/vet.cfg"}, false},
		{[]string{"-json", "-alldiags", "-race=true", "x/vet.cfg"}, true},
		{[]string{"-alldiags", "-spawn", "x/vet.cfg"}, true},
		{[]string{"-alldiags", "-race=false", "x/vet.cfg"}, false},
		{[]string{"-race=true"}, false}, // no config file: not a unit run
	}
	for _, tt := range tests {
		got := EnableUnit(tt.args, names)
		if has := slices.Contains(got, unit); has != tt.want {
			t.Errorf("EnableUnit(%q) = %q; marker enabled %v, want %v", tt.args, got, has, tt.want)
		}
		if n := len(got) - len(tt.args); n != 0 && n != 1 || got[len(got)-1] != tt.args[len(tt.args)-1] {
			t.Errorf("EnableUnit(%q) = %q: want the arguments kept, config last", tt.args, got)
		}
	}
}
