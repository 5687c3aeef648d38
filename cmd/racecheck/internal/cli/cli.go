// Package cli implements racecheck's subcommands. Each subcommand has its
// own flag.FlagSet and returns the process exit code.
package cli

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/racecheck/racecheck/internal/driver/vetunit"
)

// Exit codes, documented in README and in `racecheck -h`.
const (
	ExitClean    = 0 // nothing found
	ExitFailure  = 1 // racecheck could not do its job (packages do not load, build fails)
	ExitUsage    = 2 // bad command line
	ExitFindings = 3 // static findings
	ExitRaces    = 4 // races observed at run time (racecheck run)
	ExitTests    = 5 // tests failed, panicked or hung, no race observed (racecheck run)
	ExitBoth     = 6 // races observed and tests failed, panicked or hung (racecheck run)
)

// IsVetInvocation reports whether args are go vet's handshake with its
// analysis tool: -flags, -V=full, or a unit configuration file. -V alone
// (and -V=true) is racecheck's own version flag.
func IsVetInvocation(args []string) bool {
	for _, a := range args {
		if a == "-V=true" || a == "--V=true" {
			continue
		}
		if a == "-flags" || a == "--flags" || strings.HasPrefix(a, "-V=") || strings.HasPrefix(a, "--V=") {
			return true
		}
	}
	return vetunit.IsUnit(args)
}

// A command is one subcommand.
type command struct {
	name    string
	summary string
	run     func(args []string, stdout, stderr io.Writer) int
}

func commands() []command {
	return []command{
		{"run", "run tests or a program under -race and correlate with static findings", runCmd},
		{"correlate", "correlate race reports from existing logs with static findings", correlateCmd},
		{"explain", "describe a category of finding, or list them all", explainCmd},
		{"vetflags", "print the configuration file's settings as go vet flags", vetflagsCmd},
		{"version", "print racecheck's version (also racecheck -V)", versionCmd},
	}
}

// Main runs racecheck with the given arguments (without the program
// name) and returns the exit code.
func Main(args []string, stdout, stderr io.Writer) int {
	if len(args) == 1 && (args[0] == "-V" || args[0] == "--V" || args[0] == "-V=true") {
		return versionCmd(nil, stdout, stderr)
	}
	if len(args) > 0 {
		if args[0] == "help" {
			return helpCmd(args[1:], stdout, stderr)
		}
		for _, c := range commands() {
			if c.name == args[0] {
				return c.run(args[1:], stdout, stderr)
			}
		}
	}
	return lintCmd(args, stdout, stderr)
}

func helpCmd(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		return lintCmd([]string{"-h"}, stdout, stderr)
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run([]string{"-h"}, stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "racecheck: unknown help topic %q\n", args[0])
	return ExitUsage
}

// parseFlags parses args into fs. -h prints the full usage and returns
// ExitClean; a bad flag prints one line naming it (not the whole usage,
// which would bury the cause) and returns ExitUsage; ok is true when the
// command should go on.
func parseFlags(fs *flag.FlagSet, args []string, stderr io.Writer) (code int, ok bool) {
	usage := fs.Usage
	var msg bytes.Buffer
	fs.SetOutput(&msg)
	fs.Usage = func() {}
	err := fs.Parse(args)
	fs.SetOutput(stderr)
	fs.Usage = usage
	switch {
	case err == nil:
		return 0, true
	case errors.Is(err, flag.ErrHelp):
		fs.Usage()
		return ExitClean, false
	}
	first, _, _ := strings.Cut(strings.TrimSpace(msg.String()), "\n")
	fmt.Fprintf(stderr, "%s: %s (%s -h for usage)\n", fs.Name(), first, fs.Name())
	return ExitUsage, false
}
