package driver

import (
	"fmt"
	"strings"

	"golang.org/x/tools/go/packages"
)

// LoadErrors lists every load, parse and type error of the packages
// under analysis and their dependencies, one line each, like go vet
// reports them per package. It wraps ErrLoad.
type LoadErrors struct {
	Lines []string // "importpath: file:line:col: message", deduplicated, in load order
}

// Error is the first error, with a count of the others, on one line.
func (e *LoadErrors) Error() string {
	if len(e.Lines) == 1 {
		return fmt.Sprintf("%v: %s", ErrLoad, e.Lines[0])
	}
	return fmt.Sprintf("%v: %s (and %d more errors)", ErrLoad, e.Lines[0], len(e.Lines)-1)
}

// Unwrap makes errors.Is(err, ErrLoad) true.
func (e *LoadErrors) Unwrap() error { return ErrLoad }

// splitBroken returns the roots that can be analyzed (neither they nor
// any package they import has errors) and, if any package has errors, a
// *LoadErrors listing them all. A test variant's errors repeat its
// package's and are listed once.
func splitBroken(roots []*packages.Package) ([]*packages.Package, error) {
	broken := make(map[*packages.Package]bool)
	seen := make(map[string]bool)
	var lines []string
	packages.Visit(roots, nil, func(p *packages.Package) {
		parsed := make(map[string]bool) // files with a syntax error listed
		for _, e := range p.Errors {
			broken[p] = true
			if e.Kind == packages.ParseError {
				// The parser's later errors in a file mostly follow from
				// its first; the go command shows the first only.
				file, _, _ := strings.Cut(e.Pos, ":")
				if parsed[file] {
					continue
				}
				parsed[file] = true
			}
			line := p.PkgPath + ": " + errorText(e)
			if !seen[line] {
				seen[line] = true
				lines = append(lines, line)
			}
		}
		for _, imp := range p.Imports {
			if broken[imp] {
				broken[p] = true
			}
		}
	})
	var healthy []*packages.Package
	for _, p := range roots {
		if !broken[p] {
			healthy = append(healthy, p)
		}
	}
	if len(lines) == 0 {
		return healthy, nil
	}
	return healthy, &LoadErrors{Lines: lines}
}

// errorText is e as "file:line:col: message", or the message alone when
// the position is unknown (go list writes "-").
func errorText(e packages.Error) string {
	msg := strings.TrimSpace(e.Msg)
	if e.Pos == "" || e.Pos == "-" {
		return msg
	}
	return e.Pos + ": " + msg
}
