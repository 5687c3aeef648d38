// Package golangci registers racecheck as a golangci-lint v2 module
// plugin. Build a custom golangci-lint with it (see docs/integrations.md, "golangci-lint"):
//
//	# .custom-gcl.yml
//	version: v2.15.0
//	plugins:
//	  - module: github.com/racecheck/racecheck
//	    import: github.com/racecheck/racecheck/analyzer/golangci
//	    path: /path/to/racecheck   # a clone: racecheck has no release yet
//
// and enable the linter "racecheck" with type "module" in .golangci.yml.
// The racecheck command does not import this package, so the plugin's
// dependency stays out of its binary.
package golangci

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

	"github.com/racecheck/racecheck/analyzer"
	"github.com/racecheck/racecheck/analyzer/internal/suppress"
)

// Name is the linter name in .golangci.yml.
const Name = "racecheck"

func init() {
	register.Plugin(Name, New)
}

// Settings are the plugin's settings, under
// linters.settings.custom.racecheck.settings in .golangci.yml. Every
// field maps to analyzer flags, the only configuration racecheck's
// analyzers have, so the plugin behaves as go vet and the CLI do with
// the same flags.
type Settings struct {
	// Analyzers limits the run to the named analyzers; empty means all.
	Analyzers []string `json:"analyzers"`
	// UnusedDirectives, when false, turns off the reports of
	// //racecheck:ignore directives that suppress nothing (the
	// -ANALYZER.unused-directives flag of every analyzer).
	UnusedDirectives *bool `json:"unused-directives"`
	// Flags sets any other analyzer flag: analyzer name, then flag name,
	// then value as on the command line, e.g. {"spawn": {"max": "1000"}}.
	Flags map[string]map[string]string `json:"flags"`
}

type plugin struct {
	analyzers []*analysis.Analyzer
}

// New builds the plugin from its raw settings. It sets flags on the
// suite's analyzers, which are process-wide like golangci-lint's
// configuration itself.
func New(conf any) (register.LinterPlugin, error) {
	s, err := register.DecodeSettings[Settings](conf)
	if err != nil {
		return nil, fmt.Errorf("racecheck settings: %w", err)
	}
	suite := analyzer.Suite()
	selected, err := selectAnalyzers(suite, s.Analyzers)
	if err != nil {
		return nil, err
	}
	if s.UnusedDirectives != nil {
		for _, a := range suite {
			if a.Flags.Lookup(suppress.UnusedFlag) != nil {
				if err := a.Flags.Set(suppress.UnusedFlag, strconv.FormatBool(*s.UnusedDirectives)); err != nil {
					return nil, fmt.Errorf("racecheck settings: %s: %w", a.Name, err)
				}
			}
		}
	}
	if err := setFlags(suite, s.Flags); err != nil {
		return nil, err
	}
	return &plugin{analyzers: selected}, nil
}

// selectAnalyzers returns the named analyzers of suite, in suite order.
func selectAnalyzers(suite []*analysis.Analyzer, names []string) ([]*analysis.Analyzer, error) {
	if len(names) == 0 {
		return suite, nil
	}
	var out []*analysis.Analyzer
	for _, n := range names {
		i := slices.IndexFunc(suite, func(a *analysis.Analyzer) bool { return a.Name == n })
		if i < 0 {
			return nil, fmt.Errorf("racecheck settings: unknown analyzer %q (have %s)", n, analyzerNames(suite))
		}
		out = append(out, suite[i])
	}
	slices.SortStableFunc(out, func(a, b *analysis.Analyzer) int {
		return slices.Index(suite, a) - slices.Index(suite, b)
	})
	return slices.Compact(out), nil
}

// setFlags applies the generic flag settings, in a fixed order.
func setFlags(suite []*analysis.Analyzer, flags map[string]map[string]string) error {
	names := make([]string, 0, len(flags))
	for n := range flags {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		i := slices.IndexFunc(suite, func(a *analysis.Analyzer) bool { return a.Name == n })
		if i < 0 {
			return fmt.Errorf("racecheck settings: flags for unknown analyzer %q (have %s)", n, analyzerNames(suite))
		}
		a := suite[i]
		keys := make([]string, 0, len(flags[n]))
		for k := range flags[n] {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if a.Flags.Lookup(k) == nil {
				return fmt.Errorf("racecheck settings: analyzer %s has no flag %q", n, k)
			}
			if err := a.Flags.Set(k, flags[n][k]); err != nil {
				return fmt.Errorf("racecheck settings: %s.%s: %w", n, k, err)
			}
		}
	}
	return nil
}

func analyzerNames(suite []*analysis.Analyzer) string {
	var names []string
	for _, a := range suite {
		names = append(names, a.Name)
	}
	return strings.Join(names, ", ")
}

// BuildAnalyzers returns the configured analyzers.
func (p *plugin) BuildAnalyzers() ([]*analysis.Analyzer, error) {
	return p.analyzers, nil
}

// GetLoadMode asks for type information: every racecheck analyzer
// needs types, and most build SSA.
func (p *plugin) GetLoadMode() string {
	return register.LoadModeTypesInfo
}
