package driver

import (
	"fmt"
	"os"
	"path/filepath"
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

// TestFactsOnlyMainModules: with -alldiags, a facts-only unit outside
// the modules of MainModulesFlag is left to its facts, and its config is
// not rewritten; every other unit is analyzed as before.
func TestFactsOnlyMainModules(t *testing.T) {
	dir := t.TempDir()
	cfg := func(name, module string, vetxOnly bool) string {
		file := filepath.Join(dir, name+".cfg")
		data := fmt.Sprintf(`{"ID": %q, "ModulePath": %q, "VetxOnly": %v}`, name, module, vetxOnly)
		if err := os.WriteFile(file, []byte(data), 0o666); err != nil {
			t.Fatal(err)
		}
		return file
	}
	std, dep := cfg("std", "", true), cfg("dep", "example.com/dep", true)
	own, root := cfg("own", "example.com/m", true), cfg("root", "example.com/m", false)
	mods := "-" + MainModulesFlag + "=example.com/m,example.com/n"
	tests := []struct {
		args []string
		want bool
	}{
		{[]string{"-json", std}, true},
		{[]string{"-json", root}, false},
		{[]string{"-json", "-alldiags", std}, false},
		{[]string{"-json", "-alldiags", mods, std}, true},
		{[]string{"-json", "-alldiags", mods, dep}, true},
		{[]string{"-json", "-alldiags", mods, own}, false},
		{[]string{"-json", "-alldiags", mods, root}, false},
		{[]string{"-json", "-alldiags", "-" + MainModulesFlag + "=", dep}, false},
	}
	for _, tt := range tests {
		if got := FactsOnly(tt.args); got != tt.want {
			t.Errorf("FactsOnly(%q) = %v, want %v", tt.args, got, tt.want)
		}
		rewritten := VetToolArgs(slices.Clone(tt.args))
		if changed := rewritten[len(rewritten)-1] != tt.args[len(tt.args)-1]; changed && tt.want {
			t.Errorf("VetToolArgs(%q) rewrote the config of a facts-only unit", tt.args)
		}
	}
}

// TestMainModules: the flag value names the roots' modules, and is empty
// unless every root is in a main module.
func TestMainModules(t *testing.T) {
	roots := map[string]root{"b/p": {module: "b"}, "a/q": {module: "a"}, "b/r": {module: "b"}}
	if got := mainModules(roots); got != "a,b" {
		t.Errorf("mainModules = %q, want a,b", got)
	}
	roots["fmt"] = root{}
	if got := mainModules(roots); got != "" {
		t.Errorf("mainModules with a standard package = %q, want empty", got)
	}
}
