package cli

import (
	"fmt"
	"io"
)

// explainCmd is owned by the integrations work (issue 6); replaced there.
func explainCmd(args []string, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "racecheck explain: not available in this build")
	return ExitFailure
}
