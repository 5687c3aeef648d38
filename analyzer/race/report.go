package race

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"path/filepath"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/racecheck/racecheck/analyzer/internal/model"
)

// report emits one diagnostic per racy location and write position.
func (c *checker) report(p racePair) {
	key := reportKey{loc: fmt.Sprintf("%p%s", p.a.Loc.Root, p.a.Loc.Path), pos: p.a.Pos}
	site := siteKey{p.a.Pos, p.a.Loc.Path}
	if c.reported[key] || (c.viaCallee && c.sites[site]) {
		return
	}
	c.reported[key], c.sites[site] = true, true
	cat, what, fix := c.categorize(p)
	msg := fmt.Sprintf("write to %s%s races with %s; %s", what, c.where(p.a, p.aSide), c.other(p), fix)
	if cat == catCloseSend {
		msg = fmt.Sprintf("close of %s%s races with %s: a send on a closed channel panics; %s", what, c.where(p.a, p.aSide), c.other(p), fix)
	}
	d := analysis.Diagnostic{Pos: p.a.Pos, Category: cat, Message: msg}
	if alloc, ok := p.a.Loc.Root.(*ssa.Alloc); ok && cat == catLoopVar {
		d.SuggestedFixes = c.loopVarFix(p, alloc)
	}
	if p.b.Pos != p.a.Pos {
		d.Related = append(d.Related, analysis.RelatedInformation{Pos: p.b.Pos, Message: accessWord(p.b) + " of " + describe(p.b.Loc)})
	}
	for _, s := range []side{p.aSide, p.bSide} {
		if in := s.spawn(); in != nil && !hasRelated(d.Related, in.Pos()) {
			d.Related = append(d.Related, analysis.RelatedInformation{Pos: in.Pos(), Message: "goroutine started here"})
		}
		if s.g != nil && s.g.spawn.Started != nil && !hasRelated(d.Related, s.g.spawn.Instr.Pos()) {
			d.Related = append(d.Related, analysis.RelatedInformation{Pos: s.g.spawn.Instr.Pos(), Message: "the call that starts the goroutine"})
		}
	}
	c.out.Report(d)
}

func hasRelated(rs []analysis.RelatedInformation, pos token.Pos) bool {
	for _, r := range rs {
		if r.Pos == pos {
			return true
		}
	}
	return false
}

func accessWord(a model.Access) string {
	switch {
	case a.Chan && a.Write:
		return "close"
	case a.Chan:
		return "send"
	case a.Write:
		return "write"
	}
	return "read"
}

// where says in which goroutine an access runs.
func (c *checker) where(a model.Access, s side) string {
	if s.g == nil {
		return ""
	}
	loop := ""
	if s.g.spawn.Kind == model.SpawnParallelSubtest {
		return fmt.Sprintf(" in parallel subtest started at %s", c.short(s.g.spawn.Instr.Pos()))
	}
	if s.g.shared(a.Loc.Root) {
		loop = " repeatedly"
	}
	return fmt.Sprintf(" in goroutine started%s at %s", loop, c.spawnSite(s.g))
}

// spawnSite names where a goroutine starts: the go statement, and for
// one a callee starts, the call that leads to it.
func (c *checker) spawnSite(g *goroutine) string {
	if g.spawn.Started != nil {
		return fmt.Sprintf("%s (by the call at %s)", c.short(g.spawn.Started.Pos()), c.short(g.spawn.Instr.Pos()))
	}
	return c.short(g.spawn.Instr.Pos())
}

// other describes the second access of a pair.
func (c *checker) other(p racePair) string {
	b, s := p.b, p.bSide
	switch {
	case s.others && b.Pos == p.a.Pos && b.Write == p.a.Write:
		return "the same " + accessWord(b) + " in its other instances"
	case s.others:
		return fmt.Sprintf("%s at %s in its other instances", accessWord(b), c.short(b.Pos))
	case s.g != nil && s.g == p.aSide.g:
		return fmt.Sprintf("%s at %s", accessWord(b), c.short(b.Pos))
	case s.g != nil:
		return fmt.Sprintf("%s at %s in goroutine started at %s", accessWord(b), c.short(b.Pos), c.spawnSite(s.g))
	}
	return fmt.Sprintf("%s at %s", accessWord(b), c.short(b.Pos))
}

// short formats a position as file.go:line.
func (c *checker) short(pos token.Pos) string {
	p := c.pass.Fset.Position(pos)
	return fmt.Sprintf("%s:%d", filepath.Base(p.Filename), p.Line)
}

// describe names a location for a message: x, s.count, results[0], m.
func describe(l model.Loc) string {
	name := rootName(l.Root)
	for _, s := range strings.Split(strings.NewReplacer(".", "\x00.", "[", "\x00[", "{", "\x00{", "*", "").Replace(l.Path), "\x00") {
		switch {
		case s == "" || s == "{}" || s == "{chan}":
		case s == "[?]":
			name += "[i]"
		case s == model.MapKeyStep || s == model.MapAllStep:
			name += "[k]"
		default:
			name += s
		}
	}
	if name == "" {
		return "shared memory"
	}
	return name
}

// rootName returns the source name of a location's root, or "".
func rootName(v ssa.Value) string {
	switch v := v.(type) {
	case *ssa.Alloc:
		if isVarAlloc(v) {
			return v.Comment
		}
		for _, r := range *v.Referrers() {
			if mc, ok := r.(*ssa.MakeClosure); ok && mc.Fn.(*ssa.Function).Synthetic == "" {
				for i, b := range mc.Bindings {
					if b == v {
						return mc.Fn.(*ssa.Function).FreeVars[i].Name()
					}
				}
			}
		}
	case *ssa.Global:
		return v.Name()
	case *ssa.Parameter:
		return v.Name()
	case *ssa.FreeVar:
		return v.Name()
	}
	if in, ok := v.(ssa.Instruction); ok {
		return assignedName(in.Parent(), v.Pos())
	}
	return ""
}

// assignedName returns the variable that the expression at pos (a call,
// a composite literal) is assigned to in fn, as in c := NewCollector(),
// or "".
func assignedName(fn *ssa.Function, pos token.Pos) string {
	if fn == nil || !pos.IsValid() || fn.Syntax() == nil {
		return ""
	}
	name := ""
	ast.Inspect(fn.Syntax(), func(n ast.Node) bool {
		if name != "" || n == nil || n.Pos() > pos || n.End() <= pos {
			return name == ""
		}
		if as, ok := n.(*ast.AssignStmt); ok && len(as.Lhs) == len(as.Rhs) {
			for i, r := range as.Rhs {
				if id, ok := as.Lhs[i].(*ast.Ident); ok && r.Pos() <= pos && pos < r.End() && id.Name != "_" {
					name = id.Name
				}
			}
		}
		return name == ""
	})
	return name
}

// isVarAlloc reports whether an Alloc is a declared variable rather
// than a composite literal, new(T) or another anonymous allocation.
func isVarAlloc(a *ssa.Alloc) bool {
	switch a.Comment {
	case "", "complit", "new", "slicelit", "varargs", "makeslice", "rangefunc.exit":
		return false
	}
	return !strings.ContainsAny(a.Comment, " #.")
}

// isErrorType reports whether t is the error interface.
func isErrorType(t types.Type) bool {
	return types.Identical(t, types.Universe.Lookup("error").Type())
}
