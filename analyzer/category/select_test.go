package category

import (
	"strings"
	"testing"
)

func TestSelect(t *testing.T) {
	total := len(All())
	for _, tc := range []struct {
		expr       string
		n          int
		has, lacks []string
	}{
		{"", total, []string{"captured-var", "unbounded-spawn"}, nil},
		{"all", total, []string{"unbounded-spawn"}, nil},
		{"all,-unbounded-spawn", total - 1, []string{"captured-var"}, []string{"unbounded-spawn"}},
		{"all, -spawn", total - 5, []string{"shared-field"}, []string{"unbounded-spawn", "max-threads", "oversized-pool", "const-gomaxprocs"}},
		{"captured-*", 4, []string{"captured-var", "captured-map"}, []string{"shared-field"}},
		{"unbounded-spawn", 1, []string{"unbounded-spawn"}, []string{"captured-var"}},
		{"-all,waitgroup-add", 1, []string{"waitgroup-add"}, nil},
		{"-unbounded-spawn", total - 1, []string{"captured-var"}, []string{"unbounded-spawn"}},
	} {
		sel, err := Select(tc.expr)
		if err != nil {
			t.Errorf("Select(%q): %v", tc.expr, err)
			continue
		}
		if len(sel) != tc.n {
			t.Errorf("Select(%q) selects %d categories, want %d", tc.expr, len(sel), tc.n)
		}
		for _, c := range tc.has {
			if !sel[c] {
				t.Errorf("Select(%q) lacks %s", tc.expr, c)
			}
		}
		for _, c := range tc.lacks {
			if sel[c] {
				t.Errorf("Select(%q) selects %s", tc.expr, c)
			}
		}
	}
}

func TestSelectUnknown(t *testing.T) {
	for expr, want := range map[string]string{
		"all,-shared-feild": `unknown check "shared-feild"; did you mean shared-field?`,
		"all,-unbounded":    `unknown check "unbounded"`,
		"racee":             `did you mean race?`,
		"nothing-like-this": "run `racecheck explain` for the list",
		"all,-zz-*":         `unknown check "zz-*"`,
	} {
		_, err := Select(expr)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Select(%q) = %v, want an error containing %q", expr, err, want)
		}
	}
}
