package cli

import (
	"fmt"
	"io"
)

// runCmd is owned by the runner work (issue 4); replaced there.
func runCmd(args []string, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "racecheck run: not available in this build")
	return ExitFailure
}

// correlateCmd is owned by the runner work (issue 4); replaced there.
func correlateCmd(args []string, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "racecheck correlate: not available in this build")
	return ExitFailure
}
