package report

import (
	"encoding/json"
	"io"

	"github.com/racecheck/racecheck/runner/findings"
)

// vetDiagnostic is one diagnostic in go vet's JSON shape.
type vetDiagnostic struct {
	Category       string       `json:"category,omitempty"`
	Posn           string       `json:"posn"`
	Message        string       `json:"message"`
	SuggestedFixes []vetFix     `json:"suggested_fixes,omitempty"`
	Related        []vetRelated `json:"related,omitempty"`
}

type vetRelated struct {
	Posn    string `json:"posn"`
	Message string `json:"message"`
}

type vetFix struct {
	Message string    `json:"message"`
	Edits   []vetEdit `json:"edits"`
}

type vetEdit struct {
	Filename string `json:"filename"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	New      string `json:"new"`
}

// VetJSON writes the findings as go vet -json does: an object mapping
// package path to analyzer name to the list of diagnostics. Positions
// are absolute file:line:col, as go vet prints them.
func VetJSON(w io.Writer, fs []findings.Finding) error {
	tree := make(map[string]map[string][]vetDiagnostic)
	for _, f := range fs {
		byAnalyzer := tree[f.Package]
		if byAnalyzer == nil {
			byAnalyzer = make(map[string][]vetDiagnostic)
			tree[f.Package] = byAnalyzer
		}
		d := vetDiagnostic{Category: f.Category, Posn: f.Pos.String(), Message: f.Message}
		for _, r := range f.Related {
			d.Related = append(d.Related, vetRelated{Posn: r.Pos.String(), Message: r.Message})
		}
		for _, fix := range f.Fixes {
			vf := vetFix{Message: fix.Message}
			for _, e := range fix.Edits {
				vf.Edits = append(vf.Edits, vetEdit{Filename: e.File, Start: e.Start, End: e.End, New: e.New})
			}
			d.SuggestedFixes = append(d.SuggestedFixes, vf)
		}
		byAnalyzer[f.Analyzer] = append(byAnalyzer[f.Analyzer], d)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "\t")
	return enc.Encode(tree)
}
