package lockcheck

import (
	"fmt"
	"go/token"
	"path/filepath"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/racecheck/racecheck/analyzer/internal/model"
)

// short formats a position as file.go:line.
func (c *checker) short(pos token.Pos) string {
	p := c.pass.Fset.Position(pos)
	return fmt.Sprintf("%s:%d", filepath.Base(p.Filename), p.Line)
}

// describe names a location for a message: s, s.cache, items[i].
func describe(l model.Loc) string {
	name := rootName(l.Root)
	for _, st := range splitPath(l.Path) {
		switch {
		case st.text == "*" || st.text == "{}":
		case st.text == "[?]":
			name += "[i]"
		case st.text == model.MapKeyStep || st.text == model.MapAllStep:
			name += "[k]"
		default:
			name += st.text
		}
	}
	return strings.TrimPrefix(name, ".")
}

// rootName returns the source name of a location's root.
func rootName(v ssa.Value) string {
	switch v := v.(type) {
	case *ssa.Global:
		return v.Name()
	case *ssa.Parameter:
		return v.Name()
	case *ssa.FreeVar:
		return v.Name()
	case *model.Opaque:
		return v.Name()
	case *ssa.Alloc:
		if v.Comment != "" {
			return v.Comment
		}
	case *ssa.Lookup:
		return describe(model.LocOf(v.X)) + "[k]"
	case *ssa.Extract:
		if l, ok := v.Tuple.(*ssa.Lookup); ok && v.Index == 0 {
			return describe(model.LocOf(l.X)) + "[k]" // an element looked up in a map
		}
	}
	return "x"
}

// A lineKey identifies a source line: racecheck reports a line once.
type lineKey struct {
	file string
	line int
}

func (c *checker) lineOf(pos token.Pos) lineKey {
	p := c.pass.Fset.Position(pos)
	return lineKey{p.Filename, p.Line}
}

// done reports whether a diagnostic was reported on pos's line.
func (c *checker) done(pos token.Pos) bool { return c.reported[c.lineOf(pos)] }

// mark records a diagnostic on pos's line.
func (c *checker) mark(pos token.Pos) { c.reported[c.lineOf(pos)] = true }

// lineStart returns the position of the start of pos's line.
func (c *checker) lineStart(pos token.Pos) token.Pos {
	f := c.pass.Fset.File(pos)
	if f == nil {
		return pos
	}
	return f.LineStart(f.Line(pos))
}
