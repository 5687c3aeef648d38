package exec

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// A Profile is the covered part of a coverage profile: for each file, as
// the profile names it (import path + "/" + base name), the line ranges
// of blocks that ran at least once.
type Profile map[string][][2]int

// ParseProfile reads a text coverage profile (go test -coverprofile,
// go tool covdata textfmt) and keeps the blocks with a non-zero count.
func ParseProfile(r io.Reader) (Profile, error) {
	p := make(Profile)
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if n == 1 && strings.HasPrefix(line, "mode:") || line == "" {
			continue
		}
		// file:startLine.startCol,endLine.endCol numStmt count
		colon := strings.LastIndex(line, ":")
		fields := strings.Fields(line[colon+1:])
		if colon < 0 || len(fields) != 3 {
			return nil, fmt.Errorf("coverage profile line %d: malformed %q", n, line)
		}
		start, end, ok := strings.Cut(fields[0], ",")
		sl, err1 := strconv.Atoi(strings.Split(start, ".")[0])
		el, err2 := strconv.Atoi(strings.Split(end, ".")[0])
		count, err3 := strconv.Atoi(fields[2])
		if !ok || err1 != nil || err2 != nil || err3 != nil {
			return nil, fmt.Errorf("coverage profile line %d: malformed %q", n, line)
		}
		if count > 0 {
			p[line[:colon]] = append(p[line[:colon]], [2]int{sl, el})
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("reading coverage profile: %w", err)
	}
	return p, nil
}

// Covered reports whether a block covering line of file ran.
func (p Profile) Covered(file string, line int) bool {
	for _, b := range p[file] {
		if b[0] <= line && line <= b[1] {
			return true
		}
	}
	return false
}
