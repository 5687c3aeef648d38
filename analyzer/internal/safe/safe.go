// Package safe keeps one analyzer's bug from killing a whole go vet run:
// it turns a panic in an analyzer's Run into an error naming the package.
package safe

import (
	"fmt"
	"runtime/debug"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// Run wraps an analyzer's run function so that a panic becomes an error
// "internal error in NAME on PKG: VALUE (at FRAME)".
func Run(run func(*analysis.Pass) (any, error)) func(*analysis.Pass) (any, error) {
	return func(pass *analysis.Pass) (res any, err error) {
		defer func() {
			if r := recover(); r != nil {
				res = nil
				err = fmt.Errorf("internal error in %s on %s: %v (at %s)",
					pass.Analyzer.Name, pass.Pkg.Path(), r, panicFrame(debug.Stack()))
			}
		}()
		return run(pass)
	}
}

// panicFrame returns the file:line of the frame that panicked, from a
// stack trace as printed by debug.Stack.
func panicFrame(stack []byte) string {
	lines := strings.Split(string(stack), "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "panic(") && i+3 < len(lines) {
			return strings.TrimSpace(strings.Fields(lines[i+3])[0])
		}
	}
	return "unknown frame"
}
