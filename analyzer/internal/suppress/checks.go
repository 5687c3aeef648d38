package suppress

import (
	"flag"

	"github.com/racecheck/racecheck/analyzer/category"
)

// ChecksFlag is the name of the flag that selects the categories an
// analyzer reports, in staticcheck's syntax ("all,-unbounded-spawn",
// see category.Select). Like -unused-directives it is an analyzer flag,
// so go vet passes it (-spawn.checks=...) and keys its cache on it.
const ChecksFlag = "checks"

// selection is the value of the -checks flag.
type selection struct {
	expr string
	sel  map[string]bool
}

func (s *selection) String() string {
	if s == nil || s.expr == "" {
		return "all"
	}
	return s.expr
}

// Set validates the expression against the category registry, so a
// typo fails at flag parsing with a suggestion, under every driver.
func (s *selection) Set(v string) error {
	sel, err := category.Select(v)
	if err != nil {
		return err
	}
	s.expr, s.sel = v, sel
	return nil
}

// Get returns the selected categories, nil meaning all.
func (s *selection) Get() any { return s.sel }

// RegisterChecks adds the -checks flag to an analyzer's FlagSet.
func RegisterChecks(fs *flag.FlagSet) {
	fs.Var(&selection{}, ChecksFlag, "categories to report, e.g. all,-unbounded-spawn (see racecheck explain)")
}

// Selected reports whether the analyzer's -checks flag selects the
// category cat. Categories outside the registry, and every category of
// an analyzer without the flag, are selected.
func Selected(fs *flag.FlagSet, cat string) bool {
	f := fs.Lookup(ChecksFlag)
	if f == nil {
		return true
	}
	g, ok := f.Value.(flag.Getter)
	if !ok {
		return true
	}
	sel, _ := g.Get().(map[string]bool)
	if sel == nil {
		return true
	}
	if _, known := category.Lookup(cat); !known {
		return true
	}
	return sel[cat]
}
