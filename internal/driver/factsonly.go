package driver

import (
	"encoding/json"
	"os"
	"slices"
	"strings"

	"github.com/racecheck/racecheck/internal/driver/vetunit"
)

// MainModulesFlag is the vet tool flag with which racecheck's commands
// name the modules of the packages they asked for (comma-separated),
// when every one of them is in a main module. With AllDiagsFlag, a unit
// go vet analyzes for facts only whose package is in none of them (the
// standard library, a required module) is then analyzed for its facts
// only: it can never be one of the packages asked for under the same
// flag value, which go vet hashes into the cache key, so no command
// reads its diagnostics. Without the flag, AllDiagsFlag applies to every
// unit.
const MainModulesFlag = "mainmods"

// FactsOnly reports whether the vet tool arguments args (without the
// program name) ask for facts only: go vet analyzes a dependency of the
// packages named for its facts (VetxOnly) and drops its diagnostics,
// unless AllDiagsFlag asks the tool to report them too, and the unit is
// in one of the modules of MainModulesFlag (or the flag is absent). The
// tool may then run analyzers that export the same facts and look for
// nothing (analyzer.ForFacts).
func FactsOnly(args []string) bool {
	if !vetunit.IsUnit(args) {
		return false
	}
	vetxOnly, module := unitConfig(args[len(args)-1])
	if !vetxOnly {
		return false
	}
	if !AllDiags(args) {
		return true
	}
	mods, ok := flagValue(args[:len(args)-1], MainModulesFlag)
	return ok && mods != "" && !slices.Contains(strings.Split(mods, ","), module)
}

// unitConfig reads a vet config file: whether the unit is analyzed for
// facts only, and its module path ("" in the standard library). An
// unreadable file is left to unitchecker, which reports it.
func unitConfig(cfgFile string) (vetxOnly bool, module string) {
	data, err := os.ReadFile(cfgFile)
	if err != nil {
		return false, ""
	}
	var cfg struct {
		VetxOnly   bool
		ModulePath string
	}
	if json.Unmarshal(data, &cfg) != nil {
		return false, ""
	}
	return cfg.VetxOnly, cfg.ModulePath
}

// flagValue returns the value of the flag name (-name=value) in args.
func flagValue(args []string, name string) (string, bool) {
	for _, a := range args {
		a = strings.TrimLeft(a, "-")
		if v, ok := strings.CutPrefix(a, name+"="); ok {
			return v, true
		}
	}
	return "", false
}

// mainModules returns the value of MainModulesFlag for roots: their
// modules, sorted and comma-separated, or "" unless every root is in a
// main module (GOPATH mode, or a pattern naming a dependency's or the
// standard library's packages).
func mainModules(roots map[string]root) string {
	var mods []string
	for _, r := range roots {
		if r.module == "" {
			return ""
		}
		if !slices.Contains(mods, r.module) {
			mods = append(mods, r.module)
		}
	}
	slices.Sort(mods)
	return strings.Join(mods, ",")
}
