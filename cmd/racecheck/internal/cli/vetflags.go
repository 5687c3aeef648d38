package cli

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/racecheck/racecheck/analyzer"
	"github.com/racecheck/racecheck/analyzer/category"
)

const vetflagsUsage = `usage: racecheck vetflags [-C dir] [-config file]

go vet does not let racecheck read its configuration file: go vet caches
results keyed on the tool's flags and the sources, so a setting read
behind its back would leave stale results in the cache. vetflags prints
the configuration file's settings as go vet flags instead:

  go vet -vettool=$(which racecheck) $(racecheck vetflags) ./...

-checks becomes -NAME.checks for every analyzer; test = false has no go
vet equivalent and is left out (with a note on stderr).

Flags:
`

func vetflagsCmd(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("racecheck vetflags", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dir := fs.String("C", "", "look for the configuration file from this directory")
	config := fs.String("config", "", "configuration `file` (default: "+ConfigName+" at the module or repository root)")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), vetflagsUsage)
		fs.PrintDefaults()
	}
	if code, ok := parseFlags(fs, args, stderr); !ok {
		return code
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return ExitUsage
	}
	path := *config
	if path == "" {
		d := *dir
		if d == "" {
			d = "."
		}
		var err error
		if path, err = findConfig(d); err != nil {
			logger(stderr).Print(err)
			return ExitFailure
		}
		if path == "" {
			return ExitClean // no file: no flags
		}
	}
	suite := analyzer.Suite()
	cf, err := loadConfig(path, suite)
	if err != nil {
		logger(stderr).Print(err)
		return ExitUsage
	}
	if err := validate(cf, suite); err != nil {
		logger(stderr).Print(err)
		return ExitUsage
	}
	var out []string
	for _, s := range cf.settings {
		switch s.flag {
		case "checks":
			for _, a := range suite {
				if a.Flags.Lookup(checksFlag) != nil {
					out = append(out, "-"+a.Name+"."+checksFlag+"="+s.value)
				}
			}
		case "test":
			if s.value == "false" {
				logger(stderr).Printf("vetflags: %s: test = false has no go vet flag; go vet always analyzes test files", cf.path)
			}
		default:
			out = append(out, "-"+s.flag+"="+s.value)
		}
	}
	fmt.Fprintln(stdout, strings.Join(out, " "))
	return ExitClean
}

// validate applies the file's settings to a scratch flag set, so a bad
// value fails here as it would in the other commands.
func validate(cf *configFile, suite []*analysis.Analyzer) error {
	fs := flag.NewFlagSet("racecheck", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	var af analysisFlags
	af.register(fs, suite)
	for _, s := range cf.settings {
		if err := fs.Set(s.flag, s.value); err != nil {
			return fmt.Errorf("%s: %s = %s: %w", cf.path, s.flag, s.value, err)
		}
	}
	if _, err := category.Select(af.checks); err != nil {
		return fmt.Errorf("%s: checks: %w", cf.path, err)
	}
	return nil
}
