// Package cli implements racecheck's subcommands. Each subcommand has its
// own flag.FlagSet and returns the process exit code.
package cli

import (
	"fmt"
	"io"
	"strings"
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
// analysis tool: -flags, -V=full, or a unit configuration file.
func IsVetInvocation(args []string) bool {
	for _, a := range args {
		if a == "-flags" || a == "--flags" || strings.HasPrefix(a, "-V=") || strings.HasPrefix(a, "--V=") {
			return true
		}
	}
	return len(args) > 0 && strings.HasSuffix(args[len(args)-1], ".cfg")
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
	}
}

// Main runs racecheck with the given arguments (without the program
// name) and returns the exit code.
func Main(args []string, stdout, stderr io.Writer) int {
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
