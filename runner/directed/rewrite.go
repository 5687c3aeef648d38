package directed

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"slices"
	"strings"
)

// DelayFunc is the name of the delay helper the rewritten files call. It
// is long and odd so that it cannot collide with a user's identifier.
const DelayFunc = "racecheckDirectedDelay"

// An Insert asks for a delay call with the package-local index Index
// just before the byte Offset of a file (the start of a statement).
type Insert struct {
	Offset int
	Index  int
}

// Rewrite returns src with a delay call inserted before each statement
// that ins names. The call goes on the statement's own line, followed by
// a semicolon, so every line keeps its number and race reports on the
// rewritten binary name the user's lines. The result is parsed again: a
// rewrite that does not parse is an error, never a broken build.
func Rewrite(name string, src []byte, ins []Insert) ([]byte, error) {
	ins = slices.Clone(ins)
	slices.SortFunc(ins, func(a, b Insert) int { return a.Offset - b.Offset })
	var b bytes.Buffer
	b.Grow(len(src) + 32*len(ins))
	last := 0
	for i, in := range ins {
		if in.Offset < last || in.Offset > len(src) || (i > 0 && in.Offset == ins[i-1].Offset) {
			return nil, fmt.Errorf("rewriting %s: bad or duplicate offset %d", name, in.Offset)
		}
		b.Write(src[last:in.Offset])
		fmt.Fprintf(&b, "%s(%d); ", DelayFunc, in.Index)
		last = in.Offset
	}
	b.Write(src[last:])
	out := b.Bytes()
	if _, err := parser.ParseFile(token.NewFileSet(), name, out, parser.SkipObjectResolution); err != nil {
		return nil, fmt.Errorf("rewriting %s: result does not parse: %w", name, err)
	}
	return out, nil
}

// Eligible reports whether a file may be rewritten: cgo files are left
// alone (cgo rewrites them itself and maps their lines with its own
// directives).
func Eligible(f *ast.File) bool {
	for _, imp := range f.Imports {
		if strings.Trim(imp.Path.Value, "\"`") == "C" {
			return false
		}
	}
	return true
}

// Statements calls fn for every statement of a statement list in f
// (blocks, case and select clause bodies): the places where a call may be
// inserted before a statement. Nested function literals are included.
func Statements(f *ast.File, fn func(s ast.Stmt)) {
	ast.Inspect(f, func(n ast.Node) bool {
		var list []ast.Stmt
		switch n := n.(type) {
		case *ast.BlockStmt:
			list = n.List
		case *ast.CaseClause:
			list = n.Body
		case *ast.CommClause:
			list = n.Body
		}
		for _, s := range list {
			switch s.(type) {
			case *ast.EmptyStmt, *ast.CaseClause, *ast.CommClause:
				// A switch or select body lists clauses, not statements.
			default:
				fn(s)
			}
		}
		return true
	})
}
