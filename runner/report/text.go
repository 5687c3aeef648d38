// Package report writes static findings in racecheck's output formats:
// plain or colored text, and JSON in the shape go vet uses.
package report

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/fatih/color"

	"github.com/racecheck/racecheck/runner/findings"
)

// TextOptions configures Text.
type TextOptions struct {
	Dir   string // paths under Dir are printed relative to it
	Color bool   // highlight positions and categories
}

// Text writes one line per finding: file:line:col: message [category].
// The category is printed with or without colour: it is the name a
// //racecheck:ignore directive needs, and CI logs are not terminals.
func Text(w io.Writer, fs []findings.Finding, opts TextOptions) error {
	pos := color.New(color.Bold)
	cat := color.New(color.FgYellow)
	if !opts.Color {
		pos.DisableColor()
		cat.DisableColor()
	} else {
		pos.EnableColor()
		cat.EnableColor()
	}
	for _, f := range fs {
		p := f.Pos
		p.File = Rel(opts.Dir, p.File)
		suffix := ""
		if f.Category != "" {
			suffix = " " + cat.Sprintf("[%s]", f.Category)
		}
		if _, err := fmt.Fprintf(w, "%s: %s%s\n", pos.Sprint(p.String()), f.Message, suffix); err != nil {
			return err
		}
	}
	return nil
}

// Rel returns file relative to dir when file lies inside dir, and file
// unchanged otherwise.
func Rel(dir, file string) string {
	if dir == "" || !filepath.IsAbs(file) {
		return file
	}
	rel, err := filepath.Rel(dir, file)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return file
	}
	return rel
}
