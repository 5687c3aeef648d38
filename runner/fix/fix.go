// Package fix applies the suggested fixes of static findings to the
// files, or shows them as a unified diff. It works on findings (byte
// offsets into files), so it serves every driver that produces them.
package fix

import (
	"bytes"
	"cmp"
	"fmt"
	"go/format"
	"io"
	"os"
	"path/filepath"
	"slices"

	"github.com/pmezard/go-difflib/difflib"

	"github.com/racecheck/racecheck/runner/findings"
)

// A Change is the new content of one file.
type Change struct {
	File     string
	Old, New []byte
}

// A Plan is the set of changes the fixes of some findings make.
type Plan struct {
	Changes []Change           // sorted by file
	Fixed   []findings.Finding // findings whose fix is in the plan
	Skipped []findings.Finding // findings whose fix overlaps an earlier one
}

// Compute plans the first suggested fix of each finding, in order. A
// fix whose edits overlap edits already planned is skipped whole, so
// that no fix is half applied; a fix identical to a planned one (the
// same finding reported for a package and its test variant) is merged.
// Changed Go files are gofmt-ed when they still parse. read returns the
// current content of a file (os.ReadFile if nil).
func Compute(fs []findings.Finding, read func(string) ([]byte, error)) (*Plan, error) {
	if read == nil {
		read = os.ReadFile
	}
	plan := &Plan{}
	edits := make(map[string][]findings.Edit)
	src := make(map[string][]byte)
	for _, f := range fs {
		if len(f.Fixes) == 0 {
			continue
		}
		fix := f.Fixes[0]
		if err := load(fix, src, read); err != nil {
			return nil, err
		}
		if !fits(fix, edits, src) {
			plan.Skipped = append(plan.Skipped, f)
			continue
		}
		for _, e := range fix.Edits {
			if !slices.Contains(edits[e.File], e) {
				edits[e.File] = append(edits[e.File], e)
			}
		}
		plan.Fixed = append(plan.Fixed, f)
	}
	for file, es := range edits {
		plan.Changes = append(plan.Changes, Change{File: file, Old: src[file], New: apply(file, src[file], es)})
	}
	slices.SortFunc(plan.Changes, func(a, b Change) int { return cmp.Compare(a.File, b.File) })
	return plan, nil
}

// load reads the files a fix edits, once each.
func load(fix findings.Fix, src map[string][]byte, read func(string) ([]byte, error)) error {
	for _, e := range fix.Edits {
		if _, ok := src[e.File]; ok {
			continue
		}
		data, err := read(e.File)
		if err != nil {
			return fmt.Errorf("reading file to fix: %w", err)
		}
		src[e.File] = data
	}
	return nil
}

// fits reports whether fix's edits lie inside their files and each
// either is already planned or overlaps no planned edit.
func fits(fix findings.Fix, planned map[string][]findings.Edit, src map[string][]byte) bool {
	for _, e := range fix.Edits {
		if e.Start < 0 || e.End < e.Start || e.End > len(src[e.File]) {
			return false
		}
		if slices.Contains(planned[e.File], e) {
			continue
		}
		for _, p := range planned[e.File] {
			if overlap(e, p) {
				return false
			}
		}
	}
	return true
}

// overlap reports whether two different edits of a file conflict: their
// ranges intersect, or both insert at the same offset (whose text would
// come first is arbitrary).
func overlap(a, b findings.Edit) bool {
	if a.Start == a.End && b.Start == b.End {
		return a.Start == b.Start
	}
	return a.Start < b.End && b.Start < a.End
}

// apply returns src with the non-overlapping edits applied, gofmt-ed
// when the file is Go source that still parses.
func apply(file string, src []byte, edits []findings.Edit) []byte {
	slices.SortFunc(edits, func(a, b findings.Edit) int { return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End)) })
	var out bytes.Buffer
	last := 0
	for _, e := range edits {
		out.Write(src[last:e.Start])
		out.WriteString(e.New)
		last = e.End
	}
	out.Write(src[last:])
	if filepath.Ext(file) == ".go" {
		if formatted, err := format.Source(out.Bytes()); err == nil {
			return formatted
		}
	}
	return out.Bytes()
}

// Write writes the planned changes to the files, each through a
// temporary file renamed over the original so that an interrupted run
// leaves no half-written source.
func (p *Plan) Write() error {
	for _, c := range p.Changes {
		if err := writeFile(c.File, c.New); err != nil {
			return err
		}
	}
	return nil
}

func writeFile(name string, data []byte) error {
	info, err := os.Stat(name)
	if err != nil {
		return fmt.Errorf("fixing %s: %w", name, err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".racecheck-*")
	if err != nil {
		return fmt.Errorf("fixing %s: %w", name, err)
	}
	defer os.Remove(tmp.Name()) // no-op after the rename
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("fixing %s: %w", name, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("fixing %s: %w", name, err)
	}
	if err := os.Chmod(tmp.Name(), info.Mode().Perm()); err != nil {
		return fmt.Errorf("fixing %s: %w", name, err)
	}
	if err := os.Rename(tmp.Name(), name); err != nil {
		return fmt.Errorf("fixing %s: %w", name, err)
	}
	return nil
}

// Diff writes the planned changes as a unified diff, with file names
// relative to dir when they lie inside it.
func (p *Plan) Diff(w io.Writer, dir string) error {
	for _, c := range p.Changes {
		name := c.File
		if rel, err := filepath.Rel(dir, c.File); err == nil && dir != "" && filepath.IsLocal(rel) {
			name = filepath.ToSlash(rel)
		}
		err := difflib.WriteUnifiedDiff(w, difflib.UnifiedDiff{
			A:        difflib.SplitLines(string(c.Old)),
			B:        difflib.SplitLines(string(c.New)),
			FromFile: name + " (old)",
			ToFile:   name + " (new)",
			Context:  3,
		})
		if err != nil {
			return fmt.Errorf("writing diff of %s: %w", name, err)
		}
	}
	return nil
}
