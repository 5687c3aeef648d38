package cli

import (
	"flag"
	"fmt"
	"strconv"

	"golang.org/x/tools/go/analysis"

	"github.com/racecheck/racecheck/analyzer/category"
)

// checksFlag names the per-analyzer flag that -checks sets (see
// analyzer/internal/suppress, which this package cannot import).
const checksFlag = "checks"

// analysisFlags are the settings every analysis entry point shares (the
// standalone command, run and correlate), on the command line and in the
// configuration file: which analyzers run (-NAME, -NAME=false, as go vet
// has them), which categories they report (-checks), their own flags
// (-NAME.FLAG), whether test files are analyzed, and build tags.
type analysisFlags struct {
	analyzers  []*analysis.Analyzer
	enable     map[string]*enableFlag
	checks     string
	tests      bool
	tags       string
	config     string // -config: a configuration file, "" to look for one, "none" for none
	configPath string // the file read, if any
}

// enableFlag is a -NAME flag: a boolean that remembers being set.
type enableFlag struct {
	on, set bool
}

func (e *enableFlag) String() string {
	if e == nil {
		return "false"
	}
	return strconv.FormatBool(e.on)
}

func (e *enableFlag) Set(s string) error {
	b, err := strconv.ParseBool(s)
	if err != nil {
		return err
	}
	e.on, e.set = b, true
	return nil
}

// IsBoolFlag lets -NAME stand for -NAME=true, as in go vet.
func (e *enableFlag) IsBoolFlag() bool { return true }

// register adds the shared flags to fs.
func (af *analysisFlags) register(fs *flag.FlagSet, analyzers []*analysis.Analyzer) {
	af.analyzers = analyzers
	af.enable = make(map[string]*enableFlag)
	fs.StringVar(&af.checks, "checks", "", "categories to report, in staticcheck's style: all,-unbounded-spawn (default all)")
	fs.BoolVar(&af.tests, "test", true, "also analyze test files")
	fs.StringVar(&af.tags, "tags", "", "comma-separated build tags")
	fs.StringVar(&af.config, "config", "", "configuration `file` (default: "+ConfigName+" at the module or repository root; none: no file)")
	for _, a := range analyzers {
		e := new(enableFlag)
		af.enable[a.Name] = e
		fs.Var(e, a.Name, "enable the "+a.Name+" analysis (only the analyzers enabled run; -"+a.Name+"=false turns it off)")
		a.Flags.VisitAll(func(f *flag.Flag) {
			fs.Var(f.Value, a.Name+"."+f.Name, f.Usage)
		})
	}
}

// finish applies the configuration file to the settings the command
// line left alone (flags win over the file), then -checks, and returns
// the analyzers to run. dir is the directory the packages are loaded
// from. Errors are usage errors: a bad file, key or value.
func (af *analysisFlags) finish(fs *flag.FlagSet, dir string) ([]*analysis.Analyzer, error) {
	explicit := make(map[string]bool)
	fs.Visit(func(f *flag.Flag) { explicit[f.Name] = true })
	if err := af.applyConfig(fs, dir, explicit); err != nil {
		return nil, err
	}
	if _, err := category.Select(af.checks); err != nil {
		if explicit["checks"] {
			return nil, fmt.Errorf("-checks: %w", err)
		}
		return nil, fmt.Errorf("%s: checks: %w", af.configPath, err)
	}
	for _, a := range af.analyzers {
		if af.checks == "" || explicit[a.Name+"."+checksFlag] || a.Flags.Lookup(checksFlag) == nil {
			continue
		}
		// Through fs, so that the setting counts as given: the go vet
		// cache passes the flags given on to go vet (cache.go).
		if err := fs.Set(a.Name+"."+checksFlag, af.checks); err != nil {
			return nil, fmt.Errorf("-checks: %w", err)
		}
	}
	return af.selected(), nil
}

// applyConfig sets, from the configuration file, every flag the command
// line did not set.
func (af *analysisFlags) applyConfig(fs *flag.FlagSet, dir string, explicit map[string]bool) error {
	path := af.config
	switch path {
	case "none":
		return nil
	case "":
		if dir == "" {
			dir = "."
		}
		var err error
		if path, err = findConfig(dir); err != nil || path == "" {
			return err
		}
	}
	cf, err := loadConfig(path, af.analyzers)
	if err != nil {
		return err
	}
	af.configPath = cf.path
	for _, s := range cf.settings {
		if explicit[s.flag] {
			continue
		}
		if err := fs.Set(s.flag, s.value); err != nil {
			return fmt.Errorf("%s: %s = %s: %w", cf.path, s.flag, s.value, err)
		}
	}
	return nil
}

// selected returns the analyzers to run, with go vet's rule: when any
// -NAME flag is true, only those; otherwise all but the -NAME=false ones.
func (af *analysisFlags) selected() []*analysis.Analyzer {
	anyOn := false
	for _, e := range af.enable {
		anyOn = anyOn || (e.set && e.on)
	}
	var out []*analysis.Analyzer
	for _, a := range af.analyzers {
		e := af.enable[a.Name]
		if (anyOn && e.on) || (!anyOn && !(e.set && !e.on)) {
			out = append(out, a)
		}
	}
	return out
}

// enableFlags returns go vet's flags for the analyzer selection: none
// when every analyzer runs, -NAME=true for each one otherwise.
func (af *analysisFlags) enableFlags(selected []*analysis.Analyzer) []string {
	if len(selected) == len(af.analyzers) {
		return nil
	}
	var out []string
	for _, a := range selected {
		out = append(out, "-"+a.Name+"=true")
	}
	return out
}
