// Package findings holds the driver-independent form of a static finding:
// positions and text only, never ASTs, types or SSA. Everything after the
// analysis (output formats, correlation with dynamic races) works on it.
package findings

import (
	"cmp"
	"fmt"
	"slices"
)

// A Position is a place in a source file. File is the path as reported
// by the analysis (usually absolute); Line and Column are 1-based.
type Position struct {
	File   string `json:"file"`
	Line   int    `json:"line"`
	Column int    `json:"column,omitempty"`
}

// String formats p as file:line:col, the form editors and go vet use.
func (p Position) String() string {
	if p.Column > 0 {
		return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Column)
	}
	return fmt.Sprintf("%s:%d", p.File, p.Line)
}

// Compare orders positions by file, line and column.
func (p Position) Compare(q Position) int {
	return cmp.Or(cmp.Compare(p.File, q.File), cmp.Compare(p.Line, q.Line), cmp.Compare(p.Column, q.Column))
}

// A Related position is another place a finding involves: the other
// access of a racy pair, or the site that started the goroutine.
type Related struct {
	Pos     Position `json:"posn"`
	Message string   `json:"message"`
}

// An Edit replaces the bytes [Start, End) of a file by New.
type Edit struct {
	File  string `json:"file"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	New   string `json:"new"`
}

// A Fix is a suggested mechanical change.
type Fix struct {
	Message string `json:"message"`
	Edits   []Edit `json:"edits"`
}

// A Finding is one diagnostic of a static analyzer.
type Finding struct {
	Package  string    `json:"package"`
	Analyzer string    `json:"analyzer"`
	Category string    `json:"category"`
	Message  string    `json:"message"`
	Pos      Position  `json:"posn"`
	Related  []Related `json:"related,omitempty"`
	Fixes    []Fix     `json:"suggested_fixes,omitempty"`
}

// Sort orders findings by position, then category and message, so that
// every output is deterministic.
func Sort(fs []Finding) {
	slices.SortFunc(fs, func(a, b Finding) int {
		return cmp.Or(a.Pos.Compare(b.Pos), cmp.Compare(a.Category, b.Category), cmp.Compare(a.Message, b.Message))
	})
}
