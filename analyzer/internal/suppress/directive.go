package suppress

import (
	"go/ast"
	"go/token"
	"strings"
)

// Prefixes of the two directive forms. Like //go: directives, neither
// allows a space after the slashes.
const (
	ignorePrefix = "//racecheck:ignore"
	nolintPrefix = "//nolint"
)

// A Directive is one suppression comment.
//
//	//racecheck:ignore CATEGORY[,CATEGORY...] reason
//	//nolint:racecheck // reason
//
// It covers the line it sits on when it trails code, and the next line
// when it stands alone on its line.
type Directive struct {
	Pos        token.Pos // the comment
	File       string    // file name as the FileSet reports it
	Line       int       // the line whose diagnostics it suppresses
	Categories []string  // named categories; empty for //nolint (all of racecheck)
	Reason     string    // text after the categories; empty if missing
	Nolint     bool      // golangci-lint's //nolint form
}

// Covers reports whether d suppresses a diagnostic of category cat.
func (d *Directive) Covers(cat string) bool {
	if d.Nolint {
		return true
	}
	for _, c := range d.Categories {
		if c == cat {
			return true
		}
	}
	return false
}

// Parse returns the directives of one file. src is the file's content,
// used to tell a trailing comment from one alone on its line; when src
// is nil, a directive covers both its own line and the next.
func Parse(fset *token.FileSet, f *ast.File, src []byte) []*Directive {
	var out []*Directive
	for _, group := range f.Comments {
		for _, c := range group.List {
			d := parseComment(c.Text)
			if d == nil {
				continue
			}
			posn := fset.Position(c.Slash)
			d.Pos, d.File, d.Line = c.Slash, posn.Filename, posn.Line
			switch {
			case src == nil:
				out = append(out, d, d.onLine(posn.Line+1))
				continue
			case aloneOnLine(src, posn.Offset):
				d.Line++
			}
			out = append(out, d)
		}
	}
	return out
}

// onLine returns a copy of d covering line instead. The copy shares
// nothing mutable with d.
func (d *Directive) onLine(line int) *Directive {
	c := *d
	c.Line = line
	return &c
}

// parseComment parses the text of one // comment, or returns nil when it
// is not a directive for racecheck.
func parseComment(text string) *Directive {
	if rest, ok := strings.CutPrefix(text, ignorePrefix); ok {
		if rest != "" && rest[0] != ' ' && rest[0] != '\t' {
			return nil // e.g. //racecheck:ignored
		}
		// A nested " //" ends the directive, so that a trailing remark
		// (or analysistest's // want) is not taken for the reason.
		if i := strings.Index(rest, " //"); i >= 0 {
			rest = rest[:i]
		}
		fields := strings.Fields(rest)
		d := &Directive{}
		if len(fields) > 0 {
			for _, c := range strings.Split(fields[0], ",") {
				if c != "" {
					d.Categories = append(d.Categories, c)
				}
			}
			d.Reason = strings.Join(fields[1:], " ")
		}
		return d
	}
	if rest, ok := strings.CutPrefix(text, nolintPrefix); ok {
		return parseNolint(rest)
	}
	return nil
}

// parseNolint parses what follows "//nolint": nothing or ":all" or a
// list naming racecheck suppress every racecheck category, as they do
// in golangci-lint; a list without racecheck is somebody else's.
func parseNolint(rest string) *Directive {
	list, reason, _ := strings.Cut(rest, "//")
	list = strings.TrimSpace(list)
	d := &Directive{Nolint: true, Reason: strings.TrimSpace(reason)}
	if list == "" {
		return d
	}
	names, ok := strings.CutPrefix(list, ":")
	if !ok {
		return nil // e.g. //nolintfoo
	}
	for _, n := range strings.Split(names, ",") {
		if n = strings.TrimSpace(n); n == "racecheck" || n == "all" {
			return d
		}
	}
	return nil
}

// aloneOnLine reports whether only blanks precede offset on its line.
func aloneOnLine(src []byte, offset int) bool {
	if offset > len(src) {
		return false
	}
	for i := offset - 1; i >= 0 && src[i] != '\n'; i-- {
		if src[i] != ' ' && src[i] != '\t' {
			return false
		}
	}
	return true
}
