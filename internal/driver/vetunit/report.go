package vetunit

import (
	"cmp"
	"encoding/json"
	"fmt"
	"go/token"
	"io"
	"net/url"
	"os"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// printText writes each diagnostic as "file:line:col: message", with
// its related positions indented below, as go vet prints them; with
// contextLines >= 0 (-c=N), each followed by the source lines around it.
func printText(w io.Writer, fset *token.FileSet, contextLines int, d analysis.Diagnostic) {
	printPosn(w, fset, contextLines, d.Pos, d.End, d.Message)
	for _, r := range d.Related {
		printPosn(w, fset, contextLines, r.Pos, r.End, "\t"+r.Message)
	}
}

func printPosn(w io.Writer, fset *token.FileSet, contextLines int, pos, end token.Pos, msg string) {
	posn := fset.Position(pos)
	fmt.Fprintf(w, "%s: %s\n", posn, msg)
	if contextLines < 0 {
		return
	}
	endPosn := fset.Position(end)
	if !endPosn.IsValid() {
		endPosn = posn
	}
	data, _ := os.ReadFile(posn.Filename)
	lines := strings.Split(string(data), "\n")
	for i := max(posn.Line-contextLines, 1); i <= min(endPosn.Line+contextLines, len(lines)); i++ {
		fmt.Fprintf(w, "%d\t%s\n", i, lines[i-1])
	}
}

// The JSON output: unit ID -> analyzer name -> diagnostics, or an
// {"error": ...} object for an analyzer that failed. go vet concatenates
// the trees of all units; racecheck's own commands read them back
// (internal/driver/vet.go).
type (
	jsonTree map[string]map[string]any

	jsonDiagnostic struct {
		Category string        `json:"category,omitempty"`
		Posn     string        `json:"posn"`
		End      string        `json:"end"`
		Message  string        `json:"message"`
		Fixes    []jsonFix     `json:"suggested_fixes,omitempty"`
		Related  []jsonRelated `json:"related,omitempty"`
	}
	jsonFix struct {
		Message string     `json:"message"`
		Edits   []jsonEdit `json:"edits"`
	}
	jsonEdit struct {
		Filename string `json:"filename"`
		Start    int    `json:"start"`
		End      int    `json:"end"`
		New      string `json:"new"`
	}
	jsonRelated struct {
		Posn    string `json:"posn"`
		End     string `json:"end"`
		Message string `json:"message"`
	}
	jsonError struct {
		Err string `json:"error"`
	}
)

// add records one analyzer's result on unit id; an analyzer without
// diagnostics or error is left out.
func (t jsonTree) add(fset *token.FileSet, id string, r result) {
	var v any
	switch {
	case r.err != nil:
		v = jsonError{r.err.Error()}
	case len(r.diags) > 0:
		diags := make([]jsonDiagnostic, 0, len(r.diags))
		for _, d := range r.diags {
			diags = append(diags, toJSON(fset, d))
		}
		v = diags
	default:
		return
	}
	if t[id] == nil {
		t[id] = make(map[string]any)
	}
	t[id][r.a.Name] = v
}

func toJSON(fset *token.FileSet, d analysis.Diagnostic) jsonDiagnostic {
	jd := jsonDiagnostic{
		Category: d.Category,
		Posn:     fset.Position(d.Pos).String(),
		End:      fset.Position(cmp.Or(d.End, d.Pos)).String(),
		Message:  d.Message,
	}
	for _, fix := range d.SuggestedFixes {
		jf := jsonFix{Message: fix.Message}
		for _, e := range fix.TextEdits {
			start, end := fset.Position(e.Pos), fset.Position(e.End)
			jf.Edits = append(jf.Edits, jsonEdit{Filename: start.Filename, Start: start.Offset, End: end.Offset, New: string(e.NewText)})
		}
		jd.Fixes = append(jd.Fixes, jf)
	}
	for _, r := range d.Related {
		jd.Related = append(jd.Related, jsonRelated{
			Posn:    fset.Position(r.Pos).String(),
			End:     fset.Position(cmp.Or(r.End, r.Pos)).String(),
			Message: r.Message,
		})
	}
	return jd
}

// print writes the tree as indented JSON.
func (t jsonTree) print(w io.Writer) error {
	data, err := json.MarshalIndent(t, "", "\t")
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s\n", data)
	return err
}

// resolveURLs sets the URL of each diagnostic: its own, or its category
// as a fragment, resolved against the analyzer's URL.
func resolveURLs(a *analysis.Analyzer, diags []analysis.Diagnostic) error {
	var last error
	for i := range diags {
		d := &diags[i]
		if d.URL == "" && d.Category == "" && a.URL == "" {
			continue
		}
		raw := d.URL
		if raw == "" && d.Category != "" {
			raw = "#" + d.Category
		}
		u, err := url.Parse(raw)
		if err != nil {
			last = fmt.Errorf("invalid Diagnostic.URL %q: %s", raw, err)
			continue
		}
		base, err := url.Parse(a.URL)
		if err != nil {
			last = fmt.Errorf("invalid Analyzer.URL %q: %s", a.URL, err)
			continue
		}
		d.URL = base.ResolveReference(u).String()
	}
	return last
}
