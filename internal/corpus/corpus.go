// Package corpus runs racecheck over the real-code precision corpus
// (issue 10): third-party modules pinned in testdata/corpus/modules.txt,
// fetched from the module proxy, each with a triaged baseline NAME.txt
// beside the list that gives every finding a verdict and a reason.
//
// TestCorpus in this package is the guard: it fails on any finding a
// baseline does not list, on any baseline entry racecheck no longer
// reports, and on any crash. The package lives apart from cmd/racecheck's
// tests so that its minutes have their own go test timeout.
package corpus

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Module is one pinned module of the corpus.
type Module struct {
	Name    string // short name; the baseline is Name.txt
	Path    string // module path
	Version string // a version the module proxy serves
	// Modfile is the go.mod the module's own tests build with
	// (GOFLAGS=-modfile=Modfile in its CI), "" if none.
	Modfile string
}

// ReadModules parses a module list: lines "NAME MODULE VERSION
// [modfile=FILE.mod]", blank lines and # comments.
func ReadModules(path string) ([]Module, error) {
	lines, err := readLines(path)
	if err != nil {
		return nil, err
	}
	var mods []Module
	for _, line := range lines {
		fs := strings.Fields(line)
		if len(fs) < 3 || len(fs) > 4 {
			return nil, fmt.Errorf("%s: malformed line %q (want NAME MODULE VERSION [modfile=FILE.mod])", path, line)
		}
		m := Module{Name: fs[0], Path: fs[1], Version: fs[2]}
		if len(fs) == 4 {
			file, ok := strings.CutPrefix(fs[3], "modfile=")
			if !ok || !strings.HasSuffix(file, ".mod") || filepath.Base(file) != file {
				return nil, fmt.Errorf("%s: bad option %q in %q (want modfile=FILE.mod)", path, fs[3], line)
			}
			m.Modfile = file
		}
		mods = append(mods, m)
	}
	return mods, nil
}

// Verdicts a baseline line may give. Race, unsafe and benign findings are
// true; false alarms are false; unclear ones count as neither.
const (
	Race       = "race"        // a real data race
	Unsafe     = "unsafe"      // unbounded spawning, a lock discipline broken by an exported API
	Benign     = "benign"      // a race with no visible effect
	FalseAlarm = "false-alarm" // cannot happen
	Unclear    = "unclear"     // could not be decided from the code
)

var verdicts = []string{Race, Unsafe, Benign, FalseAlarm, Unclear}

// IsTrue reports whether a verdict counts as a true finding.
func IsTrue(verdict string) bool {
	return verdict == Race || verdict == Unsafe || verdict == Benign
}

// Baseline is a triaged baseline: "# go VERSION" says which Go it was
// made with, each other line is "CATEGORY FILE:LINE VERDICT REASON" with
// FILE relative to the module root.
type Baseline struct {
	GoVersion string
	Verdicts  map[string]string // "CATEGORY FILE:LINE" -> verdict
}

// ReadBaseline parses the baseline at path.
func ReadBaseline(path string) (Baseline, error) {
	b := Baseline{Verdicts: make(map[string]string)}
	f, err := os.Open(path)
	if err != nil {
		return b, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if v, ok := strings.CutPrefix(line, "# go "); ok {
			b.GoVersion = strings.TrimSpace(v)
		}
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fs := strings.Fields(line)
		if len(fs) < 4 || !slices.Contains(verdicts, fs[2]) {
			return b, fmt.Errorf("%s: malformed line %q (want CATEGORY FILE:LINE VERDICT REASON, VERDICT one of %s)",
				path, line, strings.Join(verdicts, ", "))
		}
		key := fs[0] + " " + fs[1]
		if _, dup := b.Verdicts[key]; dup {
			return b, fmt.Errorf("%s: %s listed twice", path, key)
		}
		b.Verdicts[key] = fs[2]
	}
	if err := sc.Err(); err != nil {
		return b, fmt.Errorf("reading %s: %w", path, err)
	}
	if b.GoVersion == "" {
		return b, fmt.Errorf("%s: no \"# go VERSION\" line", path)
	}
	return b, nil
}

// Diff compares findings ("CATEGORY FILE:LINE" keys) with a baseline and
// returns, sorted, the findings it does not list and the entries no
// longer found.
func Diff(b Baseline, findings map[string][]string) (added, vanished []string) {
	for k := range findings {
		if _, ok := b.Verdicts[k]; !ok {
			added = append(added, k)
		}
	}
	for k := range b.Verdicts {
		if _, ok := findings[k]; !ok {
			vanished = append(vanished, k)
		}
	}
	slices.Sort(added)
	slices.Sort(vanished)
	return added, vanished
}

// readLines returns the non-blank, non-comment lines of a file, trimmed.
func readLines(path string) ([]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var lines []string
	for line := range strings.Lines(string(data)) {
		line = strings.TrimSpace(line)
		if line != "" && !strings.HasPrefix(line, "#") {
			lines = append(lines, line)
		}
	}
	return lines, nil
}
