package vetunit

import (
	"cmp"
	"fmt"
	"go/token"
	"slices"

	"golang.org/x/tools/go/analysis"
)

// validateFixes checks an analyzer's suggested fixes as the go/analysis
// drivers do before printing them: distinct messages, and edits that
// stay within one file and do not overlap (sorted in place; a missing
// End becomes the edit's Pos).
func validateFixes(fset *token.FileSet, a *analysis.Analyzer, fixes []analysis.SuggestedFix) error {
	messages := make(map[string]bool)
	for i := range fixes {
		fix := &fixes[i]
		if messages[fix.Message] {
			return fmt.Errorf("analyzer %q suggests two fixes with same Message (%s)", a.Name, fix.Message)
		}
		messages[fix.Message] = true
		if err := validateEdits(fset, fix.TextEdits); err != nil {
			return fmt.Errorf("analyzer %q suggests invalid fix (%s): %v", a.Name, fix.Message, err)
		}
	}
	return nil
}

func validateEdits(fset *token.FileSet, edits []analysis.TextEdit) error {
	slices.SortStableFunc(edits, func(x, y analysis.TextEdit) int {
		return cmp.Or(cmp.Compare(x.Pos, y.Pos), cmp.Compare(x.End, y.End))
	})
	var prevEnd token.Pos
	for i := range edits {
		e := &edits[i]
		file := fset.File(e.Pos)
		if file == nil {
			return fmt.Errorf("no token.File for TextEdit.Pos (%v)", e.Pos)
		}
		fileEnd := token.Pos(file.Base() + file.Size())
		switch {
		case !e.End.IsValid():
			e.End = e.Pos
		case e.End < e.Pos:
			return fmt.Errorf("TextEdit.Pos (%v) > TextEdit.End (%v)", e.Pos, e.End)
		case fset.File(e.End) != file && e.End < fileEnd+10:
			// An End just past the file (parsers' EOF) means the end.
			e.End = fileEnd
			continue
		case fset.File(e.End) != file:
			return fmt.Errorf("edit #%d spans files (%v and %v)", i, fset.Position(e.Pos), fset.Position(e.End))
		}
		if e.End > fileEnd {
			return fmt.Errorf("end is (%v) beyond end of file (%v)", e.End, fileEnd)
		}
		if i > 0 && e.Pos < prevEnd {
			return fmt.Errorf("overlapping edits to %s at %v", file.Name(), fset.Position(e.Pos))
		}
		prevEnd = e.End
	}
	return nil
}
