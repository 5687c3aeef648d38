package category

import (
	"fmt"
	"path"
	"slices"
	"strings"
)

// Select evaluates a check selection in staticcheck's style: a
// comma-separated list read left to right, starting from nothing, where
// "all" adds every category, NAME adds a category, an analyzer's name
// adds the categories it reports, a glob ("captured-*") adds those it
// matches, and a leading "-" removes instead of adding. The result maps
// each selected category ID to true. "all,-unbounded-spawn" selects
// everything but unbounded-spawn; so does "-unbounded-spawn", since a
// list that starts with a removal starts from all; an empty expression
// selects all.
func Select(expr string) (map[string]bool, error) {
	all := All()
	sel := make(map[string]bool)
	if e := strings.TrimSpace(expr); e == "" || strings.HasPrefix(e, "-") {
		expr = "all," + e
	}
	for _, item := range strings.Split(expr, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		name, remove := strings.CutPrefix(item, "-")
		matched := false
		for _, d := range all {
			if selects(name, d) {
				matched = true
				if remove {
					delete(sel, d.ID)
				} else {
					sel[d.ID] = true
				}
			}
		}
		if !matched {
			return nil, unknownCheck(name)
		}
	}
	return sel, nil
}

// selects reports whether the selection item name covers d.
func selects(name string, d Doc) bool {
	if name == "all" || name == d.ID || (name == d.Analyzer && d.Analyzer != "") {
		return true
	}
	ok, err := path.Match(name, d.ID)
	return err == nil && ok && strings.ContainsAny(name, "*?[")
}

// unknownCheck is the error for a selection item that names nothing,
// with the closest category or analyzer as a suggestion.
func unknownCheck(name string) error {
	if s := Suggest(name); s != "" {
		return fmt.Errorf("unknown check %q; did you mean %s?", name, s)
	}
	return fmt.Errorf("unknown check %q; run `racecheck explain` for the list", name)
}

// Suggest returns the category ID or analyzer name closest to a mistyped
// name (at most a third of its letters edited), or "" when none is close.
func Suggest(name string) string {
	var names []string
	for _, d := range All() {
		names = append(names, d.ID)
		if d.Analyzer != "" && !slices.Contains(names, d.Analyzer) {
			names = append(names, d.Analyzer)
		}
	}
	best, bestDist := "", len(name)/3+1
	for _, n := range names {
		if d := EditDistance(name, n); d < bestDist {
			best, bestDist = n, d
		}
	}
	return best
}

// EditDistance is the Levenshtein distance between a and b, for the
// suggestions racecheck makes when a name is mistyped.
func EditDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
