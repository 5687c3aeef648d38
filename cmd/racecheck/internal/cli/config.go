package cli

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
	"golang.org/x/tools/go/analysis"

	"github.com/racecheck/racecheck/analyzer/category"
)

// ConfigName is the configuration file racecheck reads at the root of
// the module it analyzes, or else at the root of the repository.
//
// TOML rather than JSON because a team writes down why it turned a
// check off, and TOML has comments; staticcheck made the same choice.
// BurntSushi/toml has no dependencies and reports undecoded keys, which
// lets a typo fail with a message instead of being ignored.
const ConfigName = ".racecheck.toml"

// A setting is one flag value from the configuration file.
type setting struct {
	flag, value string
}

// configFile is a parsed configuration file.
type configFile struct {
	path     string
	settings []setting // in a fixed order: top-level keys, then analyzers by name
}

// findConfig returns the configuration file for the packages in dir:
// ConfigName in the module root (the nearest directory with go.mod), or
// else in the repository root (the nearest directory with .git), or "".
func findConfig(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("finding %s: %w", ConfigName, err)
	}
	for _, marker := range []string{"go.mod", ".git"} {
		root := nearest(abs, marker)
		if root == "" {
			continue
		}
		p := filepath.Join(root, ConfigName)
		if _, err := os.Stat(p); err == nil {
			return p, nil
		} else if !errors.Is(err, fs.ErrNotExist) {
			return "", fmt.Errorf("reading %s: %w", p, err)
		}
	}
	return "", nil
}

// nearest returns the nearest directory from dir up that holds name.
func nearest(dir, name string) string {
	for {
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// loadConfig parses a configuration file into flag settings, checking
// every key against the analyzers and their flags:
//
//	checks = "all,-unbounded-spawn"   # or a list of items
//	test = true
//	tags = ["integration"]
//	[race]
//	depth = 5
//	[spawn]
//	enabled = false                   # -spawn=false
func loadConfig(path string, analyzers []*analysis.Analyzer) (*configFile, error) {
	var raw map[string]any
	if _, err := toml.DecodeFile(path, &raw); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	cf := &configFile{path: path}
	keys := sortedKeys(raw)
	var known []string
	for _, a := range analyzers {
		known = append(known, a.Name)
	}
	for _, k := range keys {
		v := raw[k]
		switch k {
		case "checks", "tags":
			s, err := listValue(v)
			if err != nil {
				return nil, fmt.Errorf("%s: %s: %w", path, k, err)
			}
			cf.settings = append(cf.settings, setting{k, s})
		case "test":
			b, ok := v.(bool)
			if !ok {
				return nil, fmt.Errorf("%s: test: want true or false, got %v", path, v)
			}
			cf.settings = append(cf.settings, setting{k, fmt.Sprint(b)})
		default:
			i := slices.IndexFunc(analyzers, func(a *analysis.Analyzer) bool { return a.Name == k })
			if i < 0 {
				return nil, fmt.Errorf("%s: unknown key %q%s", path, k, suggestion(k, append(known, "checks", "test", "tags")))
			}
			table, ok := v.(map[string]any)
			if !ok {
				return nil, fmt.Errorf("%s: %s: want a table ([%s]) of its flags", path, k, k)
			}
			s, err := analyzerSettings(analyzers[i], table)
			if err != nil {
				return nil, fmt.Errorf("%s: [%s]: %w", path, k, err)
			}
			cf.settings = append(cf.settings, s...)
		}
	}
	return cf, nil
}

// analyzerSettings turns one analyzer's table into -NAME and -NAME.FLAG
// settings.
func analyzerSettings(a *analysis.Analyzer, table map[string]any) ([]setting, error) {
	var out []setting
	var known []string
	a.Flags.VisitAll(func(f *flag.Flag) { known = append(known, f.Name) })
	for _, k := range sortedKeys(table) {
		v := table[k]
		if _, isTable := v.(map[string]any); isTable {
			return nil, fmt.Errorf("%s: want a value, not a table", k)
		}
		if k == "enabled" {
			b, ok := v.(bool)
			if !ok {
				return nil, fmt.Errorf("enabled: want true or false, got %v", v)
			}
			out = append(out, setting{a.Name, fmt.Sprint(b)})
			continue
		}
		if a.Flags.Lookup(k) == nil {
			return nil, fmt.Errorf("unknown key %q%s", k, suggestion(k, append(known, "enabled")))
		}
		s, err := listValue(v)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", k, err)
		}
		out = append(out, setting{a.Name + "." + k, s})
	}
	return out, nil
}

// listValue renders a scalar, or a list of scalars joined by commas, as
// a flag value.
func listValue(v any) (string, error) {
	switch v := v.(type) {
	case []any:
		parts := make([]string, len(v))
		for i, e := range v {
			s, err := listValue(e)
			if err != nil {
				return "", err
			}
			parts[i] = s
		}
		return strings.Join(parts, ","), nil
	case map[string]any:
		return "", errors.New("want a value, not a table")
	default:
		return fmt.Sprint(v), nil
	}
}

// suggestion returns "; did you mean X?" for the closest of names, or "".
func suggestion(name string, names []string) string {
	best, bestDist := "", len(name)/3+1
	for _, n := range names {
		if d := category.EditDistance(name, n); d < bestDist {
			best, bestDist = n, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf("; did you mean %s?", best)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
