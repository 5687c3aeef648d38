package directed

import (
	"go/ast"
	"go/token"
	"path/filepath"
	"sort"
	"strings"

	"golang.org/x/tools/go/packages"

	"github.com/racecheck/racecheck/runner/findings"
)

// Kinds of candidate site: why a statement gets a delay.
const (
	KindFinding   = "finding"   // an access of a static finding (either side)
	KindGoroutine = "goroutine" // a shared access in the body of a go statement
	KindAfterGo   = "after-go"  // the spawner's access, after the go statement, to what the goroutine shares
)

// A Site is a statement before which the helper may delay.
type Site struct {
	ID     int    `json:"id"`
	File   string `json:"file"`
	Line   int    `json:"line"`
	Offset int    `json:"-"`
	Kind   string `json:"kind"`
	Pkg    string `json:"-"` // package name the file declares
}

// A Plan is every candidate site of the packages, and for each finding
// the site of its first position.
type Plan struct {
	Sites []Site
	// FindingSite[i] is the ID of the site holding finding i's position,
	// or -1 when the position is in no statement that can take a delay.
	FindingSite []int
}

// stmtSpan is a statement of a statement list and its extent.
type stmtSpan struct {
	pos, end token.Pos
}

// planner accumulates sites across packages.
type planner struct {
	plan  Plan
	byPos map[string]map[int]int // file -> offset -> site ID
}

// NewPlan computes the candidate sites of pkgs (loaded with syntax and
// types, test variants included) for the static findings fnds. Only
// files of pkgs themselves are considered, never their dependencies.
func NewPlan(pkgs []*packages.Package, fnds []findings.Finding) *Plan {
	pl := &planner{byPos: make(map[string]map[int]int)}
	pl.plan.FindingSite = make([]int, len(fnds))
	for i := range pl.plan.FindingSite {
		pl.plan.FindingSite[i] = -1
	}
	// Test variants hold every file of their package and more: visit
	// them first, then skip the files already seen.
	pkgs = append([]*packages.Package(nil), pkgs...)
	sort.SliceStable(pkgs, func(i, j int) bool {
		return strings.Contains(pkgs[i].ID, "[") && !strings.Contains(pkgs[j].ID, "[")
	})
	seen := make(map[string]bool)
	for _, p := range pkgs {
		if p.TypesInfo == nil || strings.HasSuffix(p.ID, ".test") {
			continue
		}
		gofiles := make(map[string]bool)
		for _, f := range p.GoFiles {
			gofiles[f] = true
		}
		var files []*ast.File
		for _, f := range p.Syntax {
			name := p.Fset.File(f.Pos()).Name()
			if gofiles[name] && !seen[name] && Eligible(f) {
				seen[name] = true
				files = append(files, f)
			}
		}
		pl.pkg(p, files, fnds)
	}
	sort.Slice(pl.plan.Sites, func(i, j int) bool { return pl.plan.Sites[i].ID < pl.plan.Sites[j].ID })
	return &pl.plan
}

// pkg adds the sites of the files of one package.
func (pl *planner) pkg(p *packages.Package, files []*ast.File, fnds []findings.Finding) {
	for _, f := range files {
		tf := p.Fset.File(f.Pos())
		var spans []stmtSpan
		Statements(f, func(s ast.Stmt) { spans = append(spans, stmtSpan{s.Pos(), s.End()}) })
		for i, fd := range fnds {
			if filepath.Clean(fd.Pos.File) != tf.Name() || fd.Pos.Line < 1 || fd.Pos.Line > tf.LineCount() {
				continue
			}
			if id, ok := pl.innermost(p, f, spans, at(tf, spans, fd.Pos), KindFinding); ok {
				pl.plan.FindingSite[i] = id
			}
			for _, r := range fd.Related {
				if filepath.Clean(r.Pos.File) == tf.Name() && r.Pos.Line >= 1 && r.Pos.Line <= tf.LineCount() {
					pl.innermost(p, f, spans, at(tf, spans, r.Pos), KindFinding)
				}
			}
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if b, ok := n.(*ast.BlockStmt); ok {
				for i, s := range b.List {
					if g, ok := s.(*ast.GoStmt); ok {
						pl.goStmt(p, files, g, b.List[i+1:])
					}
				}
			}
			return true
		})
	}
}

// at returns the token position of a finding's position. A position in
// no statement (no column, or a column in the indentation) moves to the
// first statement that starts on its line, if any.
func at(tf *token.File, spans []stmtSpan, p findings.Position) token.Pos {
	pos := tf.LineStart(p.Line) + token.Pos(max(p.Column-1, 0))
	best := token.NoPos
	for _, s := range spans {
		if s.pos <= pos && pos < s.end {
			return pos
		}
		if tf.Line(s.pos) == p.Line && (best == token.NoPos || s.pos < best) {
			best = s.pos
		}
	}
	if best == token.NoPos {
		return pos
	}
	return best
}

// innermost adds a site for the smallest statement containing pos.
func (pl *planner) innermost(p *packages.Package, f *ast.File, spans []stmtSpan, pos token.Pos, kind string) (int, bool) {
	best := -1
	for i, s := range spans {
		if s.pos <= pos && pos < s.end && (best < 0 || s.end-s.pos < spans[best].end-spans[best].pos) {
			best = i
		}
	}
	if best < 0 {
		return 0, false
	}
	return pl.add(p, f, spans[best].pos, kind), true
}

// add records a site before the statement at pos and returns its ID; a
// statement already chosen keeps its first kind.
func (pl *planner) add(p *packages.Package, f *ast.File, pos token.Pos, kind string) int {
	posn := p.Fset.Position(pos)
	m := pl.byPos[posn.Filename]
	if m == nil {
		m = make(map[int]int)
		pl.byPos[posn.Filename] = m
	}
	if id, ok := m[posn.Offset]; ok {
		return id
	}
	id := len(pl.plan.Sites)
	m[posn.Offset] = id
	pl.plan.Sites = append(pl.plan.Sites, Site{ID: id, File: posn.Filename, Line: posn.Line, Offset: posn.Offset, Kind: kind, Pkg: f.Name.Name})
	return id
}

// fileOf returns the file of files that contains pos, or nil.
func fileOf(files []*ast.File, pos token.Pos) *ast.File {
	for _, f := range files {
		if f.FileStart <= pos && pos <= f.FileEnd {
			return f
		}
	}
	return nil
}
