package report

import (
	"encoding/json"
	"fmt"
	"io"
)

// RunJSON writes r as racecheck run -json: one indented JSON object of
// schema version RunVersion (documented in docs/run.md).
func RunJSON(w io.Writer, r *Run) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// ReadRunJSON reads an object written by RunJSON, rejecting other
// schema versions.
func ReadRunJSON(rd io.Reader) (*Run, error) {
	var r Run
	if err := json.NewDecoder(rd).Decode(&r); err != nil {
		return nil, fmt.Errorf("decoding racecheck run -json output: %w", err)
	}
	if r.Version != RunVersion {
		return nil, fmt.Errorf("racecheck run -json output has schema version %d, want %d", r.Version, RunVersion)
	}
	return &r, nil
}
