package racefixes

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// Finding is one racecheck diagnostic reduced to what matching needs.
type Finding struct {
	Category string
	Pos      Pos
	Message  string
	Related  []Pos
}

// Pos is a file and line; File is absolute as racecheck -json writes it.
type Pos struct {
	File string
	Line int
}

// vetDiag is one diagnostic of racecheck -json (go vet's shape).
type vetDiag struct {
	Category string `json:"category"`
	Posn     string `json:"posn"`
	Message  string `json:"message"`
	Related  []struct {
		Posn string `json:"posn"`
	} `json:"related"`
}

// ParseJSON reads racecheck -json output: package path, then analyzer
// name, then either a list of diagnostics or an {"error": ...} object.
// Analyzer errors are returned as errs, not as a failure, so that one
// failing analyzer does not hide the other findings.
func ParseJSON(data []byte) (fs []Finding, errs []string, err error) {
	var tree map[string]map[string]json.RawMessage
	if err := json.Unmarshal(data, &tree); err != nil {
		return nil, nil, fmt.Errorf("parsing racecheck -json output: %w", err)
	}
	for _, pkg := range sortedKeys(tree) {
		for _, an := range sortedKeys(tree[pkg]) {
			raw := tree[pkg][an]
			var diags []vetDiag
			if json.Unmarshal(raw, &diags) != nil {
				var e struct {
					Error string `json:"error"`
				}
				if json.Unmarshal(raw, &e) != nil {
					return nil, nil, fmt.Errorf("parsing racecheck -json output: %s/%s is neither diagnostics nor an error", pkg, an)
				}
				errs = append(errs, pkg+": "+an+": "+e.Error)
				continue
			}
			for _, d := range diags {
				f := Finding{Category: d.Category, Pos: parsePosn(d.Posn), Message: d.Message}
				for _, r := range d.Related {
					f.Related = append(f.Related, parsePosn(r.Posn))
				}
				fs = append(fs, f)
			}
		}
	}
	return fs, errs, nil
}

// parsePosn splits "file:line:col" or "file:line"; an unparsable
// position keeps the whole text as File and line 0, which never matches.
func parsePosn(s string) Pos {
	rest, nums := s, []int(nil)
	for len(nums) < 2 {
		i := strings.LastIndexByte(rest, ':')
		if i < 0 {
			break
		}
		n, err := strconv.Atoi(rest[i+1:])
		if err != nil {
			break
		}
		nums, rest = append(nums, n), rest[:i]
	}
	if len(nums) == 0 {
		return Pos{File: s}
	}
	return Pos{File: rest, Line: nums[len(nums)-1]}
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Matcher decides whether a finding names an expected access in a module
// copied to Root.
type Matcher struct {
	Root   string // directory the module version was unpacked to
	Window int    // lines either side of the expected line that still match
}

// AtLine reports whether f's position, or one of its related positions,
// lies in want.File within Window lines of want.Line, or f lies in
// want.File and its message names want.Object. It is the test at the
// racy version, where the expected line is known.
func (m Matcher) AtLine(f Finding, want Access) bool {
	file := filepath.Join(m.Root, filepath.FromSlash(want.File))
	for _, p := range append([]Pos{f.Pos}, f.Related...) {
		if samePath(p.File, file) && abs(p.Line-want.Line) <= m.Window {
			return true
		}
	}
	return samePath(f.Pos.File, file) && NamesObject(f.Message, want.Object)
}

// Names reports whether f lies in want.File and its message names
// want.Object. It is the test at the fixed version, where the fix moved
// lines and only the object identifies the access.
func (m Matcher) Names(f Finding, want Access) bool {
	file := filepath.Join(m.Root, filepath.FromSlash(want.File))
	return samePath(f.Pos.File, file) && NamesObject(f.Message, want.Object)
}

// First returns the first finding for which ok holds.
func First(fs []Finding, ok func(Finding) bool) (Finding, bool) {
	for _, f := range fs {
		if ok(f) {
			return f, true
		}
	}
	return Finding{}, false
}

// NamesObject reports whether msg mentions obj as a whole identifier,
// alone or as the last element of a selector (s.members, serf.members).
func NamesObject(msg, obj string) bool {
	for i := 0; ; {
		j := strings.Index(msg[i:], obj)
		if j < 0 {
			return false
		}
		start, end := i+j, i+j+len(obj)
		if (start == 0 || !isIdent(msg[start-1])) && (end == len(msg) || !isIdent(msg[end])) {
			return true
		}
		i = start + 1
	}
}

func isIdent(b byte) bool {
	return b == '_' || '0' <= b && b <= '9' || 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z'
}

func samePath(a, b string) bool {
	return filepath.Clean(a) == filepath.Clean(b)
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
